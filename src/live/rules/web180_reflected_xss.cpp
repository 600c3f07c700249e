// WEB180 reflected-xss: a query parameter is echoed into HTML unescaped.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

constexpr size_t kMaxParameters = 10;

void Check(ScanContext& context, const RuleInfo& info) {
  std::vector<ProbeTarget> targets = ProbeTargets(context, kMaxParameters);
  if (!targets.empty()) context.MarkAssessed(Area::kInjection);
  for (const ProbeTarget& target : targets) {
    // A tag name no page contains, with quotes around it: if `<rmpXXXX>`
    // comes back verbatim in HTML, markup injection works.
    std::string token = "rmp" + RandomToken(8);
    std::string canary = "'\"><" + token + ">";
    Url url = WithQueryParam(target.url, target.parameter, canary);
    HttpResponse response = context.Get(url);
    if (!response.ok() || !response.IsHtml()) continue;
    if (response.body.find("<" + token + ">") == std::string::npos) continue;
    context.Report(info, url, "parameter `" + target.parameter + "` is reflected into html without escaping",
                   Evidence(response, Snippet(response.body, "<" + token + ">")));
  }
}

}  // namespace

const LiveRule& Web180ReflectedXss() {
  static const RuleInfo info{
      .code = "WEB180",
      .name = "reflected-xss",
      .summary = "query parameters are reflected into HTML without escaping",
      .fix_hint = "render through the template engine with autoescaping; never build HTML with f-strings",
      .severity = Severity::kHigh,
      .confidence = Confidence::kHigh,
      .cwe = {79},
      .owasp = "A03:2021-Injection",
      .practice = Practice::kXss,
      .aliases = {"zap:40012"},
      .docs = {
          .what_it_does = "Active check: for up to ten query parameters found by the crawl (links and "
                          "GET forms) sends a unique canary tag `'\"><rmpXXXXXXXX>` and reports "
                          "parameters whose response contains the tag verbatim.",
          .why_bad = "Whoever gets a user to open a crafted link runs script in your origin as that "
                     "user: session theft, actions on their behalf, fake login forms.",
          .example = "@app.get(\"/search\")\ndef search():\n    return f\"<p>results for {request.args['q']}</p>\"",
          .use_instead = "@app.get(\"/search\")\ndef search():\n    return render_template(\"search.html\", q=request.args[\"q\"])",
          .references = "- [OWASP XSS prevention cheat sheet](https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html)",
      }};
  static const LiveRule rule{info, Phase::kActive, Check};
  return rule;
}

}  // namespace rampart::live

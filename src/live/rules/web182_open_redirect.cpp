// WEB182 open-redirect: a `next=`/`url=`-style parameter redirects to any host.
#include <set>

#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

// `.invalid` never resolves (RFC 6761), and the scanner never follows an
// out-of-scope Location, so the probe cannot send anything anywhere.
constexpr char kProbeHost[] = "rampart-redirect-probe.invalid";
constexpr size_t kMaxProbes = 8;

bool IsRedirectParameter(std::string_view name) {
  static constexpr std::string_view kNames[] = {"next", "url", "redirect", "redirect_to", "redirect_uri",
                                                "return", "return_to", "returnto", "continue", "dest",
                                                "destination", "goto", "target", "r", "u"};
  std::string lower = ToLower(name);
  for (std::string_view known : kNames) {
    if (lower == known) return true;
  }
  return false;
}

void Check(ScanContext& context, const RuleInfo& info) {
  std::vector<ProbeTarget> candidates;
  for (const ProbeTarget& target : ProbeTargets(context, 50)) {
    if (IsRedirectParameter(target.parameter)) candidates.push_back(target);
  }
  // Login pages take `next` even when no crawled link shows it.
  for (const FormTarget& form : StateChangingForms(context)) {
    if (form.form.HasPasswordField()) candidates.push_back({form.page, "next"});
  }
  std::set<std::string> seen;
  size_t probes = 0;
  for (const ProbeTarget& target : candidates) {
    if (!seen.insert(target.url.Path() + "?" + target.parameter).second || probes >= kMaxProbes) continue;
    ++probes;
    context.MarkAssessed(Area::kInjection);
    for (std::string value : {std::string("https://") + kProbeHost + "/", std::string("//") + kProbeHost + "/"}) {
      Url url = WithQueryParam(target.url, target.parameter, value);
      HttpResponse response = context.Get(url);
      if (!response.ok() || !response.IsRedirect()) continue;
      std::optional<Url> location = ResolveUrl(url, *response.Header("location"));
      if (!location || location->host != kProbeHost) continue;
      context.Report(info, url, "parameter `" + target.parameter + "` redirects to any host",
                     Evidence(response, HeaderProof(response, "location")));
      break;
    }
  }
}

}  // namespace

const LiveRule& Web182OpenRedirect() {
  static const RuleInfo info{
      .code = "WEB182",
      .name = "open-redirect",
      .summary = "a redirect parameter (next=, url= ...) sends users to any host",
      .fix_hint = "redirect only to relative paths or allow-listed hosts (`url_has_allowed_host_and_scheme`)",
      .severity = Severity::kMedium,
      .confidence = Confidence::kHigh,
      .cwe = {601},
      .owasp = "A01:2021-Broken Access Control",
      .practice = Practice::kInputValidation,
      .aliases = {},
      .docs = {
          .what_it_does = "Active check: sets redirect-like parameters (`next`, `url`, `redirect`, "
                          "`return_to` ... from crawled links, plus `next` on login pages) to "
                          "`https://rampart-redirect-probe.invalid/` and `//rampart-redirect-probe.invalid/` "
                          "and reports a `Location` on that host. The location is never followed.",
          .why_bad = "Phishing links that start with your trusted domain land on the attacker's "
                     "page; OAuth flows leak codes and tokens through open redirects.",
          .example = "return redirect(request.args.get(\"next\", \"/\"))",
          .use_instead = "target = request.args.get(\"next\", \"/\")\n"
                         "if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.host}):\n"
                         "    target = \"/\"\nreturn redirect(target)",
          .references = "- [OWASP unvalidated redirects cheat sheet](https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html)",
      }};
  static const LiveRule rule{info, Phase::kActive, Check};
  return rule;
}

}  // namespace rampart::live

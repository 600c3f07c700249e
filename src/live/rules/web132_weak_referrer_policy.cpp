// WEB132 weak-referrer-policy: no Referrer-Policy, or one that leaks full URLs
// to other sites.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  const Page& home = context.home();
  std::optional<std::string> header = home.response.Header("referrer-policy");
  std::string effective;
  if (header) {
    // A comma-separated list is allowed; the browser uses the last value it
    // understands, so the last token decides.
    std::string value = ToLower(*header);
    size_t comma = value.rfind(',');
    effective = value.substr(comma == std::string::npos ? 0 : comma + 1);
    while (!effective.empty() && effective.front() == ' ') effective.erase(effective.begin());
    while (!effective.empty() && effective.back() == ' ') effective.pop_back();
  }
  if (header && effective != "unsafe-url" && effective != "no-referrer-when-downgrade" && !effective.empty()) return;
  context.Report(info, home.url,
                 header ? "`Referrer-Policy: " + effective + "` sends full urls to other sites"
                        : "response has no `Referrer-Policy` header",
                 Evidence(home.response, HeaderProof(home.response, "referrer-policy")));
}

}  // namespace

const LiveRule& Web132WeakReferrerPolicy() {
  static const RuleInfo info{
      .code = "WEB132",
      .name = "weak-referrer-policy",
      .summary = "no Referrer-Policy, or one that leaks full URLs cross-site",
      .fix_hint = "send `Referrer-Policy: strict-origin-when-cross-origin` (or `same-origin`)",
      .severity = Severity::kLow,
      .confidence = Confidence::kHigh,
      .cwe = {200},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kFrameworkSecurity,
      .aliases = {},
      .docs = {
          .what_it_does = "Checks `Referrer-Policy` on the home page; missing, `unsafe-url` and "
                          "`no-referrer-when-downgrade` are reported.",
          .why_bad = "Full URLs, with password-reset tokens or search terms in them, leak to every "
                     "third-party resource and outbound link through the Referer header.",
          .example = "Referrer-Policy: unsafe-url",
          .use_instead = "Referrer-Policy: strict-origin-when-cross-origin\n\n# Django\n"
                         "SECURE_REFERRER_POLICY = \"same-origin\"",
          .references = "- [MDN: Referrer-Policy](https://developer.mozilla.org/docs/Web/HTTP/Headers/Referrer-Policy)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

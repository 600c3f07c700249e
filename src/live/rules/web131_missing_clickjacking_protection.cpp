// WEB131 missing-clickjacking-protection: the page may be framed by any site.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  const Page& home = context.home();
  if (!home.response.IsHtml()) return;
  std::optional<std::string> frame_options = home.response.Header("x-frame-options");
  if (frame_options && (EqualsIgnoreCase(*frame_options, "deny") || EqualsIgnoreCase(*frame_options, "sameorigin"))) {
    return;
  }
  for (const CspPolicy& policy : CspOf(home.response).enforced) {
    const CspDirective* ancestors = policy.Find("frame-ancestors");
    if (ancestors != nullptr && !HasSource(*ancestors, "*")) return;
  }
  context.Report(info, home.url, "page can be framed: no `X-Frame-Options` and no csp `frame-ancestors`",
                 Evidence(home.response, HeaderProof(home.response, "x-frame-options")));
}

}  // namespace

const LiveRule& Web131MissingClickjackingProtection() {
  static const RuleInfo info{
      .code = "WEB131",
      .name = "missing-clickjacking-protection",
      .summary = "pages can be framed by other sites (no X-Frame-Options or frame-ancestors)",
      .fix_hint = "send `X-Frame-Options: DENY` or CSP `frame-ancestors 'none'`",
      .severity = Severity::kMedium,
      .confidence = Confidence::kHigh,
      .cwe = {1021},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kFrameworkSecurity,
      .aliases = {"zap:10020"},
      .docs = {
          .what_it_does = "Checks that HTML pages send `X-Frame-Options: DENY`/`SAMEORIGIN` or a CSP "
                          "`frame-ancestors` other than `*`.",
          .why_bad = "A page that can be framed can be overlaid with a decoy: the user thinks they "
                     "click the attacker's button and actually clicks yours (clickjacking).",
          .example = "HTTP/1.1 200 OK\nContent-Type: text/html",
          .use_instead = "X-Frame-Options: DENY\n\n# Django: keep XFrameOptionsMiddleware in MIDDLEWARE",
          .references = "- [OWASP clickjacking cheat sheet](https://cheatsheetseries.owasp.org/cheatsheets/Clickjacking_Defense_Cheat_Sheet.html)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

// WEB133 missing-permissions-policy: no Permissions-Policy header.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  const Page& home = context.home();
  if (!home.response.IsHtml()) return;
  if (home.response.Header("permissions-policy")) return;
  context.Report(info, home.url, "response has no `Permissions-Policy` header",
                 Evidence(home.response, HeaderProof(home.response, "permissions-policy")));
}

}  // namespace

const LiveRule& Web133MissingPermissionsPolicy() {
  static const RuleInfo info{
      .code = "WEB133",
      .name = "missing-permissions-policy",
      .summary = "HTML pages do not restrict browser features with Permissions-Policy",
      .fix_hint = "send `Permissions-Policy: camera=(), microphone=(), geolocation=()` for features you do not use",
      .severity = Severity::kLow,
      .confidence = Confidence::kHigh,
      .cwe = {693},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kFrameworkSecurity,
      .aliases = {"zap:10063"},
      .docs = {
          .what_it_does = "Checks that HTML pages send a `Permissions-Policy` header.",
          .why_bad = "Without it, any script that lands in the page (or any frame you embed) may ask "
                     "for camera, microphone, geolocation or payment APIs in your name.",
          .example = "HTTP/1.1 200 OK\nContent-Type: text/html",
          .use_instead = "Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=()",
          .references = "- [MDN: Permissions-Policy](https://developer.mozilla.org/docs/Web/HTTP/Headers/Permissions-Policy)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

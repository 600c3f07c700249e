// WEB130 missing-x-content-type-options: no `X-Content-Type-Options: nosniff`.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  const Page& home = context.home();
  std::optional<std::string> value = home.response.Header("x-content-type-options");
  if (value && EqualsIgnoreCase(*value, "nosniff")) return;
  context.Report(info, home.url,
                 value ? "`X-Content-Type-Options` is `" + *value + "`, not `nosniff`"
                       : "response has no `X-Content-Type-Options: nosniff` header",
                 Evidence(home.response, HeaderProof(home.response, "x-content-type-options")));
}

}  // namespace

const LiveRule& Web130MissingXContentTypeOptions() {
  static const RuleInfo info{
      .code = "WEB130",
      .name = "missing-x-content-type-options",
      .summary = "responses do not send X-Content-Type-Options: nosniff",
      .fix_hint = "send `X-Content-Type-Options: nosniff` (Django: `SECURE_CONTENT_TYPE_NOSNIFF = True`)",
      .severity = Severity::kLow,
      .confidence = Confidence::kHigh,
      .cwe = {693},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kFrameworkSecurity,
      .aliases = {"zap:10021"},
      .docs = {
          .what_it_does = "Checks the home page for `X-Content-Type-Options: nosniff`.",
          .why_bad = "Without it browsers may sniff an uploaded text or image file as HTML or "
                     "script and run it in your origin.",
          .example = "HTTP/1.1 200 OK\nContent-Type: text/html",
          .use_instead = "X-Content-Type-Options: nosniff",
          .references = "- [MDN: X-Content-Type-Options](https://developer.mozilla.org/docs/Web/HTTP/Headers/X-Content-Type-Options)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

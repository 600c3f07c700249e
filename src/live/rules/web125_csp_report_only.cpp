// WEB125 csp-report-only: the only CSP is Content-Security-Policy-Report-Only.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  const Page& home = context.home();
  CspSet csp = CspOf(home.response);
  if (!csp.enforced.empty() || csp.report_only.empty()) return;
  context.Report(info, home.url,
                 "content security policy is only `Content-Security-Policy-Report-Only`, nothing is enforced",
                 Evidence(home.response, HeaderProof(home.response, "content-security-policy-report-only")));
}

}  // namespace

const LiveRule& Web125CspReportOnly() {
  static const RuleInfo info{
      .code = "WEB125",
      .name = "csp-report-only",
      .summary = "the CSP is deployed in report-only mode and enforces nothing",
      .fix_hint = "once reports are clean, send the policy as `Content-Security-Policy`",
      .severity = Severity::kLow,
      .confidence = Confidence::kHigh,
      .cwe = {693},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kXss,
      .aliases = {},
      .docs = {
          .what_it_does = "Reports pages whose only policy is `Content-Security-Policy-Report-Only`.",
          .why_bad = "Report-only mode is a rollout step: violations are reported, but injected "
                     "scripts still run.",
          .example = "Content-Security-Policy-Report-Only: default-src 'self'; report-uri /csp",
          .use_instead = "Content-Security-Policy: default-src 'self'; report-uri /csp",
          .references = "- [MDN: Content-Security-Policy-Report-Only](https://developer.mozilla.org/docs/Web/HTTP/Headers/Content-Security-Policy-Report-Only)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

// WEB122 csp-unsafe-eval: the CSP lets scripts turn strings into code.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  const Page& home = context.home();
  CspSet csp = CspOf(home.response);
  for (const CspPolicy& policy : csp.enforced) {
    const CspDirective* scripts = policy.EffectiveScriptSrc();
    if (scripts == nullptr || !HasSource(*scripts, "'unsafe-eval'")) continue;
    context.Report(info, home.url, "`" + scripts->name + "` allows `'unsafe-eval'`",
                   Evidence(home.response, "content-security-policy: " + csp.enforced_text));
    return;
  }
}

}  // namespace

const LiveRule& Web122CspUnsafeEval() {
  static const RuleInfo info{
      .code = "WEB122",
      .name = "csp-unsafe-eval",
      .summary = "the CSP allows eval() and friends with 'unsafe-eval'",
      .fix_hint = "remove `'unsafe-eval'`; replace `eval`/`new Function` in your scripts",
      .severity = Severity::kMedium,
      .confidence = Confidence::kHigh,
      .cwe = {693, 95},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kXss,
      .aliases = {},
      .docs = {
          .what_it_does = "Reports `'unsafe-eval'` in the directive that governs scripts.",
          .why_bad = "With `eval`, `new Function` and string timers allowed, DOM-based XSS that "
                     "reaches them executes despite the policy; template gadgets in front-end "
                     "libraries turn plain HTML injection into script execution.",
          .example = "Content-Security-Policy: script-src 'self' 'unsafe-eval'",
          .use_instead = "Content-Security-Policy: script-src 'self'",
          .references = "- [MDN: unsafe-eval](https://developer.mozilla.org/docs/Web/HTTP/Headers/Content-Security-Policy/script-src#unsafe_eval_expressions)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

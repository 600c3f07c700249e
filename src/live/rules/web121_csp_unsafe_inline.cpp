// WEB121 csp-unsafe-inline: scripts may run inline, so CSP does not stop XSS.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

bool HasNonceOrHash(const CspDirective& directive) {
  for (const std::string& source : directive.sources) {
    std::string lower = ToLower(source);
    if (lower.starts_with("'nonce-") || lower.starts_with("'sha256-") || lower.starts_with("'sha384-") ||
        lower.starts_with("'sha512-") || lower == "'strict-dynamic'") {
      return true;
    }
  }
  return false;
}

void Check(ScanContext& context, const RuleInfo& info) {
  const Page& home = context.home();
  CspSet csp = CspOf(home.response);
  for (const CspPolicy& policy : csp.enforced) {
    const CspDirective* scripts = policy.EffectiveScriptSrc();
    // With a nonce or hash present, CSP2+ browsers ignore 'unsafe-inline'; it
    // is only there as a fallback for old browsers.
    if (scripts == nullptr || !HasSource(*scripts, "'unsafe-inline'") || HasNonceOrHash(*scripts)) continue;
    context.Report(info, home.url, "`" + scripts->name + "` allows `'unsafe-inline'` scripts",
                   Evidence(home.response, "content-security-policy: " + csp.enforced_text));
    return;
  }
}

}  // namespace

const LiveRule& Web121CspUnsafeInline() {
  static const RuleInfo info{
      .code = "WEB121",
      .name = "csp-unsafe-inline",
      .summary = "the CSP allows inline scripts with 'unsafe-inline'",
      .fix_hint = "replace `'unsafe-inline'` with nonces or hashes for the inline scripts you need",
      .severity = Severity::kMedium,
      .confidence = Confidence::kHigh,
      .cwe = {693, 79},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kXss,
      .aliases = {},
      .docs = {
          .what_it_does = "Reads the directive that governs scripts (`script-src`, else `default-src`) "
                          "and reports `'unsafe-inline'` that no nonce, hash or `'strict-dynamic'` "
                          "neutralises.",
          .why_bad = "Injected markup such as `<img onerror=...>` or `<script>...</script>` is inline "
                     "script; allowing it switches off the protection CSP exists for.",
          .example = "Content-Security-Policy: default-src 'self'; script-src 'self' 'unsafe-inline'",
          .use_instead = "Content-Security-Policy: default-src 'self'; script-src 'self' 'nonce-r4nd0m'",
          .references = "- [CSP Level 3: script-src](https://www.w3.org/TR/CSP3/#directive-script-src)\n"
                        "- [Google CSP Evaluator](https://csp-evaluator.withgoogle.com/)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

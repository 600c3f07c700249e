// WEB123 csp-permissive-source: a CSP directive allows any host (`*`,
// `https:`), plain HTTP sources, or `data:` scripts.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

// Directives that load or run content; report-uri and the like do not.
bool IsFetchDirective(std::string_view name) {
  return name.ends_with("-src") || name == "base-uri" || name == "form-action" || name == "frame-ancestors";
}

bool IsScriptLike(std::string_view name) {
  return name == "default-src" || name == "script-src" || name == "object-src" || name == "script-src-elem" ||
         name == "base-uri";
}

void Check(ScanContext& context, const RuleInfo& info) {
  const Page& home = context.home();
  CspSet csp = CspOf(home.response);
  std::string problems;
  for (const CspPolicy& policy : csp.enforced) {
    for (const CspDirective& directive : policy.directives) {
      if (!IsFetchDirective(directive.name)) continue;
      for (const std::string& source : directive.sources) {
        std::string lower = ToLower(source);
        bool bad = lower == "*" || lower == "http:" || lower.starts_with("http://") ||
                   (IsScriptLike(directive.name) && (lower == "https:" || lower == "data:"));
        if (!bad) continue;
        problems += (problems.empty() ? "" : ", ") + std::string("`") + directive.name + "` allows `" + source + "`";
      }
    }
  }
  if (problems.empty()) return;
  context.Report(info, home.url, "content security policy is permissive: " + problems,
                 Evidence(home.response, "content-security-policy: " + csp.enforced_text));
}

}  // namespace

const LiveRule& Web123CspPermissiveSource() {
  static const RuleInfo info{
      .code = "WEB123",
      .name = "csp-permissive-source",
      .summary = "a CSP directive allows any host, plain-HTTP sources or data: scripts",
      .fix_hint = "list the exact https origins you load from; never `*`, `http:` or `data:` for scripts",
      .severity = Severity::kMedium,
      .confidence = Confidence::kHigh,
      .cwe = {693},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kXss,
      .aliases = {},
      .docs = {
          .what_it_does = "Looks through every fetch directive for `*` and `http:`/`http://` sources, and "
                          "through script-governing directives for `https:` and `data:`.",
          .why_bad = "A wildcard lets an attacker load script from any host they control; `http:` "
                     "sources can be swapped on the network; `data:` URLs are script the attacker "
                     "writes inline.",
          .example = "Content-Security-Policy: default-src *; script-src 'self' http://cdn.example.com data:",
          .use_instead = "Content-Security-Policy: default-src 'self'; script-src 'self' https://cdn.example.com",
          .references = "- [CSP Level 3: source lists](https://www.w3.org/TR/CSP3/#framework-directive-source-list)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

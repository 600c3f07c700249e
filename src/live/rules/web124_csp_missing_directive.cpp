// WEB124 csp-missing-directive: the CSP lacks default-src, object-src,
// base-uri or frame-ancestors (the last two do not fall back to default-src).
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  const Page& home = context.home();
  CspSet csp = CspOf(home.response);
  if (csp.enforced.empty()) return;
  // Several policies are enforced together: a directive present in any one of
  // them restricts the page.
  auto find = [&](std::string_view name) -> const CspDirective* {
    for (const CspPolicy& policy : csp.enforced) {
      if (const CspDirective* directive = policy.Find(name)) return directive;
    }
    return nullptr;
  };
  std::vector<std::string> missing;
  const CspDirective* default_src = find("default-src");
  if (default_src == nullptr) missing.push_back("default-src");
  // object-src falls back to default-src; only 'none' there makes it redundant.
  if (find("object-src") == nullptr && !(default_src != nullptr && HasSource(*default_src, "'none'"))) {
    missing.push_back("object-src");
  }
  if (find("base-uri") == nullptr) missing.push_back("base-uri");
  if (find("frame-ancestors") == nullptr) missing.push_back("frame-ancestors");
  if (missing.empty()) return;
  std::string list;
  for (const std::string& name : missing) list += (list.empty() ? "`" : ", `") + name + "`";
  context.Report(info, home.url, "content security policy lacks " + list,
                 Evidence(home.response, "content-security-policy: " + csp.enforced_text));
}

}  // namespace

const LiveRule& Web124CspMissingDirective() {
  static const RuleInfo info{
      .code = "WEB124",
      .name = "csp-missing-directive",
      .summary = "the CSP lacks default-src, object-src, base-uri or frame-ancestors",
      .fix_hint = "add `default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'`",
      .severity = Severity::kLow,
      .confidence = Confidence::kHigh,
      .cwe = {693},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kXss,
      .aliases = {},
      .docs = {
          .what_it_does = "Checks that the enforced policy restricts the four directives every policy "
                          "needs: `default-src`, `object-src` (unless `default-src 'none'`), "
                          "`base-uri` and `frame-ancestors`.",
          .why_bad = "Without `default-src` anything not listed is allowed; `object-src` stops "
                     "plugin-based script; `base-uri` stops an injected `<base>` from redirecting "
                     "relative script URLs; `frame-ancestors` stops clickjacking. The last two do "
                     "not inherit from `default-src`.",
          .example = "Content-Security-Policy: script-src 'self'",
          .use_instead = "Content-Security-Policy: default-src 'self'; object-src 'none'; base-uri 'self'; "
                         "frame-ancestors 'none'",
          .references = "- [Google CSP Evaluator](https://csp-evaluator.withgoogle.com/)\n"
                        "- [MDN: base-uri](https://developer.mozilla.org/docs/Web/HTTP/Headers/Content-Security-Policy/base-uri)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

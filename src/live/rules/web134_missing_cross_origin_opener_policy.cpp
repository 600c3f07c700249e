// WEB134 missing-cross-origin-opener-policy: windows this page opens (or that
// open it) keep a handle on it.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  const Page& home = context.home();
  if (!home.response.IsHtml()) return;
  std::optional<std::string> value = home.response.Header("cross-origin-opener-policy");
  if (value && !ContainsIgnoreCase(*value, "unsafe-none")) return;
  context.Report(info, home.url,
                 value ? "`Cross-Origin-Opener-Policy: unsafe-none` keeps cross-origin openers"
                       : "response has no `Cross-Origin-Opener-Policy` header",
                 Evidence(home.response, HeaderProof(home.response, "cross-origin-opener-policy")));
}

}  // namespace

const LiveRule& Web134MissingCrossOriginOpenerPolicy() {
  static const RuleInfo info{
      .code = "WEB134",
      .name = "missing-cross-origin-opener-policy",
      .summary = "HTML pages do not isolate their browsing context with Cross-Origin-Opener-Policy",
      .fix_hint = "send `Cross-Origin-Opener-Policy: same-origin` (Django 4+: `SECURE_CROSS_ORIGIN_OPENER_POLICY`)",
      .severity = Severity::kLow,
      .confidence = Confidence::kHigh,
      .cwe = {1021},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kFrameworkSecurity,
      .aliases = {},
      .docs = {
          .what_it_does = "Checks that HTML pages send `Cross-Origin-Opener-Policy` other than `unsafe-none`.",
          .why_bad = "A cross-origin page that opened yours (or that you opened) keeps a `window` "
                     "reference: it can navigate your tab to a phishing copy (tabnabbing) and "
                     "mount XS-Leaks and Spectre-style side channels.",
          .example = "HTTP/1.1 200 OK\nContent-Type: text/html",
          .use_instead = "Cross-Origin-Opener-Policy: same-origin",
          .references = "- [MDN: Cross-Origin-Opener-Policy](https://developer.mozilla.org/docs/Web/HTTP/Headers/Cross-Origin-Opener-Policy)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

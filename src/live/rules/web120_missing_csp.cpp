// WEB120 missing-csp: an HTML page served without any Content-Security-Policy.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  const Page& home = context.home();
  if (!home.response.IsHtml()) return;  // CSP protects documents, not API payloads
  CspSet csp = CspOf(home.response);
  if (!csp.enforced.empty() || !csp.report_only.empty()) return;  // report-only alone is WEB125
  context.Report(info, home.url, "html page has no `Content-Security-Policy` header",
                 Evidence(home.response, HeaderProof(home.response, "content-security-policy")));
}

}  // namespace

const LiveRule& Web120MissingCsp() {
  static const RuleInfo info{
      .code = "WEB120",
      .name = "missing-csp",
      .summary = "HTML pages are served without a Content-Security-Policy",
      .fix_hint = "send a `Content-Security-Policy` starting from `default-src 'self'; object-src 'none'`",
      .severity = Severity::kMedium,
      .confidence = Confidence::kHigh,
      .cwe = {693},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kXss,
      .aliases = {"zap:10038"},
      .docs = {
          .what_it_does = "Checks that the home page (an HTML document) sends `Content-Security-Policy`.",
          .why_bad = "A CSP is the browser-side safety net for XSS: with a strict policy an injected "
                     "`<script>` does not run. Without one, any escaping bug in a template is "
                     "directly exploitable.",
          .example = "HTTP/1.1 200 OK\nContent-Type: text/html",
          .use_instead = "Content-Security-Policy: default-src 'self'; object-src 'none'; base-uri 'self'; "
                         "frame-ancestors 'none'",
          .references = "- [MDN: Content-Security-Policy](https://developer.mozilla.org/docs/Web/HTTP/CSP)\n"
                        "- [django-csp](https://django-csp.readthedocs.io/)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

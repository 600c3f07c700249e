// WEB101 missing-hsts: an HTTPS response without Strict-Transport-Security.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  if (!context.https_response) return;  // no HTTPS at all is WEB110
  const HttpResponse& response = *context.https_response;
  if (response.Header("strict-transport-security")) return;
  context.Report(info, *context.https_url, "https response has no `Strict-Transport-Security` header",
                 Evidence(response, HeaderProof(response, "strict-transport-security")));
}

}  // namespace

const LiveRule& Web101MissingHsts() {
  static const RuleInfo info{
      .code = "WEB101",
      .name = "missing-hsts",
      .summary = "HTTPS responses do not send Strict-Transport-Security",
      .fix_hint = "send `Strict-Transport-Security: max-age=31536000; includeSubDomains`",
      .severity = Severity::kMedium,
      .confidence = Confidence::kHigh,
      .cwe = {319},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kHttps,
      .aliases = {"zap:10035"},
      .docs = {
          .what_it_does = "Checks that the HTTPS home page sends a `Strict-Transport-Security` header.",
          .why_bad = "Without HSTS a browser still tries `http://` first whenever a user types the "
                     "host name or follows an old link; an attacker on the network can answer that "
                     "plain request and keep the user on HTTP (SSL stripping).",
          .example = "HTTP/1.1 200 OK\nContent-Type: text/html",
          .use_instead = "HTTP/1.1 200 OK\nStrict-Transport-Security: max-age=31536000; includeSubDomains\n\n"
                         "# Django\nSECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True",
          .references = "- [RFC 6797](https://www.rfc-editor.org/rfc/rfc6797)\n"
                        "- [MDN: Strict-Transport-Security](https://developer.mozilla.org/docs/Web/HTTP/Headers/Strict-Transport-Security)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

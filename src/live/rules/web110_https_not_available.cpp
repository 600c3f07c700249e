// WEB110 https-not-available: the app does not answer over HTTPS at all.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  if (context.https_response) return;
  int port = context.options().https_port != 0 ? context.options().https_port : 443;
  Url twin = context.start.Twin(port);
  context.Report(info, context.start, "the app does not answer over https (`" + twin.Origin() + "`)",
                 "GET " + twin.ToString() + " -> " + context.https_error);
}

}  // namespace

const LiveRule& Web110HttpsNotAvailable() {
  static const RuleInfo info{
      .code = "WEB110",
      .name = "https-not-available",
      .summary = "the app is served over plain HTTP only",
      .fix_hint = "terminate TLS in front of the app (nginx, a load balancer) and redirect HTTP to HTTPS",
      .severity = Severity::kHigh,
      .confidence = Confidence::kHigh,
      .cwe = {319},
      .owasp = "A02:2021-Cryptographic Failures",
      .practice = Practice::kHttps,
      .aliases = {},
      .docs = {
          .what_it_does = "Tries the HTTPS twin of the named origin (same host, `--https-port` or 443) "
                          "and reports when nothing answers there.",
          .why_bad = "Everything sent over plain HTTP, session cookies and passwords included, can be "
                     "read and changed by anyone on the network path.",
          .example = "$ curl -I https://app.example.com/\ncurl: (7) Failed to connect: Connection refused",
          .use_instead = "server {\n    listen 443 ssl;\n    ssl_certificate     /etc/ssl/app.pem;\n"
                         "    ssl_certificate_key /etc/ssl/app.key;\n    location / { proxy_pass http://127.0.0.1:8000; }\n}",
          .references = "- [Mozilla web security guidelines: HTTPS](https://infosec.mozilla.org/guidelines/web_security#https)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

// WEB136 cors-reflects-origin-with-credentials: any Origin is echoed back in
// Access-Control-Allow-Origin together with Allow-Credentials: true.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

constexpr char kProbeOrigin[] = "https://rampart-cors-probe.invalid";

void Check(ScanContext& context, const RuleInfo& info) {
  // One read-only GET of the home page with a foreign Origin; `.invalid` can
  // never resolve, so a match proves reflection, not an allow-list.
  HttpRequest request = GetRequest(context.home().url);
  request.headers.emplace_back("Origin", kProbeOrigin);
  HttpResponse response = context.Fetch(request);
  if (!response.ok()) return;
  std::optional<std::string> allow_origin = response.Header("access-control-allow-origin");
  std::optional<std::string> credentials = response.Header("access-control-allow-credentials");
  if (!allow_origin || *allow_origin != kProbeOrigin) return;
  if (!credentials || !EqualsIgnoreCase(*credentials, "true")) return;
  std::string evidence = Evidence(response, "origin: " + std::string(kProbeOrigin) + "\n" +
                                                HeaderProof(response, "access-control-allow-origin") + "\n" +
                                                HeaderProof(response, "access-control-allow-credentials"));
  context.Report(info, context.home().url, "cors reflects any `Origin` and allows credentials", evidence);
}

}  // namespace

const LiveRule& Web136CorsReflectsOriginWithCredentials() {
  static const RuleInfo info{
      .code = "WEB136",
      .name = "cors-reflects-origin-with-credentials",
      .summary = "CORS echoes any Origin and allows credentials",
      .fix_hint = "allow-list the exact origins that need credentialed access (django-cors-headers `CORS_ALLOWED_ORIGINS`)",
      .severity = Severity::kHigh,
      .confidence = Confidence::kHigh,
      .cwe = {942},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kFrameworkSecurity,
      .aliases = {},
      .docs = {
          .what_it_does = "Sends one GET with `Origin: https://rampart-cors-probe.invalid` and reports a "
                          "response that echoes it in `Access-Control-Allow-Origin` with "
                          "`Access-Control-Allow-Credentials: true`.",
          .why_bad = "Any website the user visits can then read authenticated responses from your "
                     "app with the user's cookies: account data, CSRF tokens, API keys.",
          .example = "Access-Control-Allow-Origin: https://evil.example\nAccess-Control-Allow-Credentials: true",
          .use_instead = "Access-Control-Allow-Origin: https://app.example.com\nVary: Origin",
          .references = "- [PortSwigger: CORS vulnerabilities](https://portswigger.net/web-security/cors)\n"
                        "- [CWE-942](https://cwe.mitre.org/data/definitions/942.html)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

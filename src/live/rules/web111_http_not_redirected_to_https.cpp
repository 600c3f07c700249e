// WEB111 http-not-redirected-to-https: plain HTTP answers without sending the
// user to HTTPS on the same host.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  // Needs both sides: without HTTPS there is nowhere to redirect (WEB110), and
  // a closed port 80 is fine.
  if (!context.http_response || !context.https_response) return;
  const HttpResponse& response = *context.http_response;
  const Url& url = *context.http_url;
  if (!response.IsRedirect()) {
    context.Report(info, url,
                   "plain http answers `" + std::to_string(response.status) + "` instead of redirecting to https",
                   Evidence(response, HeaderProof(response, "location")));
    return;
  }
  std::string location = *response.Header("location");
  std::optional<Url> next = ResolveUrl(url, location);
  if (next && next->https() && next->host == url.host) return;
  context.Report(info, url, "plain http redirects to `" + location + "`, not to https on the same host",
                 Evidence(response, HeaderProof(response, "location")));
}

}  // namespace

const LiveRule& Web111HttpNotRedirectedToHttps() {
  static const RuleInfo info{
      .code = "WEB111",
      .name = "http-not-redirected-to-https",
      .summary = "plain HTTP does not redirect to HTTPS on the same host",
      .fix_hint = "answer every plain HTTP request with a 301 to the same path on `https://` and the same host",
      .severity = Severity::kMedium,
      .confidence = Confidence::kHigh,
      .cwe = {319},
      .owasp = "A02:2021-Cryptographic Failures",
      .practice = Practice::kHttps,
      .aliases = {},
      .docs = {
          .what_it_does = "Requests the plain-HTTP twin of the origin and checks that its first answer "
                          "is a redirect to `https://` on the same host.",
          .why_bad = "When HTTP serves pages, users who type the bare host name stay on an "
                     "unencrypted connection. Redirecting elsewhere first (another host, or HTTP "
                     "again) also breaks HSTS preload eligibility.",
          .example = "GET http://app.example.com/ -> 200 OK",
          .use_instead = "GET http://app.example.com/ -> 301 Moved Permanently\n"
                         "Location: https://app.example.com/\n\n# Django\nSECURE_SSL_REDIRECT = True",
          .references = "- [hstspreload.org requirements](https://hstspreload.org/)\n"
                        "- [Django SECURE_SSL_REDIRECT](https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

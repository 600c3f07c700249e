// WEB113 untrusted-certificate: the certificate chain does not verify
// (self-signed, unknown CA, broken chain).
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  if (!context.tls || !context.tls->reachable || context.tls->trusted) return;
  const TlsReport& tls = *context.tls;
  // An expired but otherwise valid chain is WEB114's finding alone.
  if (tls.seconds_to_expiry < 0 && tls.verify_error == "certificate has expired") return;
  std::string message = tls.self_signed ? "certificate is self-signed and not trusted"
                                        : "certificate is not trusted: " + tls.verify_error;
  context.Report(info, *context.https_url, message,
                 "TLS handshake " + context.https_url->host + ":" + std::to_string(context.https_url->port) +
                     "\nsubject: " + tls.subject + "\nissuer: " + tls.issuer + "\nverify: " + tls.verify_error);
}

}  // namespace

const LiveRule& Web113UntrustedCertificate() {
  static const RuleInfo info{
      .code = "WEB113",
      .name = "untrusted-certificate",
      .summary = "the TLS certificate does not verify (self-signed or unknown issuer)",
      .fix_hint = "serve a certificate from a public CA (e.g. Let's Encrypt) with its full chain",
      .severity = Severity::kHigh,
      .confidence = Confidence::kHigh,
      .cwe = {295},
      .owasp = "A02:2021-Cryptographic Failures",
      .practice = Practice::kHttps,
      .aliases = {},
      .docs = {
          .what_it_does = "Verifies the server's certificate chain against the system trust store plus "
                          "any `--cacert` bundle and reports self-signed and unverifiable certificates.",
          .why_bad = "Browsers warn on such certificates and users learn to click through the "
                     "warning, which is exactly what a man-in-the-middle needs. API clients either "
                     "fail or get `verify=False` added.",
          .example = "openssl req -x509 -newkey rsa:2048 -days 365 -subj /CN=app.example.com ...",
          .use_instead = "certbot certonly --nginx -d app.example.com\n"
                         "ssl_certificate /etc/letsencrypt/live/app.example.com/fullchain.pem;",
          .references = "- [Let's Encrypt](https://letsencrypt.org/getting-started/)\n"
                        "- [CWE-295](https://cwe.mitre.org/data/definitions/295.html)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

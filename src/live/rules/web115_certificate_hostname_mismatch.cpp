// WEB115 certificate-hostname-mismatch: the certificate does not name the host.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  if (!context.tls || !context.tls->reachable || context.tls->subject.empty()) return;
  if (context.tls->hostname_matches) return;
  context.Report(info, *context.https_url,
                 "certificate does not cover host `" + context.https_url->host + "`",
                 "TLS handshake " + context.https_url->host + ":" + std::to_string(context.https_url->port) +
                     "\nsubject: " + context.tls->subject);
}

}  // namespace

const LiveRule& Web115CertificateHostnameMismatch() {
  static const RuleInfo info{
      .code = "WEB115",
      .name = "certificate-hostname-mismatch",
      .summary = "the TLS certificate is issued for a different host name",
      .fix_hint = "issue the certificate with the served host name in subjectAltName",
      .severity = Severity::kHigh,
      .confidence = Confidence::kHigh,
      .cwe = {297},
      .owasp = "A02:2021-Cryptographic Failures",
      .practice = Practice::kHttps,
      .aliases = {},
      .docs = {
          .what_it_does = "Checks the certificate's subjectAltName (DNS names or IP addresses) against "
                          "the scanned host, with the same matching rules browsers use.",
          .why_bad = "A certificate for another name is as good as none: browsers refuse it, and a "
                     "client that accepts it would accept an attacker's certificate for any name.",
          .example = "subjectAltName = DNS:staging.example.com   (served as app.example.com)",
          .use_instead = "subjectAltName = DNS:app.example.com, DNS:www.example.com",
          .references = "- [RFC 6125](https://www.rfc-editor.org/rfc/rfc6125)\n"
                        "- [CWE-297](https://cwe.mitre.org/data/definitions/297.html)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

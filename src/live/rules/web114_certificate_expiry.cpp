// WEB114 certificate-expiry: the certificate has expired, is not valid yet, or
// expires within 30 days.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

constexpr long long kWarnSeconds = 30LL * 86400;

void Check(ScanContext& context, const RuleInfo& info) {
  if (!context.tls || !context.tls->reachable || context.tls->subject.empty()) return;
  const TlsReport& tls = *context.tls;
  std::string evidence = "TLS handshake " + context.https_url->host + ":" +
                         std::to_string(context.https_url->port) + "\nsubject: " + tls.subject;
  long long days = tls.seconds_to_expiry / 86400;
  if (tls.seconds_to_expiry < 0) {
    context.Report(info, *context.https_url, "certificate expired " + std::to_string(-days) + " days ago",
                   evidence, Severity::kHigh);
  } else if (tls.not_yet_valid) {
    context.Report(info, *context.https_url, "certificate is not valid yet", evidence, Severity::kHigh);
  } else if (tls.seconds_to_expiry < kWarnSeconds) {
    context.Report(info, *context.https_url,
                   "certificate expires in " + std::to_string(days) + " days (less than 30)", evidence);
  }
}

}  // namespace

const LiveRule& Web114CertificateExpiry() {
  static const RuleInfo info{
      .code = "WEB114",
      .name = "certificate-expiry",
      .summary = "the TLS certificate has expired or expires within 30 days",
      .fix_hint = "renew the certificate and automate renewal (certbot renew timer)",
      .severity = Severity::kMedium,
      .confidence = Confidence::kHigh,
      .cwe = {298},
      .owasp = "A02:2021-Cryptographic Failures",
      .practice = Practice::kHttps,
      .aliases = {},
      .docs = {
          .what_it_does = "Reads the certificate's validity period: expired or not yet valid is high "
                          "severity, fewer than 30 days left is medium.",
          .why_bad = "An expired certificate takes the site down for every browser and API client, "
                     "and trains users to ignore certificate warnings. Thirty days is the usual "
                     "renewal window of automated CAs; still being inside it means renewal failed.",
          .example = "notAfter=Dec 20 12:00:00 2026 GMT   (14 days left)",
          .use_instead = "systemctl enable --now certbot.timer   # renews at 30 days left",
          .references = "- [CWE-298](https://cwe.mitre.org/data/definitions/298.html)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

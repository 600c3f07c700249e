// WEB112 legacy-tls-protocol: the server still completes TLS 1.0 or 1.1.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  if (!context.tls || !context.tls->reachable || context.tls->legacy_protocols.empty()) return;
  std::string list;
  for (const std::string& protocol : context.tls->legacy_protocols) {
    list += (list.empty() ? "`" : ", `") + protocol + "`";
  }
  context.Report(info, *context.https_url, "server accepts " + list + " (below TLS 1.2)",
                 "TLS handshake " + context.https_url->host + ":" + std::to_string(context.https_url->port) +
                     " with min=max=" + context.tls->legacy_protocols.front() + " -> accepted");
}

}  // namespace

const LiveRule& Web112LegacyTlsProtocol() {
  static const RuleInfo info{
      .code = "WEB112",
      .name = "legacy-tls-protocol",
      .summary = "the server accepts TLS versions below 1.2",
      .fix_hint = "allow only TLS 1.2 and 1.3 (`ssl_protocols TLSv1.2 TLSv1.3;`)",
      .severity = Severity::kMedium,
      .confidence = Confidence::kHigh,
      .cwe = {327},
      .owasp = "A02:2021-Cryptographic Failures",
      .practice = Practice::kHttps,
      .aliases = {},
      .docs = {
          .what_it_does = "Opens one TLS handshake pinned to TLS 1.0 and one pinned to TLS 1.1 against "
                          "the HTTPS origin and reports the versions the server accepts.",
          .why_bad = "TLS 1.0 and 1.1 were deprecated by RFC 8996: they rely on SHA-1 and CBC "
                     "constructions with known attacks (BEAST, Lucky13) and fail PCI DSS.",
          .example = "ssl_protocols TLSv1 TLSv1.1 TLSv1.2;",
          .use_instead = "ssl_protocols TLSv1.2 TLSv1.3;",
          .references = "- [RFC 8996](https://www.rfc-editor.org/rfc/rfc8996)\n"
                        "- [Mozilla SSL configuration generator](https://ssl-config.mozilla.org/)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

// WEB116 weak-cipher-suite: the server negotiates a suite without real
// encryption or authentication (NULL, anonymous, export, RC4, DES/3DES, MD5).
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  if (!context.tls || !context.tls->reachable || context.tls->weak_cipher.empty()) return;
  context.Report(info, *context.https_url, "server accepts weak cipher suite `" + context.tls->weak_cipher + "`",
                 "TLS handshake " + context.https_url->host + ":" + std::to_string(context.https_url->port) +
                     " offering only weak suites -> " + context.tls->weak_cipher);
}

}  // namespace

const LiveRule& Web116WeakCipherSuite() {
  static const RuleInfo info{
      .code = "WEB116",
      .name = "weak-cipher-suite",
      .summary = "the server accepts NULL, anonymous, export, RC4, DES or 3DES cipher suites",
      .fix_hint = "use the Mozilla \"intermediate\" cipher list",
      .severity = Severity::kMedium,
      .confidence = Confidence::kHigh,
      .cwe = {327},
      .owasp = "A02:2021-Cryptographic Failures",
      .practice = Practice::kHttps,
      .aliases = {},
      .docs = {
          .what_it_does = "Offers the server only weak TLS 1.2 cipher suites (`eNULL`, `aNULL`, `EXPORT`, "
                          "`LOW`, `RC4`, `DES`, `3DES`, `MD5`) and reports the suite it agrees to.",
          .why_bad = "These suites send data unencrypted, skip server authentication or use ciphers "
                     "broken in practice (RC4 biases, Sweet32 on 64-bit blocks).",
          .example = "ssl_ciphers ALL:@SECLEVEL=0;",
          .use_instead = "ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                         "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;",
          .references = "- [Mozilla SSL configuration generator](https://ssl-config.mozilla.org/)\n"
                        "- [RFC 7465: prohibiting RC4](https://www.rfc-editor.org/rfc/rfc7465)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

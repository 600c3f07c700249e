// PY503 ssl-with-bad-defaults (bandit B503, ruff S503).
#include "rules/crypto/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY503",
    .name = "ssl-with-bad-defaults",
    .summary = "a function parameter defaults to a broken SSL/TLS protocol version",
    .fix_hint = "default to `ssl.PROTOCOL_TLS_CLIENT` (or `None` and build a default context)",
    .severity = Severity::kMedium,
    .confidence = Confidence::kMedium,
    .cwe = {327},
    .owasp = "A02:2021-Cryptographic Failures",
    .practice = Practice::kHttps,
    .aliases = {"bandit:B503", "ruff:S503"},
    .docs =
        {
            .what_it_does =
                "Finds function and lambda parameters whose default value is a broken protocol "
                "constant (`ssl.PROTOCOL_SSLv2`, `PROTOCOL_SSLv3`, `PROTOCOL_TLSv1`, "
                "`PROTOCOL_TLSv1_1`, pyOpenSSL's `SSLv2_METHOD`, `SSLv3_METHOD`, "
                "`SSLv23_METHOD`, `TLSv1_METHOD`, `TLSv1_1_METHOD`), positional or keyword-only.\n\n"
                "Differences from Bandit: the constant is resolved through imports, so a local "
                "name that merely ends in `TLSv1_METHOD` does not fire, and keyword-only "
                "defaults are checked too.",
            .why_bad =
                "Every caller that does not pass the argument silently gets a connection that "
                "can be downgraded or decrypted (POODLE, BEAST; RFC 8996 deprecates TLS 1.0 "
                "and 1.1). Defaults are rarely revisited once a helper is in use.",
            .example = "import ssl\n"
                       "\n"
                       "def open_tls(sock, version=ssl.PROTOCOL_TLSv1):\n"
                       "    return ssl.SSLContext(version).wrap_socket(sock)\n",
            .use_instead = "import ssl\n"
                           "\n"
                           "def open_tls(sock, version=ssl.PROTOCOL_TLS_CLIENT):\n"
                           "    return ssl.SSLContext(version).wrap_socket(sock)\n",
            .references =
                "- [Python docs: `ssl` protocol versions](https://docs.python.org/3/library/ssl.html#protocol-versions)\n"
                "- [Bandit B503](https://bandit.readthedocs.io/en/latest/plugins/b503_ssl_with_bad_defaults.html)\n"
                "- [CWE-327: Use of a Broken or Risky Cryptographic Algorithm](https://cwe.mitre.org/data/definitions/327.html)",
        },
};

void CheckDefault(const python::ExprNode* value, RuleContext& context) {
  if (value == nullptr) return;  // a keyword-only parameter without a default
  std::optional<std::string> name = context.model().QualifiedName(value);
  if (!name || !rules::crypto::IsBadProtocolName(*name)) return;
  context.Report(value, "parameter default `" + std::string(rules::crypto::LastComponent(*name)) +
                            "` selects a broken or deprecated SSL/TLS version");
}

void Check(const python::Node& node, RuleContext& context) {
  const python::Arguments* arguments = nullptr;
  if (const auto* def = node.As<python::FunctionDef>()) arguments = def->args;
  if (const auto* def = node.As<python::AsyncFunctionDef>()) arguments = def->args;
  if (const auto* lambda = node.As<python::Lambda>()) arguments = lambda->args;
  if (arguments == nullptr) return;
  for (const python::ExprNode* value : arguments->defaults) CheckDefault(value, context);
  for (const python::ExprNode* value : arguments->kw_defaults) CheckDefault(value, context);
}

}  // namespace

const Rule& SslWithBadDefaults() {
  static const Rule rule{.info = kInfo,
                         .node_kinds = {python::NodeKind::kFunctionDef, python::NodeKind::kAsyncFunctionDef,
                                        python::NodeKind::kLambda},
                         .check = Check};
  return rule;
}

}  // namespace rampart::rules

// PY502 ssl-with-bad-version (bandit B502, ruff S502).
#include "rules/crypto/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY502",
    .name = "ssl-with-bad-version",
    .summary = "a TLS connection or context is created with SSLv2, SSLv3, TLS 1.0 or TLS 1.1",
    .fix_hint = "use `ssl.create_default_context()` (TLS 1.2+) or `ssl.PROTOCOL_TLS_CLIENT` / `PROTOCOL_TLS_SERVER`",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {327},
    .owasp = "A02:2021-Cryptographic Failures",
    .practice = Practice::kHttps,
    .aliases = {"bandit:B502", "ruff:S502"},
    .docs =
        {
            .what_it_does =
                "Finds `ssl.wrap_socket(ssl_version=...)`, `ssl.SSLContext(...)` and pyOpenSSL "
                "`OpenSSL.SSL.Context(...)` given a broken protocol constant "
                "(`PROTOCOL_SSLv2`, `PROTOCOL_SSLv3`, `PROTOCOL_TLSv1`, `PROTOCOL_TLSv1_1`, "
                "`SSLv2_METHOD`, `SSLv3_METHOD`, `SSLv23_METHOD`, `TLSv1_METHOD`, "
                "`TLSv1_1_METHOD`), any other call passing one as `ssl_version=` or `method=` "
                "(medium confidence), and `context.minimum_version = ssl.TLSVersion.TLSv1` "
                "(or `SSLv3`, `TLSv1_1`).\n\n"
                "Differences from Bandit: rampart resolves the constant through imports and "
                "local aliases (`from ssl import PROTOCOL_TLSv1`, `v = ssl.PROTOCOL_SSLv3`) "
                "rather than matching its last name, and also checks the positional protocol "
                "of `ssl.SSLContext` / `OpenSSL.SSL.Context` and `minimum_version` assignments, "
                "which Bandit does not.",
            .why_bad =
                "SSLv2 and SSLv3 are broken (DROWN, POODLE); TLS 1.0 and 1.1 are deprecated by "
                "RFC 8996 and lack modern cipher suites. A connection pinned to them can be "
                "downgraded or decrypted by an attacker on the network path.",
            .example = "import ssl\n"
                       "\n"
                       "context = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\n",
            .use_instead = "import ssl\n"
                           "\n"
                           "context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\n"
                           "context.minimum_version = ssl.TLSVersion.TLSv1_2\n",
            .references =
                "- [Python docs: `ssl` security considerations](https://docs.python.org/3/library/ssl.html#ssl-security)\n"
                "- [RFC 8996: Deprecating TLS 1.0 and TLS 1.1](https://www.rfc-editor.org/rfc/rfc8996)\n"
                "- [Bandit B502](https://bandit.readthedocs.io/en/latest/plugins/b502_ssl_with_bad_version.html)\n"
                "- [CWE-327: Use of a Broken or Risky Cryptographic Algorithm](https://cwe.mitre.org/data/definitions/327.html)",
        },
};

// The protocol argument of the calls whose signature rampart knows.
struct ProtocolParameter {
  std::string_view callee;
  int position;
  std::string_view keyword;
};
constexpr ProtocolParameter kKnownCalls[] = {
    {"ssl.wrap_socket", 5, "ssl_version"},
    {"ssl.SSLContext", 0, "protocol"},
    {"OpenSSL.SSL.Context", 0, "method"},
};

// Reports `argument` when it names a bad protocol; returns whether it did.
// `callee` is "" when the called function is not known.
bool ReportIfBad(const python::ExprNode* argument, std::string_view callee, const ReportOptions& options,
                 RuleContext& context) {
  std::optional<std::string> name = rules::crypto::QualifiedValueName(context.model(), argument);
  if (!name || !rules::crypto::IsBadProtocolName(*name)) return false;
  std::string constant(rules::crypto::LastComponent(*name));
  std::string subject = callee.empty() ? "`" + constant + "`" : "`" + std::string(callee) + "` is given `" + constant + "`, which";
  context.Report(argument, subject + " selects a broken or deprecated SSL/TLS version", options);
  return true;
}

void CheckCall(const python::Call* call, RuleContext& context) {
  std::optional<std::string> callee = context.model().CalleeName(call);
  std::string callee_text = callee.value_or("");
  for (const ProtocolParameter& known : kKnownCalls) {
    if (callee && *callee == known.callee) {
      ReportIfBad(sema::Argument(call, known.position, known.keyword), known.callee, {}, context);
      return;
    }
  }
  // Any other API that takes a protocol by the conventional keyword names
  // (urllib3, ftplib wrappers, homegrown helpers): likely, but not certain, to
  // use it for the connection.
  ReportOptions options;
  options.severity = Severity::kMedium;
  options.confidence = Confidence::kMedium;
  for (std::string_view keyword : {"ssl_version", "method"}) {
    const python::Keyword* found = sema::FindKeyword(call, keyword);
    if (found != nullptr && ReportIfBad(found->value, callee_text, options, context)) return;
  }
}

void CheckAssign(const python::Assign* assign, RuleContext& context) {
  if (assign->targets.size() != 1) return;
  const auto* attribute = assign->targets[0]->As<python::Attribute>();
  if (attribute == nullptr || attribute->attr->text != "minimum_version") return;
  std::optional<std::string> name = rules::crypto::QualifiedValueName(context.model(), assign->value);
  if (!name || !name->starts_with("ssl.TLSVersion.") || !rules::crypto::IsBadProtocolName(*name)) return;
  context.Report(assign->value, "`minimum_version` allows `" + std::string(rules::crypto::LastComponent(*name)) +
                                    "`, a broken or deprecated SSL/TLS version");
}

void Check(const python::Node& node, RuleContext& context) {
  if (const auto* call = node.As<python::Call>()) return CheckCall(call, context);
  if (const auto* assign = node.As<python::Assign>()) return CheckAssign(assign, context);
}

}  // namespace

const Rule& SslWithBadVersion() {
  static const Rule rule{.info = kInfo,
                         .node_kinds = {python::NodeKind::kCall, python::NodeKind::kAssign},
                         .check = Check};
  return rule;
}

}  // namespace rampart::rules

// PY509 snmp-weak-cryptography (bandit B509, ruff S509).
#include "rules/crypto/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY509",
    .name = "snmp-weak-cryptography",
    .summary = "`UsmUserData` sets up SNMPv3 without encryption (no privacy key) or with DES",
    .fix_hint = "pass an authentication and a privacy key: `UsmUserData(user, auth_key, priv_key, privProtocol=usmAesCfb128Protocol)`",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {319},
    .owasp = "A02:2021-Cryptographic Failures",
    .practice = Practice::kHttps,
    .aliases = {"bandit:B509", "ruff:S509"},
    .docs =
        {
            .what_it_does =
                "Finds pysnmp `UsmUserData(...)` calls that give no privacy key (the third "
                "positional argument or `privKey=`), which means `noAuthNoPriv` or "
                "`authNoPriv`, and those that choose DES (`privProtocol=usmDESPrivProtocol`).\n\n"
                "Differences from Bandit: Bandit counts positional arguments and so reports "
                "`UsmUserData(\"u\", authKey=a, privKey=p)`, which is encrypted; rampart "
                "looks at keywords too, and additionally reports the DES privacy protocol. "
                "Calls that forward `**kwargs` are not reported.",
            .why_bad =
                "Without a privacy key SNMPv3 sends every request and response unencrypted "
                "(device configuration, routing tables, sometimes credentials); without an "
                "authentication key anyone can send commands. Single DES (56-bit) can be "
                "brute-forced.",
            .example = "from pysnmp.hlapi import UsmUserData\n"
                       "\n"
                       "auth = UsmUserData(\"monitor\", AUTH_KEY)\n",
            .use_instead = "from pysnmp.hlapi import UsmUserData, usmAesCfb128Protocol\n"
                           "\n"
                           "auth = UsmUserData(\"monitor\", AUTH_KEY, PRIV_KEY, privProtocol=usmAesCfb128Protocol)\n",
            .references =
                "- [pysnmp: `UsmUserData`](https://pysnmp.readthedocs.io/en/latest/docs/api-reference.html#security-parameters)\n"
                "- [RFC 3414: User-based Security Model for SNMPv3](https://www.rfc-editor.org/rfc/rfc3414)\n"
                "- [Bandit B509](https://bandit.readthedocs.io/en/latest/plugins/b509_snmp_weak_cryptography.html)\n"
                "- [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)",
        },
};

// A key argument is given when present and not the constant `None` (pysnmp's
// default, meaning "no key").
bool HasKey(const sema::ModuleModel& model, const python::ExprNode* key) {
  if (key == nullptr) return false;
  std::optional<sema::Value> value = model.ConstantValue(key);
  return !(value && value->IsNone());
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<std::string> callee = context.model().CalleeName(call);
  if (!callee || !callee->starts_with("pysnmp.") || rules::crypto::LastComponent(*callee) != "UsmUserData") return;
  if (!HasKey(context.model(), sema::Argument(call, 2, "privKey"))) {
    if (sema::HasStarArguments(call)) return;  // the keys may be passed through
    bool auth = HasKey(context.model(), sema::Argument(call, 1, "authKey"));
    std::string level = auth ? "authNoPriv" : "noAuthNoPriv";
    context.Report(call->func, "`UsmUserData` without a privacy key (" + level +
                                   ") sends SNMP traffic unencrypted");
    return;
  }
  const python::ExprNode* protocol = sema::Argument(call, 4, "privProtocol");
  if (protocol == nullptr) return;
  std::optional<std::string> name = context.model().QualifiedName(protocol);
  if (!name || !name->starts_with("pysnmp.") || rules::crypto::LastComponent(*name) != "usmDESPrivProtocol") return;
  context.Report(protocol, "`usmDESPrivProtocol` encrypts SNMP traffic with single DES, which can be brute-forced");
}

}  // namespace

const Rule& SnmpWeakCryptography() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

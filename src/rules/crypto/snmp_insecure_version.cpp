// PY508 snmp-insecure-version (bandit B508, ruff S508).
#include "rules/crypto/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY508",
    .name = "snmp-insecure-version",
    .summary = "`CommunityData` selects SNMP version 1 or 2c, which send the community string in clear text",
    .fix_hint = "use SNMPv3 with `UsmUserData(user, auth_key, priv_key, ...)`",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {319},
    .owasp = "A02:2021-Cryptographic Failures",
    .practice = Practice::kHttps,
    .aliases = {"bandit:B508", "ruff:S508"},
    .docs =
        {
            .what_it_does =
                "Finds pysnmp `CommunityData(...)` calls (`pysnmp.hlapi`, "
                "`pysnmp.hlapi.asyncio`, `pysnmp.hlapi.v3arch` ...). `mpModel=0` is SNMPv1 "
                "and `mpModel=1`, the default, is SNMPv2c.\n\n"
                "Differences from Bandit: Bandit only reports an explicit `mpModel=0` or "
                "`mpModel=1`; rampart also reports `CommunityData` without `mpModel`, because "
                "the default is SNMPv2c, which is just as insecure.",
            .why_bad =
                "SNMPv1 and v2c authenticate with a community string sent in clear text and "
                "do not encrypt anything: anyone on the path can read the string and then "
                "read (or, with a write community, change) the device configuration.",
            .example = "from pysnmp.hlapi import CommunityData\n"
                       "\n"
                       "auth = CommunityData(\"public\", mpModel=0)\n",
            .use_instead = "from pysnmp.hlapi import UsmUserData, usmAesCfb128Protocol, usmHMACSHAAuthProtocol\n"
                           "\n"
                           "auth = UsmUserData(\"monitor\", AUTH_KEY, PRIV_KEY,\n"
                           "                   authProtocol=usmHMACSHAAuthProtocol, privProtocol=usmAesCfb128Protocol)\n",
            .references =
                "- [pysnmp: security parameters](https://pysnmp.readthedocs.io/en/latest/docs/api-reference.html#security-parameters)\n"
                "- [Bandit B508](https://bandit.readthedocs.io/en/latest/plugins/b508_snmp_insecure_version.html)\n"
                "- [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)",
        },
};

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<std::string> callee = context.model().CalleeName(call);
  if (!callee || !callee->starts_with("pysnmp.") || rules::crypto::LastComponent(*callee) != "CommunityData") return;
  const python::ExprNode* model = sema::Argument(call, 2, "mpModel");
  if (model == nullptr) {
    if (sema::HasStarArguments(call)) return;  // `mpModel` may be passed through
    context.Report(call->func, "`CommunityData` without `mpModel` uses SNMPv2c, which sends the community string in clear text");
    return;
  }
  std::optional<sema::Value> value = context.model().ConstantValue(model);
  if (!value || value->kind != sema::Value::Kind::kInt || !value->int_fits) return;
  if (value->int_value != 0 && value->int_value != 1) return;
  std::string version = value->int_value == 0 ? "SNMPv1" : "SNMPv2c";
  context.Report(model, "`mpModel=" + std::to_string(value->int_value) + "` selects " + version +
                            ", which sends the community string in clear text");
}

}  // namespace

const Rule& SnmpInsecureVersion() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

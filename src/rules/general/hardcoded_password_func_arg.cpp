// PY106 hardcoded-password-func-arg (bandit B106, ruff S106).
#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY106",
    .name = "hardcoded-password-func-arg",
    .summary = "a password or token is passed to a call as a string literal",
    .fix_hint = "read the secret from the environment or a secrets manager (`os.environ[\"DB_PASSWORD\"]`)",
    .severity = Severity::kLow,
    .confidence = Confidence::kMedium,
    .cwe = {259},
    .owasp = "A07:2021-Identification and Authentication Failures",
    .practice = Practice::kSecrets,
    .aliases = {"bandit:B106", "ruff:S106"},
    .docs =
        {
            .what_it_does =
                "Finds keyword arguments whose name is password-like (`password=`, `passwd=`, "
                "`pwd=`, `token=`, `secret=`, `api_token=`, `db_password=` ...) and whose value "
                "is a constant string, including a name bound to one.\n\n"
                "Differences from Bandit: empty strings and obvious placeholders (`\"***\"`, "
                "`\"<password>\"`, `\"${DB_PASSWORD}\"`, `\"{{ token }}\"`) are not reported, "
                "nor are names that describe the secret rather than hold it (`token_type=`, "
                "`password_field=`, `token_url=`); a constant bound to a module-level name is "
                "followed.",
            .why_bad =
                "A secret in source code is shared with everyone who can read the repository, "
                "its history, backups and build logs, and it cannot be rotated without a "
                "release. Leaked database and API credentials are one of the most common ways "
                "into a system.",
            .example = "import psycopg2\n"
                       "\n"
                       "def connect():\n"
                       "    return psycopg2.connect(host=\"db\", user=\"app\", password=\"s3cr3t-Pa55\")\n",
            .use_instead = "import os\n"
                           "\n"
                           "import psycopg2\n"
                           "\n"
                           "def connect():\n"
                           "    return psycopg2.connect(host=\"db\", user=\"app\", password=os.environ[\"DB_PASSWORD\"])\n",
            .references =
                "- [OWASP: Secrets Management Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html)\n"
                "- [Bandit B106](https://bandit.readthedocs.io/en/latest/plugins/b106_hardcoded_password_funcarg.html)\n"
                "- [CWE-259: Use of Hard-coded Password](https://cwe.mitre.org/data/definitions/259.html)",
        },
};

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  for (const python::Keyword* keyword : call->keywords) {
    if (keyword->arg == nullptr) continue;  // `**kwargs`
    if (!general::IsPasswordName(general::IdText(keyword->arg))) continue;
    std::optional<std::string> value = context.model().ConstantString(keyword->value);
    if (!value || !general::IsPasswordLikeValue(*value)) continue;
    context.Report(keyword, "hardcoded secret passed as `" + std::string(general::IdText(keyword->arg)) +
                                "=`");
  }
}

}  // namespace

const Rule& HardcodedPasswordFuncArg() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

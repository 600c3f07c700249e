// PY107 hardcoded-password-default (bandit B107, ruff S107).
#include <algorithm>

#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY107",
    .name = "hardcoded-password-default",
    .summary = "a password-like parameter has a string literal as its default",
    .fix_hint = "make the parameter required, or default to `None` and read the secret from the environment",
    .severity = Severity::kLow,
    .confidence = Confidence::kMedium,
    .cwe = {259},
    .owasp = "A07:2021-Identification and Authentication Failures",
    .practice = Practice::kSecrets,
    .aliases = {"bandit:B107", "ruff:S107"},
    .docs =
        {
            .what_it_does =
                "Finds function and lambda parameters with a password-like name (`password`, "
                "`passwd`, `pwd`, `token`, `secret`, `api_token` ...) whose default value is a "
                "constant string.\n\n"
                "Differences from Bandit: the same value and name checks as "
                "`hardcoded-password-func-arg`: empty strings, placeholders and descriptive "
                "names (`token_type`) are not reported; keyword-only parameters are checked.",
            .why_bad =
                "A default secret ends up in every deployment that forgets to pass one, and it "
                "is readable by anyone with access to the code. Attackers try such defaults "
                "first.",
            .example = "def connect_cache(host, password=\"redis-Pa55\"):\n"
                       "    return (host, password)\n",
            .use_instead = "import os\n"
                           "\n"
                           "def connect_cache(host, password=None):\n"
                           "    password = password or os.environ[\"REDIS_PASSWORD\"]\n"
                           "    return (host, password)\n",
            .references =
                "- [OWASP: Secrets Management Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html)\n"
                "- [Bandit B107](https://bandit.readthedocs.io/en/latest/plugins/b107_hardcoded_password_default.html)\n"
                "- [CWE-259: Use of Hard-coded Password](https://cwe.mitre.org/data/definitions/259.html)",
        },
};

void CheckParameter(const python::Arg* arg, const python::ExprNode* default_value, RuleContext& context) {
  if (arg == nullptr || default_value == nullptr) return;
  if (!general::IsPasswordName(general::IdText(arg->arg))) return;
  std::optional<std::string> value = context.model().ConstantString(default_value);
  if (!value || !general::IsPasswordLikeValue(*value)) return;
  context.Report(general::SpanRange(arg, default_value),
                 "parameter `" + std::string(general::IdText(arg->arg)) + "` has a hardcoded secret as its default");
}

void Check(const python::Node& node, RuleContext& context) {
  const python::Arguments* args = nullptr;
  if (const auto* def = node.As<python::FunctionDef>()) args = def->args;
  if (const auto* def = node.As<python::AsyncFunctionDef>()) args = def->args;
  if (const auto* lambda = node.As<python::Lambda>()) args = lambda->args;
  if (args == nullptr) return;
  // `defaults` belong to the last positional parameters (posonly then regular).
  const uint32_t positional = args->posonlyargs.size() + args->args.size();
  const uint32_t first_with_default = positional - std::min(positional, args->defaults.size());
  for (uint32_t i = first_with_default; i < positional; ++i) {
    const python::Arg* arg =
        i < args->posonlyargs.size() ? args->posonlyargs[i] : args->args[i - args->posonlyargs.size()];
    CheckParameter(arg, args->defaults[i - first_with_default], context);
  }
  for (uint32_t i = 0; i < args->kwonlyargs.size() && i < args->kw_defaults.size(); ++i) {
    CheckParameter(args->kwonlyargs[i], args->kw_defaults[i], context);
  }
}

}  // namespace

const Rule& HardcodedPasswordDefault() {
  static const Rule rule{.info = kInfo,
                         .node_kinds = {python::NodeKind::kFunctionDef, python::NodeKind::kAsyncFunctionDef,
                                        python::NodeKind::kLambda},
                         .check = Check};
  return rule;
}

}  // namespace rampart::rules

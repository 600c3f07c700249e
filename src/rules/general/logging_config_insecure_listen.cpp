// PY612 logging-config-insecure-listen (bandit B612, ruff S612).
#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY612",
    .name = "logging-config-insecure-listen",
    .summary = "`logging.config.listen` accepts logging configuration, and so code, from the network",
    .fix_hint = "pass `verify=` a function that checks a signature of the received bytes, or do not listen",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {94},
    .owasp = "A08:2021-Software and Data Integrity Failures",
    .practice = Practice::kLogging,
    .aliases = {"bandit:B612", "ruff:S612"},
    .docs =
        {
            .what_it_does =
                "Finds calls to `logging.config.listen` without a `verify=` argument (or with "
                "`verify=None`).",
            .why_bad =
                "The listener accepts a logging configuration from any client that can reach "
                "its port and applies it; a configuration can name arbitrary classes and "
                "callables, so whoever connects can run code in the process. `verify` is the "
                "only hook to authenticate what was received.",
            .example = "import logging.config\n"
                       "\n"
                       "def start_log_listener():\n"
                       "    thread = logging.config.listen(9999)\n"
                       "    thread.start()\n",
            .use_instead = "import logging.config\n"
                           "\n"
                           "def start_log_listener(check_signature):\n"
                           "    thread = logging.config.listen(9999, verify=check_signature)\n"
                           "    thread.start()\n",
            .references =
                "- [Python docs: `logging.config.listen`](https://docs.python.org/3/library/logging.config.html#logging.config.listen)\n"
                "- [Bandit B612](https://bandit.readthedocs.io/en/latest/plugins/b612_logging_config_insecure_listen.html)\n"
                "- [CWE-94: Code Injection](https://cwe.mitre.org/data/definitions/94.html)",
        },
};

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  if (!context.model().IsCallTo(call, "logging.config.listen")) return;
  const python::ExprNode* verify = sema::Argument(call, 1, "verify");
  if (verify == nullptr) {
    if (sema::HasStarArguments(call)) return;
    context.Report(call->func, "`logging.config.listen` without `verify=` applies any configuration it receives");
    return;
  }
  std::optional<sema::Value> value = context.model().ConstantValue(verify);
  if (!value || !value->IsNone()) return;
  context.Report(verify, "`verify=None` makes `logging.config.listen` apply any configuration it receives");
}

}  // namespace

const Rule& LoggingConfigInsecureListen() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

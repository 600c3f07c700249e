// PY102 exec-used (bandit B102, ruff S102).
#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY102",
    .name = "exec-used",
    .summary = "`exec` runs a string as Python code",
    .fix_hint = "dispatch to known functions (a dict of callables) instead of executing code",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {95},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B102", "ruff:S102"},
    .docs =
        {
            .what_it_does =
                "Finds calls to the builtin `exec`. Code built at run time is reported with "
                "medium severity, a constant string with low severity.\n\n"
                "Differences from Bandit: a local function or method named `exec` (which "
                "shadows the builtin) is not reported.",
            .why_bad =
                "`exec` runs arbitrary Python with the server's privileges. If any part of the "
                "string comes from a request, a file or the database, an attacker can run "
                "their own code.",
            .example = "def apply_rule(expression, record):\n"
                       "    exec(\"result = \" + expression, {\"record\": record})\n",
            .use_instead = "import operator\n"
                           "\n"
                           "RULES = {\"eq\": operator.eq, \"lt\": operator.lt}\n"
                           "\n"
                           "def apply_rule(name, left, right):\n"
                           "    return RULES[name](left, right)\n",
            .references =
                "- [Python docs: `exec`](https://docs.python.org/3/library/functions.html#exec)\n"
                "- [Bandit B102](https://bandit.readthedocs.io/en/latest/plugins/b102_exec_used.html)\n"
                "- [CWE-95: Eval Injection](https://cwe.mitre.org/data/definitions/95.html)",
        },
};

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  if (!context.model().IsCallTo(call, "builtins.exec")) return;
  const python::ExprNode* source = sema::Argument(call, 0, "source");
  if (source != nullptr && context.model().IsConstantString(source)) {
    ReportOptions options;
    options.severity = Severity::kLow;  // fixed code: no injection, still hard to audit
    context.Report(call->func, "`exec` runs a constant string as Python code", options);
    return;
  }
  context.Report(call->func, "`exec` runs code built at run time");
}

}  // namespace

const Rule& ExecUsed() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

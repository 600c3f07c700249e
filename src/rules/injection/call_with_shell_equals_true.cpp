// PY604 call-with-shell-equals-true (bandit B604 any_other_function_with_shell_equals_true, ruff S604).
#include "rules/general/support.h"
#include "rules/injection/process_calls.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY604",
    .name = "call-with-shell-equals-true",
    .summary = "a function other than `subprocess`'s is called with `shell=True`",
    .fix_hint = "pass the command as a list of arguments and drop `shell=True`",
    .severity = Severity::kMedium,
    .confidence = Confidence::kLow,
    .cwe = {78},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B604", "ruff:S604"},
    .docs =
        {
            .what_it_does =
                "Finds calls to functions other than the `subprocess` ones (which "
                "`subprocess-popen-with-shell-equals-true` covers) that pass a truthy constant "
                "as `shell=`: wrappers such as `fabric`'s `run(cmd, shell=True)`, "
                "`invoke.run`, or project helpers around `subprocess`. A constant command "
                "string is reported with low severity.\n\n"
                "Differences from Bandit: a `shell=` value that is not known to be truthy "
                "(`shell=use_shell`) is not reported.",
            .why_bad =
                "A `shell=True` argument almost always means the wrapped command line goes "
                "through `/bin/sh`; any part that comes from input can add `;`, `|` or `$()` "
                "and run other commands.",
            .example = "from fabric import Connection\n"
                       "\n"
                       "def restart(conn: Connection, service):\n"
                       "    conn.run(\"systemctl restart \" + service, shell=True)\n",
            .use_instead = "from fabric import Connection\n"
                           "\n"
                           "ALLOWED = {\"web\", \"worker\"}\n"
                           "\n"
                           "def restart(conn: Connection, service):\n"
                           "    if service in ALLOWED:\n"
                           "        conn.run(\"systemctl restart \" + service)\n",
            .references =
                "- [Bandit B604](https://bandit.readthedocs.io/en/latest/plugins/b604_any_other_function_with_shell_equals_true.html)\n"
                "- [CWE-78: OS Command Injection](https://cwe.mitre.org/data/definitions/78.html)",
        },
};

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  const python::Keyword* shell = sema::FindKeyword(call, "shell");
  if (shell == nullptr) return;
  std::optional<bool> truth = general::ConstantTruth(context.model(), shell->value);
  if (!truth || !*truth) return;
  injection::ProcessCall process = injection::ClassifyProcessCall(context.model(), call);
  if (process.kind == injection::ProcessKind::kSubprocess) return;  // PY602's
  const python::ExprNode* command = sema::Argument(call, 0, "");
  if (command != nullptr && context.model().IsConstantString(command)) {
    ReportOptions options;
    options.severity = Severity::kLow;
    context.Report(shell, "`shell=True` runs a constant command line through the shell", options);
    return;
  }
  context.Report(shell, "`shell=True` runs the command line through the shell");
}

}  // namespace

const Rule& CallWithShellEqualsTrue() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

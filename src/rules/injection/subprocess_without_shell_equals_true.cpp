// PY603 subprocess-without-shell-equals-true (bandit B603, ruff S603).
#include "rules/injection/process_calls.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY603",
    .name = "subprocess-without-shell-equals-true",
    .summary = "a `subprocess` call runs a program whose arguments are built at run time",
    .fix_hint = "check the program and its arguments against an allow-list; pass `--` before untrusted file names",
    .severity = Severity::kLow,
    .confidence = Confidence::kHigh,
    .cwe = {78},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B603", "ruff:S603"},
    .docs =
        {
            .what_it_does =
                "Finds `subprocess.Popen`, `run`, `call`, `check_call` and `check_output` calls "
                "without a shell (no `shell=`, or `shell=False`) whose command is not a "
                "constant: a variable, or a list with a non-constant element.\n\n"
                "Differences from Bandit: Bandit reports every such call, including fully "
                "constant commands such as `subprocess.run([\"git\", \"status\"])`; rampart "
                "reports only commands with a part computed at run time, since a constant "
                "command cannot be influenced by input.",
            .why_bad =
                "Without a shell there is no shell injection, but the program still receives "
                "whatever arguments the code built: a request value starting with `-` becomes "
                "an option (`--output=/etc/cron.d/x`, `-oProxyCommand=...`), and a program "
                "name taken from input runs anything.",
            .example = "import subprocess\n"
                       "\n"
                       "def convert(name):\n"
                       "    subprocess.run([\"convert\", name, \"out.png\"])\n",
            .use_instead = "import subprocess\n"
                           "\n"
                           "def convert():\n"
                           "    subprocess.run([\"convert\", \"upload.jpg\", \"out.png\"])\n",
            .references =
                "- [Python docs: security considerations for `subprocess`](https://docs.python.org/3/library/subprocess.html#security-considerations)\n"
                "- [Bandit B603](https://bandit.readthedocs.io/en/latest/plugins/b603_subprocess_without_shell_equals_true.html)\n"
                "- [CWE-78: OS Command Injection](https://cwe.mitre.org/data/definitions/78.html)",
        },
};

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  injection::ProcessCall process = injection::ClassifyProcessCall(context.model(), call);
  if (process.kind != injection::ProcessKind::kSubprocess) return;
  // `shell=True` (or a shell flag not known) is subprocess-popen-with-shell-equals-true's.
  if (!injection::ShellIsFalse(context.model(), call)) return;
  if (process.command == nullptr) return;
  if (injection::IsConstantCommand(context.model(), process.command)) return;
  context.Report(call->func, "`" + process.callee + "` runs a command built at run time");
}

}  // namespace

const Rule& SubprocessWithoutShellEqualsTrue() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

// PY602 subprocess-popen-with-shell-equals-true (bandit B602, ruff S602).
#include <array>

#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY602",
    .name = "subprocess-popen-with-shell-equals-true",
    .summary = "a `subprocess` call runs its command through the shell (`shell=True`)",
    .fix_hint = "pass the command as a list of arguments and drop `shell=True`",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {78},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B602", "ruff:S602"},
    .docs =
        {
            .what_it_does =
                "Finds calls to `subprocess.Popen`, `subprocess.run`, `subprocess.call`, "
                "`subprocess.check_call` and `subprocess.check_output` made with `shell=True`, "
                "however the module or function was imported or aliased. A command built at "
                "run time is reported with high severity, a constant command with low severity.",
            .why_bad =
                "With `shell=True` the command string is interpreted by `/bin/sh`: any part "
                "that comes from a request (a host name, a file name) can add `;`, `|`, `$()` "
                "or backticks and run arbitrary commands on the server. Even a constant "
                "command depends on the shell's environment (`PATH`, `IFS`).",
            .example = "import subprocess\n"
                       "\n"
                       "def ping(host):\n"
                       "    return subprocess.check_output(\"ping -c 1 \" + host, shell=True)\n",
            .use_instead = "import subprocess\n"
                           "\n"
                           "def ping(host):\n"
                           "    return subprocess.check_output([\"ping\", \"-c\", \"1\", host])\n",
            .references =
                "- [Python docs: security considerations for `subprocess`](https://docs.python.org/3/library/subprocess.html#security-considerations)\n"
                "- [Bandit B602](https://bandit.readthedocs.io/en/latest/plugins/b602_subprocess_popen_with_shell_equals_true.html)\n"
                "- [CWE-78: OS Command Injection](https://cwe.mitre.org/data/definitions/78.html)",
        },
};

// The subprocess entry points that accept `shell=`.
constexpr std::array<std::string_view, 5> kShellCallees = {
    "subprocess.Popen", "subprocess.run", "subprocess.call", "subprocess.check_call",
    "subprocess.check_output"};

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  const python::Keyword* shell = sema::FindKeyword(call, "shell");
  if (shell == nullptr) return;
  std::optional<std::string> callee = context.model().CalleeName(call);
  if (!callee) return;
  bool known = false;
  for (std::string_view name : kShellCallees) known = known || *callee == name;
  if (!known) return;

  ReportOptions options;
  std::optional<sema::Value> shell_value = context.model().ConstantValue(shell->value);
  if (shell_value) {
    if (!shell_value->Truthy()) return;  // `shell=False` (or 0, "") is the safe default
  } else {
    options.confidence = Confidence::kLow;  // `shell=flag`: cannot tell, but worth a look
  }
  const python::ExprNode* command = sema::Argument(call, 0, "args");
  bool constant_command = command != nullptr && context.model().IsConstantString(command);
  if (constant_command) {
    // A fixed command string cannot be injected into; it still depends on the
    // shell's environment, so it stays visible at low severity (as in Bandit).
    options.severity = Severity::kLow;
    context.Report(shell, "`" + *callee + "` runs a constant command through the shell (`shell=True`)",
                   options);
    return;
  }
  context.Report(shell, "`" + *callee + "` runs a command built at run time through the shell (`shell=True`)",
                 options);
}

}  // namespace

const Rule& SubprocessPopenWithShellEqualsTrue() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

// PY606 start-process-with-no-shell (bandit B606, ruff S606).
#include "rules/injection/process_calls.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY606",
    .name = "start-process-with-no-shell",
    .summary = "a process is started (`os.exec*`, `os.spawn*` ...) with a program or arguments built at run time",
    .fix_hint = "check the program and its arguments against an allow-list before starting it",
    .severity = Severity::kLow,
    .confidence = Confidence::kMedium,
    .cwe = {78},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B606", "ruff:S606"},
    .docs =
        {
            .what_it_does =
                "Finds `os.execl`/`execv`/... , `os.spawnl`/`spawnv`/... , `os.posix_spawn`, "
                "`os.startfile`, `pty.spawn` and `asyncio.create_subprocess_exec` calls where "
                "the program or one of the arguments is not a constant.\n\n"
                "Differences from Bandit: calls whose arguments are all constants are not "
                "reported (Bandit reports every call).",
            .why_bad =
                "These functions run a program directly, without a shell, but with whatever "
                "program and arguments the code computed: input that reaches them chooses "
                "what runs, or smuggles in options (`-e`, `--exec`).",
            .example = "import os\n"
                       "\n"
                       "def open_document(path):\n"
                       "    os.spawnlp(os.P_WAIT, \"xdg-open\", \"xdg-open\", path)\n",
            .use_instead = "import os\n"
                           "\n"
                           "def open_manual():\n"
                           "    os.spawnlp(os.P_WAIT, \"xdg-open\", \"xdg-open\", \"/usr/share/doc/app/manual.pdf\")\n",
            .references =
                "- [Python docs: process management](https://docs.python.org/3/library/os.html#process-management)\n"
                "- [Bandit B606](https://bandit.readthedocs.io/en/latest/plugins/b606_start_process_with_no_shell.html)\n"
                "- [CWE-78: OS Command Injection](https://cwe.mitre.org/data/definitions/78.html)",
        },
};

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  injection::ProcessCall process = injection::ClassifyProcessCall(context.model(), call);
  if (process.kind != injection::ProcessKind::kNoShell) return;
  // Every argument after the mode (spawn*) must be constant for the call to be fixed;
  // the mode (`os.P_WAIT`) and environments do not choose what runs.
  const std::string& callee = process.callee;
  const bool spawn = callee.rfind("os.spawn", 0) == 0;
  const bool env_last = (spawn || callee.rfind("os.exec", 0) == 0) && callee.back() == 'e';
  const bool posix_spawn = callee == "os.posix_spawn" || callee == "os.posix_spawnp";
  bool all_constant = !sema::HasStarArguments(call);
  for (uint32_t i = spawn ? 1 : 0; i < call->args.size() && all_constant; ++i) {
    const python::ExprNode* arg = call->args[i];
    bool is_env = (env_last && i + 1 == call->args.size()) || (posix_spawn && i == 2);
    if (is_env) continue;
    all_constant = injection::IsConstantCommand(context.model(), arg);
  }
  if (all_constant) return;
  context.Report(call->func, "`" + process.callee + "` starts a program with arguments built at run time");
}

}  // namespace

const Rule& StartProcessWithNoShell() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

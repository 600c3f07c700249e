// PY605 start-process-with-a-shell (bandit B605, ruff S605).
#include "rules/injection/process_calls.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY605",
    .name = "start-process-with-a-shell",
    .summary = "a command line is run through the shell (`os.system`, `os.popen` ...)",
    .fix_hint = "use `subprocess.run([...])` with a list of arguments instead of a shell command line",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {78},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B605", "ruff:S605"},
    .docs =
        {
            .what_it_does =
                "Finds calls that always run their command through a shell: `os.system`, "
                "`os.popen`, `subprocess.getoutput`, `subprocess.getstatusoutput`, the old "
                "`popen2` and `commands` modules, and `asyncio.create_subprocess_shell`. A "
                "command built at run time is reported with high severity, a constant one "
                "with low severity (as in Bandit).",
            .why_bad =
                "The shell interprets `;`, `|`, `&&`, `$()` and backticks: a file name or "
                "host name from a request turns into arbitrary commands on the server.",
            .example = "import os\n"
                       "\n"
                       "def thumbnail(name):\n"
                       "    os.system(\"convert \" + name + \" -resize 64x64 thumb.png\")\n",
            .use_instead = "import subprocess\n"
                           "\n"
                           "def thumbnail(name):\n"
                           "    subprocess.run([\"convert\", \"--\", name, \"thumb.png\"], check=True)\n",
            .references =
                "- [Python docs: `os.system`](https://docs.python.org/3/library/os.html#os.system)\n"
                "- [Bandit B605](https://bandit.readthedocs.io/en/latest/plugins/b605_start_process_with_a_shell.html)\n"
                "- [CWE-78: OS Command Injection](https://cwe.mitre.org/data/definitions/78.html)",
        },
};

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  injection::ProcessCall process = injection::ClassifyProcessCall(context.model(), call);
  if (process.kind != injection::ProcessKind::kShell) return;
  if (process.command == nullptr) {
    if (sema::HasStarArguments(call)) return;
    return;  // no command: nothing runs
  }
  if (context.model().IsConstantString(process.command)) {
    ReportOptions options;
    options.severity = Severity::kLow;  // fixed command: only the shell's environment matters
    context.Report(process.command, "`" + process.callee + "` runs a constant command through the shell",
                   options);
    return;
  }
  context.Report(process.command, "`" + process.callee + "` runs a command built at run time through the shell");
}

}  // namespace

const Rule& StartProcessWithAShell() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

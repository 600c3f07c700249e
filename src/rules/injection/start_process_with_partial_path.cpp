// PY607 start-process-with-partial-path (bandit B607, ruff S607).
#include "rules/injection/process_calls.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY607",
    .name = "start-process-with-partial-path",
    .summary = "a process is started by bare program name, found through `PATH`",
    .fix_hint = "use the program's absolute path (`/usr/bin/git`) or `shutil.which` checked at start-up",
    .severity = Severity::kLow,
    .confidence = Confidence::kHigh,
    .cwe = {78},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B607", "ruff:S607"},
    .docs =
        {
            .what_it_does =
                "Finds process-starting calls (`subprocess.*`, `os.system`, `os.popen`, "
                "`os.exec*`, `os.spawn*`, `asyncio.create_subprocess_*` ...) whose program is a "
                "constant that is not a path: `\"git\"`, `[\"ls\", \"-l\"]`, `\"ls -l | wc\"`, or a command "
                "line whose constant first word is a bare name (`\"ls \" + name`). "
                "A program starting with `/`, `\\`, `.` or a drive letter counts as a path, as "
                "in Bandit.\n\nDifferences from Bandit: the `spawn*` functions are checked at their program argument (the "
                "second), not at the mode; command lines built from a constant first word and "
                "lists bound to names are checked too.",
            .why_bad =
                "The program is looked up in the directories of `PATH` at run time. Whoever "
                "can change `PATH` or write to one of its directories (a writable "
                "`/usr/local/bin`, a virtualenv, the working directory on Windows) chooses the "
                "program that runs with the application's rights.",
            .example = "import subprocess\n"
                       "\n"
                       "def current_commit():\n"
                       "    return subprocess.check_output([\"git\", \"rev-parse\", \"HEAD\"])\n",
            .use_instead = "import subprocess\n"
                           "\n"
                           "def current_commit():\n"
                           "    return subprocess.check_output([\"/usr/bin/git\", \"rev-parse\", \"HEAD\"])\n",
            .references =
                "- [Python docs: `subprocess.Popen` program lookup](https://docs.python.org/3/library/subprocess.html#popen-constructor)\n"
                "- [Bandit B607](https://bandit.readthedocs.io/en/latest/plugins/b607_start_process_with_partial_path.html)\n"
                "- [CWE-78: OS Command Injection](https://cwe.mitre.org/data/definitions/78.html)",
        },
};

// Bandit's test: a leading `/`, `\`, `.`, or a drive letter followed by `:`.
bool IsPath(std::string_view program) {
  if (program.empty()) return true;  // nothing to resolve
  char first = program[0];
  if (first == '/' || first == '\\' || first == '.') return true;
  bool letter = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z');
  return letter && program.size() > 1 && program[1] == ':';
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  injection::ProcessCall process = injection::ClassifyProcessCall(context.model(), call);
  if (process.kind == injection::ProcessKind::kNone) return;
  const python::ExprNode* program = injection::ProgramExpr(context.model(), process.command);
  if (program == nullptr) return;
  std::optional<std::string> text = context.model().ConstantString(program);
  if (!text) {
    // `"ls " + name`: the program is still known when the leading constant
    // part holds the whole first word.
    sema::StringShape shape = context.model().StringParts(program);
    if (!shape.is_string || shape.parts.empty() || !shape.parts[0].constant()) return;
    const std::string& head = shape.parts[0].text;
    size_t begin = head.find_first_not_of(" \t");
    if (begin == std::string::npos || head.find_first_of(" \t;|&", begin) == std::string::npos) return;
    text = head;
  }
  // A shell command line: the program is its first word.
  std::string_view first_word = *text;
  size_t begin = first_word.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return;
  first_word = first_word.substr(begin);
  first_word = first_word.substr(0, first_word.find_first_of(" \t;|&"));
  if (IsPath(first_word)) return;
  // Report inside the call: a program found through a name (`GIT = ["git", ...]`)
  // is reported at the argument that names it.
  const bool literal = process.command->Is<python::List>() || process.command->Is<python::Tuple>() ||
                       program == process.command;
  context.Report(literal ? program : process.command, "`" + process.callee + "` starts `" + std::string(first_word) +
                              "` by name; the program is looked up in `PATH`");
}

}  // namespace

const Rule& StartProcessWithPartialPath() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

// Process-call classification for the PY6xx rules (see process_calls.h).
#include "rules/injection/process_calls.h"

#include <array>

#include "rules/general/support.h"

namespace rampart::rules::injection {
namespace {

struct Entry {
  std::string_view callee;
  ProcessKind kind;
  int command_position;
  std::string_view command_keyword;
};

// Bandit's shell_injection configuration (subprocess, shell, no_shell), with the
// asyncio and posix_spawn entry points added.
constexpr Entry kEntries[] = {
    {"subprocess.Popen", ProcessKind::kSubprocess, 0, "args"},
    {"subprocess.run", ProcessKind::kSubprocess, 0, "args"},
    {"subprocess.call", ProcessKind::kSubprocess, 0, "args"},
    {"subprocess.check_call", ProcessKind::kSubprocess, 0, "args"},
    {"subprocess.check_output", ProcessKind::kSubprocess, 0, "args"},
    {"os.system", ProcessKind::kShell, 0, "command"},
    {"os.popen", ProcessKind::kShell, 0, "cmd"},
    {"os.popen2", ProcessKind::kShell, 0, "cmd"},
    {"os.popen3", ProcessKind::kShell, 0, "cmd"},
    {"os.popen4", ProcessKind::kShell, 0, "cmd"},
    {"popen2.popen2", ProcessKind::kShell, 0, "cmd"},
    {"popen2.popen3", ProcessKind::kShell, 0, "cmd"},
    {"popen2.popen4", ProcessKind::kShell, 0, "cmd"},
    {"popen2.Popen3", ProcessKind::kShell, 0, "cmd"},
    {"popen2.Popen4", ProcessKind::kShell, 0, "cmd"},
    {"commands.getoutput", ProcessKind::kShell, 0, "cmd"},
    {"commands.getstatusoutput", ProcessKind::kShell, 0, "cmd"},
    {"subprocess.getoutput", ProcessKind::kShell, 0, "cmd"},
    {"subprocess.getstatusoutput", ProcessKind::kShell, 0, "cmd"},
    {"asyncio.create_subprocess_shell", ProcessKind::kShell, 0, "cmd"},
    {"os.execl", ProcessKind::kNoShell, 0, "path"},
    {"os.execle", ProcessKind::kNoShell, 0, "path"},
    {"os.execlp", ProcessKind::kNoShell, 0, "file"},
    {"os.execlpe", ProcessKind::kNoShell, 0, "file"},
    {"os.execv", ProcessKind::kNoShell, 0, "path"},
    {"os.execve", ProcessKind::kNoShell, 0, "path"},
    {"os.execvp", ProcessKind::kNoShell, 0, "file"},
    {"os.execvpe", ProcessKind::kNoShell, 0, "file"},
    {"os.spawnl", ProcessKind::kNoShell, 1, "path"},
    {"os.spawnle", ProcessKind::kNoShell, 1, "path"},
    {"os.spawnlp", ProcessKind::kNoShell, 1, "file"},
    {"os.spawnlpe", ProcessKind::kNoShell, 1, "file"},
    {"os.spawnv", ProcessKind::kNoShell, 1, "path"},
    {"os.spawnve", ProcessKind::kNoShell, 1, "path"},
    {"os.spawnvp", ProcessKind::kNoShell, 1, "file"},
    {"os.spawnvpe", ProcessKind::kNoShell, 1, "file"},
    {"os.startfile", ProcessKind::kNoShell, 0, "path"},
    {"os.posix_spawn", ProcessKind::kNoShell, 0, "path"},
    {"os.posix_spawnp", ProcessKind::kNoShell, 0, "path"},
    {"asyncio.create_subprocess_exec", ProcessKind::kNoShell, 0, "program"},
    {"pty.spawn", ProcessKind::kNoShell, 0, "argv"},
};

const python::ExprNode* ListOrTuple(const sema::ModuleModel& model, const python::ExprNode* expr,
                                    const python::NodeList<python::ExprNode>** elements) {
  const python::ExprNode* value = general::FollowAssignment(model, expr);
  if (const auto* list = value->As<python::List>()) {
    *elements = &list->elts;
    return value;
  }
  if (const auto* tuple = value->As<python::Tuple>()) {
    *elements = &tuple->elts;
    return value;
  }
  return nullptr;
}

}  // namespace

ProcessCall ClassifyProcessCall(const sema::ModuleModel& model, const python::Call* call) {
  ProcessCall result;
  std::optional<std::string> callee = model.CalleeName(call);
  if (!callee) return result;
  for (const Entry& entry : kEntries) {
    if (*callee != entry.callee) continue;
    result.kind = entry.kind;
    result.callee = *callee;
    result.command = sema::Argument(call, entry.command_position, entry.command_keyword);
    return result;
  }
  return result;
}

bool ShellIsTrue(const sema::ModuleModel& model, const python::Call* call) {
  const python::Keyword* shell = sema::FindKeyword(call, "shell");
  if (shell == nullptr) return false;
  std::optional<bool> truth = general::ConstantTruth(model, shell->value);
  return truth && *truth;
}

bool ShellIsFalse(const sema::ModuleModel& model, const python::Call* call) {
  const python::Keyword* shell = sema::FindKeyword(call, "shell");
  if (shell == nullptr) return !sema::HasStarArguments(call);
  std::optional<bool> truth = general::ConstantTruth(model, shell->value);
  return truth && !*truth;
}

bool IsConstantCommand(const sema::ModuleModel& model, const python::ExprNode* command) {
  if (command == nullptr) return false;
  if (model.IsConstantString(command)) return true;
  const python::NodeList<python::ExprNode>* elements = nullptr;
  if (ListOrTuple(model, command, &elements) == nullptr) return false;
  for (const python::ExprNode* element : *elements) {
    if (!model.IsConstantString(element)) return false;
  }
  return true;
}

const python::ExprNode* ProgramExpr(const sema::ModuleModel& model, const python::ExprNode* command) {
  if (command == nullptr) return nullptr;
  const python::NodeList<python::ExprNode>* elements = nullptr;
  if (ListOrTuple(model, command, &elements) != nullptr) {
    return elements->empty() ? nullptr : (*elements)[0];
  }
  return command;
}

std::optional<std::string> CommandText(const sema::ModuleModel& model, const python::ExprNode* command) {
  if (command == nullptr) return std::nullopt;
  const python::NodeList<python::ExprNode>* elements = nullptr;
  if (ListOrTuple(model, command, &elements) != nullptr) {
    std::string text;
    for (const python::ExprNode* element : *elements) {
      std::optional<std::string> part = model.ConstantString(element);
      if (!text.empty()) text += ' ';
      text += part ? *part : "?";
    }
    return text;
  }
  sema::StringShape shape = model.StringParts(command);
  if (!shape.is_string) return std::nullopt;
  return shape.Joined("?");
}

}  // namespace rampart::rules::injection

// How the process-starting functions of the standard library run a command,
// shared by the PY6xx injection rules (PY603-PY607, PY609): which callees go
// through a shell, which never do, where their command argument is, and whether
// that command is fixed at analysis time.
//
// What callers may rely on: classification is by the callee's qualified name
// from the semantic model, so aliases (`import os as o`, `from subprocess import
// run as r`) are seen through and shadowed names are not matched. Nothing here
// reports; the rules decide.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "python/ast.h"
#include "sema/model.h"

namespace rampart::rules::injection {

enum class ProcessKind : uint8_t {
  kNone,
  kSubprocess,  // subprocess.Popen/run/call/check_call/check_output: `shell=` decides
  kShell,       // os.system, os.popen, subprocess.getoutput, ...: always a shell
  kNoShell,     // os.exec*, os.spawn*, os.posix_spawn, os.startfile, create_subprocess_exec
};

struct ProcessCall {
  ProcessKind kind = ProcessKind::kNone;
  std::string callee;                       // qualified name
  const python::ExprNode* command = nullptr;  // the program / command line; null when absent
};

// Classifies a call; kind kNone when it does not start a process.
ProcessCall ClassifyProcessCall(const sema::ModuleModel& model, const python::Call* call);

// True when `shell=` is passed with a value known to be truthy.
bool ShellIsTrue(const sema::ModuleModel& model, const python::Call* call);
// True when `shell=` is absent or known to be falsy.
bool ShellIsFalse(const sema::ModuleModel& model, const python::Call* call);

// True when the command is fixed: a constant string, or a list / tuple of
// constant strings (also through names bound to them).
bool IsConstantCommand(const sema::ModuleModel& model, const python::ExprNode* command);

// The expression that names the program: the command itself for a string, the
// first element of a list or tuple (through names). Null when unknown.
const python::ExprNode* ProgramExpr(const sema::ModuleModel& model, const python::ExprNode* command);

// The command line as text, dynamic parts replaced by `?`: a string's shape, or
// the constant elements of a list joined by spaces. nullopt when unknown.
std::optional<std::string> CommandText(const sema::ModuleModel& model, const python::ExprNode* command);

}  // namespace rampart::rules::injection

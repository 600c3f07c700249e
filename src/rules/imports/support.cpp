#include "rules/imports/support.h"

#include "rules/calls/support.h"

namespace rampart::rules::imports {

bool InModule(std::string_view dotted, std::string_view listed) {
  if (dotted.size() < listed.size() || dotted.substr(0, listed.size()) != listed) return false;
  return dotted.size() == listed.size() || dotted[listed.size()] == '.';
}

namespace {

bool Allowed(std::string_view dotted, std::span<const std::string_view> allowed) {
  for (std::string_view member : allowed) {
    if (InModule(dotted, member)) return true;
  }
  return false;
}

bool Listed(std::string_view dotted, std::span<const std::string_view> modules) {
  for (std::string_view listed : modules) {
    if (InModule(dotted, listed)) return true;
  }
  return false;
}

// `importlib.import_module("m")` / `__import__("m")`: the constant module name argument.
const python::Node* MatchDynamicImport(const python::Call& call, const sema::ModuleModel& model,
                                       std::span<const std::string_view> modules,
                                       std::span<const std::string_view> allowed, std::string* imported) {
  std::string_view spelled;
  if (const auto* name = call.func->As<python::Name>()) spelled = name->id->text;
  if (const auto* attribute = call.func->As<python::Attribute>()) spelled = attribute->attr->text;
  if (spelled != "__import__" && spelled != "import_module") return nullptr;
  std::optional<std::string> callee = model.CalleeName(&call);
  if (!callee || (*callee != "builtins.__import__" && *callee != "importlib.import_module")) return nullptr;
  const python::ExprNode* argument = sema::Argument(&call, 0, "name");
  if (argument == nullptr) return nullptr;
  std::optional<std::string> module = model.ConstantString(argument);
  // A relative name (".views") is a project module; an unknown name cannot be judged.
  if (!module || module->empty() || module->front() == '.') return nullptr;
  if (Allowed(*module, allowed) || !Listed(*module, modules)) return nullptr;
  *imported = std::move(*module);
  return argument;
}

}  // namespace

const python::Node* MatchImport(const python::Node& node, const sema::ModuleModel& model,
                                std::span<const std::string_view> modules,
                                std::span<const std::string_view> allowed, std::string* imported) {
  if (const auto* call = node.As<python::Call>())
    return MatchDynamicImport(*call, model, modules, allowed, imported);
  const python::NodeList<python::Alias>* names = nullptr;
  std::string prefix;
  if (const auto* import = node.As<python::Import>()) {
    names = &import->names;
  } else if (const auto* from = node.As<python::ImportFrom>()) {
    // A relative import names a module of the project, whatever it is called.
    if (from->level > 0 || from->module == nullptr) return nullptr;
    names = &from->names;
    prefix = std::string(from->module->text) + ".";
  } else {
    return nullptr;
  }
  const python::Alias* match = nullptr;
  for (const python::Alias* alias : *names) {
    if (alias->name == nullptr) continue;
    std::string dotted = prefix + std::string(alias->name->text);
    // `from pickle import *` is matched as the module itself.
    if (alias->name->text == "*") dotted = prefix.substr(0, prefix.size() - 1);
    if (Allowed(dotted, allowed) || !Listed(dotted, modules)) continue;
    match = alias;
    *imported = std::move(dotted);
    break;
  }
  if (match == nullptr) return nullptr;
  // Code under `if TYPE_CHECKING:` is only read by type checkers, never run.
  if (calls::UnderTypeChecking(&node, model)) return nullptr;
  return match;
}

}  // namespace rampart::rules::imports

#include "rules/imports/support.h"

#include "rules/calls/support.h"

namespace rampart::rules::imports {

bool InModule(std::string_view dotted, std::string_view listed) {
  if (dotted.size() < listed.size() || dotted.substr(0, listed.size()) != listed) return false;
  return dotted.size() == listed.size() || dotted[listed.size()] == '.';
}

const python::Alias* MatchImport(const python::Node& node, const sema::ModuleModel& model,
                                 std::span<const std::string_view> modules,
                                 std::span<const std::string_view> allowed, std::string* imported) {
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
    bool safe = false;
    for (std::string_view member : allowed) safe = safe || InModule(dotted, member);
    if (safe) continue;
    for (std::string_view listed : modules) {
      if (InModule(dotted, listed)) {
        match = alias;
        *imported = std::move(dotted);
        break;
      }
    }
    if (match != nullptr) break;
  }
  if (match == nullptr) return nullptr;
  // Code under `if TYPE_CHECKING:` is only read by type checkers, never run.
  if (calls::UnderTypeChecking(&node, model)) return nullptr;
  return match;
}

}  // namespace rampart::rules::imports

// ProjectIndex: module summaries and cross-module resolution.
#include <set>

#include "sema/model.h"

namespace rampart::sema {

using python::Node;
using python::NodeKind;

namespace {

constexpr int kMaxHops = 8;  // re-export chains followed (cycles stop here too)

std::string_view Text(python::Identifier id) { return id ? id->text : std::string_view(); }

bool StartsUpper(std::string_view qualified) {
  size_t dot = qualified.rfind('.');
  std::string_view last = dot == std::string_view::npos ? qualified : qualified.substr(dot + 1);
  return !last.empty() && last[0] >= 'A' && last[0] <= 'Z';
}

std::string Join(std::string_view prefix, std::string_view name) {
  if (prefix.empty()) return std::string(name);
  std::string out(prefix);
  out += '.';
  out += name;
  return out;
}

// The dotted text of a Name/Attribute chain resolved through `names`
// (`Flask` -> "flask.Flask", `flask.Flask` -> "flask.Flask"); "" when unknown.
std::string ResolveDotted(const python::ExprNode* expr, const std::map<std::string, std::string>& names) {
  std::vector<std::string_view> attrs;
  while (const auto* attribute = expr->As<python::Attribute>()) {
    attrs.push_back(Text(attribute->attr));
    expr = attribute->value;
    if (attrs.size() > 64) return "";
  }
  const auto* name = expr->As<python::Name>();
  if (name == nullptr) return "";
  auto it = names.find(std::string(Text(name->id)));
  if (it == names.end()) return "";
  std::string out = it->second;
  for (auto a = attrs.rbegin(); a != attrs.rend(); ++a) out = Join(out, *a);
  return out;
}

}  // namespace

std::string ProjectIndex::ModuleNameForPath(std::string_view path, bool* is_package) {
  if (is_package != nullptr) *is_package = false;
  if (path.size() < 3 || path.substr(path.size() - 3) != ".py") return "";
  path.remove_suffix(3);
  if (path.substr(0, 2) == "./") path.remove_prefix(2);
  if (path.substr(0, 4) == "src/") path.remove_prefix(4);
  std::string name;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    std::string_view part = path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (slash == std::string_view::npos) {
      if (part == "__init__") {
        if (is_package != nullptr) *is_package = true;
      } else {
        name = Join(name, part);
      }
      break;
    }
    name = Join(name, part);
    start = slash + 1;
  }
  return name;
}

ModuleSummary ProjectIndex::Summarize(std::string module_name, bool is_package, const python::Module* module) {
  ModuleSummary summary;
  summary.module_name = std::move(module_name);
  summary.is_package = is_package;
  if (module == nullptr) return summary;
  std::string package = summary.module_name;
  if (!is_package) {
    size_t dot = package.rfind('.');
    package = dot == std::string::npos ? "" : package.substr(0, dot);
  }
  // Top-level statements, including those nested in module-level if/try/with
  // blocks (conditional imports); bounded, iterative.
  std::vector<const python::StmtNode*> work;
  for (auto it = module->body.end(); it != module->body.begin();) work.push_back(*--it);
  size_t visited = 0;
  std::set<std::string> bound;  // names assigned at top level so far
  while (!work.empty() && ++visited < 200000) {
    const python::StmtNode* stmt = work.back();
    work.pop_back();
    auto push_body = [&work](const python::NodeList<python::StmtNode>& body) {
      for (auto it = body.end(); it != body.begin();) work.push_back(*--it);
    };
    switch (stmt->kind) {
      case NodeKind::kIf: {
        const auto* s = static_cast<const python::If*>(stmt);
        push_body(s->orelse);
        push_body(s->body);
        break;
      }
      case NodeKind::kTry:
      case NodeKind::kTryStar: {
        const auto* s = static_cast<const python::Try*>(stmt);
        push_body(s->finalbody);
        push_body(s->orelse);
        for (auto it = s->handlers.end(); it != s->handlers.begin();) push_body((*--it)->body);
        push_body(s->body);
        break;
      }
      case NodeKind::kWith: push_body(static_cast<const python::With*>(stmt)->body); break;
      case NodeKind::kImport:
        for (const python::Alias* alias : static_cast<const python::Import*>(stmt)->names) {
          std::string_view dotted = Text(alias->name);
          if (alias->asname) summary.names[std::string(Text(alias->asname))] = std::string(dotted);
          else summary.names[std::string(dotted.substr(0, dotted.find('.')))] = std::string(dotted.substr(0, dotted.find('.')));
        }
        break;
      case NodeKind::kImportFrom: {
        const auto* from = static_cast<const python::ImportFrom*>(stmt);
        std::string base(Text(from->module));
        if (from->level > 0) {
          std::string p = package;
          for (int i = 1; i < from->level; ++i) {
            size_t dot = p.rfind('.');
            p = dot == std::string::npos ? "" : p.substr(0, dot);
          }
          base = base.empty() ? p : Join(p, base);
        }
        for (const python::Alias* alias : from->names) {
          std::string_view name = Text(alias->name);
          if (name == "*") {
            summary.star_imports.push_back(base);
            continue;
          }
          summary.names[std::string(alias->asname ? Text(alias->asname) : name)] = Join(base, name);
        }
        break;
      }
      case NodeKind::kFunctionDef:
      case NodeKind::kAsyncFunctionDef: {
        std::string_view name = Text(static_cast<const python::FunctionDef*>(stmt)->name);
        summary.names[std::string(name)] = Join(summary.module_name, name);
        break;
      }
      case NodeKind::kClassDef: {
        std::string_view name = Text(static_cast<const python::ClassDef*>(stmt)->name);
        summary.names[std::string(name)] = Join(summary.module_name, name);
        break;
      }
      case NodeKind::kAssign:
      case NodeKind::kAnnAssign: {
        const python::ExprNode* value = nullptr;
        std::vector<const python::ExprNode*> targets;
        if (stmt->kind == NodeKind::kAssign) {
          const auto* assign = static_cast<const python::Assign*>(stmt);
          value = assign->value;
          for (const python::ExprNode* target : assign->targets) targets.push_back(target);
        } else {
          const auto* assign = static_cast<const python::AnnAssign*>(stmt);
          value = assign->value;
          targets.push_back(assign->target);
        }
        for (const python::ExprNode* target : targets) {
          const auto* name = target->As<python::Name>();
          if (name == nullptr) continue;
          std::string key(Text(name->id));
          // A literal bound once is a constant; bound again anywhere at top
          // level (a branch, a later line) it is not.
          if (!bound.insert(key).second) {
            summary.constants.erase(key);
          } else if (const auto* literal = value != nullptr ? value->As<python::Constant>() : nullptr) {
            if (std::optional<Value> constant = ValueOf(literal->value)) summary.constants[key] = std::move(*constant);
          }
          std::string alias = value != nullptr ? ResolveDotted(value, summary.names) : "";
          summary.names[key] = alias.empty() ? Join(summary.module_name, key) : alias;
          summary.instances.erase(key);
          if (const auto* call = value != nullptr ? value->As<python::Call>() : nullptr) {
            std::string callee = ResolveDotted(call->func, summary.names);
            if (!callee.empty() && StartsUpper(callee)) summary.instances[key] = callee;
          }
          if (key == "__all__" && value != nullptr &&
              (value->kind == NodeKind::kList || value->kind == NodeKind::kTuple)) {
            const auto& elts = value->kind == NodeKind::kList ? static_cast<const python::List*>(value)->elts
                                                              : static_cast<const python::Tuple*>(value)->elts;
            std::vector<std::string> all;
            bool constant = true;
            for (const python::ExprNode* elt : elts) {
              const auto* c = elt->As<python::Constant>();
              if (c == nullptr || c->value.kind != python::ConstantKind::kStr) {
                constant = false;
                break;
              }
              all.emplace_back(c->value.text);
            }
            if (constant) summary.all = std::move(all);
          }
        }
        break;
      }
      case NodeKind::kAugAssign:
        if (const auto* name = static_cast<const python::AugAssign*>(stmt)->target->As<python::Name>()) {
          summary.constants.erase(std::string(Text(name->id)));
          bound.insert(std::string(Text(name->id)));
        }
        break;
      default: break;
    }
  }
  return summary;
}

void ProjectIndex::Add(ModuleSummary summary) {
  std::string key = summary.module_name;
  roots_.insert(key.substr(0, key.find('.')));
  modules_[key] = std::move(summary);
}

const ModuleSummary* ProjectIndex::Find(std::string_view module_name) const {
  auto it = modules_.find(module_name);
  return it == modules_.end() ? nullptr : &it->second;
}

std::map<std::string, std::string> ProjectIndex::StarExports(std::string_view module_name) const {
  std::set<std::string, std::less<>> seen;
  return StarExportsImpl(module_name, &seen, 0);
}

std::map<std::string, std::string> ProjectIndex::StarExportsImpl(
    std::string_view module_name, std::set<std::string, std::less<>>* seen, int depth) const {
  std::map<std::string, std::string> out;
  const ModuleSummary* summary = Find(module_name);
  if (summary == nullptr || depth > kMaxHops || !seen->insert(std::string(module_name)).second) return out;
  // Everything the module binds at top level: its own names win over those
  // it star-imports itself.
  std::map<std::string, std::string> available = summary->names;
  for (const std::string& star : summary->star_imports) {
    for (auto& [name, qualified] : StarExportsImpl(star, seen, depth + 1)) available.emplace(name, qualified);
  }
  if (summary->all) {
    for (const std::string& name : *summary->all) {
      auto it = available.find(name);
      out.emplace(name, it != available.end() ? it->second : Join(summary->module_name, name));
    }
    return out;
  }
  for (auto& [name, qualified] : available) {
    if (!name.empty() && name[0] != '_') out.emplace(name, qualified);
  }
  return out;
}

std::string ProjectIndex::Canonical(std::string_view qualified) const {
  if (roots_.find(qualified.substr(0, qualified.find('.'))) == roots_.end()) return std::string(qualified);
  std::string current(qualified);
  for (int hop = 0; hop < kMaxHops; ++hop) {
    // The longest prefix that is a project module, and the name after it.
    bool changed = false;
    size_t end = current.size();
    while (true) {
      size_t dot = current.rfind('.', end - 1);
      if (dot == std::string::npos || dot == 0) break;
      std::string_view module = std::string_view(current).substr(0, dot);
      const ModuleSummary* summary = Find(module);
      if (summary != nullptr) {
        std::string_view rest = std::string_view(current).substr(dot + 1);
        std::string_view first = rest.substr(0, rest.find('.'));
        std::string_view tail = rest.substr(first.size());
        std::string target;
        auto it = summary->names.find(std::string(first));
        if (it != summary->names.end()) {
          target = it->second;
        } else if (!summary->star_imports.empty()) {
          std::map<std::string, std::string> exports = StarExports(module);
          auto star = exports.find(std::string(first));
          if (star != exports.end()) target = star->second;
        }
        std::string self = Join(module, first);
        if (!target.empty() && target != self) {
          current = target + std::string(tail);
          changed = true;
        }
        break;
      }
      end = dot;
    }
    if (!changed) break;
  }
  return current;
}

std::optional<std::string> ProjectIndex::InstanceOf(std::string_view qualified) const {
  if (roots_.find(qualified.substr(0, qualified.find('.'))) == roots_.end()) return std::nullopt;
  std::string canonical = Canonical(qualified);
  size_t dot = canonical.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  const ModuleSummary* summary = Find(std::string_view(canonical).substr(0, dot));
  if (summary == nullptr) return std::nullopt;
  auto it = summary->instances.find(canonical.substr(dot + 1));
  if (it == summary->instances.end()) return std::nullopt;
  return Canonical(it->second);
}

}  // namespace rampart::sema

namespace rampart::sema {

std::optional<Value> ProjectIndex::ConstantOf(std::string_view qualified) const {
  if (roots_.find(qualified.substr(0, qualified.find('.'))) == roots_.end()) return std::nullopt;
  std::string canonical = Canonical(qualified);
  size_t dot = canonical.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  const ModuleSummary* summary = Find(std::string_view(canonical).substr(0, dot));
  if (summary == nullptr) return std::nullopt;
  auto it = summary->constants.find(canonical.substr(dot + 1));
  if (it == summary->constants.end()) return std::nullopt;
  return it->second;
}

}  // namespace rampart::sema

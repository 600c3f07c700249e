// The semantic model of one Python module: scopes and bindings, imports resolved
// to qualified names, constant values, and which function or class a call really
// refers to. Every rule asks this model; no rule re-implements name resolution.
//
// What callers may rely on:
//   - Nothing here throws, executes or imports audited code. All queries are
//     bounded: constant folding and name chasing stop after kMaxFoldDepth steps
//     and a per-query work budget, strings are capped at kMaxStringLength bytes
//     (the value is then marked `truncated`), and no walk recurses with the tree
//     depth (the parser caps trees at 1000 levels; walks here are iterative).
//   - Qualified names are dotted, absolute Python names: `subprocess.run`,
//     `os.path.join`, `flask.request`, `flask.Flask.run` (a method looked up on an
//     instance whose constructor is known), `builtins.open` (a builtin that no
//     enclosing scope shadows), `app.views.helper` (a project module's def).
//   - Resolution is flow-insensitive but ordered: a use in the scope that binds
//     the name sees the last binding before it (or the first one when the use
//     comes first, as in a function body referring to a later def); a use in a
//     nested scope sees the outer scope's last binding. When a name is bound in
//     ways that disagree (`try: import json / except: import simplejson as json`)
//     the query still answers with that chosen binding.
//   - Project imports (`from .views import *`, `from app.utils import helper`)
//     resolve through a ProjectIndex built from all files of the run, so a
//     re-exported `from flask import request` in another module resolves to
//     `flask.request`.
//   - A ModuleModel holds pointers into the ParseResult's Arena; it must not
//     outlive it. It is immutable after construction and safe to query from one
//     thread at a time (each file is analysed on one thread).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/finding.h"
#include "python/ast.h"
#include "python/parser.h"

namespace rampart::sema {

inline constexpr uint32_t kMaxStringLength = 64 * 1024;  // bytes kept of a folded string
inline constexpr uint32_t kMaxFoldDepth = 32;            // names/operators followed per query

// A compile-time value (the result of constant folding).
struct Value {
  enum class Kind : uint8_t { kNone, kBool, kInt, kFloat, kStr, kBytes };
  Kind kind = Kind::kNone;
  bool bool_value = false;
  bool int_fits = false;     // kInt: int_value holds the value (else only `text` does)
  int64_t int_value = 0;
  double float_value = 0;
  std::string text;          // kStr / kBytes: the content; kInt: decimal digits
  bool truncated = false;    // kStr / kBytes: cut at kMaxStringLength

  bool IsStr() const { return kind == Kind::kStr; }
  bool IsNone() const { return kind == Kind::kNone; }
  // Python truthiness (`bool(value)`).
  bool Truthy() const;
};

// The Value of a literal; nullopt for Ellipsis and complex numbers.
std::optional<Value> ValueOf(const python::ConstantValue& constant);

// A string expression split into literal and non-literal pieces, in order:
// `"SELECT * FROM t WHERE id = " + user_id` gives two parts, the second dynamic.
// Understands `+`, `%` formatting, `str.format`, f-strings, implicit
// concatenation and names bound to such expressions.
struct StringPart {
  std::string text;                       // constant text; empty for a dynamic part
  const python::ExprNode* expr = nullptr;  // the non-constant expression; null when constant
  // A dynamic part formatted as a number (`%d`, `%f`, `{:d}`): it cannot carry text.
  bool numeric = false;
  bool constant() const { return expr == nullptr; }
};
struct StringShape {
  std::vector<StringPart> parts;
  bool has_dynamic = false;  // some part is not a known constant
  bool is_string = false;    // the expression is recognisably a string expression
  // Constant parts joined, each dynamic part replaced by `placeholder`.
  std::string Joined(std::string_view placeholder = "?") const;
};

enum class ScopeKind : uint8_t { kModule, kClass, kFunction, kLambda, kComprehension };

enum class BindingKind : uint8_t {
  kImport,         // import a.b [as c]
  kFromImport,     // from m import x [as y] (including names a star-import brought in)
  kFunction,       // def / async def
  kClass,          // class
  kAssignment,     // x = ..., x: T = ..., x := ..., x += ...
  kParameter,      // function or lambda parameter
  kLoopTarget,     // for x in ..., comprehension target
  kWithTarget,     // with ... as x
  kExceptHandler,  // except E as x
  kOther,          // match capture, del, type parameter, unpacking targets
};

struct Binding {
  BindingKind kind = BindingKind::kOther;
  std::string_view name;
  // The binding construct: FunctionDef / ClassDef / Alias / Name (target) / Arg ...
  const python::Node* node = nullptr;
  // kAssignment: the value when the target is the whole left-hand side
  // (`x = value`, `x: T = value`, `x := value`); null for unpacking or `+=`.
  const python::ExprNode* value = nullptr;
  // kImport / kFromImport: the imported qualified name ("flask.request"; for
  // `import os.path` without `as` the binding is `os` and this is "os").
  // kFunction / kClass: "<module>.<name>" for module-level defs,
  // "<module>.<Class>.<name>" for methods, "" for nested ones.
  std::string qualified;
  uint32_t line = 0;    // where the binding happens (1-based), for ordering
  uint32_t column = 0;  // 0-based
};

class Scope {
 public:
  ScopeKind kind() const { return kind_; }
  // Module, ClassDef, FunctionDef/AsyncFunctionDef, Lambda or the comprehension
  // expression (ListComp, SetComp, DictComp, GeneratorExp).
  const python::Node* node() const { return node_; }
  const Scope* parent() const { return parent_; }
  // Bindings of `name` in this scope, in source order; empty when none.
  std::span<const Binding* const> Lookup(std::string_view name) const;
  // Names declared `global` / `nonlocal` here (they bind in the outer scope).
  bool DeclaredGlobal(std::string_view name) const;
  bool DeclaredNonlocal(std::string_view name) const;
  // Every (name, bindings) pair, ordered by name.
  const std::map<std::string_view, std::vector<const Binding*>>& bindings() const {
    return bindings_;
  }

 private:
  friend class ModuleModel;
  friend class ModelBuilder;
  ScopeKind kind_ = ScopeKind::kModule;
  const python::Node* node_ = nullptr;
  const Scope* parent_ = nullptr;
  std::map<std::string_view, std::vector<const Binding*>> bindings_;
  std::vector<std::string_view> globals_;
  std::vector<std::string_view> nonlocals_;
};

// What other modules of the project may import from one module: its top-level
// names, each with the qualified name it stands for, and its star-imports.
struct ModuleSummary {
  std::string module_name;  // "app.views"
  bool is_package = false;  // an __init__.py
  // Top-level name -> qualified name it refers to: "helper" -> "app.utils.helper"
  // for a def, "request" -> "flask.request" for an import. Assigned names map to
  // "<module>.<name>" unless the value is itself a resolvable name.
  std::map<std::string, std::string> names;
  // Names explicitly listed in a constant `__all__`, when the module has one.
  std::optional<std::vector<std::string>> all;
  // Absolute module names this module star-imports (`from x import *`).
  std::vector<std::string> star_imports;
  // Top-level names bound to a call of a known constructor: "app" -> "flask.Flask".
  std::map<std::string, std::string> instances;
  // Top-level names bound once, to a literal: "TABLE" -> "notes", "DEBUG" -> True.
  std::map<std::string, Value> constants;
};

// The project's modules by dotted name. Built after parsing every file, then read
// concurrently by the per-file models (read-only after Add).
class ProjectIndex {
 public:
  // "app/views.py" -> "app.views" (is_package false); "app/__init__.py" -> "app"
  // (true). A leading "src/" is dropped, as in the src-layout. Returns "" for a
  // path that is not a .py file.
  static std::string ModuleNameForPath(std::string_view relative_path, bool* is_package);
  // Builds the summary of one parsed module (pure; callable from any thread).
  static ModuleSummary Summarize(std::string module_name, bool is_package,
                                 const python::Module* module);
  void Add(ModuleSummary summary);
  const ModuleSummary* Find(std::string_view module_name) const;
  // The names `from <module> import *` brings in: `__all__` when present, else
  // the public top-level names and those of its own star-imports (cycles and
  // chains are bounded). Name -> qualified name.
  std::map<std::string, std::string> StarExports(std::string_view module_name) const;
  // Follows re-exports through project modules: "app.views.request" where
  // app/views.py did `from flask import request` gives "flask.request". Names
  // that do not go through a project module come back unchanged.
  std::string Canonical(std::string_view qualified) const;
  // "app.views.app" -> "flask.Flask" when that module-level name is an instance.
  std::optional<std::string> InstanceOf(std::string_view qualified) const;
  // "app.settings.DEBUG" -> True when that module-level name is bound once to a literal.
  std::optional<Value> ConstantOf(std::string_view qualified) const;
  size_t size() const { return modules_.size(); }

 private:
  std::map<std::string, std::string> StarExportsImpl(std::string_view module_name,
                                                     std::set<std::string, std::less<>>* seen,
                                                     int depth) const;
  std::map<std::string, ModuleSummary, std::less<>> modules_;
  // First components of every module name ("app" for "app.views"): Canonical
  // returns at once for names outside the project (most of them).
  std::set<std::string, std::less<>> roots_;
};

class ModuleModel {
 public:
  // `index` may be null (a single file); `module_name` may be "" (then defs are
  // qualified by their bare name).
  ModuleModel(const python::ParseResult& parse, std::string module_name, bool is_package,
              const ProjectIndex* index);
  ~ModuleModel();
  ModuleModel(const ModuleModel&) = delete;
  ModuleModel& operator=(const ModuleModel&) = delete;

  std::string_view module_name() const { return module_name_; }
  const python::Module* module() const { return module_; }
  const python::ParseResult& parse() const { return parse_; }

  // ---- names
  // The qualified name an expression stands for: a Name, an Attribute chain on a
  // resolvable base (`os.path.join`, `app.run` -> `flask.Flask.run`), or a Call
  // of a known constructor's method (`Flask(__name__).run`). nullopt for local
  // variables, parameters and anything unknown.
  std::optional<std::string> QualifiedName(const python::ExprNode* expr) const;
  // QualifiedName of the callee (`call->func`).
  std::optional<std::string> CalleeName(const python::Call* call) const;
  // True when the callee is exactly `qualified`.
  bool IsCallTo(const python::Call* call, std::string_view qualified) const;
  // The class an expression is an instance of, when it was created by a call
  // to a class (a qualified name whose last part is capitalised, e.g.
  // `flask.Flask`) or a known factory (`sqlite3.connect` -> `sqlite3.Connection`);
  // followed through names, `self.x = ...` attributes and project modules.
  std::optional<std::string> InstanceType(const python::ExprNode* expr) const;

  // The binding a Name use refers to (see the ordering contract above); null for
  // builtins and unbound names.
  const Binding* ResolveName(const python::Name* name) const;
  // Binding of `name` as seen from `at` (any node of this module); null when unbound.
  const Binding* LookupName(std::string_view name, const python::Node* at) const;
  // True when `name` is bound in a scope visible from `at`, so it does not refer
  // to the builtin of that name (a local `def open()` shadows `builtins.open`).
  bool IsShadowed(std::string_view name, const python::Node* at) const;

  // ---- constants
  std::optional<Value> ConstantValue(const python::ExprNode* expr) const;
  // The folded str value, when the expression is a known constant str.
  std::optional<std::string> ConstantString(const python::ExprNode* expr) const;
  bool IsConstantString(const python::ExprNode* expr) const;
  StringShape StringParts(const python::ExprNode* expr) const;

  // ---- structure
  const python::Node* Parent(const python::Node* node) const;  // null for the Module
  const Scope* ScopeOf(const python::Node* node) const;        // innermost scope containing node
  const Scope& module_scope() const { return *scopes_.front(); }
  // FunctionDef / AsyncFunctionDef / Lambda containing node (not node itself); null at module level.
  const python::Node* EnclosingFunction(const python::Node* node) const;
  const python::ClassDef* EnclosingClass(const python::Node* node) const;
  // Every scope in source order (the module scope first).
  const std::vector<std::unique_ptr<Scope>>& scopes() const { return scopes_; }

 private:
  friend class ModelBuilder;
  // What an expression names (`name`) and what it is an instance of (`type`).
  struct Resolved {
    std::optional<std::string> name;
    std::optional<std::string> type;
  };
  Resolved ResolveImpl(const python::ExprNode* expr, int depth) const;
  std::optional<std::string> BindingType(const Binding* binding, int depth) const;
  std::optional<std::string> AttributeType(std::string_view type, std::string_view attr, int depth) const;
  std::string MemberOwner(const std::string& type, std::string_view attr, int depth) const;
  std::optional<Value> FoldImpl(const python::ExprNode* expr, int depth, int* budget) const;
  void PartsImpl(const python::ExprNode* expr, int depth, int* budget, StringShape* out) const;
  std::optional<std::string> BindingQualifiedName(const Binding* binding, int depth) const;
  const Scope* ScopeForLookup(const python::Node* at) const;

  const python::ParseResult& parse_;
  const python::Module* module_ = nullptr;
  std::string module_name_;
  bool is_package_ = false;
  const ProjectIndex* index_ = nullptr;
  std::vector<std::unique_ptr<Scope>> scopes_;
  std::vector<std::unique_ptr<Binding>> binding_storage_;
  std::string_view Intern(std::string_view text);
  struct NodeInfo {
    const python::Node* parent = nullptr;
    const Scope* scope = nullptr;  // the scope the node is evaluated in
  };
  std::unordered_map<const python::Node*, NodeInfo> nodes_;
  std::unordered_map<const python::Node*, const Scope*> scope_of_node_;  // scope-defining nodes
  // Module-level classes (and classes nested in them) by qualified name.
  std::map<std::string, const python::ClassDef*, std::less<>> classes_;
  std::set<std::string, std::less<>> interned_;  // names brought in by star-imports
  // Memo of top-level name queries: every rule asks for the callee of the same
  // calls, so each expression is resolved once per file.
  mutable std::unordered_map<const python::ExprNode*, Resolved> resolve_cache_;
  // Steps left for the current top-level resolution (see CachedResolve).
  static constexpr int kResolveBudget = 2048;
  mutable int resolve_budget_ = kResolveBudget;
  const Resolved& CachedResolve(const python::ExprNode* expr) const;
  // Per class: attribute name -> value assigned through `self.<attr> = value`.
  std::unordered_map<const python::ClassDef*, std::map<std::string_view, const python::ExprNode*>>
      self_attributes_;
};

// ---- call helpers (no model needed)
// The keyword argument `name=` of a call; null when absent.
const python::Keyword* FindKeyword(const python::Call* call, std::string_view name);
// The argument at `position` (0-based, positional) or passed as `keyword`; null
// when absent. A positional lookup stops at the first `*args` (its position is unknown).
const python::ExprNode* Argument(const python::Call* call, int position, std::string_view keyword);
// True when the call has `*args` or `**kwargs` (an argument may be hidden in them).
bool HasStarArguments(const python::Call* call);

// Source range of a node in Finding coordinates (1-based columns, end exclusive).
SourceRange RangeOf(const python::Node* node);

}  // namespace rampart::sema

// ModuleModel construction (scopes, bindings, parents) and its queries.
#include "sema/model.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>

#include "sema/builtins.h"

namespace rampart::sema {

using python::Node;
using python::NodeKind;

namespace {

std::string_view Text(python::Identifier id) { return id ? id->text : std::string_view(); }

bool StartsUpper(std::string_view qualified) {
  size_t dot = qualified.rfind('.');
  std::string_view last = dot == std::string_view::npos ? qualified : qualified.substr(dot + 1);
  return !last.empty() && last[0] >= 'A' && last[0] <= 'Z';
}

// Factories whose result type is known although their name is not a class.
// Keyed by the callee's qualified name.
struct Factory {
  std::string_view callee;
  std::string_view type;
};
constexpr std::array<Factory, 12> kFactories = {{
    {"sqlite3.connect", "sqlite3.Connection"},
    {"sqlite3.Connection.cursor", "sqlite3.Cursor"},
    {"psycopg2.connect", "psycopg2.extensions.connection"},
    {"psycopg2.extensions.connection.cursor", "psycopg2.extensions.cursor"},
    {"pymysql.connect", "pymysql.connections.Connection"},
    {"pymysql.connections.Connection.cursor", "pymysql.cursors.Cursor"},
    {"MySQLdb.connect", "MySQLdb.connections.Connection"},
    {"MySQLdb.connections.Connection.cursor", "MySQLdb.cursors.Cursor"},
    {"sqlalchemy.create_engine", "sqlalchemy.engine.Engine"},
    {"sqlalchemy.engine.Engine.connect", "sqlalchemy.engine.Connection"},
    {"requests.session", "requests.Session"},
    {"jinja2.Environment.from_string", "jinja2.Template"},
}};

bool PositionLess(uint32_t line_a, uint32_t col_a, uint32_t line_b, uint32_t col_b) {
  return line_a != line_b ? line_a < line_b : col_a < col_b;
}

void AppendCapped(std::string* out, std::string_view text, bool* truncated) {
  if (out->size() + text.size() > kMaxStringLength) {
    out->append(text.substr(0, kMaxStringLength - std::min<size_t>(out->size(), kMaxStringLength)));
    *truncated = true;
    return;
  }
  out->append(text);
}

// str() of a folded value, for f-strings, `%s` and `.format`; nullopt when the
// spelling is not certain (floats, bytes).
std::optional<std::string> ValueToStr(const Value& value) {
  switch (value.kind) {
    case Value::Kind::kStr: return value.text;
    case Value::Kind::kInt: return value.int_fits ? std::to_string(value.int_value) : value.text;
    case Value::Kind::kBool: return std::string(value.bool_value ? "True" : "False");
    case Value::Kind::kNone: return std::string("None");
    default: return std::nullopt;
  }
}

}  // namespace

std::optional<Value> ValueOf(const python::ConstantValue& c) {
  Value value;
  switch (c.kind) {
    case python::ConstantKind::kNone: value.kind = Value::Kind::kNone; break;
    case python::ConstantKind::kBool:
      value.kind = Value::Kind::kBool;
      value.bool_value = c.bool_value;
      break;
    case python::ConstantKind::kInt:
      value.kind = Value::Kind::kInt;
      value.int_fits = c.int_fits;
      value.int_value = c.int_value;
      value.text = c.int_fits ? std::to_string(c.int_value) : python::IntToDecimal(c.text);
      break;
    case python::ConstantKind::kFloat:
      value.kind = Value::Kind::kFloat;
      value.float_value = c.float_value;
      break;
    case python::ConstantKind::kStr:
    case python::ConstantKind::kBytes:
      value.kind = c.kind == python::ConstantKind::kStr ? Value::Kind::kStr : Value::Kind::kBytes;
      AppendCapped(&value.text, c.text, &value.truncated);
      break;
    default: return std::nullopt;  // Ellipsis, complex
  }
  return value;
}

bool Value::Truthy() const {
  switch (kind) {
    case Kind::kNone: return false;
    case Kind::kBool: return bool_value;
    case Kind::kInt: return int_fits ? int_value != 0 : true;
    case Kind::kFloat: return float_value != 0;
    case Kind::kStr:
    case Kind::kBytes: return !text.empty();
  }
  return false;
}

std::string StringShape::Joined(std::string_view placeholder) const {
  std::string out;
  for (const StringPart& part : parts) {
    if (part.constant()) out += part.text;
    else out += placeholder;
  }
  return out;
}

std::span<const Binding* const> Scope::Lookup(std::string_view name) const {
  auto it = bindings_.find(name);
  if (it == bindings_.end()) return {};
  return it->second;
}

bool Scope::DeclaredGlobal(std::string_view name) const {
  return std::find(globals_.begin(), globals_.end(), name) != globals_.end();
}
bool Scope::DeclaredNonlocal(std::string_view name) const {
  return std::find(nonlocals_.begin(), nonlocals_.end(), name) != nonlocals_.end();
}

// ---- construction

// Builds scopes and bindings in one iterative pre-order walk.
class ModelBuilder {
 public:
  explicit ModelBuilder(ModuleModel* model) : model_(model) {}

  void Build() {
    Scope* module_scope = NewScope(ScopeKind::kModule, model_->module_, nullptr);
    struct Item {
      const Node* node;
      const Node* parent;
      Scope* scope;
      Scope* inner;  // Arguments of a lambda / first comprehension: the scope params bind in
    };
    std::vector<Item> stack;
    stack.push_back({model_->module_, nullptr, module_scope, nullptr});
    std::vector<Item> children;
    while (!stack.empty()) {
      Item item = stack.back();
      stack.pop_back();
      const Node* node = item.node;
      Scope* scope = item.scope;
      model_->nodes_[node] = {item.parent, scope};
      children.clear();
      Scope* child_scope = scope;
      Scope* inner = nullptr;
      switch (node->kind) {
        case NodeKind::kFunctionDef:
        case NodeKind::kAsyncFunctionDef: {
          const auto* def = static_cast<const python::FunctionDef*>(node);
          AddBinding(scope, BindingKind::kFunction, Text(def->name), node, nullptr, node->lineno,
                     node->col_offset, DefQualified(scope, Text(def->name)));
          inner = NewScope(ScopeKind::kFunction, node, scope);
          break;
        }
        case NodeKind::kClassDef: {
          const auto* def = static_cast<const python::ClassDef*>(node);
          AddBinding(scope, BindingKind::kClass, Text(def->name), node, nullptr, node->lineno,
                     node->col_offset, DefQualified(scope, Text(def->name)));
          inner = NewScope(ScopeKind::kClass, node, scope);
          std::string qualified = DefQualified(scope, Text(def->name));
          if (!qualified.empty()) model_->classes_[qualified] = def;
          break;
        }
        case NodeKind::kLambda:
          inner = NewScope(ScopeKind::kLambda, node, scope);
          break;
        case NodeKind::kListComp:
        case NodeKind::kSetComp:
        case NodeKind::kDictComp:
        case NodeKind::kGeneratorExp:
          inner = NewScope(ScopeKind::kComprehension, node, scope);
          break;
        case NodeKind::kImport: BindImport(scope, static_cast<const python::Import*>(node)); break;
        case NodeKind::kImportFrom:
          BindImportFrom(scope, static_cast<const python::ImportFrom*>(node));
          break;
        case NodeKind::kGlobal:
          for (python::Identifier id : static_cast<const python::Global*>(node)->names)
            scope->globals_.push_back(Text(id));
          break;
        case NodeKind::kNonlocal:
          for (python::Identifier id : static_cast<const python::Nonlocal*>(node)->names)
            scope->nonlocals_.push_back(Text(id));
          break;
        case NodeKind::kName: {
          const auto* name = static_cast<const python::Name*>(node);
          if (name->ctx == python::ExprContext::kStore) BindTarget(scope, name, item.parent);
          break;
        }
        case NodeKind::kArg: {
          // Parameters bind in the function (or lambda) scope.
          const auto* arg = static_cast<const python::Arg*>(node);
          AddBinding(scope, BindingKind::kParameter, Text(arg->arg), node, nullptr, node->lineno,
                     node->col_offset, "");
          break;
        }
        case NodeKind::kExceptHandler: {
          const auto* handler = static_cast<const python::ExceptHandler*>(node);
          if (handler->name)
            AddBinding(scope, BindingKind::kExceptHandler, Text(handler->name), node, nullptr,
                       node->lineno, node->col_offset, "");
          break;
        }
        case NodeKind::kMatchAs:
        case NodeKind::kMatchStar: {
          python::Identifier id = node->kind == NodeKind::kMatchAs
                                      ? static_cast<const python::MatchAs*>(node)->name
                                      : static_cast<const python::MatchStar*>(node)->name;
          if (id)
            AddBinding(scope, BindingKind::kOther, Text(id), node, nullptr, node->lineno,
                       node->col_offset, "");
          break;
        }
        case NodeKind::kAssign:
          RecordSelfAttributes(scope, static_cast<const python::Assign*>(node));
          break;
        default: break;
      }
      python::ForEachChild(const_cast<Node*>(node), [&](Node* child) {
        children.push_back({child, node, child_scope, nullptr});
      });
      if (inner != nullptr || item.inner != nullptr) AssignChildScopes(node, scope, inner, item.inner, &children);
      for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back(*it);
    }
  }

 private:
  template <class Item>
  void AssignChildScopes(const Node* node, Scope* outer, Scope* inner, Scope* params,
                         std::vector<Item>* children) {
    switch (node->kind) {
      case NodeKind::kFunctionDef:
      case NodeKind::kAsyncFunctionDef:
        // Decorators, defaults, annotations of the return run in the outer
        // scope; parameters, body and type parameters belong to the function.
        for (Item& child : *children) {
          bool in_function = child.node->kind == NodeKind::kArg || child.node->template Is<python::StmtNode>() ||
                             child.node->template Is<python::TypeParamNode>();
          child.scope = in_function ? inner : outer;
        }
        break;
      case NodeKind::kClassDef:
        for (Item& child : *children) {
          bool in_class = child.node->template Is<python::StmtNode>() ||
                          child.node->template Is<python::TypeParamNode>();
          child.scope = in_class ? inner : outer;
        }
        break;
      case NodeKind::kLambda: {
        const auto* lambda = static_cast<const python::Lambda*>(node);
        for (Item& child : *children) {
          if (child.node == lambda->body) child.scope = inner;
          else child.inner = inner;  // the Arguments node: params bind inside
        }
        break;
      }
      case NodeKind::kArguments:
        for (Item& child : *children) {
          if (child.node->kind == NodeKind::kArg) child.scope = params;
        }
        break;
      case NodeKind::kListComp:
      case NodeKind::kSetComp:
      case NodeKind::kDictComp:
      case NodeKind::kGeneratorExp: {
        bool first = true;
        for (Item& child : *children) {
          child.scope = inner;
          if (child.node->kind == NodeKind::kComprehension && first) {
            first = false;
            child.inner = outer;  // its `iter` is evaluated in the enclosing scope
          }
        }
        break;
      }
      case NodeKind::kComprehension: {
        const auto* comp = static_cast<const python::Comprehension*>(node);
        for (Item& child : *children) {
          if (child.node == comp->iter) child.scope = params;
        }
        break;
      }
      default: break;
    }
  }

  Scope* NewScope(ScopeKind kind, const Node* node, Scope* parent) {
    auto scope = std::make_unique<Scope>();
    scope->kind_ = kind;
    scope->node_ = node;
    scope->parent_ = parent;
    Scope* raw = scope.get();
    model_->scopes_.push_back(std::move(scope));
    model_->scope_of_node_[node] = raw;
    return raw;
  }

  std::string DefQualified(const Scope* scope, std::string_view name) {
    std::string prefix = model_->module_name_;
    if (scope->kind() == ScopeKind::kModule) {
      return prefix.empty() ? std::string(name) : prefix + "." + std::string(name);
    }
    if (scope->kind() == ScopeKind::kClass && scope->parent() != nullptr) {
      // Class nested at module level or in a module-level class.
      const auto* cls = static_cast<const python::ClassDef*>(scope->node());
      std::string outer = DefQualified(scope->parent(), Text(cls->name));
      if (outer.empty()) return "";
      return outer + "." + std::string(name);
    }
    return "";
  }

  // The scope a name binds in, honouring `global` / `nonlocal`.
  Scope* BindingScope(Scope* scope, std::string_view name) {
    if (scope->DeclaredGlobal(name)) return model_->scopes_.front().get();
    if (scope->DeclaredNonlocal(name)) {
      for (Scope* s = const_cast<Scope*>(scope->parent()); s != nullptr; s = const_cast<Scope*>(s->parent())) {
        if (s->kind() == ScopeKind::kFunction && !s->Lookup(name).empty()) return s;
      }
    }
    return scope;
  }

  void AddBinding(Scope* scope, BindingKind kind, std::string_view name, const Node* node,
                  const python::ExprNode* value, uint32_t line, uint32_t column,
                  std::string qualified) {
    if (name.empty()) return;
    scope = BindingScope(scope, name);
    auto binding = std::make_unique<Binding>();
    binding->kind = kind;
    binding->name = name;
    binding->node = node;
    binding->value = value;
    binding->qualified = std::move(qualified);
    binding->line = line;
    binding->column = column;
    scope->bindings_[name].push_back(binding.get());
    model_->binding_storage_.push_back(std::move(binding));
  }

  std::string ResolveRelative(const python::ImportFrom* from) {
    std::string module(Text(from->module));
    if (from->level <= 0) return module;
    // The package this module is in: itself for an __init__.py.
    std::string package = model_->module_name_;
    if (!model_->is_package_) {
      size_t dot = package.rfind('.');
      package = dot == std::string::npos ? "" : package.substr(0, dot);
    }
    for (int i = 1; i < from->level; ++i) {
      size_t dot = package.rfind('.');
      package = dot == std::string::npos ? "" : package.substr(0, dot);
    }
    if (package.empty()) return module;
    return module.empty() ? package : package + "." + module;
  }

  void BindImport(Scope* scope, const python::Import* import) {
    for (const python::Alias* alias : import->names) {
      std::string_view dotted = Text(alias->name);
      if (alias->asname) {
        AddBinding(scope, BindingKind::kImport, Text(alias->asname), alias, nullptr,
                   import->lineno, import->col_offset, std::string(dotted));
      } else {
        std::string_view first = dotted.substr(0, dotted.find('.'));
        AddBinding(scope, BindingKind::kImport, first, alias, nullptr, import->lineno,
                   import->col_offset, std::string(first));
      }
    }
  }

  void BindImportFrom(Scope* scope, const python::ImportFrom* from) {
    std::string module = ResolveRelative(from);
    for (const python::Alias* alias : from->names) {
      std::string_view name = Text(alias->name);
      if (name == "*") {
        if (model_->index_ == nullptr) continue;
        for (const auto& [exported, qualified] : model_->index_->StarExports(module)) {
          // The strings must outlive the map: keep them in the model.
          std::string_view stable = model_->Intern(exported);
          AddBinding(scope, BindingKind::kFromImport, stable, alias, nullptr, from->lineno,
                     from->col_offset, qualified);
        }
        continue;
      }
      std::string qualified = module.empty() ? std::string(name) : module + "." + std::string(name);
      AddBinding(scope, BindingKind::kFromImport, alias->asname ? Text(alias->asname) : name, alias,
                 nullptr, from->lineno, from->col_offset, std::move(qualified));
    }
  }

  void BindTarget(Scope* scope, const python::Name* name, const Node* parent) {
    BindingKind kind = BindingKind::kOther;
    const python::ExprNode* value = nullptr;
    uint32_t line = name->lineno, column = name->col_offset;
    if (parent != nullptr) {
      switch (parent->kind) {
        case NodeKind::kAssign: {
          const auto* assign = static_cast<const python::Assign*>(parent);
          kind = BindingKind::kAssignment;
          value = assign->value;
          line = parent->end_lineno, column = parent->end_col_offset;  // bound after the value
          break;
        }
        case NodeKind::kAnnAssign: {
          const auto* assign = static_cast<const python::AnnAssign*>(parent);
          kind = BindingKind::kAssignment;
          value = assign->value;
          line = parent->end_lineno, column = parent->end_col_offset;
          break;
        }
        case NodeKind::kAugAssign:
          kind = BindingKind::kAssignment;
          line = parent->end_lineno, column = parent->end_col_offset;
          break;
        case NodeKind::kNamedExpr: {
          kind = BindingKind::kAssignment;
          value = static_cast<const python::NamedExpr*>(parent)->value;
          line = parent->end_lineno, column = parent->end_col_offset;
          // `:=` in a comprehension binds in the enclosing function or module.
          while (scope->kind() == ScopeKind::kComprehension && scope->parent() != nullptr)
            scope = const_cast<Scope*>(scope->parent());
          break;
        }
        case NodeKind::kFor:
        case NodeKind::kAsyncFor:
        case NodeKind::kComprehension: kind = BindingKind::kLoopTarget; break;
        case NodeKind::kWithItem: kind = BindingKind::kWithTarget; break;
        case NodeKind::kTuple:
        case NodeKind::kList:
        case NodeKind::kStarred: {
          // Unpacking: an assignment without a single value.
          const Node* stmt = parent;
          for (int hops = 0; stmt != nullptr && hops < 64 && !stmt->Is<python::StmtNode>() &&
                             stmt->kind != NodeKind::kComprehension && stmt->kind != NodeKind::kWithItem;
               ++hops) {
            auto it = model_->nodes_.find(stmt);
            stmt = it == model_->nodes_.end() ? nullptr : it->second.parent;
          }
          if (stmt != nullptr && (stmt->kind == NodeKind::kAssign || stmt->kind == NodeKind::kAnnAssign)) {
            kind = BindingKind::kAssignment;
            line = stmt->end_lineno, column = stmt->end_col_offset;
          } else if (stmt != nullptr && (stmt->kind == NodeKind::kFor || stmt->kind == NodeKind::kAsyncFor ||
                                         stmt->kind == NodeKind::kComprehension)) {
            kind = BindingKind::kLoopTarget;
          } else if (stmt != nullptr && stmt->kind == NodeKind::kWithItem) {
            kind = BindingKind::kWithTarget;
          }
          break;
        }
        default: break;
      }
    }
    AddBinding(scope, kind, Text(name->id), name, value, line, column, "");
  }

  // `self.x = value` inside a method: remembered per class so `self.x.run()`
  // resolves through the instance type of `value`.
  void RecordSelfAttributes(Scope* scope, const python::Assign* assign) {
    if (scope->kind() != ScopeKind::kFunction) return;
    const Scope* class_scope = scope->parent();
    if (class_scope == nullptr || class_scope->kind() != ScopeKind::kClass) return;
    const auto* def = static_cast<const python::FunctionDef*>(scope->node());
    const python::Arguments* args = def->args;
    const python::Arg* self = nullptr;
    if (args != nullptr) {
      if (!args->posonlyargs.empty()) self = args->posonlyargs[0];
      else if (!args->args.empty()) self = args->args[0];
    }
    if (self == nullptr) return;
    for (const python::ExprNode* target : assign->targets) {
      const auto* attribute = target->As<python::Attribute>();
      if (attribute == nullptr) continue;
      const auto* base = attribute->value->As<python::Name>();
      if (base == nullptr || base->id != self->arg) continue;
      const auto* cls = static_cast<const python::ClassDef*>(class_scope->node());
      model_->self_attributes_[cls][Text(attribute->attr)] = assign->value;
    }
  }

  ModuleModel* model_;
};

std::string_view ModuleModel::Intern(std::string_view text) {
  return *interned_.insert(std::string(text)).first;
}

ModuleModel::ModuleModel(const python::ParseResult& parse, std::string module_name,
                         bool is_package, const ProjectIndex* index)
    : parse_(parse),
      module_(parse.module),
      module_name_(std::move(module_name)),
      is_package_(is_package),
      index_(index) {
  if (module_ == nullptr) {
    // Parse() never returns a null module; stay usable anyway.
    scopes_.push_back(std::make_unique<Scope>());
    return;
  }
  nodes_.reserve(parse.source.size() / 4 + 16);
  ModelBuilder(this).Build();
}

ModuleModel::~ModuleModel() = default;

// ---- structure

const Node* ModuleModel::Parent(const Node* node) const {
  auto it = nodes_.find(node);
  return it == nodes_.end() ? nullptr : it->second.parent;
}

const Scope* ModuleModel::ScopeOf(const Node* node) const {
  auto it = nodes_.find(node);
  if (it == nodes_.end()) return scopes_.front().get();
  return it->second.scope;
}

const Node* ModuleModel::EnclosingFunction(const Node* node) const {
  for (const Scope* scope = ScopeOf(node); scope != nullptr; scope = scope->parent()) {
    if (scope->kind() == ScopeKind::kFunction || scope->kind() == ScopeKind::kLambda)
      return scope->node();
  }
  return nullptr;
}

const python::ClassDef* ModuleModel::EnclosingClass(const Node* node) const {
  for (const Scope* scope = ScopeOf(node); scope != nullptr; scope = scope->parent()) {
    if (scope->kind() == ScopeKind::kClass) return static_cast<const python::ClassDef*>(scope->node());
  }
  return nullptr;
}

// ---- names

const Binding* ModuleModel::LookupName(std::string_view name, const Node* at) const {
  const Scope* start = ScopeOf(at);
  uint32_t line = at != nullptr ? at->lineno : 0;
  uint32_t column = at != nullptr ? at->col_offset : 0;
  const Scope* scope = start;
  if (scope->DeclaredGlobal(name)) scope = scopes_.front().get();
  for (; scope != nullptr; scope = scope->parent()) {
    // Class bodies are not visible from the functions nested in them.
    if (scope != start && scope->kind() == ScopeKind::kClass) continue;
    std::span<const Binding* const> bindings = scope->Lookup(name);
    if (bindings.empty()) continue;
    if (scope == start) {
      // The last binding before the use; the first one when the use comes first.
      const Binding* chosen = bindings.front();
      for (const Binding* binding : bindings) {
        if (PositionLess(binding->line, binding->column, line, column) ||
            (binding->line == line && binding->column == column))
          chosen = binding;
      }
      return chosen;
    }
    return bindings.back();
  }
  return nullptr;
}

const Binding* ModuleModel::ResolveName(const python::Name* name) const {
  return LookupName(Text(name->id), name);
}

bool ModuleModel::IsShadowed(std::string_view name, const Node* at) const {
  return LookupName(name, at) != nullptr;
}

std::optional<std::string> ModuleModel::BindingQualifiedName(const Binding* binding, int depth) const {
  switch (binding->kind) {
    case BindingKind::kImport:
    case BindingKind::kFromImport:
      if (index_ != nullptr) return index_->Canonical(binding->qualified);
      return binding->qualified;
    case BindingKind::kFunction:
    case BindingKind::kClass:
      if (binding->qualified.empty()) return std::nullopt;
      return binding->qualified;
    case BindingKind::kAssignment:
      // An alias (`run = subprocess.run`) stands for what it was assigned.
      if (binding->value != nullptr &&
          (binding->value->kind == NodeKind::kName || binding->value->kind == NodeKind::kAttribute))
        return ResolveImpl(binding->value, depth + 1).name;
      return std::nullopt;
    default: return std::nullopt;
  }
}

std::optional<std::string> ModuleModel::BindingType(const Binding* binding, int depth) const {
  switch (binding->kind) {
    case BindingKind::kAssignment:
      return binding->value ? ResolveImpl(binding->value, depth + 1).type : std::nullopt;
    case BindingKind::kImport:
    case BindingKind::kFromImport:
      if (index_ != nullptr) return index_->InstanceOf(binding->qualified);
      return std::nullopt;
    case BindingKind::kWithTarget: {
      // `with Session() as s`: the context manager's own type (the common idiom).
      const Node* parent = Parent(binding->node);
      if (const auto* item = parent != nullptr ? parent->As<python::WithItem>() : nullptr)
        return ResolveImpl(item->context_expr, depth + 1).type;
      return std::nullopt;
    }
    case BindingKind::kParameter: {
      const auto* arg = binding->node->As<python::Arg>();
      if (arg == nullptr) return std::nullopt;
      if (arg->annotation != nullptr) {
        std::optional<std::string> type = ResolveImpl(arg->annotation, depth + 1).name;
        if (type && StartsUpper(*type)) return type;
      }
      // `self` (the first parameter of a plain method) is an instance of the class.
      const Scope* scope = ScopeOf(binding->node);
      if (scope == nullptr || scope->kind() != ScopeKind::kFunction || scope->parent() == nullptr ||
          scope->parent()->kind() != ScopeKind::kClass)
        return std::nullopt;
      const auto* def = static_cast<const python::FunctionDef*>(scope->node());
      const python::Arguments* args = def->args;
      const python::Arg* first = !args->posonlyargs.empty() ? args->posonlyargs[0]
                                 : !args->args.empty()      ? args->args[0]
                                                            : nullptr;
      if (first != arg) return std::nullopt;
      for (const python::ExprNode* decorator : def->decorator_list) {
        const auto* d = decorator->As<python::Name>();
        if (d != nullptr && (Text(d->id) == "staticmethod" || Text(d->id) == "classmethod"))
          return std::nullopt;
      }
      const auto* cls = static_cast<const python::ClassDef*>(scope->parent()->node());
      for (const auto& [qualified, def_node] : classes_) {
        if (def_node == cls) return qualified;
      }
      return std::nullopt;
    }
    default: return std::nullopt;
  }
}

// The type of `<instance of type>.<attr>`: for classes of this module, what
// `self.<attr>` (or the class body) assigned.
std::optional<std::string> ModuleModel::AttributeType(std::string_view type, std::string_view attr,
                                                      int depth) const {
  auto cls = classes_.find(type);
  if (cls == classes_.end()) return std::nullopt;
  auto attrs = self_attributes_.find(cls->second);
  if (attrs != self_attributes_.end()) {
    auto it = attrs->second.find(attr);
    if (it != attrs->second.end()) return ResolveImpl(it->second, depth + 1).type;
  }
  auto scope = scope_of_node_.find(cls->second);
  if (scope != scope_of_node_.end()) {
    std::span<const Binding* const> bindings = scope->second->Lookup(attr);
    if (!bindings.empty()) return BindingType(bindings.back(), depth);
  }
  return std::nullopt;
}

// The class that provides `attr` for instances of `type`: `type` itself, unless
// it is a class of this module that neither defines nor assigns `attr`, in
// which case its bases are searched (first base first, bounded).
std::string ModuleModel::MemberOwner(const std::string& type, std::string_view attr, int depth) const {
  std::string current = type;
  for (int hop = 0; hop < 8; ++hop) {
    auto cls = classes_.find(current);
    if (cls == classes_.end()) return current;
    auto scope = scope_of_node_.find(cls->second);
    if (scope != scope_of_node_.end() && !scope->second->Lookup(attr).empty()) return current;
    auto attrs = self_attributes_.find(cls->second);
    if (attrs != self_attributes_.end() && attrs->second.count(attr)) return current;
    std::optional<std::string> base;
    for (const python::ExprNode* base_expr : cls->second->bases) {
      base = ResolveImpl(base_expr, depth + 1).name;
      if (base) break;
    }
    if (!base) return current;
    current = std::move(*base);
  }
  return current;
}

ModuleModel::Resolved ModuleModel::ResolveImpl(const python::ExprNode* expr, int depth) const {
  Resolved out;
  if (expr == nullptr || depth > static_cast<int>(kMaxFoldDepth) || --resolve_budget_ < 0) return out;
  switch (expr->kind) {
    case NodeKind::kName: {
      const auto* name = static_cast<const python::Name*>(expr);
      const Binding* binding = ResolveName(name);
      if (binding == nullptr) {
        if (IsBuiltinName(Text(name->id))) out.name = "builtins." + std::string(Text(name->id));
        return out;
      }
      if (binding->kind == BindingKind::kAssignment) {
        // One resolution of the value serves both answers: computing name and
        // type separately would branch twice per step (exponential in chains).
        if (binding->value == nullptr) return out;
        Resolved value = ResolveImpl(binding->value, depth + 1);
        if (binding->value->kind == NodeKind::kName || binding->value->kind == NodeKind::kAttribute)
          out.name = std::move(value.name);  // an alias: `run = subprocess.run`
        out.type = std::move(value.type);
        return out;
      }
      out.name = BindingQualifiedName(binding, depth);
      out.type = BindingType(binding, depth);
      return out;
    }
    case NodeKind::kCall: {
      const auto* call = static_cast<const python::Call*>(expr);
      std::optional<std::string> callee = ResolveImpl(call->func, depth + 1).name;
      if (!callee) return out;
      for (const Factory& factory : kFactories) {
        if (factory.callee == *callee) {
          out.type = std::string(factory.type);
          return out;
        }
      }
      if (StartsUpper(*callee)) out.type = std::move(callee);
      return out;
    }
    case NodeKind::kAttribute: {
      // a.b.c.d: resolve the innermost base once, then step outwards, so a
      // long chain costs linear work.
      std::vector<std::string_view> attrs;
      const python::ExprNode* base = expr;
      while (const auto* a = base->As<python::Attribute>()) {
        attrs.push_back(Text(a->attr));
        base = a->value;
        if (attrs.size() > 256) return out;
      }
      Resolved current = ResolveImpl(base, depth + 1);
      for (auto it = attrs.rbegin(); it != attrs.rend(); ++it) {
        Resolved next;
        if (current.type) {
          // A method or attribute of a known instance: `app.run` -> flask.Flask.run;
          // on a project subclass that does not define it, the base's.
          next.name = MemberOwner(*current.type, *it, depth + 1) + "." + std::string(*it);
          next.type = AttributeType(*current.type, *it, depth + 1);
        } else if (current.name) {
          next.name = *current.name + "." + std::string(*it);
          if (index_ != nullptr) {
            next.name = index_->Canonical(*next.name);
            next.type = index_->InstanceOf(*next.name);
          }
        } else {
          return out;
        }
        current = std::move(next);
      }
      return current;
    }
    default: return out;
  }
}

const ModuleModel::Resolved& ModuleModel::CachedResolve(const python::ExprNode* expr) const {
  auto it = resolve_cache_.find(expr);
  if (it != resolve_cache_.end()) return it->second;
  // Each top-level query gets its own work budget (nested queries from
  // FoldImpl save and restore the caller's).
  int saved_budget = resolve_budget_;
  resolve_budget_ = kResolveBudget;
  Resolved resolved = ResolveImpl(expr, 0);
  resolve_budget_ = saved_budget;
  return resolve_cache_.emplace(expr, std::move(resolved)).first->second;
}

std::optional<std::string> ModuleModel::QualifiedName(const python::ExprNode* expr) const {
  if (expr == nullptr) return std::nullopt;
  return CachedResolve(expr).name;
}

std::optional<std::string> ModuleModel::CalleeName(const python::Call* call) const {
  if (call == nullptr) return std::nullopt;
  return CachedResolve(call->func).name;
}

bool ModuleModel::IsCallTo(const python::Call* call, std::string_view qualified) const {
  std::optional<std::string> callee = CalleeName(call);
  return callee && *callee == qualified;
}

std::optional<std::string> ModuleModel::InstanceType(const python::ExprNode* expr) const {
  if (expr == nullptr) return std::nullopt;
  return CachedResolve(expr).type;
}

// ---- constants

std::optional<Value> ModuleModel::ConstantValue(const python::ExprNode* expr) const {
  int budget = 4096;
  return FoldImpl(expr, 0, &budget);
}

std::optional<std::string> ModuleModel::ConstantString(const python::ExprNode* expr) const {
  std::optional<Value> value = ConstantValue(expr);
  if (!value || value->kind != Value::Kind::kStr) return std::nullopt;
  return std::move(value->text);
}

bool ModuleModel::IsConstantString(const python::ExprNode* expr) const {
  return ConstantString(expr).has_value();
}

namespace {

// Operands of a left-deep chain of the same binary operator (`a + b + c`),
// collected without recursion.
std::vector<const python::ExprNode*> FlattenChain(const python::BinOp* op) {
  std::vector<const python::ExprNode*> operands;
  const python::ExprNode* left = op;
  while (const auto* bin = left->As<python::BinOp>()) {
    if (bin->op != op->op) break;
    operands.push_back(bin->right);
    left = bin->left;
    if (operands.size() > 100000) break;
  }
  operands.push_back(left);
  std::reverse(operands.begin(), operands.end());
  return operands;
}

bool AddInt(int64_t a, int64_t b, int64_t* out) { return !__builtin_add_overflow(a, b, out); }
bool SubInt(int64_t a, int64_t b, int64_t* out) { return !__builtin_sub_overflow(a, b, out); }
bool MulInt(int64_t a, int64_t b, int64_t* out) { return !__builtin_mul_overflow(a, b, out); }

// One `%` conversion of a printf-style format: "%s", "%(name)s", "%5d" ...
struct PercentSpec {
  size_t begin = 0, end = 0;
  std::string key;  // %(key)s
  char conversion = 0;
};

// Splits a printf-style format; false on a malformed or unsupported spec.
bool ParsePercentFormat(std::string_view format, std::vector<PercentSpec>* specs) {
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') continue;
    PercentSpec spec;
    spec.begin = i;
    size_t j = i + 1;
    if (j < format.size() && format[j] == '%') {
      spec.end = j + 1;
      spec.conversion = '%';
      specs->push_back(spec);
      i = j;
      continue;
    }
    if (j < format.size() && format[j] == '(') {
      size_t close = format.find(')', j);
      if (close == std::string_view::npos) return false;
      spec.key = std::string(format.substr(j + 1, close - j - 1));
      j = close + 1;
    }
    while (j < format.size() && std::string_view("#0- +*.0123456789hlL").find(format[j]) != std::string_view::npos) ++j;
    if (j >= format.size()) return false;
    spec.conversion = format[j];
    if (std::string_view("sdirafFeEgGxXoucb").find(spec.conversion) == std::string_view::npos) return false;
    spec.end = j + 1;
    specs->push_back(spec);
    i = j;
  }
  return true;
}

// One replacement field of a str.format string: "{}", "{0}", "{name}", "{x!r:>5}".
struct BraceSpec {
  size_t begin = 0, end = 0;
  std::string field;  // "" (auto), "0", "name"
  bool simple = true;  // no attribute/index access, conversion or format spec
};

bool ParseBraceFormat(std::string_view format, std::vector<BraceSpec>* specs, std::string* literal_braces) {
  for (size_t i = 0; i < format.size(); ++i) {
    char c = format[i];
    if (c == '{') {
      if (i + 1 < format.size() && format[i + 1] == '{') {
        ++i;
        continue;
      }
      size_t close = format.find('}', i);
      if (close == std::string_view::npos) return false;
      BraceSpec spec;
      spec.begin = i;
      spec.end = close + 1;
      std::string_view inner = format.substr(i + 1, close - i - 1);
      size_t cut = inner.find_first_of("!:.[");
      if (cut != std::string_view::npos) {
        spec.simple = false;
        inner = inner.substr(0, cut);
      }
      if (inner.find('{') != std::string_view::npos) return false;  // nested fields
      spec.field = std::string(inner);
      specs->push_back(spec);
      i = close;
    } else if (c == '}') {
      if (i + 1 < format.size() && format[i + 1] == '}') {
        ++i;
        continue;
      }
      return false;
    }
  }
  (void)literal_braces;
  return true;
}

// Literal text of a format string between fields, with `{{`/`}}` (or `%%`) undone.
std::string UnescapeBraces(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if ((text[i] == '{' || text[i] == '}') && i + 1 < text.size() && text[i + 1] == text[i]) ++i;
  }
  return out;
}

}  // namespace

std::optional<Value> ModuleModel::FoldImpl(const python::ExprNode* expr, int depth, int* budget) const {
  if (expr == nullptr || depth > static_cast<int>(kMaxFoldDepth) || --*budget < 0) return std::nullopt;
  switch (expr->kind) {
    case NodeKind::kConstant: return ValueOf(static_cast<const python::Constant*>(expr)->value);
    case NodeKind::kAttribute: {
      // `settings.TABLE` of a project module.
      if (index_ == nullptr) return std::nullopt;
      const std::optional<std::string>& qualified = CachedResolve(expr).name;
      if (!qualified) return std::nullopt;
      return index_->ConstantOf(*qualified);
    }
    case NodeKind::kName: {
      const Binding* binding = ResolveName(static_cast<const python::Name*>(expr));
      if (binding != nullptr && index_ != nullptr &&
          (binding->kind == BindingKind::kFromImport || binding->kind == BindingKind::kImport))
        return index_->ConstantOf(binding->qualified);  // `from .settings import TABLE`
      if (binding == nullptr || binding->kind != BindingKind::kAssignment || binding->value == nullptr)
        return std::nullopt;
      return FoldImpl(binding->value, depth + 1, budget);
    }
    case NodeKind::kUnaryOp: {
      const auto* op = static_cast<const python::UnaryOp*>(expr);
      std::optional<Value> operand = FoldImpl(op->operand, depth + 1, budget);
      if (!operand) return std::nullopt;
      if (op->op == python::UnaryOpKind::kNot) {
        Value value;
        value.kind = Value::Kind::kBool;
        value.bool_value = !operand->Truthy();
        return value;
      }
      if (op->op == python::UnaryOpKind::kUSub && operand->kind == Value::Kind::kInt && operand->int_fits &&
          operand->int_value != INT64_MIN) {
        operand->int_value = -operand->int_value;
        operand->text = std::to_string(operand->int_value);
        return operand;
      }
      if (op->op == python::UnaryOpKind::kUSub && operand->kind == Value::Kind::kFloat) {
        operand->float_value = -operand->float_value;
        return operand;
      }
      if (op->op == python::UnaryOpKind::kUAdd) return operand;
      return std::nullopt;
    }
    case NodeKind::kBinOp: {
      const auto* op = static_cast<const python::BinOp*>(expr);
      if (op->op == python::OperatorKind::kAdd) {
        Value result;
        bool first = true;
        for (const python::ExprNode* operand : FlattenChain(op)) {
          std::optional<Value> value = FoldImpl(operand, depth + 1, budget);
          if (!value) return std::nullopt;
          if (first) {
            result = std::move(*value);
            first = false;
            if (result.kind != Value::Kind::kStr && result.kind != Value::Kind::kBytes &&
                !(result.kind == Value::Kind::kInt && result.int_fits))
              return std::nullopt;
            continue;
          }
          if (value->kind != result.kind) return std::nullopt;
          if (result.kind == Value::Kind::kInt) {
            if (!value->int_fits || !AddInt(result.int_value, value->int_value, &result.int_value))
              return std::nullopt;
            result.text = std::to_string(result.int_value);
          } else {
            AppendCapped(&result.text, value->text, &result.truncated);
            result.truncated = result.truncated || value->truncated;
          }
        }
        return result;
      }
      std::optional<Value> left = FoldImpl(op->left, depth + 1, budget);
      if (!left) return std::nullopt;
      if (op->op == python::OperatorKind::kMod && left->kind == Value::Kind::kStr) {
        StringShape shape;
        PartsImpl(expr, depth, budget, &shape);
        if (shape.has_dynamic || !shape.is_string) return std::nullopt;
        Value value;
        value.kind = Value::Kind::kStr;
        for (const StringPart& part : shape.parts) AppendCapped(&value.text, part.text, &value.truncated);
        return value;
      }
      std::optional<Value> right = FoldImpl(op->right, depth + 1, budget);
      if (!right) return std::nullopt;
      if (left->kind == Value::Kind::kInt && right->kind == Value::Kind::kInt && left->int_fits &&
          right->int_fits) {
        int64_t out = 0;
        bool ok = false;
        if (op->op == python::OperatorKind::kSub) ok = SubInt(left->int_value, right->int_value, &out);
        if (op->op == python::OperatorKind::kMult) ok = MulInt(left->int_value, right->int_value, &out);
        if (!ok) return std::nullopt;
        left->int_value = out;
        left->text = std::to_string(out);
        return left;
      }
      if (op->op == python::OperatorKind::kMult && left->kind == Value::Kind::kStr &&
          right->kind == Value::Kind::kInt && right->int_fits && right->int_value >= 0 &&
          right->int_value <= 4096) {
        Value value;
        value.kind = Value::Kind::kStr;
        for (int64_t i = 0; i < right->int_value && !value.truncated; ++i)
          AppendCapped(&value.text, left->text, &value.truncated);
        return value;
      }
      return std::nullopt;
    }
    case NodeKind::kJoinedStr:
    case NodeKind::kCall: {
      if (expr->kind == NodeKind::kCall) {
        const auto* call = static_cast<const python::Call*>(expr);
        const auto* attribute = call->func->As<python::Attribute>();
        if (attribute == nullptr || Text(attribute->attr) != "format") return std::nullopt;
      }
      StringShape shape;
      PartsImpl(expr, depth, budget, &shape);
      if (shape.has_dynamic || !shape.is_string) return std::nullopt;
      Value value;
      value.kind = Value::Kind::kStr;
      for (const StringPart& part : shape.parts) AppendCapped(&value.text, part.text, &value.truncated);
      return value;
    }
    default: return std::nullopt;
  }
}

StringShape ModuleModel::StringParts(const python::ExprNode* expr) const {
  StringShape shape;
  int budget = 4096;
  PartsImpl(expr, 0, &budget, &shape);
  // Merge adjacent constant parts so callers see "SELECT ... = " as one piece.
  std::vector<StringPart> merged;
  for (StringPart& part : shape.parts) {
    if (part.constant() && !merged.empty() && merged.back().constant()) {
      bool truncated = false;
      AppendCapped(&merged.back().text, part.text, &truncated);
    } else {
      merged.push_back(std::move(part));
    }
  }
  shape.parts = std::move(merged);
  return shape;
}

void ModuleModel::PartsImpl(const python::ExprNode* expr, int depth, int* budget, StringShape* out) const {
  auto dynamic = [out](const python::ExprNode* e) {
    out->parts.push_back({std::string(), e});
    out->has_dynamic = true;
  };
  if (expr == nullptr) return;
  if (depth > static_cast<int>(kMaxFoldDepth) || *budget <= 0) {
    dynamic(expr);
    return;
  }
  --*budget;
  switch (expr->kind) {
    case NodeKind::kConstant: {
      const auto& c = static_cast<const python::Constant*>(expr)->value;
      if (c.kind == python::ConstantKind::kStr) {
        out->is_string = true;
        bool truncated = false;
        std::string text;
        AppendCapped(&text, c.text, &truncated);
        out->parts.push_back({std::move(text), nullptr});
        return;
      }
      std::optional<Value> value = FoldImpl(expr, depth + 1, budget);
      std::optional<std::string> text = value ? ValueToStr(*value) : std::nullopt;
      if (text) out->parts.push_back({std::move(*text), nullptr});
      else dynamic(expr);
      return;
    }
    case NodeKind::kName: {
      const Binding* binding = ResolveName(static_cast<const python::Name*>(expr));
      if (binding != nullptr && binding->kind == BindingKind::kAssignment && binding->value != nullptr) {
        std::optional<Value> value = FoldImpl(expr, depth + 1, budget);
        if (value) {
          std::optional<std::string> text = ValueToStr(*value);
          if (text) {
            if (value->kind == Value::Kind::kStr) out->is_string = true;
            out->parts.push_back({std::move(*text), nullptr});
            return;
          }
        }
        // A name bound to a string expression: look through it, but keep the
        // name itself as the dynamic piece when the expression is not a string.
        StringShape inner;
        PartsImpl(binding->value, depth + 1, budget, &inner);
        if (inner.is_string) {
          out->is_string = true;
          out->has_dynamic = out->has_dynamic || inner.has_dynamic;
          for (StringPart& part : inner.parts) out->parts.push_back(std::move(part));
          return;
        }
      }
      dynamic(expr);
      return;
    }
    case NodeKind::kBinOp: {
      const auto* op = static_cast<const python::BinOp*>(expr);
      if (op->op == python::OperatorKind::kAdd) {
        size_t before = out->parts.size();
        bool was_string = out->is_string;
        out->is_string = false;
        for (const python::ExprNode* operand : FlattenChain(op)) PartsImpl(operand, depth + 1, budget, out);
        (void)before;
        out->is_string = out->is_string || was_string;
        return;
      }
      if (op->op == python::OperatorKind::kMod) {
        std::optional<Value> format = FoldImpl(op->left, depth + 1, budget);
        if (!format || format->kind != Value::Kind::kStr) {
          dynamic(expr);
          return;
        }
        out->is_string = true;
        std::vector<PercentSpec> specs;
        std::vector<const python::ExprNode*> args;
        const python::Dict* mapping = op->right->As<python::Dict>();
        if (const auto* tuple = op->right->As<python::Tuple>()) {
          for (const python::ExprNode* elt : tuple->elts) args.push_back(elt);
        } else {
          args.push_back(op->right);
        }
        if (!ParsePercentFormat(format->text, &specs)) {
          out->parts.push_back({format->text, nullptr});
          dynamic(op->right);
          return;
        }
        size_t cursor = 0, next_arg = 0;
        std::string_view text = format->text;
        for (const PercentSpec& spec : specs) {
          out->parts.push_back({std::string(text.substr(cursor, spec.begin - cursor)), nullptr});
          cursor = spec.end;
          if (spec.conversion == '%') {
            out->parts.push_back({"%", nullptr});
            continue;
          }
          const python::ExprNode* arg = nullptr;
          if (!spec.key.empty()) {
            if (mapping != nullptr) {
              for (uint32_t i = 0; i < mapping->keys.size(); ++i) {
                const python::ExprNode* key = mapping->keys[i];
                std::optional<Value> k = key ? FoldImpl(key, depth + 1, budget) : std::nullopt;
                if (k && k->kind == Value::Kind::kStr && k->text == spec.key) arg = mapping->values[i];
              }
            }
            if (arg == nullptr) arg = op->right;
          } else if (next_arg < args.size()) {
            arg = args[next_arg++];
          } else {
            arg = op->right;
          }
          std::optional<Value> value =
              spec.conversion == 's' || spec.conversion == 'd' || spec.conversion == 'i'
                  ? FoldImpl(arg, depth + 1, budget)
                  : std::nullopt;
          std::optional<std::string> value_text = value ? ValueToStr(*value) : std::nullopt;
          if (value_text && (spec.conversion == 's' || value->kind == Value::Kind::kInt) &&
              spec.end - spec.begin == 2 + (spec.key.empty() ? 0 : spec.key.size() + 2)) {
            out->parts.push_back({std::move(*value_text), nullptr});
          } else {
            dynamic(arg);
            out->parts.back().numeric =
                std::string_view("diouxXeEfFgG").find(spec.conversion) != std::string_view::npos;
          }
        }
        out->parts.push_back({std::string(text.substr(std::min(cursor, text.size()))), nullptr});
        return;
      }
      dynamic(expr);
      return;
    }
    case NodeKind::kJoinedStr: {
      out->is_string = true;
      for (const python::ExprNode* part : static_cast<const python::JoinedStr*>(expr)->values) {
        if (const auto* constant = part->As<python::Constant>()) {
          if (constant->value.kind == python::ConstantKind::kStr) {
            out->parts.push_back({std::string(constant->value.text), nullptr});
            continue;
          }
        }
        if (const auto* formatted = part->As<python::FormattedValue>()) {
          if (formatted->format_spec == nullptr &&
              (formatted->conversion == -1 || formatted->conversion == 's')) {
            std::optional<Value> value = FoldImpl(formatted->value, depth + 1, budget);
            std::optional<std::string> text = value ? ValueToStr(*value) : std::nullopt;
            if (text) {
              out->parts.push_back({std::move(*text), nullptr});
              continue;
            }
          }
          dynamic(formatted->value);
          // `{n:d}` / `{x:.2f}`: a numeric presentation type.
          if (const auto* spec = formatted->format_spec != nullptr
                                     ? formatted->format_spec->As<python::JoinedStr>()
                                     : nullptr) {
            if (spec->values.size() == 1) {
              if (const auto* c = spec->values[0]->As<python::Constant>()) {
                std::string_view t = c->value.text;
                out->parts.back().numeric =
                    !t.empty() && std::string_view("bdoxXeEfFgGn%").find(t.back()) != std::string_view::npos;
              }
            }
          }
          continue;
        }
        dynamic(part);
      }
      return;
    }
    case NodeKind::kCall: {
      const auto* call = static_cast<const python::Call*>(expr);
      const auto* attribute = call->func->As<python::Attribute>();
      if (attribute == nullptr || Text(attribute->attr) != "format") {
        dynamic(expr);
        return;
      }
      std::optional<Value> format = FoldImpl(attribute->value, depth + 1, budget);
      if (!format || format->kind != Value::Kind::kStr) {
        dynamic(expr);
        return;
      }
      out->is_string = true;
      std::vector<BraceSpec> specs;
      if (!ParseBraceFormat(format->text, &specs, nullptr)) {
        out->parts.push_back({format->text, nullptr});
        for (const python::ExprNode* arg : call->args) dynamic(arg);
        return;
      }
      std::string_view text = format->text;
      size_t cursor = 0;
      uint32_t auto_index = 0;
      for (const BraceSpec& spec : specs) {
        out->parts.push_back({UnescapeBraces(text.substr(cursor, spec.begin - cursor)), nullptr});
        cursor = spec.end;
        const python::ExprNode* arg = nullptr;
        if (spec.field.empty()) {
          uint32_t index = auto_index++;
          if (index < call->args.size()) arg = call->args[index];
        } else if (spec.field[0] >= '0' && spec.field[0] <= '9') {
          uint32_t index = 0;
          std::from_chars(spec.field.data(), spec.field.data() + spec.field.size(), index);
          if (index < call->args.size()) arg = call->args[index];
        } else {
          const python::Keyword* keyword = FindKeyword(call, spec.field);
          if (keyword != nullptr) arg = keyword->value;
        }
        if (arg == nullptr || arg->kind == NodeKind::kStarred) {
          dynamic(arg != nullptr ? arg : expr);
          continue;
        }
        std::optional<Value> value = spec.simple ? FoldImpl(arg, depth + 1, budget) : std::nullopt;
        std::optional<std::string> value_text = value ? ValueToStr(*value) : std::nullopt;
        if (value_text) out->parts.push_back({std::move(*value_text), nullptr});
        else dynamic(arg);
      }
      out->parts.push_back({UnescapeBraces(text.substr(std::min(cursor, text.size()))), nullptr});
      return;
    }
    default: {
      std::optional<Value> value = FoldImpl(expr, depth + 1, budget);
      std::optional<std::string> text = value ? ValueToStr(*value) : std::nullopt;
      if (text) {
        if (value->kind == Value::Kind::kStr) out->is_string = true;
        out->parts.push_back({std::move(*text), nullptr});
      } else {
        dynamic(expr);
      }
      return;
    }
  }
}

// ---- call helpers

const python::Keyword* FindKeyword(const python::Call* call, std::string_view name) {
  if (call == nullptr) return nullptr;
  for (const python::Keyword* keyword : call->keywords) {
    if (keyword->arg != nullptr && keyword->arg->text == name) return keyword;
  }
  return nullptr;
}

const python::ExprNode* Argument(const python::Call* call, int position, std::string_view keyword) {
  if (call == nullptr) return nullptr;
  if (position >= 0) {
    for (uint32_t i = 0; i < call->args.size(); ++i) {
      if (call->args[i]->kind == NodeKind::kStarred) break;
      if (static_cast<int>(i) == position) return call->args[i];
    }
  }
  if (!keyword.empty()) {
    if (const python::Keyword* found = FindKeyword(call, keyword)) return found->value;
  }
  return nullptr;
}

bool HasStarArguments(const python::Call* call) {
  if (call == nullptr) return false;
  for (const python::ExprNode* arg : call->args)
    if (arg->kind == NodeKind::kStarred) return true;
  for (const python::Keyword* keyword : call->keywords)
    if (keyword->arg == nullptr) return true;
  return false;
}

SourceRange RangeOf(const python::Node* node) {
  SourceRange range;
  if (node == nullptr) return range;
  range.start = {node->lineno, node->col_offset + 1};
  range.end = {node->end_lineno, node->end_col_offset + 1};
  return range;
}

}  // namespace rampart::sema

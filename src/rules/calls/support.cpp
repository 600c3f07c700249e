#include "rules/calls/support.h"

#include <array>
#include <cctype>
#include <vector>

namespace rampart::rules::calls {
namespace {

std::string_view IdText(python::Identifier id) { return id == nullptr ? std::string_view() : id->text; }

// Splits an identifier into lowercase words at `_`, digits and lower->upper
// camel-case steps. Bounded: identifiers are short, at most 16 words are kept.
std::vector<std::string> Words(std::string_view identifier) {
  std::vector<std::string> words;
  std::string current;
  char previous = 0;
  for (char c : identifier) {
    bool separator =
        c == '_' || c == '-' || c == '.' || c == ' ' || std::isdigit(static_cast<unsigned char>(c));
    bool camel_step =
        std::isupper(static_cast<unsigned char>(c)) && std::islower(static_cast<unsigned char>(previous));
    if ((separator || camel_step) && !current.empty()) {
      words.push_back(std::move(current));
      current.clear();
      if (words.size() >= 16) return words;
    }
    if (!separator) current.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    previous = c;
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

bool ContainsWord(const std::vector<std::string>& words, std::span<const std::string_view> wanted) {
  for (const std::string& word : words) {
    for (std::string_view w : wanted) {
      if (word == w) return true;
    }
  }
  return false;
}

// The name a target expression stores into: `x`, `self.x`, `data["x"]`.
std::string_view TargetName(const python::ExprNode* target) {
  if (const auto* name = target->As<python::Name>()) return IdText(name->id);
  if (const auto* attribute = target->As<python::Attribute>()) return IdText(attribute->attr);
  if (const auto* subscript = target->As<python::Subscript>()) {
    if (const auto* key = subscript->slice->As<python::Constant>()) {
      if (key->value.kind == python::ConstantKind::kStr) return key->value.text;
    }
  }
  return {};
}

bool AnyTargetMatches(const python::ExprNode* target, bool (*predicate)(std::string_view)) {
  if (const auto* tuple = target->As<python::Tuple>()) {
    for (const python::ExprNode* element : tuple->elts) {
      if (AnyTargetMatches(element, predicate)) return true;
    }
    return false;
  }
  if (const auto* list = target->As<python::List>()) {
    for (const python::ExprNode* element : list->elts) {
      if (AnyTargetMatches(element, predicate)) return true;
    }
    return false;
  }
  std::string_view name = TargetName(target);
  return !name.empty() && predicate(name);
}

}  // namespace

std::string_view LastPart(std::string_view qualified) {
  size_t dot = qualified.rfind('.');
  return dot == std::string_view::npos ? qualified : qualified.substr(dot + 1);
}

std::optional<std::string> MatchCallee(const python::Call* call, const sema::ModuleModel& model,
                                       std::span<const std::string_view> names) {
  if (const auto* attribute = call->func->As<python::Attribute>()) {
    // The attribute is spelled out at the call site and cannot be aliased, so
    // it must already be the last part of some listed name.
    std::string_view attr = IdText(attribute->attr);
    bool possible = false;
    for (std::string_view name : names) possible = possible || LastPart(name) == attr;
    if (!possible) return std::nullopt;
  } else if (!call->func->Is<python::Name>()) {
    return std::nullopt;  // `f()()`, `handlers[0](...)`: not a module-level function
  }
  std::optional<std::string> callee = model.CalleeName(call);
  if (!callee) return std::nullopt;
  for (std::string_view name : names) {
    if (*callee == name) return callee;
  }
  return std::nullopt;
}

bool ModuleCalls(const sema::ModuleModel& model, std::string_view qualified) {
  if (model.parse().source.find(LastPart(qualified)) == std::string_view::npos) return false;
  bool found = false;
  python::Walk(const_cast<python::Module*>(model.module()), [&](python::Node* node) {
    if (found) return false;
    if (const auto* call = node->As<python::Call>()) {
      if (model.IsCallTo(call, qualified)) found = true;
    }
    return !found;
  });
  return found;
}

const python::ExprNode* ValueOf(const python::ExprNode* expr, const sema::ModuleModel& model) {
  const auto* name = expr->As<python::Name>();
  if (name == nullptr) return expr;
  const sema::Binding* binding = model.ResolveName(name);
  if (binding == nullptr || binding->kind != sema::BindingKind::kAssignment || binding->value == nullptr) {
    return expr;
  }
  return binding->value;
}

bool UnderTypeChecking(const python::Node* node, const sema::ModuleModel& model) {
  const python::Node* child = node;
  const python::Node* parent = model.Parent(node);
  for (int step = 0; parent != nullptr && step < kMaxAncestorSteps; ++step) {
    if (const auto* branch = parent->As<python::If>()) {
      bool in_body = false;
      for (const python::StmtNode* statement : branch->body) in_body = in_body || statement == child;
      if (in_body) {
        if (const auto* name = branch->test->As<python::Name>()) {
          if (IdText(name->id) == "TYPE_CHECKING") return true;
        }
        std::optional<std::string> test = model.QualifiedName(branch->test);
        if (test && *test == "typing.TYPE_CHECKING") return true;
      }
    }
    child = parent;
    parent = model.Parent(parent);
  }
  return false;
}

bool IsSecretName(std::string_view identifier) {
  static constexpr std::array<std::string_view, 16> kSecretWords = {
      "token", "secret", "password", "passwd",    "pwd",  "passphrase", "nonce", "salt",
      "key",   "otp",    "session",  "sessionid", "csrf", "apikey",     "totp",  "hotp"};
  // `sort_key`, `cache_key`, `primary_key` name lookup keys, not secrets.
  static constexpr std::array<std::string_view, 6> kNotSecretWords = {"sort",    "cache",   "lookup",
                                                                      "primary", "foreign", "dict"};
  std::vector<std::string> words = Words(identifier);
  return ContainsWord(words, kSecretWords) && !ContainsWord(words, kNotSecretWords);
}

bool FlowsIntoName(const python::ExprNode* expr, const sema::ModuleModel& model,
                   bool (*predicate)(std::string_view)) {
  const python::Node* child = expr;
  const python::Node* parent = model.Parent(expr);
  for (int step = 0; parent != nullptr && step < kMaxAncestorSteps; ++step) {
    switch (parent->kind) {
      // Expressions whose value carries the child's content: keep going up.
      case python::NodeKind::kBinOp:
      case python::NodeKind::kBoolOp:
      case python::NodeKind::kIfExp:
      case python::NodeKind::kUnaryOp:
      case python::NodeKind::kJoinedStr:
      case python::NodeKind::kFormattedValue:
      case python::NodeKind::kList:
      case python::NodeKind::kTuple:
      case python::NodeKind::kSet:
      case python::NodeKind::kListComp:
      case python::NodeKind::kSetComp:
      case python::NodeKind::kGeneratorExp:
      case python::NodeKind::kDictComp:
      case python::NodeKind::kComprehension:
      case python::NodeKind::kStarred:
      case python::NodeKind::kAwait:
      case python::NodeKind::kSubscript:
      case python::NodeKind::kAttribute:
      case python::NodeKind::kCall:
        break;
      case python::NodeKind::kKeyword: {
        const auto* keyword = parent->As<python::Keyword>();
        if (keyword->arg != nullptr && predicate(keyword->arg->text)) return true;
        break;
      }
      case python::NodeKind::kDict: {
        const auto* dict = parent->As<python::Dict>();
        for (uint32_t i = 0; i < dict->values.size() && i < dict->keys.size(); ++i) {
          if (dict->values[i] != child || dict->keys[i] == nullptr) continue;
          if (const auto* key = dict->keys[i]->As<python::Constant>()) {
            if (key->value.kind == python::ConstantKind::kStr && predicate(key->value.text)) return true;
          }
        }
        break;
      }
      case python::NodeKind::kNamedExpr:
        if (AnyTargetMatches(parent->As<python::NamedExpr>()->target, predicate)) return true;
        break;
      case python::NodeKind::kAssign:
        for (const python::ExprNode* target : parent->As<python::Assign>()->targets) {
          if (AnyTargetMatches(target, predicate)) return true;
        }
        return false;
      case python::NodeKind::kAnnAssign:
        return AnyTargetMatches(parent->As<python::AnnAssign>()->target, predicate);
      case python::NodeKind::kAugAssign:
        return AnyTargetMatches(parent->As<python::AugAssign>()->target, predicate);
      case python::NodeKind::kReturn:
      case python::NodeKind::kYield: {
        std::string_view function = EnclosingFunctionName(parent, model);
        return !function.empty() && predicate(function);
      }
      default:
        return false;  // any other statement or construct: the value is not stored
    }
    child = parent;
    parent = model.Parent(parent);
  }
  return false;
}

std::string_view EnclosingFunctionName(const python::Node* node, const sema::ModuleModel& model) {
  const python::Node* function = model.EnclosingFunction(node);
  if (function == nullptr) return {};
  if (const auto* def = function->As<python::FunctionDef>()) return IdText(def->name);
  if (const auto* def = function->As<python::AsyncFunctionDef>()) return IdText(def->name);
  return {};
}

void ReportListedCall(const python::Node& node, RuleContext& context, std::span<const std::string_view> callees,
                      std::string_view after_callee) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<std::string> callee = MatchCallee(call, context.model(), callees);
  if (!callee) return;
  std::string message = "`" + *callee + "`";
  message += after_callee;
  context.Report(call->func, std::move(message));
}

void CheckUnhardenedXmlParse(const python::Node& node, RuleContext& context,
                             std::span<const std::string_view> callees, std::string_view replacement) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<std::string> callee = MatchCallee(call, context.model(), callees);
  if (!callee) return;
  // `defusedxml.defuse_stdlib()` monkey-patches the standard library parsers.
  if (ModuleCalls(context.model(), "defusedxml.defuse_stdlib")) return;
  std::string message = "`" + *callee + "` is not hardened against XML attacks; use `";
  message += replacement;
  message += "`";
  context.Report(call->func, std::move(message));
}

}  // namespace rampart::rules::calls

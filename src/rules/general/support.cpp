// Shared helpers of the general and injection rule families (see support.h).
#include "rules/general/support.h"

#include <array>
#include <cctype>

namespace rampart::rules::general {
namespace {

constexpr int kMaxDepth = static_cast<int>(sema::kMaxFoldDepth);

struct StatFlag {
  std::string_view name;
  int64_t bits;
};
// The permission bits of the `stat` module (POSIX values, fixed on every platform).
constexpr std::array<StatFlag, 18> kStatFlags = {{
    {"stat.S_ISUID", 04000}, {"stat.S_ISGID", 02000}, {"stat.S_ISVTX", 01000},
    {"stat.S_IRWXU", 0700},  {"stat.S_IRUSR", 0400},  {"stat.S_IWUSR", 0200},
    {"stat.S_IXUSR", 0100},  {"stat.S_IRWXG", 070},   {"stat.S_IRGRP", 040},
    {"stat.S_IWGRP", 020},   {"stat.S_IXGRP", 010},   {"stat.S_IRWXO", 07},
    {"stat.S_IROTH", 04},    {"stat.S_IWOTH", 02},    {"stat.S_IXOTH", 01},
    {"stat.S_IREAD", 0400},  {"stat.S_IWRITE", 0200}, {"stat.S_IEXEC", 0100},
}};

std::optional<int64_t> FoldBits(const sema::ModuleModel& model, const python::ExprNode* expr,
                                int depth) {
  if (expr == nullptr || depth > kMaxDepth) return std::nullopt;
  if (const auto* binop = expr->As<python::BinOp>()) {
    std::optional<int64_t> left = FoldBits(model, binop->left, depth + 1);
    if (!left) return std::nullopt;
    std::optional<int64_t> right = FoldBits(model, binop->right, depth + 1);
    if (!right) return std::nullopt;
    switch (binop->op) {
      case python::OperatorKind::kBitOr: return *left | *right;
      case python::OperatorKind::kAdd: return *left + *right;
      case python::OperatorKind::kBitAnd: return *left & *right;
      case python::OperatorKind::kBitXor: return *left ^ *right;
      default: return std::nullopt;
    }
  }
  if (const auto* unary = expr->As<python::UnaryOp>()) {
    if (unary->op != python::UnaryOpKind::kInvert) return std::nullopt;
    std::optional<int64_t> operand = FoldBits(model, unary->operand, depth + 1);
    if (!operand) return std::nullopt;
    return ~*operand & 07777;
  }
  if (expr->Is<python::Attribute>() || expr->Is<python::Name>()) {
    std::optional<std::string> qualified = model.QualifiedName(expr);
    if (qualified) {
      for (const StatFlag& flag : kStatFlags) {
        if (*qualified == flag.name) return flag.bits;
      }
    }
    if (const auto* name = expr->As<python::Name>()) {
      const sema::Binding* binding = model.ResolveName(name);
      if (binding != nullptr && binding->kind == sema::BindingKind::kAssignment &&
          binding->value != nullptr && binding->value != expr) {
        return FoldBits(model, binding->value, depth + 1);
      }
    }
  }
  std::optional<sema::Value> value = model.ConstantValue(expr);
  if (value && value->kind == sema::Value::Kind::kInt && value->int_fits) return value->int_value;
  return std::nullopt;
}

bool MatchesPasswordWord(std::string_view part) {
  if (part == "pass" || part == "passphrase" || part == "pwd" || part == "token" ||
      part == "secret" || part == "secrete")
    return true;
  // pas+wo?r?d: "passwd", "password", "pasword", "passwrd" ...
  if (part.size() < 4 || part.substr(0, 3) != "pas") return false;
  size_t i = 3;
  while (i < part.size() && part[i] == 's') ++i;
  if (i < part.size() && part[i] == 'w') {
    ++i;
    if (i < part.size() && part[i] == 'o') ++i;
  }
  if (i < part.size() && part[i] == 'r') ++i;
  return i + 1 == part.size() && part[i] == 'd';
}

}  // namespace

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<std::string> CalleeIn(const sema::ModuleModel& model, const python::Call* call,
                                    std::initializer_list<std::string_view> names) {
  if (call == nullptr) return std::nullopt;
  std::optional<std::string> callee = model.CalleeName(call);
  if (!callee) return std::nullopt;
  for (std::string_view name : names) {
    if (*callee == name) return callee;
  }
  return std::nullopt;
}

std::string_view MethodName(const python::Call* call) {
  if (call == nullptr) return "";
  const auto* attribute = call->func->As<python::Attribute>();
  return attribute != nullptr ? IdText(attribute->attr) : "";
}

std::optional<bool> ConstantTruth(const sema::ModuleModel& model, const python::ExprNode* expr) {
  if (expr == nullptr) return std::nullopt;
  std::optional<sema::Value> value = model.ConstantValue(expr);
  if (!value) return std::nullopt;
  return value->Truthy();
}

const python::ExprNode* FollowAssignment(const sema::ModuleModel& model, const python::ExprNode* expr) {
  for (int depth = 0; expr != nullptr && depth < kMaxDepth; ++depth) {
    const auto* name = expr->As<python::Name>();
    if (name == nullptr) return expr;
    const sema::Binding* binding = model.ResolveName(name);
    if (binding == nullptr || binding->kind != sema::BindingKind::kAssignment ||
        binding->value == nullptr || binding->value == expr)
      return expr;
    expr = binding->value;
  }
  return expr;
}

const python::Call* CreatingCall(const sema::ModuleModel& model, const python::ExprNode* expr) {
  for (int depth = 0; expr != nullptr && depth < kMaxDepth; ++depth) {
    if (const auto* call = expr->As<python::Call>()) return call;
    const auto* name = expr->As<python::Name>();
    if (name == nullptr) return nullptr;
    const sema::Binding* binding = model.ResolveName(name);
    if (binding == nullptr) return nullptr;
    if (binding->kind == sema::BindingKind::kAssignment) {
      if (binding->value == nullptr || binding->value == expr) return nullptr;
      expr = binding->value;
      continue;
    }
    if (binding->kind == sema::BindingKind::kWithTarget) {
      const python::Node* parent = model.Parent(binding->node);
      const auto* item = parent != nullptr ? parent->As<python::WithItem>() : nullptr;
      if (item == nullptr) return nullptr;
      expr = item->context_expr;
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

bool ImportsModule(const sema::ModuleModel& model, std::string_view module) {
  for (const auto& scope : model.scopes()) {
    for (const auto& [name, bindings] : scope->bindings()) {
      for (const sema::Binding* binding : bindings) {
        if (binding->kind != sema::BindingKind::kImport &&
            binding->kind != sema::BindingKind::kFromImport)
          continue;
        std::string_view qualified = binding->qualified;
        if (qualified == module ||
            (StartsWith(qualified, module) && qualified.size() > module.size() &&
             qualified[module.size()] == '.'))
          return true;
      }
    }
  }
  return false;
}

bool IsPasswordName(std::string_view name) {
  std::string lower = Lower(name);
  std::string_view rest = lower;
  bool found = false;
  std::string_view last;
  while (true) {
    size_t underscore = rest.find('_');
    std::string_view part = rest.substr(0, underscore);
    if (!part.empty()) {
      if (MatchesPasswordWord(part)) found = true;
      last = part;
    }
    if (underscore == std::string_view::npos) break;
    rest = rest.substr(underscore + 1);
  }
  if (!found || MatchesPasswordWord(last)) return found;
  // The name describes something about the secret, not the secret itself.
  static constexpr std::array<std::string_view, 14> kDescriptive = {
      "type", "url", "uri", "endpoint", "name", "field", "header",
      "path", "file", "prefix", "length", "len", "expiry", "label"};
  for (std::string_view word : kDescriptive) {
    if (last == word) return false;
  }
  return true;
}

bool IsPasswordLikeValue(std::string_view value) {
  if (value.empty()) return false;
  bool all_filler = true;
  for (char c : value) {
    if (c != '*' && c != 'x' && c != 'X' && c != '.' && c != '-' && c != '?' && c != ' ')
      all_filler = false;
  }
  if (all_filler) return false;
  if (value.front() == '<' && value.back() == '>') return false;
  if (StartsWith(value, "${") && value.back() == '}') return false;
  if (StartsWith(value, "{{") && EndsWith(value, "}}")) return false;
  if (StartsWith(value, "%(") && EndsWith(value, ")s")) return false;
  return true;
}

std::optional<int64_t> FoldPermissionBits(const sema::ModuleModel& model, const python::ExprNode* expr) {
  return FoldBits(model, expr, 0);
}

SourceRange HeadRange(const python::Node* node, uint32_t length) {
  SourceRange range;
  range.start = {node->lineno, node->col_offset + 1};
  range.end = {node->lineno, node->col_offset + 1 + length};
  return range;
}

SourceRange SpanRange(const python::Node* first, const python::Node* last) {
  SourceRange range;
  range.start = {first->lineno, first->col_offset + 1};
  range.end = {last->end_lineno, last->end_col_offset + 1};
  return range;
}

}  // namespace rampart::rules::general

// Shared helpers of the general and injection rule families (see support.h).
#include "rules/general/support.h"

#include <array>
#include <cctype>
#include <utility>
#include <vector>

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
  if (const auto* name = expr->As<python::Name>()) {
    // Resolved through the binding rather than QualifiedName: a long chain of
    // `a = b` assignments is then followed once, in linear time.
    const sema::Binding* binding = model.ResolveName(name);
    if (binding == nullptr) return std::nullopt;
    if (binding->kind == sema::BindingKind::kImport || binding->kind == sema::BindingKind::kFromImport) {
      for (const StatFlag& flag : kStatFlags) {
        if (binding->qualified == flag.name) return flag.bits;
      }
      return std::nullopt;
    }
    if (binding->kind == sema::BindingKind::kAssignment && binding->value != nullptr &&
        binding->value != expr) {
      return FoldBits(model, binding->value, depth + 1);
    }
    return std::nullopt;
  }
  if (expr->Is<python::Attribute>()) {
    std::optional<std::string> qualified = model.QualifiedName(expr);
    if (!qualified) return std::nullopt;
    for (const StatFlag& flag : kStatFlags) {
      if (*qualified == flag.name) return flag.bits;
    }
    return std::nullopt;
  }
  std::optional<sema::Value> value = model.ConstantValue(expr);
  if (value && value->kind == sema::Value::Kind::kInt && value->int_fits) return value->int_value;
  return std::nullopt;
}

// Bandit's words (pas+wo?r?d, pass, passphrase, pwd, token, secrete?) plus the
// spellings PY105 accepts, so PY105, PY106 and PY107 agree on what a secret is.
bool IsSecretWord(std::string_view word) {
  static constexpr std::array<std::string_view, 10> kWords = {
      "password", "passwd", "pwd", "passphrase", "secret", "secrete", "token", "apikey",
      "passwort", "pw"};
  for (std::string_view known : kWords) {
    if (word == known) return true;
  }
  // pas+wo?r?d: "pasword", "passwrd" ...
  if (word.size() < 4 || word.substr(0, 3) != "pas") return false;
  size_t i = 3;
  while (i < word.size() && word[i] == 's') ++i;
  if (i < word.size() && word[i] == 'w') {
    ++i;
    if (i < word.size() && word[i] == 'o') ++i;
  }
  if (i < word.size() && word[i] == 'r') ++i;
  return i + 1 == word.size() && word[i] == 'd';
}

// A last word that says the name holds something about the secret, not the secret.
constexpr std::array<std::string_view, 33> kDescriptiveWords = {
    "url", "uri", "field", "fields", "name", "names", "header", "path", "file", "dir", "prefix",
    "pattern", "regex", "label", "message", "msg", "env", "var", "param", "column", "length",
    "len", "endpoint", "type", "format", "template", "hash", "policy", "id", "expiry", "hint",
    "question", "placement"};

}  // namespace

std::vector<std::string> NameWords(std::string_view name) {
  std::vector<std::string> words;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) words.push_back(std::move(current));
    current.clear();
  };
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool upper = c >= 'A' && c <= 'Z';
    bool lower = c >= 'a' && c <= 'z';
    bool digit = c >= '0' && c <= '9';
    if (!upper && !lower && !digit) {
      flush();
      continue;
    }
    // camelCase boundary: a capital after a lowercase letter.
    if (upper && i > 0 && name[i - 1] >= 'a' && name[i - 1] <= 'z') flush();
    current += upper ? static_cast<char>(c + 32) : c;
  }
  flush();
  return words;
}

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

bool ReportMatchingDecorators(const python::Node& node, RuleContext& context,
                              bool (*matches)(const sema::ModuleModel&, const python::ExprNode*),
                              std::string_view message) {
  const python::NodeList<python::ExprNode>* decorators = nullptr;
  if (const auto* def = node.As<python::FunctionDef>()) decorators = &def->decorator_list;
  if (const auto* def = node.As<python::AsyncFunctionDef>()) decorators = &def->decorator_list;
  if (const auto* cls = node.As<python::ClassDef>()) decorators = &cls->decorator_list;
  if (decorators == nullptr) return false;
  for (const python::ExprNode* decorator : *decorators) {
    if (matches(context.model(), decorator)) context.Report(decorator, std::string(message));
  }
  return true;
}

bool IsPasswordName(std::string_view name) {
  std::vector<std::string> words = NameWords(name);
  if (words.empty()) return false;
  for (std::string_view descriptive : kDescriptiveWords) {
    if (words.back() == descriptive) return false;
  }
  for (size_t i = 0; i < words.size(); ++i) {
    // `pass` / `pw` only count as the last word (`db_pass`), not in `pass_through`.
    if ((words[i] == "pass" || words[i] == "pw") && i + 1 == words.size()) return true;
    if (words[i] != "pass" && words[i] != "pw" && IsSecretWord(words[i])) return true;
    if (i + 1 < words.size()) {
      for (const auto& [first, second] : kSecretWordPairs) {
        if (words[i] == first && words[i + 1] == second) return true;
      }
    }
  }
  return false;
}

bool IsPasswordLikeValue(std::string_view value) {
  size_t begin = value.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return false;
  value = value.substr(begin, value.find_last_not_of(" \t\r\n") - begin + 1);
  if (value.size() < 3) return false;
  if (value.find_first_not_of(value[0]) == std::string_view::npos) return false;  // "***", "xxxx"
  if (value.find("***") != std::string_view::npos) return false;  // masked: ":****", "ab***yz"
  // A regular expression (a lexer's `_token = r"(?:[^\s]...)"`), not a secret.
  for (std::string_view marker : {"(?", "[^", "\\s", "\\d", "\\w", "\\b"}) {
    if (value.find(marker) != std::string_view::npos) return false;
  }
  // Templates and placeholders: "<password>", "${TOKEN}", "{{ secret }}", "%(pw)s", "{password}".
  if ((value.front() == '<' && value.back() == '>') || StartsWith(value, "${") ||
      StartsWith(value, "{{") || StartsWith(value, "%(") ||
      (value.front() == '{' && value.back() == '}'))
    return false;
  std::string lower = Lower(value);
  // Placeholders, and authentication scheme names (`default_token="Bearer"`).
  static constexpr std::array<std::string_view, 16> kPlaceholders = {
      "none", "null", "nil", "n/a", "todo", "fixme", "placeholder", "redacted", "dummy",
      "example", "undefined", "secret", "bearer", "basic", "mac", "jwt"};
  for (std::string_view placeholder : kPlaceholders) {
    if (lower == placeholder) return false;
  }
  if (StartsWith(lower, "your") && lower.size() > 4 && (lower[4] == '_' || lower[4] == '-' || lower[4] == ' '))
    return false;  // "your-api-key", "your_password_here"
  // The value names a field (`name="password"`), or an environment variable.
  if (NameWords(value).size() == 1 && IsPasswordName(value)) return false;
  bool env_name = value.find('_') != std::string_view::npos;
  for (char c : value) env_name = env_name && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
  return !env_name;
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

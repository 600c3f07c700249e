#include "rules/crypto/support.h"

#include <array>
#include <cctype>

namespace rampart::rules::crypto {
namespace {

bool ContainsInsensitive(std::string_view text, std::string_view needle) {
  if (needle.size() > text.size()) return false;
  for (size_t i = 0; i + needle.size() <= text.size(); ++i) {
    bool match = true;
    for (size_t j = 0; j < needle.size() && match; ++j) {
      match = std::tolower(static_cast<unsigned char>(text[i + j])) == needle[j];
    }
    if (match) return true;
  }
  return false;
}

}  // namespace

bool MentionsProtocolChallenge(const python::ExprNode* expr) {
  if (expr == nullptr) return false;
  static constexpr std::array<std::string_view, 3> kChallengeWords = {"nonce", "realm", "challenge"};
  bool found = false;
  int budget = kMaxWalkNodes;
  python::Walk(const_cast<python::ExprNode*>(expr), [&](python::Node* node) -> bool {
    if (found || --budget < 0) return false;
    std::string_view text;
    if (const auto* name = node->As<python::Name>()) text = name->id->text;
    if (const auto* attribute = node->As<python::Attribute>()) text = attribute->attr->text;
    for (std::string_view word : kChallengeWords) found = found || ContainsInsensitive(text, word);
    return !found;
  });
  return found;
}

std::string_view LastComponent(std::string_view qualified) {
  size_t dot = qualified.rfind('.');
  return dot == std::string_view::npos ? qualified : qualified.substr(dot + 1);
}

bool IsBadProtocolName(std::string_view qualified) {
  static constexpr std::array<std::string_view, 4> kSslConstants = {
      "PROTOCOL_SSLv2", "PROTOCOL_SSLv3", "PROTOCOL_TLSv1", "PROTOCOL_TLSv1_1"};
  // `ssl.TLSVersion` members, as assigned to `SSLContext.minimum_version`.
  static constexpr std::array<std::string_view, 3> kTlsVersionMembers = {"SSLv3", "TLSv1", "TLSv1_1"};
  static constexpr std::array<std::string_view, 5> kOpenSslConstants = {
      "SSLv2_METHOD", "SSLv3_METHOD", "SSLv23_METHOD", "TLSv1_METHOD", "TLSv1_1_METHOD"};
  std::string_view last = LastComponent(qualified);
  std::string_view module = qualified.substr(0, qualified.size() - last.size());
  auto in = [last](auto& list) {
    for (std::string_view name : list) {
      if (last == name) return true;
    }
    return false;
  };
  if (module == "ssl.") return in(kSslConstants);
  if (module == "ssl.TLSVersion.") return in(kTlsVersionMembers);
  if (module == "OpenSSL.SSL.") return in(kOpenSslConstants);
  return false;
}

std::optional<bool> ConstantTruth(const sema::ModuleModel& model, const python::ExprNode* expr) {
  if (expr == nullptr) return std::nullopt;
  std::optional<sema::Value> value = model.ConstantValue(expr);
  if (!value) return std::nullopt;
  return value->Truthy();
}

bool IsPasswordLikeName(std::string_view name) {
  static constexpr std::array<std::string_view, 4> kPasswordWords = {"password", "passwd", "pwd",
                                                                     "passphrase"};
  // A token, salt or key is random data, not a password: hashing it with SHA-256
  // is fine, so names that only mention a password as context stay quiet.
  static constexpr std::array<std::string_view, 4> kNotPassword = {"token", "salt", "reset",
                                                                   "length"};
  bool password = false;
  for (std::string_view word : kPasswordWords) password = password || ContainsInsensitive(name, word);
  if (!password) return false;
  for (std::string_view word : kNotPassword) {
    if (ContainsInsensitive(name, word)) return false;
  }
  return true;
}

bool MentionsPassword(const python::ExprNode* expr) {
  if (expr == nullptr) return false;
  bool found = false;
  int budget = kMaxWalkNodes;
  python::Walk(const_cast<python::ExprNode*>(expr), [&](python::Node* node) -> bool {
    if (found || --budget < 0) return false;
    if (const auto* name = node->As<python::Name>()) {
      found = IsPasswordLikeName(name->id->text);
    } else if (const auto* attribute = node->As<python::Attribute>()) {
      found = IsPasswordLikeName(attribute->attr->text);
    } else if (const auto* subscript = node->As<python::Subscript>()) {
      const auto* key = subscript->slice->As<python::Constant>();
      found = key != nullptr && key->value.kind == python::ConstantKind::kStr &&
              IsPasswordLikeName(key->value.text);
    } else if (const auto* call = node->As<python::Call>()) {
      const auto* method = call->func->As<python::Attribute>();
      if (method != nullptr && method->attr->text == "get" && !call->args.empty()) {
        const auto* key = call->args[0]->As<python::Constant>();
        found = key != nullptr && key->value.kind == python::ConstantKind::kStr &&
                IsPasswordLikeName(key->value.text);
      }
    }
    // Do not descend into nested functions' bodies (a lambda's parameter is not
    // the value being hashed).
    return !found && node->kind != python::NodeKind::kLambda;
  });
  return found;
}

const python::ExprNode* AssignedValue(const sema::ModuleModel& model, const python::ExprNode* expr) {
  const auto* name = expr == nullptr ? nullptr : expr->As<python::Name>();
  if (name == nullptr) return expr;
  const sema::Binding* binding = model.ResolveName(name);
  if (binding == nullptr || binding->kind != sema::BindingKind::kAssignment || binding->value == nullptr) {
    return expr;
  }
  return binding->value;
}

std::optional<std::string> QualifiedValueName(const sema::ModuleModel& model,
                                              const python::ExprNode* expr) {
  if (expr == nullptr) return std::nullopt;
  if (std::optional<std::string> direct = model.QualifiedName(expr)) return direct;
  const python::ExprNode* value = AssignedValue(model, expr);
  if (value == expr) return std::nullopt;
  return model.QualifiedName(value);
}

std::optional<CookieCall> AsResponseCookieCall(const sema::ModuleModel& model, const python::Call* call) {
  const auto* method = call->func->As<python::Attribute>();
  if (method == nullptr) return std::nullopt;
  bool signed_cookie = method->attr->text == "set_signed_cookie";
  if (!signed_cookie && method->attr->text != "set_cookie") return std::nullopt;
  if (sema::HasStarArguments(call)) return std::nullopt;
  // A cookie jar's set_cookie takes one Cookie object and no keywords.
  if (call->args.size() == 1 && call->keywords.empty() && !call->args[0]->Is<python::Constant>()) {
    return std::nullopt;
  }
  const python::ExprNode* receiver = method->value;
  if (std::optional<std::string> type = model.InstanceType(receiver)) {
    if (type->find("Client") != std::string::npos || type->find("CookieJar") != std::string::npos) {
      return std::nullopt;
    }
  }
  // Unknown receivers named like a test client or a jar: the convention in test
  // suites (`client.set_cookie("session", ...)`) and in `requests` code.
  std::string_view receiver_name;
  if (const auto* name = receiver->As<python::Name>()) receiver_name = name->id->text;
  if (const auto* attribute = receiver->As<python::Attribute>()) receiver_name = attribute->attr->text;
  if (receiver_name.find("client") != std::string_view::npos || receiver_name.find("jar") != std::string_view::npos ||
      receiver_name == "cookies") {
    return std::nullopt;
  }
  // `set_cookie(key, max_age=0, ...)` deletes the cookie (Django's own
  // `delete_cookie` is written so): nothing is stored that could leak.
  const python::ExprNode* max_age_expr = signed_cookie ? nullptr : sema::Argument(call, 2, "max_age");
  if (max_age_expr != nullptr) {
    std::optional<sema::Value> max_age = model.ConstantValue(max_age_expr);
    if (max_age && max_age->kind == sema::Value::Kind::kInt && max_age->int_fits && max_age->int_value == 0) {
      return std::nullopt;
    }
  }
  CookieCall cookie{.call = call, .signed_cookie = signed_cookie, .key = ""};
  if (const python::ExprNode* key = sema::Argument(call, 0, "key")) {
    cookie.key = model.ConstantString(key).value_or("");
  }
  return cookie;
}

const python::ExprNode* CookieFlag(const CookieCall& cookie, std::string_view flag) {
  int position = -1;
  if (!cookie.signed_cookie) {
    if (flag == "secure") position = 6;
    if (flag == "httponly") position = 7;
    if (flag == "samesite") position = 8;
  }
  if (position < 0) {
    const python::Keyword* keyword = sema::FindKeyword(cookie.call, flag);
    return keyword == nullptr ? nullptr : keyword->value;
  }
  return sema::Argument(cookie.call, position, flag);
}

SourceRange AttributeNameRange(const python::Attribute* attribute) {
  SourceRange range = sema::RangeOf(attribute);
  // The name is the last token of the attribute expression, on its last line.
  uint32_t length = static_cast<uint32_t>(attribute->attr->text.size());
  if (range.end.column > length) range.start = {range.end.line, range.end.column - length};
  return range;
}

}  // namespace rampart::rules::crypto

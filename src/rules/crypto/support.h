// Shared helpers for the crypto/TLS/session rules (src/rules/crypto/): the
// lists of broken protocol constants and the small call questions several of
// these rules ask. They add no name resolution of their own: every name goes
// through the semantic model.
//
// What callers may rely on: pure functions of (model, node); never throw;
// bounded work (walks stop after kMaxWalkNodes nodes).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "python/ast.h"
#include "sema/model.h"

namespace rampart::rules::crypto {

inline constexpr int kMaxWalkNodes = 256;

// True when `qualified` names a protocol constant that selects SSLv2, SSLv3,
// TLS 1.0 or TLS 1.1 in `ssl` or pyOpenSSL (`ssl.PROTOCOL_TLSv1`,
// `OpenSSL.SSL.SSLv3_METHOD`, and `OpenSSL.SSL.SSLv23_METHOD`, which still
// allows SSLv3, as Bandit's list has it).
bool IsBadProtocolName(std::string_view qualified);

// The last dotted component: "ssl.PROTOCOL_TLSv1" -> "PROTOCOL_TLSv1".
std::string_view LastComponent(std::string_view qualified);

// The constant truth value of an expression: nullopt when it is not a constant
// (a flag read at run time), so callers can stay quiet on what they cannot know.
std::optional<bool> ConstantTruth(const sema::ModuleModel& model, const python::ExprNode* expr);

// True when a name or attribute spelling looks like it holds a password
// (`password`, `user.passwd`, `pwd`, `passphrase`, `form["password"]`), but not
// a token or key derived from one (`password_reset_token`).
bool IsPasswordLikeName(std::string_view name);

// True when the expression mentions a password-like value anywhere in it: a
// Name, an Attribute, or a constant string used as a subscript key or as the
// first argument of a `.get(...)` call (`request.form["password"]`).
bool MentionsPassword(const python::ExprNode* expr);

// True when the expression mentions a name of a challenge-response protocol
// value (`nonce`, `cnonce`, `realm`, `challenge`): HTTP Digest and WS-Security
// hash the password with these by specification, which is not password storage.
bool MentionsProtocolChallenge(const python::ExprNode* expr);

// QualifiedName of the expression or, for a Name bound once by a plain
// assignment in its scope (`version = ssl.PROTOCOL_TLSv1` inside a function),
// the QualifiedName of the assigned value. One step only: enough for the local
// alias idiom, bounded by construction.
std::optional<std::string> QualifiedValueName(const sema::ModuleModel& model,
                                              const python::ExprNode* expr);

// The value a Name was last assigned before `expr` in its scope (the model's
// ordering contract), or `expr` itself when it is not such a Name.
const python::ExprNode* AssignedValue(const sema::ModuleModel& model, const python::ExprNode* expr);

// A response cookie being set: `<response>.set_cookie(key, value, max_age,
// expires, path, domain, secure, httponly, samesite)` (the same signature in
// Flask/Werkzeug, Django and Starlette/FastAPI) or Django's
// `set_signed_cookie(key, value, salt, **options)` (flags by keyword only).
struct CookieCall {
  const python::Call* call = nullptr;
  bool signed_cookie = false;
  // The cookie name when it is a constant, else "".
  std::string key;
};

// Recognises a response `set_cookie` / `set_signed_cookie` call. Test clients
// (`client.set_cookie(...)`, Werkzeug's `Client`, Django's `Client`,
// Starlette's `TestClient`) and cookie jars (`jar.set_cookie(cookie)`, whose
// one argument is a Cookie object) set cookies on the client side and are
// excluded; so are calls that forward `**kwargs`, whose flags cannot be seen,
// and deletions (`max_age=0`).
std::optional<CookieCall> AsResponseCookieCall(const sema::ModuleModel& model, const python::Call* call);

// The flag argument (`secure`, `httponly`, `samesite`) of a cookie call; null when absent.
const python::ExprNode* CookieFlag(const CookieCall& cookie, std::string_view flag);

// The range of just the attribute name of `receiver.name` (the `set_cookie` of
// `response.set_cookie`), for reports that point at the method called.
SourceRange AttributeNameRange(const python::Attribute* attribute);

}  // namespace rampart::rules::crypto

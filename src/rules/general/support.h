// Small queries shared by the general and injection rule families (PY1xx, PY2xx,
// PY6xx, PY91x) that the semantic model does not answer directly: callee lists,
// "what created this receiver", constant truthiness, password-like names and
// values, and folding of `stat.S_I*` permission flags; plus one reporting
// helper (ReportMatchingDecorators) for rules that flag a decorator.
//
// What callers may rely on: every function is pure, never throws, and is
// bounded (name chasing stops after sema::kMaxFoldDepth steps). All answers are
// conservative: "unknown" is reported as nullopt / false, never guessed.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/finding.h"
#include "python/ast.h"
#include "rules/rule.h"
#include "sema/model.h"

namespace rampart::rules::general {

// The text of an identifier ("" for a null one).
inline std::string_view IdText(python::Identifier id) { return id != nullptr ? id->text : ""; }

bool StartsWith(std::string_view text, std::string_view prefix);
bool EndsWith(std::string_view text, std::string_view suffix);
std::string Lower(std::string_view text);

// The callee's qualified name when it is one of `names`; nullopt otherwise.
std::optional<std::string> CalleeIn(const sema::ModuleModel& model, const python::Call* call,
                                    std::initializer_list<std::string_view> names);

// The attribute name of a method call (`x.extra(...)` -> "extra"); "" when the
// callee is not an attribute.
std::string_view MethodName(const python::Call* call);

// Truthiness of an expression whose value is a known constant; nullopt when the
// value is not known at analysis time.
std::optional<bool> ConstantTruth(const sema::ModuleModel& model, const python::ExprNode* expr);

// The call that created the object `expr` refers to, when `expr` is that call
// itself, or a name bound by `name = <call>` or `with <call> as name`. Null when
// unknown. Used for receivers whose factory the model has no type for
// (`tarfile.open`, `connection.cursor`).
const python::Call* CreatingCall(const sema::ModuleModel& model, const python::ExprNode* expr);

// Follows a Name bound by a plain assignment to its value (bounded); returns
// `expr` itself when it is not such a name. Lets rules look into
// `where = [...]; qs.extra(where=where)`.
const python::ExprNode* FollowAssignment(const sema::ModuleModel& model, const python::ExprNode* expr);

// True when the module imports `module` or anything below it (`import
// paramiko`, `from paramiko.client import SSHClient`).
bool ImportsModule(const sema::ModuleModel& model, std::string_view module);

// The shared decorator half of the "exempt from CSRF" rules (PY910, PY911):
// when `node` is a def, async def or class, reports each of its decorators for
// which `matches` holds with `message` and returns true (the caller is done with
// the node); returns false for any other node, reporting nothing.
bool ReportMatchingDecorators(const python::Node& node, RuleContext& context,
                              bool (*matches)(const sema::ModuleModel&, const python::ExprNode*),
                              std::string_view message);

// Splits an identifier or key into lowercase words at every character that is
// not an ASCII letter or digit and at lower->upper camelCase steps:
// `DATABASE_PASSWORD`, `apiKey`, `client-secret`, `db.password` -> two words
// each. The one split used by IsPasswordName, IsPasswordLikeValue and PY105
// (hardcoded-password-string), so they cut names the same way.
std::vector<std::string> NameWords(std::string_view name);

// Word pairs that name a secret together but not alone (`key` alone is too
// common): `api key`, `private key` ... Shared by IsPasswordName and PY105.
inline constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kSecretWordPairs = {{
    {"api", "key"}, {"access", "key"}, {"private", "key"}, {"secret", "key"}, {"signing", "key"},
    {"encryption", "key"}}};

// Password-like names, with the same word split and vocabulary as PY105
// (hardcoded-password-string): the name's words (split at `_`, `-`, `.` and
// camelCase) include `password`, `passwd`, `pwd`, `passphrase`, `secret`,
// `token`, `apikey`, or Bandit's `pas+wo?r?d` spellings, or end in `pass`/`pw`,
// or contain a pair such as `api key` / `private key`. Quieter than Bandit: a
// name whose last word says it holds something about the secret (`token_type`,
// `password_url`, `secret_name`, `password_field`) is not one.
bool IsPasswordName(std::string_view name);
// True when a constant string looks like a real secret rather than an empty or
// short value, a masked value (`":****"`), an obvious placeholder (`"***"`, `"<password>"`, `"${DB_PASSWORD}"`,
// `"{{ token }}"`, `"%(password)s"`, a regular expression, an auth scheme
// name such as `"Bearer"`, `"changeme"` is kept: it is a real weak
// password), a field name (`"password"`) or an environment variable name.
bool IsPasswordLikeValue(std::string_view value);

// Folds an integer expression built from int literals, names bound to them, and
// `stat.S_I*` / `os.O_*`-style flags (`stat.S_IRWXU | stat.S_IROTH`, `0o777`,
// `MODE` where `MODE = 0o666`). nullopt when any part is unknown.
std::optional<int64_t> FoldPermissionBits(const sema::ModuleModel& model, const python::ExprNode* expr);

// The range of the first `length` bytes of a node's first line (for reporting a
// keyword such as `assert` or `except` instead of a whole statement).
SourceRange HeadRange(const python::Node* node, uint32_t length);

// A finding range from the start of `first` to the end of `last`.
SourceRange SpanRange(const python::Node* first, const python::Node* last);

}  // namespace rampart::rules::general

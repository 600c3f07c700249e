// Shared helpers for the blacklisted-call rules (PY301-PY324; Bandit's B3xx
// family) and, for the module-wide checks, the import rules (PY4xx). Each rule keeps its own file, metadata
// and docs; this header only holds the lookups several of them need, so that every rule resolves callees and
// recognises "security-looking" names the same way.
//
// What callers may rely on:
//   - Every function is pure, never throws and only asks the semantic model; none
//     resolves names itself.
//   - MatchCallee is cheap for the common case: an attribute call (`x.loads(...)`)
//     whose attribute is not the last part of any listed name is rejected before
//     any name resolution, so a rule with a table costs one string compare per
//     call in files that do not use the module.
//   - Walks up the tree (FlowsIntoName, EnclosingFunctionName) are bounded by
//     kMaxAncestorSteps, so a pathological file cannot make a rule slow.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "python/ast.h"
#include "rules/rule.h"
#include "sema/model.h"

namespace rampart::rules::calls {

inline constexpr int kMaxAncestorSteps = 64;

// The callee's qualified name when it is exactly one of `names`; nullopt otherwise.
std::optional<std::string> MatchCallee(const python::Call* call, const sema::ModuleModel& model,
                                       std::span<const std::string_view> names);

// The last part of a dotted name: "pickle.loads" -> "loads".
std::string_view LastPart(std::string_view qualified);

// True when the module calls `qualified` anywhere (`defusedxml.defuse_stdlib()`
// patches the standard library XML parsers; `defusedxml.xmlrpc.monkey_patch()`
// patches `xmlrpc`). A textual pre-check on the last part keeps this free for
// the files that never mention it.
bool ModuleCalls(const sema::ModuleModel& model, std::string_view qualified);

// `expr` itself; for a Name bound by a plain assignment `name = value`, that
// value (one step, so `ctx = ssl._create_unverified_context()` then
// `context=ctx` is seen as the call).
const python::ExprNode* ValueOf(const python::ExprNode* expr, const sema::ModuleModel& model);

// True when `node` sits in the body of an `if TYPE_CHECKING:` (or
// `typing.TYPE_CHECKING`) branch, i.e. code that never runs.
bool UnderTypeChecking(const python::Node* node, const sema::ModuleModel& model);

// Names that hold secrets an attacker must not guess: token, secret, password,
// nonce, salt, key, otp, session, csrf ... (`sort_key` and friends excluded).
// Matched by whole words: "generateApiToken" and "generate_api_token" both
// split into {"generate", "api", "token"}; "keyboard" holds no "key".
bool IsSecretName(std::string_view identifier);

// Whether the value of `expr` is stored under a name that satisfies
// `predicate`. The value is followed up through the expressions that keep its
// content (`str(x)`, `x + y`, `"".join(...)`, f-strings, method calls on it such
// as `.hexdigest()`, comprehension elements) to the first statement; every name
// met on the way is tried: a keyword argument `token=...`, a dict key
// `{"token": ...}`, a walrus target, and at the statement the assignment target
// (`token = ...`, `self.token = ...`, `data["token"] = ...`) or, for `return`,
// the enclosing function's name.
bool FlowsIntoName(const python::ExprNode* expr, const sema::ModuleModel& model,
                   bool (*predicate)(std::string_view));

// The name of the innermost enclosing def, "" at module level or in a lambda.
std::string_view EnclosingFunctionName(const python::Node* node, const sema::ModuleModel& model);

// The shared check of the rules that report every call to a listed callee,
// whatever its arguments (PY301-PY324 style: `pickle.loads`, `ftplib.FTP`):
// for a call to one of `callees` reports the callee expression with the
// message "`<callee>`" followed by `after_callee` (which starts with a space).
// Nodes that are not calls are ignored.
void ReportListedCall(const python::Node& node, RuleContext& context, std::span<const std::string_view> callees,
                      std::string_view after_callee);

// The shared check of the standard library XML parser rules (PY313-PY320):
// reports a call to one of `callees` as "`<callee>` is not hardened against XML
// attacks; use `<replacement>`", unless the module calls
// `defusedxml.defuse_stdlib()`, which monkey-patches those parsers.
// Nodes that are not calls are ignored.
void CheckUnhardenedXmlParse(const python::Node& node, RuleContext& context,
                             std::span<const std::string_view> callees, std::string_view replacement);

}  // namespace rampart::rules::calls

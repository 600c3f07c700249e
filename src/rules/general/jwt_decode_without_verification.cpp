// PY914 jwt-decode-without-verification (no Bandit equivalent).
#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY914",
    .name = "jwt-decode-without-verification",
    .summary = "a JWT is decoded without verifying its signature or with an algorithm the token chooses",
    .fix_hint = "verify the signature and pin the algorithms: `jwt.decode(token, key, algorithms=[\"HS256\"])`",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {347},
    .owasp = "A07:2021-Identification and Authentication Failures",
    .practice = Practice::kSessions,
    .aliases = {},
    .docs =
        {
            .what_it_does =
                "Finds `jwt.decode` (PyJWT) and `jose.jwt.decode` (python-jose) calls that "
                "turn signature checking off (`verify=False`, `options={\"verify_signature\": "
                "False}`, also through a name bound to the dict), that allow the `none` "
                "algorithm (`algorithms=[\"none\"]`), that take the algorithm from the "
                "token's own header (`jwt.get_unverified_header(token)[\"alg\"]`), or that "
                "give no `algorithms=` at all (medium severity: old PyJWT versions then accept "
                "whatever algorithm the token names).",
            .why_bad =
                "A JWT is only as good as its signature check. Without it, or with `none` "
                "allowed, or with the token picking its algorithm (HS256 verified with an RSA "
                "public key as the secret), anyone can mint a token for any user and role.",
            .example = "import jwt\n"
                       "\n"
                       "def current_user(token):\n"
                       "    claims = jwt.decode(token, options={\"verify_signature\": False})\n"
                       "    return claims[\"sub\"]\n",
            .use_instead = "import jwt\n"
                           "\n"
                           "def current_user(token, key):\n"
                           "    claims = jwt.decode(token, key, algorithms=[\"HS256\"])\n"
                           "    return claims[\"sub\"]\n",
            .references =
                "- [PyJWT docs: `jwt.decode`](https://pyjwt.readthedocs.io/en/stable/api.html#jwt.decode)\n"
                "- [OWASP: JSON Web Token Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html)\n"
                "- [CWE-347: Improper Verification of Cryptographic Signature](https://cwe.mitre.org/data/definitions/347.html)",
        },
};

// The `"verify_signature": False` entry of an options dict; null when absent.
const python::ExprNode* DisabledSignature(const sema::ModuleModel& model, const python::ExprNode* options) {
  const auto* dict = general::FollowAssignment(model, options)->As<python::Dict>();
  if (dict == nullptr) return nullptr;
  for (uint32_t i = 0; i < dict->keys.size(); ++i) {
    if (dict->keys[i] == nullptr) continue;
    std::optional<std::string> key = model.ConstantString(dict->keys[i]);
    if (!key || *key != "verify_signature") continue;
    std::optional<bool> on = general::ConstantTruth(model, dict->values[i]);
    if (on && !*on) return dict->values[i];
  }
  return nullptr;
}

bool CallsUnverifiedHeader(const python::ExprNode* expr) {
  bool found = false;
  python::Walk(const_cast<python::ExprNode*>(expr), [&found](python::Node* node) {
    if (const auto* call = node->As<python::Call>()) {
      if (general::MethodName(call) == "get_unverified_header") found = true;
      if (const auto* name = call->func->As<python::Name>())
        found = found || general::IdText(name->id) == "get_unverified_header";
    }
    return !found;
  });
  return found;
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  const sema::ModuleModel& model = context.model();
  std::optional<std::string> callee =
      general::CalleeIn(model, call, {"jwt.decode", "jwt.api_jwt.decode", "jose.jwt.decode"});
  if (!callee) return;
  if (const python::Keyword* verify = sema::FindKeyword(call, "verify")) {
    std::optional<bool> on = general::ConstantTruth(model, verify->value);
    if (on && !*on) {
      context.Report(verify, "`verify=False` accepts tokens with any signature");
      return;
    }
  }
  if (const python::Keyword* options = sema::FindKeyword(call, "options")) {
    if (const python::ExprNode* disabled = DisabledSignature(model, options->value)) {
      // A dict bound to a name is reported at the keyword that passes it.
      const bool inline_dict = options->value->Is<python::Dict>();
      context.Report(inline_dict ? static_cast<const python::Node*>(disabled) : options,
                     "`\"verify_signature\": False` accepts tokens with any signature");
      return;
    }
  }
  const python::Keyword* algorithms = sema::FindKeyword(call, "algorithms");
  if (algorithms == nullptr) {
    if (sema::HasStarArguments(call)) return;
    ReportOptions options;
    options.severity = Severity::kMedium;
    context.Report(call->func, "`" + *callee + "` without `algorithms=` lets the token choose the algorithm",
                   options);
    return;
  }
  if (CallsUnverifiedHeader(algorithms->value)) {
    context.Report(algorithms, "`algorithms=` is taken from the token's own unverified header");
    return;
  }
  const python::ExprNode* value = general::FollowAssignment(model, algorithms->value);
  const python::NodeList<python::ExprNode>* elements = nullptr;
  if (const auto* list = value->As<python::List>()) elements = &list->elts;
  if (const auto* tuple = value->As<python::Tuple>()) elements = &tuple->elts;
  if (elements == nullptr) {
    std::optional<std::string> single = model.ConstantString(value);
    if (single && general::Lower(*single) == "none")
      context.Report(algorithms, "`algorithms=` allows `none`: unsigned tokens are accepted");
    return;
  }
  for (const python::ExprNode* element : *elements) {
    std::optional<std::string> name = model.ConstantString(element);
    if (name && general::Lower(*name) == "none") {
      context.Report(value == algorithms->value ? element : algorithms->value,
                     "`algorithms=` allows `none`: unsigned tokens are accepted");
      return;
    }
  }
}

}  // namespace

const Rule& JwtDecodeWithoutVerification() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

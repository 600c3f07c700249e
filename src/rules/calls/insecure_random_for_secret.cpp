// PY311 insecure-random-for-secret (bandit B311, ruff S311).
#include <array>
#include <optional>
#include <string>

#include "rules/calls/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY311",
    .name = "insecure-random-for-secret",
    .summary = "the predictable `random` module produces a value used as a token, password, key or nonce",
    .fix_hint =
        "use the `secrets` module: `secrets.token_urlsafe()`, `secrets.choice()`, "
        "`secrets.randbelow()`",
    .severity = Severity::kLow,
    .confidence = Confidence::kMedium,
    .cwe = {330, 338},
    .owasp = "A02:2021-Cryptographic Failures",
    .practice = Practice::kSecrets,
    .aliases = {"bandit:B311", "ruff:S311"},
    .docs =
        {
            .what_it_does =
                "Finds `random.random`, `randint`, `randrange`, `choice`, `choices`, `sample`, "
                "`uniform`, `triangular`, `randbytes`, `getrandbits` (also as methods of a "
                "`random.Random()` instance) and `random.Random` whose result is used as a secret: "
                "stored under a name such as `token`, `secret`, `password`, `nonce`, `salt`, `key`, "
                "`otp`, `session` or `csrf` (an assignment, attribute, dict key, keyword argument or a "
                "`return` from a function so named, also through `str()`, `\"\".join(...)`, f-strings and "
                "the like), called inside a function with such a name, or turned straight into a string "
                "token (`str(random.random())`, `hex(random.getrandbits(64))`, "
                "`str(random.randint(100000, 999999))`).\n"
                "\n"
                "Differences from Bandit: Bandit reports every call to the `random` module, which in web "
                "code is mostly shuffling, sampling and jitter. rampart is deliberately quieter and "
                "reports only the uses above; the confidence is medium because the decision rests on "
                "names.",
            .why_bad = "`random` is a Mersenne Twister: after observing 624 outputs an attacker can compute "
                       "every past and future value. Password-reset tokens, session ids, one-time codes or "
                       "salts made with it can be predicted and accounts taken over.",
            .example = "import random\n"
                       "import string\n"
                       "\n"
                       "\n"
                       "def new_reset_token():\n"
                       "    return \"\".join(random.choice(string.ascii_letters) for _ in range(32))\n",
            .use_instead = "import secrets\n"
                           "\n"
                           "\n"
                           "def new_reset_token():\n"
                           "    return secrets.token_urlsafe(32)\n",
            .references =
                "- [Python docs: `secrets`](https://docs.python.org/3/library/secrets.html)\n"
                "- [Python docs: `random` is not for security](https://docs.python.org/3/library/random.html)\n"
                "- [Bandit B311](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b311-random)\n"
                "- [CWE-338: Use of Cryptographically Weak PRNG](https://cwe.mitre.org/data/definitions/338.html)",
        },
};

// The Mersenne Twister module and its `Random` instances (`SystemRandom` is the safe one).
constexpr std::array<std::string_view, 19> kCallees = {"random.random",
                                                       "random.randint",
                                                       "random.randrange",
                                                       "random.choice",
                                                       "random.choices",
                                                       "random.sample",
                                                       "random.uniform",
                                                       "random.triangular",
                                                       "random.randbytes",
                                                       "random.getrandbits",
                                                       "random.Random",
                                                       "random.Random.random",
                                                       "random.Random.randint",
                                                       "random.Random.randrange",
                                                       "random.Random.choice",
                                                       "random.Random.choices",
                                                       "random.Random.sample",
                                                       "random.Random.randbytes",
                                                       "random.Random.getrandbits"};

constexpr std::array<std::string_view, 3> kStringifiers = {"builtins.str", "builtins.hex", "builtins.format"};

// `str(random.random())`, `hex(random.getrandbits(64))`, `str(random.randint(100000, 999999))`:
// a random number turned directly into a string is how ad-hoc tokens and codes are made.
// Small ranges (`str(random.randint(1, 6))`) are dice, not codes.
bool IsStringToken(const python::Call* call, std::string_view callee, const sema::ModuleModel& model) {
  const python::Node* parent = model.Parent(call);
  const auto* wrapper = parent == nullptr ? nullptr : parent->As<python::Call>();
  if (wrapper == nullptr || wrapper->args.empty() || wrapper->args[0] != call) return false;
  if (!calls::MatchCallee(wrapper, model, kStringifiers)) return false;
  std::string_view last = calls::LastPart(callee);
  if (last == "random" || last == "getrandbits" || last == "randbytes") return true;
  if (last != "randint" && last != "randrange") return false;
  // randint(a, b) / randrange(start, stop): the upper bound is the second argument,
  // or the only one for randrange(stop).
  const python::ExprNode* upper = call->args.size() >= 2 ? call->args[1] : sema::Argument(call, 0, "stop");
  if (upper == nullptr) return false;
  std::optional<sema::Value> bound = model.ConstantValue(upper);
  constexpr int64_t kCodeLikeBound = 100000;  // six digits and more: a numeric code or id
  return bound && bound->kind == sema::Value::Kind::kInt &&
         (!bound->int_fits || bound->int_value >= kCodeLikeBound);
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<std::string> callee = calls::MatchCallee(call, context.model(), kCallees);
  if (!callee) return;
  const sema::ModuleModel& model = context.model();
  bool secret = calls::FlowsIntoName(call, model, calls::IsSecretName) ||
                calls::IsSecretName(calls::EnclosingFunctionName(call, model)) ||
                IsStringToken(call, *callee, model);
  if (!secret) return;
  context.Report(call->func, "`" + *callee +
                                 "` is predictable and its result is used as a secret; use the "
                                 "`secrets` module (`secrets.token_urlsafe`, `secrets.choice`)");
}

}  // namespace

const Rule& InsecureRandomForSecret() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

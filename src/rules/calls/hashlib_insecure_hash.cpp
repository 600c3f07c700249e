// PY324 hashlib-insecure-hash (bandit B324, ruff S324).
#include <array>
#include <cctype>
#include <optional>
#include <string>

#include "rules/calls/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY324",
    .name = "hashlib-insecure-hash",
    .summary = "`hashlib` creates an MD4, MD5 or SHA-1 hash without `usedforsecurity=False`",
    .fix_hint =
        "use `hashlib.sha256()`; if the hash is not for security (a cache key), pass "
        "`usedforsecurity=False`",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {327, 328},
    .owasp = "A02:2021-Cryptographic Failures",
    .practice = Practice::kSecrets,
    .aliases = {"bandit:B324", "ruff:S324"},
    .docs =
        {
            .what_it_does =
                "Finds `hashlib.md4`, `hashlib.md5`, `hashlib.sha1` and `hashlib.new(\"md4\" | \"md5\" | "
                "\"sha\" | \"sha1\")` (name compared case-insensitively, given positionally or as `name=`) "
                "unless they pass `usedforsecurity=False`, the Python 3.9+ way to declare a non-security "
                "use. Passwords hashed with any fast hash are reported separately by PY950 "
                "`weak-password-hash`.\n"
                "\n"
                "Differences from Bandit: Bandit 1.6.2 reports `hashlib.md5` / `sha1` under B303 "
                "whatever `usedforsecurity` says and reads the `hashlib.new` name only when it is "
                "positional; rampart follows Bandit 1.7's B324 and also reads `name=`.",
            .why_bad =
                "MD5 and SHA-1 collisions are cheap to compute, so signatures, integrity checks or "
                "identifiers built on them can be forged. Declaring `usedforsecurity=False` documents a "
                "checksum use (and is required on FIPS systems).",
            .example = "import hashlib\n"
                       "\n"
                       "\n"
                       "def sign(payload, secret):\n"
                       "    return hashlib.md5(secret + payload).hexdigest()\n",
            .use_instead = "import hashlib\n"
                           "import hmac\n"
                           "\n"
                           "\n"
                           "def sign(payload, secret):\n"
                           "    return hmac.new(secret, payload, hashlib.sha256).hexdigest()\n"
                           "\n"
                           "\n"
                           "def cache_key(payload):\n"
                           "    return hashlib.md5(payload, usedforsecurity=False).hexdigest()\n",
            .references =
                "- [Python docs: `hashlib` and `usedforsecurity`](https://docs.python.org/3/library/hashlib.html#hashlib.new)\n"
                "- [Bandit B324](https://bandit.readthedocs.io/en/latest/plugins/b324_hashlib.html)\n"
                "- [CWE-328: Use of Weak Hash](https://cwe.mitre.org/data/definitions/328.html)",
        },
};

// The `hashlib` constructors that can make a broken hash.
constexpr std::array<std::string_view, 4> kCallees = {"hashlib.md4", "hashlib.md5", "hashlib.sha1",
                                                      "hashlib.new"};

constexpr std::array<std::string_view, 4> kWeakNames = {"md4", "md5", "sha", "sha1"};

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<std::string> callee = calls::MatchCallee(call, context.model(), kCallees);
  if (!callee) return;
  const sema::ModuleModel& model = context.model();
  // `usedforsecurity=False` declares a checksum use (Python 3.9+); that is the fix for non-security hashes.
  if (const python::Keyword* purpose = sema::FindKeyword(call, "usedforsecurity")) {
    std::optional<sema::Value> value = model.ConstantValue(purpose->value);
    if (!value || !value->Truthy()) return;  // false, or unknown: trust the explicit declaration
  }
  if (*callee != "hashlib.new") {
    context.Report(call->func, "`" + *callee +
                                   "` is a broken hash; use `hashlib.sha256` or pass "
                                   "`usedforsecurity=False` for a non-security checksum");
    return;
  }
  const python::ExprNode* name = sema::Argument(call, 0, "name");
  if (name == nullptr) return;
  std::optional<std::string> algorithm = model.ConstantString(name);
  if (!algorithm) return;  // a name chosen at run time: cannot tell
  for (char& c : *algorithm) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool weak = false;
  for (std::string_view candidate : kWeakNames) weak = weak || *algorithm == candidate;
  if (!weak) return;
  context.Report(name, "`hashlib.new(\"" + *algorithm +
                           "\")` is a broken hash; use `sha256` or pass "
                           "`usedforsecurity=False` for a non-security checksum");
}

}  // namespace

const Rule& HashlibInsecureHash() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

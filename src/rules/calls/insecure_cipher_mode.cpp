// PY305 insecure-cipher-mode (bandit B305, ruff S305).
#include <array>
#include <optional>
#include <string>

#include "rules/calls/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY305",
    .name = "insecure-cipher-mode",
    .summary = "a block cipher is used in ECB mode, which leaks patterns of the plaintext",
    .fix_hint = "use an authenticated mode: AES-GCM (`modes.GCM`, `AES.MODE_GCM`) or `AESGCM`",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {327},
    .owasp = "A02:2021-Cryptographic Failures",
    .practice = Practice::kSecrets,
    .aliases = {"bandit:B305", "ruff:S305"},
    .docs =
        {
            .what_it_does =
                "Finds the ECB mode: `cryptography.hazmat.primitives.ciphers.modes.ECB()` and, in "
                "PyCrypto / PyCryptodome, `<Cipher>.new(key, <Cipher>.MODE_ECB)` (mode given "
                "positionally or as `mode=`).\n"
                "\n"
                "Differences from Bandit: Bandit only knows `modes.ECB`; rampart also reports "
                "PyCryptodome's `MODE_ECB`, the more common spelling in Python code.",
            .why_bad =
                "ECB encrypts equal plaintext blocks to equal ciphertext blocks, so structure survives "
                "encryption (the famous ECB penguin), blocks can be cut and pasted between messages, and "
                "nothing detects tampering.",
            .example = "from Crypto.Cipher import AES\n"
                       "\n"
                       "\n"
                       "def seal(key, data):\n"
                       "    return AES.new(key, AES.MODE_ECB).encrypt(data)\n",
            .use_instead = "from Crypto.Cipher import AES\n"
                           "\n"
                           "\n"
                           "def seal(key, data):\n"
                           "    cipher = AES.new(key, AES.MODE_GCM)\n"
                           "    return cipher.nonce, cipher.encrypt_and_digest(data)\n",
            .references =
                "- [cryptography: `modes.ECB` warning](https://cryptography.io/en/latest/hazmat/primitives/symmetric-encryption/#cryptography.hazmat.primitives.ciphers.modes.ECB)\n"
                "- [Bandit B305](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b304-b305-ciphers-and-modes)\n"
                "- [CWE-327: Use of a Broken or Risky Cryptographic Algorithm](https://cwe.mitre.org/data/definitions/327.html)",
        },
};

// The ECB mode object of `cryptography`.
constexpr std::array<std::string_view, 1> kCallees = {"cryptography.hazmat.primitives.ciphers.modes.ECB"};

// A PyCrypto / PyCryptodome cipher constructor: `Crypto.Cipher.AES.new` ...
bool IsPyCryptoNew(std::string_view callee) {
  if (!callee.starts_with("Crypto.Cipher.") && !callee.starts_with("Cryptodome.Cipher.")) return false;
  return calls::LastPart(callee) == "new";
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  if (std::optional<std::string> callee = calls::MatchCallee(call, context.model(), kCallees)) {
    context.Report(call->func,
                   "`" + *callee + "` encrypts equal blocks to equal ciphertext; use `modes.GCM`");
    return;
  }
  // PyCryptodome: the mode is the second argument of `<Cipher>.new(key, mode)`.
  const python::ExprNode* mode = sema::Argument(call, 1, "mode");
  if (mode == nullptr) return;
  std::optional<std::string> mode_name = context.model().QualifiedName(mode);
  if (!mode_name || calls::LastPart(*mode_name) != "MODE_ECB") return;
  std::optional<std::string> callee = context.model().CalleeName(call);
  if (!callee || !IsPyCryptoNew(*callee)) return;
  context.Report(mode, "`" + *mode_name + "` encrypts equal blocks to equal ciphertext; use `MODE_GCM`");
}

}  // namespace

const Rule& InsecureCipherMode() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

// PY304 insecure-cipher (bandit B304, ruff S304).
#include <array>
#include <string_view>

#include "rules/calls/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY304",
    .name = "insecure-cipher",
    .summary =
        "a broken or obsolete cipher (ARC2, ARC4, Blowfish, DES, XOR, IDEA, CAST5, SEED, 3DES) "
        "is used",
    .fix_hint = "use AES-GCM (`cryptography` `AESGCM`) or ChaCha20-Poly1305",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {327},
    .owasp = "A02:2021-Cryptographic Failures",
    .practice = Practice::kSecrets,
    .aliases = {"bandit:B304", "ruff:S304"},
    .docs =
        {
            .what_it_does =
                "Finds ciphers that are broken or too weak for new code: `Crypto.Cipher.ARC2.new`, "
                "`ARC4.new`, `Blowfish.new`, `DES.new`, `DES3.new`, `XOR.new` (PyCrypto / PyCryptodome, "
                "also under `Cryptodome`) and `cryptography.hazmat.primitives.ciphers.algorithms.ARC4`, "
                "`Blowfish`, `IDEA`, `CAST5`, `SEED`, `TripleDES`.\n"
                "\n"
                "Differences from Bandit: Bandit 1.6.2/1.7 lists ARC2, ARC4, Blowfish, DES, XOR and "
                "IDEA; rampart also reports the 64-bit block ciphers CAST5, SEED and Triple DES (`DES3`, "
                "`TripleDES`), which later Bandit versions and `cryptography` itself deprecate (Sweet32).",
            .why_bad =
                "RC4 has exploitable keystream biases, DES keys are brute-forced in hours, XOR is not "
                "encryption, and every 64-bit block cipher (Blowfish, IDEA, CAST5, 3DES) leaks plaintext "
                "after a few dozen gigabytes under one key (Sweet32). Data protected with them should be "
                "considered readable.",
            .example = "from Crypto.Cipher import DES\n"
                       "\n"
                       "\n"
                       "def seal(key, data):\n"
                       "    return DES.new(key, DES.MODE_CBC).encrypt(data)\n",
            .use_instead = "from cryptography.hazmat.primitives.ciphers.aead import AESGCM\n"
                           "\n"
                           "\n"
                           "def seal(key, nonce, data):\n"
                           "    return AESGCM(key).encrypt(nonce, data, None)\n",
            .references =
                "- [cryptography: symmetric encryption](https://cryptography.io/en/latest/hazmat/primitives/symmetric-encryption/)\n"
                "- [Sweet32: birthday attacks on 64-bit block ciphers](https://sweet32.info/)\n"
                "- [Bandit B304](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b304-b305-ciphers-and-modes)\n"
                "- [CWE-327: Use of a Broken or Risky Cryptographic Algorithm](https://cwe.mitre.org/data/definitions/327.html)",
        },
};

// Broken stream ciphers, weak keys and 64-bit block ciphers.
constexpr std::array<std::string_view, 18> kCallees = {
    "Crypto.Cipher.ARC2.new",
    "Crypto.Cipher.ARC4.new",
    "Crypto.Cipher.Blowfish.new",
    "Crypto.Cipher.DES.new",
    "Crypto.Cipher.DES3.new",
    "Crypto.Cipher.XOR.new",
    "Cryptodome.Cipher.ARC2.new",
    "Cryptodome.Cipher.ARC4.new",
    "Cryptodome.Cipher.Blowfish.new",
    "Cryptodome.Cipher.DES.new",
    "Cryptodome.Cipher.DES3.new",
    "Cryptodome.Cipher.XOR.new",
    "cryptography.hazmat.primitives.ciphers.algorithms.ARC4",
    "cryptography.hazmat.primitives.ciphers.algorithms.Blowfish",
    "cryptography.hazmat.primitives.ciphers.algorithms.IDEA",
    "cryptography.hazmat.primitives.ciphers.algorithms.CAST5",
    "cryptography.hazmat.primitives.ciphers.algorithms.SEED",
    "cryptography.hazmat.primitives.ciphers.algorithms.TripleDES"};

void Check(const python::Node& node, RuleContext& context) {
  calls::ReportListedCall(node, context, kCallees,
                          " is a broken or obsolete cipher; use AES-GCM (`AESGCM`) or ChaCha20-Poly1305");
}

}  // namespace

const Rule& InsecureCipher() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

// PY303 weak-hash-crypto-library (bandit B303, ruff S303).
#include <array>
#include <string_view>

#include "rules/calls/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY303",
    .name = "weak-hash-crypto-library",
    .summary =
        "a broken hash (MD2, MD4, MD5, SHA-1) is created through PyCrypto, PyCryptodome or "
        "`cryptography`",
    .fix_hint =
        "use SHA-256 or better (`Crypto.Hash.SHA256`, `hashes.SHA256()`); for passwords use a "
        "password hash",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {327, 328},
    .owasp = "A02:2021-Cryptographic Failures",
    .practice = Practice::kSecrets,
    .aliases = {"bandit:B303", "ruff:S303"},
    .docs =
        {
            .what_it_does =
                "Finds MD2, MD4, MD5 and SHA-1 hashes created through the crypto libraries: "
                "`Crypto.Hash.MD2.new`, `MD4.new`, `MD5.new`, `SHA.new`, `SHA1.new` (PyCrypto / "
                "PyCryptodome, also under the `Cryptodome` namespace) and "
                "`cryptography.hazmat.primitives.hashes.MD5` / `SHA1`. `hashlib` is covered by PY324.\n"
                "\n"
                "Differences from Bandit: as in Bandit 1.7, `hashlib.md5` / `hashlib.sha1` moved to "
                "PY324 (B324); rampart also reports `Crypto.Hash.SHA1.new`, PyCryptodome's name for "
                "`SHA.new`.",
            .why_bad =
                "MD5 and SHA-1 collisions can be computed cheaply (chosen-prefix collisions for both are "
                "public), and MD2/MD4 are broken further still. Signatures, integrity checks, and tokens "
                "derived from them can be forged.",
            .example = "from Crypto.Hash import MD5\n"
                       "\n"
                       "\n"
                       "def fingerprint(data):\n"
                       "    return MD5.new(data).hexdigest()\n",
            .use_instead = "from Crypto.Hash import SHA256\n"
                           "\n"
                           "\n"
                           "def fingerprint(data):\n"
                           "    return SHA256.new(data).hexdigest()\n",
            .references =
                "- [NIST SP 800-131A: transitioning cryptographic algorithms](https://csrc.nist.gov/pubs/sp/800/131/a/r2/final)\n"
                "- [Bandit B303](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b303-md5)\n"
                "- [CWE-328: Use of Weak Hash](https://cwe.mitre.org/data/definitions/328.html)",
        },
};

// Constructors of broken hashes in the third-party crypto libraries.
constexpr std::array<std::string_view, 12> kCallees = {"Crypto.Hash.MD2.new",
                                                       "Crypto.Hash.MD4.new",
                                                       "Crypto.Hash.MD5.new",
                                                       "Crypto.Hash.SHA.new",
                                                       "Crypto.Hash.SHA1.new",
                                                       "Cryptodome.Hash.MD2.new",
                                                       "Cryptodome.Hash.MD4.new",
                                                       "Cryptodome.Hash.MD5.new",
                                                       "Cryptodome.Hash.SHA.new",
                                                       "Cryptodome.Hash.SHA1.new",
                                                       "cryptography.hazmat.primitives.hashes.MD5",
                                                       "cryptography.hazmat.primitives.hashes.SHA1"};

void Check(const python::Node& node, RuleContext& context) {
  calls::ReportListedCall(node, context, kCallees, " is a broken hash; use SHA-256 or better");
}

}  // namespace

const Rule& WeakHashCryptoLibrary() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

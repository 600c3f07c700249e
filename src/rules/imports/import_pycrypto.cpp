// PY413 import-pycrypto (bandit B413, ruff S413).
#include <array>
#include <string>

#include "rules/imports/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY413",
    .name = "import-pycrypto",
    .summary = "the `Crypto` package is imported; PyCrypto is unmaintained and has known vulnerabilities",
    .fix_hint = "use `cryptography`, or PyCryptodome under its own `Cryptodome` namespace",
    .severity = Severity::kHigh,
    .confidence = Confidence::kMedium,
    .cwe = {1104, 327},
    .owasp = "A06:2021-Vulnerable and Outdated Components",
    .practice = Practice::kDependencies,
    .aliases = {"bandit:B413", "ruff:S413"},
    .docs =
        {
            .what_it_does =
                "Finds imports of PyCrypto's packages: `Crypto.Cipher`, `Crypto.Hash`, `Crypto.IO`, "
                "`Crypto.Protocol`, `Crypto.PublicKey`, `Crypto.Random`, `Crypto.Signature` and "
                "`Crypto.Util`. Dynamic imports with a constant name (`importlib.import_module(\"m\")`, "
                "`__import__(\"m\")`) count too; imports under `if TYPE_CHECKING:` and relative imports "
                "are not reported.\n"
                "\n"
                "Differences from Bandit: the confidence is medium, not high: PyCryptodome (maintained) "
                "installs under the same `Crypto` name, and only the installed distribution tells them "
                "apart (`rampart deps` sees that). Bandit 1.7 removed B414, the matching check for "
                "`Cryptodome`.",
            .why_bad = "PyCrypto has had no release since 2013 and has known flaws (CVE-2013-7459, a heap "
                       "overflow in `ALGnew`). Code importing `Crypto` may be running it.",
            .example = "from Crypto.Cipher import AES\n",
            .use_instead = "from Cryptodome.Cipher import AES\n",
            .references =
                "- [PyCrypto is unmaintained](https://github.com/pycrypto/pycrypto/issues/238)\n"
                "- [CVE-2013-7459](https://nvd.nist.gov/vuln/detail/CVE-2013-7459)\n"
                "- [CWE-1104: Use of Unmaintained Third Party Components](https://cwe.mitre.org/data/definitions/1104.html)\n"
                "- [Bandit B413](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b413-import-pycrypto)",
        },
};

// PyCrypto's packages (PyCryptodome's drop-in mode uses the same names).
constexpr std::array<std::string_view, 8> kModules = {"Crypto.Cipher",    "Crypto.Hash",      "Crypto.IO",
                                                      "Crypto.Protocol",  "Crypto.PublicKey", "Crypto.Random",
                                                      "Crypto.Signature", "Crypto.Util"};

void Check(const python::Node& node, RuleContext& context) {
  std::string imported;
  const python::Node* where = imports::MatchImport(node, context.model(), kModules, {}, &imported);
  if (where == nullptr) return;
  context.Report(where,
                 "`" + imported + "` may be the unmaintained PyCrypto; use `cryptography` or `Cryptodome`");
}

}  // namespace

const Rule& ImportPycrypto() {
  static const Rule rule{
      .info = kInfo,
      .node_kinds = {python::NodeKind::kImport, python::NodeKind::kImportFrom, python::NodeKind::kCall},
      .check = Check};
  return rule;
}

}  // namespace rampart::rules

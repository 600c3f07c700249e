// PY415 import-pyghmi (bandit B415, ruff S415).
#include <array>
#include <string>

#include "rules/imports/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY415",
    .name = "import-pyghmi",
    .summary = "`pyghmi` is imported; IPMI is an insecure management protocol",
    .fix_hint = "manage servers through Redfish over HTTPS, and keep IPMI on an isolated network",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {319},
    .owasp = "A02:2021-Cryptographic Failures",
    .practice = Practice::kHttps,
    .aliases = {"bandit:B415", "ruff:S415"},
    .docs =
        {
            .what_it_does =
                "Finds imports of `pyghmi` and its submodules. Dynamic imports with a constant name "
                "(`importlib.import_module(\"m\")`, `__import__(\"m\")`) count too; imports under `if "
                "TYPE_CHECKING:` and relative imports are not reported.\n"
                "\n"
                "Differences from Bandit: Bandit added B415 after 1.6.2, so Debian's Bandit 1.6.2 "
                "reports nothing here.",
            .why_bad =
                "IPMI 2.0 authentication lets anyone request the salted hash of a user's password (RAKP) "
                "and crack it offline, and many BMCs accept cipher 0 (no authentication). A web "
                "application talking IPMI puts the credentials of the machines it manages at risk.",
            .example = "from pyghmi.ipmi import command\n",
            .use_instead = "import requests\n",
            .references =
                "- [CISA: risks of IPMI](https://www.cisa.gov/news-events/alerts/2013/07/26/risks-using-intelligent-platform-management-interface-ipmi)\n"
                "- [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)\n"
                "- [Bandit B415](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b415-import-pyghmi)",
        },
};

// Modules (and members) this rule reports.
constexpr std::array<std::string_view, 1> kModules = {"pyghmi"};

void Check(const python::Node& node, RuleContext& context) {
  std::string imported;
  const python::Node* where = imports::MatchImport(node, context.model(), kModules, {}, &imported);
  if (where == nullptr) return;
  context.Report(
      where,
      "`" + imported + "` speaks IPMI, whose authentication leaks password hashes; use Redfish over HTTPS");
}

}  // namespace

const Rule& ImportPyghmi() {
  static const Rule rule{
      .info = kInfo,
      .node_kinds = {python::NodeKind::kImport, python::NodeKind::kImportFrom, python::NodeKind::kCall},
      .check = Check};
  return rule;
}

}  // namespace rampart::rules

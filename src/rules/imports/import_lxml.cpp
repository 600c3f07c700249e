// PY410 import-lxml (bandit B410, ruff S410).
#include <array>
#include <string>

#include "rules/imports/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY410",
    .name = "import-lxml",
    .summary = "`lxml` is imported; its default parser resolves entities",
    .fix_hint = "parse with `lxml.etree.XMLParser(resolve_entities=False, no_network=True)`",
    .severity = Severity::kLow,
    .confidence = Confidence::kHigh,
    .cwe = {611, 776},
    .owasp = "A05:2021-Security Misconfiguration",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B410", "ruff:S410"},
    .docs =
        {
            .what_it_does =
                "Finds imports of `lxml` and its submodules. Dynamic imports with a constant name "
                "(`importlib.import_module(\"m\")`, `__import__(\"m\")`) count too; imports under `if "
                "TYPE_CHECKING:` and relative imports are not reported. The parse calls themselves are "
                "reported by PY320.\n"
                "\n"
                "Differences from Bandit: `lxml.builder` (the E-factory, which only builds trees) is not "
                "reported, and modules are matched by whole dotted names (Bandit also matches any module "
                "whose name merely starts with `lxml`).",
            .why_bad =
                "lxml's default parser expands entities and can load DTDs, so parsing untrusted XML with "
                "it allows entity-expansion denial of service and XXE unless a hardened parser is passed "
                "every time.",
            .example = "from lxml import etree\n",
            .use_instead = "from lxml.builder import E\n",
            .references =
                "- [lxml FAQ: parsing untrusted XML](https://lxml.de/FAQ.html#how-do-i-use-lxml-safely-as-a-web-service-endpoint)\n"
                "- [CWE-611: Improper Restriction of XML External Entity Reference](https://cwe.mitre.org/data/definitions/611.html)\n"
                "- [Bandit B410](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b410-import-lxml)",
        },
};

// Modules (and members) this rule reports.
constexpr std::array<std::string_view, 1> kModules = {"lxml"};
// The E-factory only builds trees; it never parses input.
constexpr std::array<std::string_view, 1> kAllowed = {"lxml.builder"};

void Check(const python::Node& node, RuleContext& context) {
  std::string imported;
  const python::Node* where = imports::MatchImport(node, context.model(), kModules, kAllowed, &imported);
  if (where == nullptr) return;
  context.Report(where, "`" + imported +
                            "` resolves XML entities by default; parse with "
                            "`etree.XMLParser(resolve_entities=False, no_network=True)`");
}

}  // namespace

const Rule& ImportLxml() {
  static const Rule rule{
      .info = kInfo,
      .node_kinds = {python::NodeKind::kImport, python::NodeKind::kImportFrom, python::NodeKind::kCall},
      .check = Check};
  return rule;
}

}  // namespace rampart::rules

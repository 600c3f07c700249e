// PY405 import-xml-etree (bandit B405, ruff S405).
#include <array>
#include <string>

#include "rules/calls/support.h"
#include "rules/imports/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY405",
    .name = "import-xml-etree",
    .summary =
        "`xml.etree` is imported to parse XML, which it does without protection against XML "
        "attacks",
    .fix_hint =
        "import `defusedxml.ElementTree` for parsing (building documents with `xml.etree` is "
        "fine)",
    .severity = Severity::kLow,
    .confidence = Confidence::kHigh,
    .cwe = {611, 776},
    .owasp = "A05:2021-Security Misconfiguration",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B405", "ruff:S405"},
    .docs =
        {
            .what_it_does =
                "Finds imports of `xml.etree.ElementTree` and `xml.etree.cElementTree`. Dynamic imports "
                "with a constant name (`importlib.import_module(\"m\")`, `__import__(\"m\")`) count too; "
                "imports under `if TYPE_CHECKING:` and relative imports are not reported.\n"
                "\n"
                "Differences from Bandit: `from xml.etree.ElementTree import Element, SubElement, "
                "tostring` (and the other names that only build or write XML) is not reported; Bandit "
                "reports every import. A module that calls `defusedxml.defuse_stdlib()` is not reported "
                "either.",
            .why_bad =
                "The standard library XML parsers are not hardened: entity expansion can exhaust memory "
                "(billion laughs) and some resolve external entities (XXE). Importing the module is "
                "where a reviewer can still switch the whole file to `defusedxml` in one line.",
            .example = "import xml.etree.ElementTree as ET\n",
            .use_instead = "import defusedxml.ElementTree as ET\n",
            .references =
                "- [Python docs: XML vulnerabilities](https://docs.python.org/3/library/xml.html#xml-vulnerabilities)\n"
                "- [CWE-611: Improper Restriction of XML External Entity Reference](https://cwe.mitre.org/data/definitions/611.html)\n"
                "- [Bandit B405](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b405-import-xml-etree)",
        },
};

// Modules (and members) this rule reports.
constexpr std::array<std::string_view, 2> kModules = {"xml.etree.ElementTree", "xml.etree.cElementTree"};
// Names that only build, write or describe XML; none of them parses input.
constexpr std::array<std::string_view, 24> kAllowed = {
    "xml.etree.ElementTree.Element",     "xml.etree.ElementTree.SubElement",
    "xml.etree.ElementTree.tostring",    "xml.etree.ElementTree.tostringlist",
    "xml.etree.ElementTree.Comment",     "xml.etree.ElementTree.ProcessingInstruction",
    "xml.etree.ElementTree.QName",       "xml.etree.ElementTree.indent",
    "xml.etree.ElementTree.dump",        "xml.etree.ElementTree.register_namespace",
    "xml.etree.ElementTree.ParseError",  "xml.etree.ElementTree.TreeBuilder",
    "xml.etree.cElementTree.Element",    "xml.etree.cElementTree.SubElement",
    "xml.etree.cElementTree.tostring",   "xml.etree.cElementTree.tostringlist",
    "xml.etree.cElementTree.Comment",    "xml.etree.cElementTree.ProcessingInstruction",
    "xml.etree.cElementTree.QName",      "xml.etree.cElementTree.indent",
    "xml.etree.cElementTree.dump",       "xml.etree.cElementTree.register_namespace",
    "xml.etree.cElementTree.ParseError", "xml.etree.cElementTree.TreeBuilder"};

void Check(const python::Node& node, RuleContext& context) {
  std::string imported;
  const python::Node* where = imports::MatchImport(node, context.model(), kModules, kAllowed, &imported);
  if (where == nullptr) return;
  if (calls::ModuleCalls(context.model(), "defusedxml.defuse_stdlib")) return;
  context.Report(where,
                 "`" + imported +
                     "` parses XML without protection against entity attacks; use `defusedxml.ElementTree`");
}

}  // namespace

const Rule& ImportXmlEtree() {
  static const Rule rule{
      .info = kInfo,
      .node_kinds = {python::NodeKind::kImport, python::NodeKind::kImportFrom, python::NodeKind::kCall},
      .check = Check};
  return rule;
}

}  // namespace rampart::rules

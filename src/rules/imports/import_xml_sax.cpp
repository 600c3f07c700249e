// PY406 import-xml-sax (bandit B406, ruff S406).
#include <array>
#include <string>

#include "rules/calls/support.h"
#include "rules/imports/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY406",
    .name = "import-xml-sax",
    .summary = "`xml.sax` is imported to parse XML, which it does without protection against XML attacks",
    .fix_hint = "import `defusedxml.sax` for parsing",
    .severity = Severity::kLow,
    .confidence = Confidence::kHigh,
    .cwe = {611, 776},
    .owasp = "A05:2021-Security Misconfiguration",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B406", "ruff:S406"},
    .docs =
        {
            .what_it_does =
                "Finds imports of `xml.sax`. Dynamic imports with a constant name "
                "(`importlib.import_module(\"m\")`, `__import__(\"m\")`) count too; imports under `if "
                "TYPE_CHECKING:` and relative imports are not reported.\n"
                "\n"
                "Differences from Bandit: `xml.sax.saxutils` (`escape`, `quoteattr`, `XMLGenerator`) and "
                "`xml.sax.handler` (handler base classes) do not parse anything and are not reported; "
                "Bandit reports them, a well-known false positive. A module that calls "
                "`defusedxml.defuse_stdlib()` is not reported.",
            .why_bad =
                "The standard library XML parsers are not hardened: entity expansion can exhaust memory "
                "(billion laughs) and some resolve external entities (XXE). Importing the module is "
                "where a reviewer can still switch the whole file to `defusedxml` in one line.",
            .example = "import xml.sax\n",
            .use_instead = "from xml.sax.saxutils import escape\n",
            .references =
                "- [Python docs: XML vulnerabilities](https://docs.python.org/3/library/xml.html#xml-vulnerabilities)\n"
                "- [CWE-611: Improper Restriction of XML External Entity Reference](https://cwe.mitre.org/data/definitions/611.html)\n"
                "- [Bandit B406](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b406-import-xml-sax)",
        },
};

// Modules (and members) this rule reports.
constexpr std::array<std::string_view, 1> kModules = {"xml.sax"};
// Escaping helpers and handler base classes: no parsing happens through them.
constexpr std::array<std::string_view, 2> kAllowed = {"xml.sax.saxutils", "xml.sax.handler"};

void Check(const python::Node& node, RuleContext& context) {
  std::string imported;
  const python::Node* where = imports::MatchImport(node, context.model(), kModules, kAllowed, &imported);
  if (where == nullptr) return;
  if (calls::ModuleCalls(context.model(), "defusedxml.defuse_stdlib")) return;
  context.Report(
      where, "`" + imported + "` parses XML without protection against entity attacks; use `defusedxml.sax`");
}

}  // namespace

const Rule& ImportXmlSax() {
  static const Rule rule{
      .info = kInfo,
      .node_kinds = {python::NodeKind::kImport, python::NodeKind::kImportFrom, python::NodeKind::kCall},
      .check = Check};
  return rule;
}

}  // namespace rampart::rules

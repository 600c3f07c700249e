// PY313 xml-celementtree-parse (bandit B313, ruff S313).
#include <array>
#include <string_view>

#include "rules/calls/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY313",
    .name = "xml-celementtree-parse",
    .summary =
        "possibly untrusted XML is parsed with `xml.etree.cElementTree`, which is not hardened "
        "against XML attacks",
    .fix_hint = "parse with `defusedxml.cElementTree.parse` (defusedxml) instead",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {611, 776},
    .owasp = "A05:2021-Security Misconfiguration",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B313", "ruff:S313"},
    .docs =
        {
            .what_it_does =
                "Finds `xml.etree.cElementTree.parse`, `xml.etree.cElementTree.iterparse`, "
                "`xml.etree.cElementTree.fromstring`, `xml.etree.cElementTree.XMLParser`, however the "
                "module or function was imported or aliased.\n"
                "\n"
                "Differences from Bandit: rampart stays silent in a module that calls "
                "`defusedxml.defuse_stdlib()`, which patches these parsers; Bandit still reports them. A "
                "local object that happens to share the module's name is not reported either.",
            .why_bad =
                "XML parsers that expand entities can be made to consume gigabytes of memory from a few "
                "hundred bytes (billion laughs, quadratic blowup), and parsers that resolve external "
                "entities or DTDs can be made to read local files or reach internal URLs (XXE). When the "
                "document comes from a request, an upload or a remote service, the sender controls all "
                "of that.",
            .example = "import xml.etree.cElementTree as ET\n"
                       "\n"
                       "\n"
                       "def read(upload):\n"
                       "    return ET.parse(upload).getroot()\n",
            .use_instead = "import defusedxml.ElementTree as ET\n"
                           "\n"
                           "\n"
                           "def read(upload):\n"
                           "    return ET.parse(upload).getroot()\n",
            .references =
                "- [Python docs: XML vulnerabilities](https://docs.python.org/3/library/xml.html#xml-vulnerabilities)\n"
                "- [defusedxml](https://github.com/tiran/defusedxml)\n"
                "- [Bandit B313](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b313-b320-xml-bad-celementtree)\n"
                "- [CWE-611: Improper Restriction of XML External Entity Reference](https://cwe.mitre.org/data/definitions/611.html)",
        },
};

// Parsing entry points of `xml.etree.cElementTree`.
constexpr std::array<std::string_view, 4> kCallees = {
    "xml.etree.cElementTree.parse", "xml.etree.cElementTree.iterparse", "xml.etree.cElementTree.fromstring",
    "xml.etree.cElementTree.XMLParser"};

void Check(const python::Node& node, RuleContext& context) {
  calls::CheckUnhardenedXmlParse(node, context, kCallees, "defusedxml.cElementTree.parse");
}

}  // namespace

const Rule& XmlCElementTreeParse() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

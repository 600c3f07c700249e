// PY314 xml-elementtree-parse (bandit B314, ruff S314).
#include <array>
#include <string_view>

#include "rules/calls/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY314",
    .name = "xml-elementtree-parse",
    .summary =
        "possibly untrusted XML is parsed with `xml.etree.ElementTree`, which is not hardened "
        "against XML attacks",
    .fix_hint = "parse with `defusedxml.ElementTree.fromstring` (defusedxml) instead",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {611, 776},
    .owasp = "A05:2021-Security Misconfiguration",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B314", "ruff:S314"},
    .docs =
        {
            .what_it_does =
                "Finds `xml.etree.ElementTree.parse`, `xml.etree.ElementTree.iterparse`, "
                "`xml.etree.ElementTree.fromstring`, `xml.etree.ElementTree.XML`, "
                "`xml.etree.ElementTree.XMLParser`, however the module or function was imported or "
                "aliased. Building documents (`Element`, `SubElement`, `tostring`) is not reported. "
                "`XML` (the alias of `fromstring`) is covered too, which Bandit misses.\n"
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
            .example = "import xml.etree.ElementTree as ET\n"
                       "\n"
                       "from flask import request\n"
                       "\n"
                       "\n"
                       "def import_feed():\n"
                       "    return ET.fromstring(request.data)\n",
            .use_instead = "import defusedxml.ElementTree as ET\n"
                           "\n"
                           "from flask import request\n"
                           "\n"
                           "\n"
                           "def import_feed():\n"
                           "    return ET.fromstring(request.data)\n",
            .references =
                "- [Python docs: XML vulnerabilities](https://docs.python.org/3/library/xml.html#xml-vulnerabilities)\n"
                "- [defusedxml](https://github.com/tiran/defusedxml)\n"
                "- [Bandit B314](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b313-b320-xml-bad-elementtree)\n"
                "- [CWE-611: Improper Restriction of XML External Entity Reference](https://cwe.mitre.org/data/definitions/611.html)",
        },
};

// Parsing entry points of `xml.etree.ElementTree`.
constexpr std::array<std::string_view, 5> kCallees = {
    "xml.etree.ElementTree.parse", "xml.etree.ElementTree.iterparse", "xml.etree.ElementTree.fromstring",
    "xml.etree.ElementTree.XML", "xml.etree.ElementTree.XMLParser"};

void Check(const python::Node& node, RuleContext& context) {
  calls::CheckUnhardenedXmlParse(node, context, kCallees, "defusedxml.ElementTree.fromstring");
}

}  // namespace

const Rule& XmlElementTreeParse() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

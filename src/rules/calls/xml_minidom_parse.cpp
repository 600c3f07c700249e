// PY318 xml-minidom-parse (bandit B318, ruff S318).
#include <array>
#include <string_view>

#include "rules/calls/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY318",
    .name = "xml-minidom-parse",
    .summary =
        "possibly untrusted XML is parsed with `xml.dom.minidom`, which is not hardened against "
        "XML attacks",
    .fix_hint = "parse with `defusedxml.minidom.parseString` (defusedxml) instead",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {611, 776},
    .owasp = "A05:2021-Security Misconfiguration",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B318", "ruff:S318"},
    .docs =
        {
            .what_it_does =
                "Finds `xml.dom.minidom.parse`, `xml.dom.minidom.parseString`, however the module or "
                "function was imported or aliased.\n"
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
            .example = "from xml.dom import minidom\n"
                       "\n"
                       "\n"
                       "def read(text):\n"
                       "    return minidom.parseString(text)\n",
            .use_instead = "from defusedxml import minidom\n"
                           "\n"
                           "\n"
                           "def read(text):\n"
                           "    return minidom.parseString(text)\n",
            .references =
                "- [Python docs: XML vulnerabilities](https://docs.python.org/3/library/xml.html#xml-vulnerabilities)\n"
                "- [defusedxml](https://github.com/tiran/defusedxml)\n"
                "- [Bandit B318](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b313-b320-xml-bad-minidom)\n"
                "- [CWE-611: Improper Restriction of XML External Entity Reference](https://cwe.mitre.org/data/definitions/611.html)",
        },
};

// Parsing entry points of `xml.dom.minidom`.
constexpr std::array<std::string_view, 2> kCallees = {"xml.dom.minidom.parse", "xml.dom.minidom.parseString"};

void Check(const python::Node& node, RuleContext& context) {
  calls::CheckUnhardenedXmlParse(node, context, kCallees, "defusedxml.minidom.parseString");
}

}  // namespace

const Rule& XmlMinidomParse() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

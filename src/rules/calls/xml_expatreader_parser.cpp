// PY315 xml-expatreader-parser (bandit B315, ruff S315).
#include <array>
#include <string_view>

#include "rules/calls/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY315",
    .name = "xml-expatreader-parser",
    .summary =
        "possibly untrusted XML is parsed with `xml.sax.expatreader`, which is not hardened "
        "against XML attacks",
    .fix_hint = "parse with `defusedxml.expatreader.create_parser` (defusedxml) instead",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {611, 776},
    .owasp = "A05:2021-Security Misconfiguration",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B315", "ruff:S315"},
    .docs =
        {
            .what_it_does =
                "Finds `xml.sax.expatreader.create_parser`, however the module or function was imported "
                "or aliased.\n"
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
            .example = "from xml.sax import expatreader\n"
                       "\n"
                       "\n"
                       "def reader():\n"
                       "    return expatreader.create_parser()\n",
            .use_instead = "from defusedxml import expatreader\n"
                           "\n"
                           "\n"
                           "def reader():\n"
                           "    return expatreader.create_parser()\n",
            .references =
                "- [Python docs: XML vulnerabilities](https://docs.python.org/3/library/xml.html#xml-vulnerabilities)\n"
                "- [defusedxml](https://github.com/tiran/defusedxml)\n"
                "- [Bandit B315](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b313-b320-xml-bad-expatreader)\n"
                "- [CWE-611: Improper Restriction of XML External Entity Reference](https://cwe.mitre.org/data/definitions/611.html)",
        },
};

// Parsing entry points of `xml.sax.expatreader`.
constexpr std::array<std::string_view, 1> kCallees = {"xml.sax.expatreader.create_parser"};

void Check(const python::Node& node, RuleContext& context) {
  calls::CheckUnhardenedXmlParse(node, context, kCallees, "defusedxml.expatreader.create_parser");
}

}  // namespace

const Rule& XmlExpatReaderParser() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

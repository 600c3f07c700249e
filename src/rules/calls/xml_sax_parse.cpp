// PY317 xml-sax-parse (bandit B317, ruff S317).
#include <array>
#include <string_view>

#include "rules/calls/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY317",
    .name = "xml-sax-parse",
    .summary =
        "possibly untrusted XML is parsed with `xml.sax`, which is not hardened against XML "
        "attacks",
    .fix_hint = "parse with `defusedxml.sax.parse` (defusedxml) instead",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {611, 776},
    .owasp = "A05:2021-Security Misconfiguration",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B317", "ruff:S317"},
    .docs =
        {
            .what_it_does =
                "Finds `xml.sax.parse`, `xml.sax.parseString`, `xml.sax.make_parser`, however the module "
                "or function was imported or aliased. Helpers such as `xml.sax.saxutils.escape` are not "
                "reported.\n"
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
            .example = "import xml.sax\n"
                       "\n"
                       "\n"
                       "def read(upload, handler):\n"
                       "    xml.sax.parse(upload, handler)\n",
            .use_instead = "import defusedxml.sax\n"
                           "\n"
                           "\n"
                           "def read(upload, handler):\n"
                           "    defusedxml.sax.parse(upload, handler)\n",
            .references =
                "- [Python docs: XML vulnerabilities](https://docs.python.org/3/library/xml.html#xml-vulnerabilities)\n"
                "- [defusedxml](https://github.com/tiran/defusedxml)\n"
                "- [Bandit B317](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b313-b320-xml-bad-sax)\n"
                "- [CWE-611: Improper Restriction of XML External Entity Reference](https://cwe.mitre.org/data/definitions/611.html)",
        },
};

// Parsing entry points of `xml.sax`.
constexpr std::array<std::string_view, 3> kCallees = {"xml.sax.parse", "xml.sax.parseString",
                                                      "xml.sax.make_parser"};

void Check(const python::Node& node, RuleContext& context) {
  calls::CheckUnhardenedXmlParse(node, context, kCallees, "defusedxml.sax.parse");
}

}  // namespace

const Rule& XmlSaxParse() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

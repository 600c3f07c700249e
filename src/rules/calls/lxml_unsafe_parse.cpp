// PY320 lxml-unsafe-parse (bandit B320, ruff S320).
#include <array>
#include <optional>
#include <string>

#include "rules/calls/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY320",
    .name = "lxml-unsafe-parse",
    .summary = "`lxml.etree` parses XML with a parser that resolves entities",
    .fix_hint = "pass `parser=lxml.etree.XMLParser(resolve_entities=False, no_network=True)`",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {611, 776},
    .owasp = "A05:2021-Security Misconfiguration",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B320", "ruff:S320"},
    .docs =
        {
            .what_it_does =
                "Finds `lxml.etree.parse`, `lxml.etree.fromstring` and `lxml.etree.XML` called without a "
                "hardened parser. A call whose `parser=` argument (keyword, or second positional) is an "
                "`lxml.etree.XMLParser(resolve_entities=False, ...)`, directly or through a name, is not "
                "reported.\n"
                "\n"
                "Differences from Bandit: Bandit reports every call (and some lxml internals such as "
                "`GlobalParserTLS`); rampart recognises the hardened parser, the fix `defusedxml.lxml` "
                "(deprecated) used to provide.",
            .why_bad =
                "lxml's default parser expands entities, so a crafted document can exhaust memory "
                "(billion laughs) or, with DTD loading enabled, read local files and reach internal URLs "
                "(XXE).",
            .example = "from lxml import etree\n"
                       "\n"
                       "\n"
                       "def read(upload):\n"
                       "    return etree.parse(upload)\n",
            .use_instead = "from lxml import etree\n"
                           "\n"
                           "SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)\n"
                           "\n"
                           "\n"
                           "def read(upload):\n"
                           "    return etree.parse(upload, parser=SAFE_PARSER)\n",
            .references =
                "- [lxml FAQ: how do I parse untrusted XML?](https://lxml.de/FAQ.html#how-do-i-use-lxml-safely-as-a-web-service-endpoint)\n"
                "- [Bandit B320](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b313-b320-xml-bad-etree)\n"
                "- [CWE-611: Improper Restriction of XML External Entity Reference](https://cwe.mitre.org/data/definitions/611.html)",
        },
};

// lxml parsing functions that take an optional `parser`.
constexpr std::array<std::string_view, 3> kCallees = {"lxml.etree.parse", "lxml.etree.fromstring",
                                                      "lxml.etree.XML"};

// True for `lxml.etree.XMLParser(..., resolve_entities=False, ...)`.
bool IsHardenedParser(const python::ExprNode* parser, const sema::ModuleModel& model) {
  const auto* made = calls::ValueOf(parser, model)->As<python::Call>();
  if (made == nullptr || !model.IsCallTo(made, "lxml.etree.XMLParser")) return false;
  const python::Keyword* resolve = sema::FindKeyword(made, "resolve_entities");
  if (resolve == nullptr) return false;
  std::optional<sema::Value> value = model.ConstantValue(resolve->value);
  return value && !value->Truthy();
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<std::string> callee = calls::MatchCallee(call, context.model(), kCallees);
  if (!callee) return;
  const python::ExprNode* parser = sema::Argument(call, 1, "parser");
  if (parser != nullptr && IsHardenedParser(parser, context.model())) return;
  context.Report(call->func, "`" + *callee +
                                 "` resolves XML entities by default; pass "
                                 "`parser=etree.XMLParser(resolve_entities=False, no_network=True)`");
}

}  // namespace

const Rule& LxmlUnsafeParse() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

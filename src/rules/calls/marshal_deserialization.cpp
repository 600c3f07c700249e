// PY302 marshal-deserialization (bandit B302, ruff S302).
#include <array>
#include <string_view>

#include "rules/calls/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY302",
    .name = "marshal-deserialization",
    .summary = "data is loaded with `marshal`, which is not safe against malformed or malicious input",
    .fix_hint = "exchange data as JSON (`json.loads`); `marshal` is only for Python's own `.pyc` files",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {502},
    .owasp = "A08:2021-Software and Data Integrity Failures",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B302", "ruff:S302"},
    .docs =
        {
            .what_it_does =
                "Finds calls to `marshal.load` and `marshal.loads`, however `marshal` or the function "
                "was imported or aliased. Writing (`marshal.dumps`) is not reported.\n"
                "\n"
                "Differences from Bandit: a local object named `marshal` is not reported (Bandit matches "
                "the spelling).",
            .why_bad =
                "The Python documentation states that `marshal` is not secure against erroneous or "
                "maliciously constructed data: it can build code objects, and crafted input has crashed "
                "the interpreter. Its format also changes between Python versions, so it is a poor "
                "exchange format even for trusted data.",
            .example = "import marshal\n"
                       "\n"
                       "\n"
                       "def read_blob(blob):\n"
                       "    return marshal.loads(blob)\n",
            .use_instead = "import json\n"
                           "\n"
                           "\n"
                           "def read_blob(blob):\n"
                           "    return json.loads(blob)\n",
            .references =
                "- [Python docs: `marshal`](https://docs.python.org/3/library/marshal.html)\n"
                "- [Bandit B302](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b302-marshal)\n"
                "- [CWE-502: Deserialization of Untrusted Data](https://cwe.mitre.org/data/definitions/502.html)",
        },
};

// The loading half of `marshal`.
constexpr std::array<std::string_view, 2> kCallees = {"marshal.load", "marshal.loads"};

void Check(const python::Node& node, RuleContext& context) {
  calls::ReportListedCall(node, context, kCallees, " is not safe for untrusted data; use `json.loads`");
}

}  // namespace

const Rule& MarshalDeserialization() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

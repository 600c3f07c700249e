// PY306 tempfile-mktemp (bandit B306, ruff S306).
#include <array>
#include <string_view>

#include "rules/calls/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY306",
    .name = "tempfile-mktemp",
    .summary = "`tempfile.mktemp` returns a file name that another process can create first",
    .fix_hint =
        "use `tempfile.mkstemp()` or `tempfile.NamedTemporaryFile()`, which create the file "
        "atomically",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {377},
    .owasp = "A01:2021-Broken Access Control",
    .practice = Practice::kFrameworkSecurity,
    .aliases = {"bandit:B306", "ruff:S306"},
    .docs =
        {
            .what_it_does = "Finds calls to `tempfile.mktemp`, however it was imported or aliased.",
            .why_bad =
                "`mktemp` only picks a name that does not exist yet; the file is created later by the "
                "caller. In between, another local user can create a file or a symlink with that name (a "
                "time-of-check/time-of-use race) and so read what the application writes or make it "
                "overwrite another file. The Python documentation has deprecated it since Python 2.3.",
            .example = "import tempfile\n"
                       "\n"
                       "\n"
                       "def scratch(data):\n"
                       "    path = tempfile.mktemp(suffix=\".csv\")\n"
                       "    with open(path, \"w\") as handle:\n"
                       "        handle.write(data)\n"
                       "    return path\n",
            .use_instead =
                "import tempfile\n"
                "\n"
                "\n"
                "def scratch(data):\n"
                "    with tempfile.NamedTemporaryFile(\"w\", suffix=\".csv\", delete=False) as handle:\n"
                "        handle.write(data)\n"
                "    return handle.name\n",
            .references =
                "- [Python docs: `tempfile.mktemp` (deprecated)](https://docs.python.org/3/library/tempfile.html#tempfile.mktemp)\n"
                "- [Bandit B306](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b306-mktemp-q)\n"
                "- [CWE-377: Insecure Temporary File](https://cwe.mitre.org/data/definitions/377.html)",
        },
};

// The racy name-only temporary file function.
constexpr std::array<std::string_view, 1> kCallees = {"tempfile.mktemp"};

void Check(const python::Node& node, RuleContext& context) {
  calls::ReportListedCall(node, context, kCallees,
                          " returns a name another process can take first; use `tempfile.mkstemp` or "
                          "`tempfile.NamedTemporaryFile`");
}

}  // namespace

const Rule& TempfileMktemp() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

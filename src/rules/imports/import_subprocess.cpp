// PY404 import-subprocess (bandit B404, ruff S404).
#include <array>
#include <string>

#include "rules/imports/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY404",
    .name = "import-subprocess",
    .summary = "`subprocess` is imported; every command it runs should be reviewed",
    .fix_hint = "pass commands as argument lists, never build them from input, and never use `shell=True`",
    .severity = Severity::kLow,
    .confidence = Confidence::kHigh,
    .cwe = {78},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B404", "ruff:S404"},
    .docs =
        {
            .what_it_does =
                "Finds `import subprocess` and `from subprocess import ...`. Dynamic imports with a "
                "constant name (`importlib.import_module(\"m\")`, `__import__(\"m\")`) count too; imports "
                "under `if TYPE_CHECKING:` and relative imports are not reported. Calls with "
                "`shell=True` are reported by PY602 with a higher severity.\n"
                "\n"
                "Differences from Bandit: modules are matched by whole dotted names (Bandit also matches "
                "any module whose name merely starts with the listed one, e.g. `telnetlib3`), and "
                "relative or `TYPE_CHECKING` imports are not reported.",
            .why_bad = "Running external programs is where command injection happens. The import is a "
                       "low-severity marker of a file whose commands a reviewer should check.",
            .example = "import subprocess\n",
            .use_instead = "import shutil\n",
            .references =
                "- [Python docs: `subprocess` security considerations](https://docs.python.org/3/library/subprocess.html#security-considerations)\n"
                "- [CWE-78: OS Command Injection](https://cwe.mitre.org/data/definitions/78.html)\n"
                "- [Bandit B404](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b404-import-subprocess)",
        },
};

// Modules (and members) this rule reports.
constexpr std::array<std::string_view, 1> kModules = {"subprocess"};

void Check(const python::Node& node, RuleContext& context) {
  std::string imported;
  const python::Node* where = imports::MatchImport(node, context.model(), kModules, {}, &imported);
  if (where == nullptr) return;
  context.Report(
      where, "`" + imported + "` runs external commands; check they are argument lists not built from input");
}

}  // namespace

const Rule& ImportSubprocess() {
  static const Rule rule{
      .info = kInfo,
      .node_kinds = {python::NodeKind::kImport, python::NodeKind::kImportFrom, python::NodeKind::kCall},
      .check = Check};
  return rule;
}

}  // namespace rampart::rules

// PY401 import-telnetlib (bandit B401, ruff S401).
#include <array>
#include <string>

#include "rules/imports/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY401",
    .name = "import-telnetlib",
    .summary = "`telnetlib` is imported: Telnet sends credentials in clear text",
    .fix_hint = "use SSH (`paramiko`, `asyncssh`) instead of Telnet",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {319},
    .owasp = "A02:2021-Cryptographic Failures",
    .practice = Practice::kHttps,
    .aliases = {"bandit:B401", "ruff:S401"},
    .docs =
        {
            .what_it_does =
                "Finds `import telnetlib` and `from telnetlib import ...`. Dynamic imports with a "
                "constant name (`importlib.import_module(\"m\")`, `__import__(\"m\")`) count too; imports "
                "under `if TYPE_CHECKING:` and relative imports are not reported.\n"
                "\n"
                "Differences from Bandit: modules are matched by whole dotted names (Bandit also matches "
                "any module whose name merely starts with the listed one, e.g. `telnetlib3`), and "
                "relative or `TYPE_CHECKING` imports are not reported.",
            .why_bad =
                "Telnet has no encryption and no server authentication, so passwords and commands cross "
                "the network readable by anyone on the path. The module was removed from the standard "
                "library in Python 3.13.",
            .example = "import telnetlib\n",
            .use_instead = "import paramiko\n",
            .references =
                "- [PEP 594: removing `telnetlib`](https://peps.python.org/pep-0594/#telnetlib)\n"
                "- [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)\n"
                "- [Bandit B401](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b401-import-telnetlib)",
        },
};

// Modules (and members) this rule reports.
constexpr std::array<std::string_view, 1> kModules = {"telnetlib"};

void Check(const python::Node& node, RuleContext& context) {
  std::string imported;
  const python::Node* where = imports::MatchImport(node, context.model(), kModules, {}, &imported);
  if (where == nullptr) return;
  context.Report(
      where, "`" + imported + "` speaks Telnet, which sends credentials in clear text; use SSH (`paramiko`)");
}

}  // namespace

const Rule& ImportTelnetlib() {
  static const Rule rule{
      .info = kInfo,
      .node_kinds = {python::NodeKind::kImport, python::NodeKind::kImportFrom, python::NodeKind::kCall},
      .check = Check};
  return rule;
}

}  // namespace rampart::rules

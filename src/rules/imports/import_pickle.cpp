// PY403 import-pickle (bandit B403, ruff S403).
#include <array>
#include <string>

#include "rules/imports/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY403",
    .name = "import-pickle",
    .summary = "a pickle-family module is imported; loading pickles can run arbitrary code",
    .fix_hint = "exchange data as JSON; keep pickle for data that never crosses a trust boundary",
    .severity = Severity::kLow,
    .confidence = Confidence::kHigh,
    .cwe = {502},
    .owasp = "A08:2021-Software and Data Integrity Failures",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B403", "ruff:S403"},
    .docs =
        {
            .what_it_does =
                "Finds imports of `pickle`, `cPickle`, `_pickle`, `dill` and `shelve`. Dynamic imports "
                "with a constant name (`importlib.import_module(\"m\")`, `__import__(\"m\")`) count too; "
                "imports under `if TYPE_CHECKING:` and relative imports are not reported. The loading "
                "calls themselves are reported by PY301 `pickle-deserialization` with a higher severity.\n"
                "\n"
                "Differences from Bandit: also covers `_pickle`, and `shelve` as Bandit 1.7 does (1.6.2 "
                "does not). Modules are matched by whole dotted names (Bandit also matches e.g. "
                "`pickletools_helpers`); relative and `TYPE_CHECKING` imports are not reported.",
            .why_bad =
                "Unpickling runs code chosen by whoever produced the bytes. The import marks a file "
                "where a reviewer should check that pickled data never comes from a user, a shared cache "
                "or the network.",
            .example = "import pickle\n",
            .use_instead = "import json\n",
            .references =
                "- [Python docs: `pickle` security warning](https://docs.python.org/3/library/pickle.html)\n"
                "- [CWE-502: Deserialization of Untrusted Data](https://cwe.mitre.org/data/definitions/502.html)\n"
                "- [Bandit B403](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b403-import-pickle)",
        },
};

// Modules (and members) this rule reports.
constexpr std::array<std::string_view, 5> kModules = {"pickle", "cPickle", "_pickle", "dill", "shelve"};

void Check(const python::Node& node, RuleContext& context) {
  std::string imported;
  const python::Node* where = imports::MatchImport(node, context.model(), kModules, {}, &imported);
  if (where == nullptr) return;
  context.Report(
      where,
      "`" + imported + "` can run arbitrary code when loading data; prefer `json` for anything from outside");
}

}  // namespace

const Rule& ImportPickle() {
  static const Rule rule{
      .info = kInfo,
      .node_kinds = {python::NodeKind::kImport, python::NodeKind::kImportFrom, python::NodeKind::kCall},
      .check = Check};
  return rule;
}

}  // namespace rampart::rules

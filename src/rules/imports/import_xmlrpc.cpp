// PY411 import-xmlrpc (bandit B411, ruff S411).
#include <array>
#include <string>

#include "rules/calls/support.h"
#include "rules/imports/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY411",
    .name = "import-xmlrpc",
    .summary = "`xmlrpc` is imported; its XML parsing is open to entity-expansion attacks",
    .fix_hint = "call `defusedxml.xmlrpc.monkey_patch()` in the module, or use a JSON API",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {776},
    .owasp = "A05:2021-Security Misconfiguration",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B411", "ruff:S411"},
    .docs =
        {
            .what_it_does =
                "Finds imports of `xmlrpc` (`xmlrpc.client`, `xmlrpc.server`) and Python 2's "
                "`xmlrpclib`. Dynamic imports with a constant name (`importlib.import_module(\"m\")`, "
                "`__import__(\"m\")`) count too; imports under `if TYPE_CHECKING:` and relative imports "
                "are not reported.\n"
                "\n"
                "Differences from Bandit: Bandit 1.6.2 only knows `xmlrpclib` (1.7 checks `xmlrpc`). A "
                "module that calls `defusedxml.xmlrpc.monkey_patch()` (the fix Bandit itself recommends) "
                "is not reported; Bandit still reports the import.",
            .why_bad =
                "XML-RPC servers and clients parse XML from the other side of the connection with the "
                "standard library's expat parser, which expands entities: a few hundred bytes can make "
                "the process allocate gigabytes (billion laughs), and the `gzip` transport can be a "
                "decompression bomb.",
            .example = "from xmlrpc.server import SimpleXMLRPCServer\n",
            .use_instead = "from defusedxml.xmlrpc import monkey_patch\n"
                           "from xmlrpc.server import SimpleXMLRPCServer\n"
                           "\n"
                           "monkey_patch()\n",
            .references =
                "- [Python docs: `xmlrpc` vulnerabilities](https://docs.python.org/3/library/xmlrpc.html)\n"
                "- [defusedxml.xmlrpc](https://github.com/tiran/defusedxml#defusedxmlxmlrpc)\n"
                "- [CWE-776: XML Entity Expansion](https://cwe.mitre.org/data/definitions/776.html)\n"
                "- [Bandit B411](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b411-import-xmlrpc)",
        },
};

// Modules (and members) this rule reports.
constexpr std::array<std::string_view, 2> kModules = {"xmlrpc", "xmlrpclib"};

void Check(const python::Node& node, RuleContext& context) {
  std::string imported;
  const python::Node* where = imports::MatchImport(node, context.model(), kModules, {}, &imported);
  if (where == nullptr) return;
  // The fix Bandit recommends: defusedxml patches the xmlrpc parsers process-wide.
  if (calls::ModuleCalls(context.model(), "defusedxml.xmlrpc.monkey_patch")) return;
  context.Report(
      where, "`" + imported + "` parses XML without entity limits; call `defusedxml.xmlrpc.monkey_patch()`");
}

}  // namespace

const Rule& ImportXmlrpc() {
  static const Rule rule{
      .info = kInfo,
      .node_kinds = {python::NodeKind::kImport, python::NodeKind::kImportFrom, python::NodeKind::kCall},
      .check = Check};
  return rule;
}

}  // namespace rampart::rules

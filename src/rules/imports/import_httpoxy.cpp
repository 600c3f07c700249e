// PY412 import-httpoxy (bandit B412, ruff S412).
#include <array>
#include <string>

#include "rules/imports/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY412",
    .name = "import-httpoxy",
    .summary =
        "a CGI handler is imported; under CGI a request's `Proxy` header becomes `HTTP_PROXY` "
        "(httpoxy)",
    .fix_hint = "serve the app with a WSGI server (gunicorn, uWSGI) instead of CGI",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {15},
    .owasp = "A05:2021-Security Misconfiguration",
    .practice = Practice::kFrameworkSecurity,
    .aliases = {"bandit:B412", "ruff:S412"},
    .docs =
        {
            .what_it_does =
                "Finds imports of `wsgiref.handlers.CGIHandler` and Twisted's "
                "`twisted.web.twcgi.CGIScript` / `CGIDirectory`. Dynamic imports with a constant name "
                "(`importlib.import_module(\"m\")`, `__import__(\"m\")`) count too; imports under `if "
                "TYPE_CHECKING:` and relative imports are not reported.\n"
                "\n"
                "Differences from Bandit: Bandit also reports each later call such as "
                "`CGIHandler().run(app)`; rampart reports the import once.",
            .why_bad =
                "Under CGI, request headers become environment variables prefixed with `HTTP_`, so a "
                "client sending `Proxy: evil:8080` sets `HTTP_PROXY`, which `requests`, `urllib` and "
                "many other libraries honour: the application's outgoing requests, credentials included, "
                "go through the attacker's proxy.",
            .example = "from wsgiref.handlers import CGIHandler\n",
            .use_instead = "from wsgiref.simple_server import make_server\n",
            .references =
                "- [httpoxy.org](https://httpoxy.org/)\n"
                "- [CWE-15: External Control of System or Configuration Setting](https://cwe.mitre.org/data/definitions/15.html)\n"
                "- [Bandit B412](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b412-import-httpoxy)",
        },
};

// Modules (and members) this rule reports.
constexpr std::array<std::string_view, 3> kModules = {
    "wsgiref.handlers.CGIHandler", "twisted.web.twcgi.CGIScript", "twisted.web.twcgi.CGIDirectory"};

void Check(const python::Node& node, RuleContext& context) {
  std::string imported;
  const python::Node* where = imports::MatchImport(node, context.model(), kModules, {}, &imported);
  if (where == nullptr) return;
  context.Report(
      where,
      "`" + imported +
          "` runs the app under CGI, where a `Proxy` header sets `HTTP_PROXY` (httpoxy); use a WSGI server");
}

}  // namespace

const Rule& ImportHttpoxy() {
  static const Rule rule{
      .info = kInfo,
      .node_kinds = {python::NodeKind::kImport, python::NodeKind::kImportFrom, python::NodeKind::kCall},
      .check = Check};
  return rule;
}

}  // namespace rampart::rules

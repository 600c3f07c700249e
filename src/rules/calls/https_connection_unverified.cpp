// PY309 https-connection-unverified (bandit B309, no ruff equivalent).
#include <array>
#include <optional>
#include <string>

#include "rules/calls/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY309",
    .name = "https-connection-unverified",
    .summary = "an `HTTPSConnection` is opened without certificate verification",
    .fix_hint =
        "use Python 3 `http.client.HTTPSConnection` with `ssl.create_default_context()` (the "
        "default)",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {295},
    .owasp = "A07:2021-Identification and Authentication Failures",
    .practice = Practice::kHttps,
    .aliases = {"bandit:B309"},
    .docs =
        {
            .what_it_does =
                "Finds `HTTPSConnection`s that do not verify the server: every `httplib.HTTPSConnection` "
                "and `six.moves.http_client.HTTPSConnection` (Python 2 APIs that never verified "
                "certificates), and `http.client.HTTPSConnection` when its `context=` is an unverified "
                "context (`ssl._create_unverified_context()`, directly or through a name) or "
                "`check_hostname=` is false.\n"
                "\n"
                "Differences from Bandit: Bandit flagged every `HTTPSConnection` and removed B309 in 1.7 "
                "because Python 3.4.3+ verifies certificates by default. rampart keeps the code for "
                "completeness but only reports connections that really skip verification, so a default "
                "Python 3 connection is silent.",
            .why_bad =
                "Without certificate verification, anyone on the network path (a Wi-Fi hotspot, a "
                "compromised router) can impersonate the server, read the traffic and change responses, "
                "even though it is called HTTPS.",
            .example =
                "import http.client\n"
                "import ssl\n"
                "\n"
                "\n"
                "def fetch(host):\n"
                "    conn = http.client.HTTPSConnection(host, context=ssl._create_unverified_context())\n"
                "    conn.request(\"GET\", \"/\")\n"
                "    return conn.getresponse().read()\n",
            .use_instead =
                "import http.client\n"
                "import ssl\n"
                "\n"
                "\n"
                "def fetch(host):\n"
                "    conn = http.client.HTTPSConnection(host, context=ssl.create_default_context())\n"
                "    conn.request(\"GET\", \"/\")\n"
                "    return conn.getresponse().read()\n",
            .references =
                "- [Python docs: `http.client.HTTPSConnection`](https://docs.python.org/3/library/http.client.html#http.client.HTTPSConnection)\n"
                "- [PEP 476: enabling certificate verification by default](https://peps.python.org/pep-0476/)\n"
                "- [Bandit B309](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b309-httpsconnection)\n"
                "- [CWE-295: Improper Certificate Validation](https://cwe.mitre.org/data/definitions/295.html)",
        },
};

// HTTPS connection classes (Python 2 and 3 spellings).
constexpr std::array<std::string_view, 3> kCallees = {
    "httplib.HTTPSConnection", "six.moves.http_client.HTTPSConnection", "http.client.HTTPSConnection"};

constexpr std::array<std::string_view, 2> kUnverifiedContexts = {"ssl._create_unverified_context",
                                                                 "ssl._create_stdlib_context"};

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<std::string> callee = calls::MatchCallee(call, context.model(), kCallees);
  if (!callee) return;
  const sema::ModuleModel& model = context.model();
  if (*callee != "http.client.HTTPSConnection") {
    // Python 2's httplib never verified certificates, whatever the arguments.
    context.Report(call->func, "`" + *callee +
                                   "` does not verify certificates; use Python 3 `http.client` with "
                                   "`ssl.create_default_context()`");
    return;
  }
  if (const python::Keyword* ssl_context = sema::FindKeyword(call, "context")) {
    const python::ExprNode* value = calls::ValueOf(ssl_context->value, model);
    if (const auto* made = value->As<python::Call>()) {
      if (calls::MatchCallee(made, model, kUnverifiedContexts)) {
        context.Report(ssl_context,
                       "`HTTPSConnection` with an unverified SSL context does not check the "
                       "server's certificate; use `ssl.create_default_context()`");
        return;
      }
    }
  }
  const python::Keyword* check_hostname = sema::FindKeyword(call, "check_hostname");
  if (check_hostname == nullptr) return;
  std::optional<sema::Value> value = model.ConstantValue(check_hostname->value);
  if (!value || value->Truthy()) return;
  context.Report(check_hostname,
                 "`HTTPSConnection` with `check_hostname` off accepts any server's certificate");
}

}  // namespace

const Rule& HttpsConnectionUnverified() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

// PY504 ssl-with-no-version (bandit B504, ruff S504).
#include "rules/crypto/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY504",
    .name = "ssl-with-no-version",
    .summary = "`ssl.wrap_socket` is called without choosing a protocol version",
    .fix_hint = "build a context with `ssl.create_default_context()` and call `context.wrap_socket(...)`",
    .severity = Severity::kLow,
    .confidence = Confidence::kMedium,
    .cwe = {327},
    .owasp = "A02:2021-Cryptographic Failures",
    .practice = Practice::kHttps,
    .aliases = {"bandit:B504", "ruff:S504"},
    .docs =
        {
            .what_it_does =
                "Finds calls to `ssl.wrap_socket(...)` that pass no `ssl_version` (neither as a "
                "keyword nor as the sixth positional argument). A call that forwards "
                "`**kwargs` is not reported: the version may be in them.\n\n"
                "Differences from Bandit: Bandit also reports calls whose version is hidden in "
                "`**kwargs`; rampart stays quiet there.",
            .why_bad =
                "Without an explicit version the socket negotiates whatever both ends allow, "
                "with the module defaults of the running Python, and `ssl.wrap_socket` does "
                "not check the server's host name at all. The function is deprecated since "
                "Python 3.7 and removed in 3.12.",
            .example = "import ssl\n"
                       "\n"
                       "def connect(sock):\n"
                       "    return ssl.wrap_socket(sock)\n",
            .use_instead = "import ssl\n"
                           "\n"
                           "def connect(sock, host):\n"
                           "    context = ssl.create_default_context()\n"
                           "    return context.wrap_socket(sock, server_hostname=host)\n",
            .references =
                "- [Python docs: `ssl.SSLContext.wrap_socket`](https://docs.python.org/3/library/ssl.html#ssl.SSLContext.wrap_socket)\n"
                "- [Bandit B504](https://bandit.readthedocs.io/en/latest/plugins/b504_ssl_with_no_version.html)\n"
                "- [CWE-327: Use of a Broken or Risky Cryptographic Algorithm](https://cwe.mitre.org/data/definitions/327.html)",
        },
};

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  if (!context.model().IsCallTo(call, "ssl.wrap_socket")) return;
  if (sema::Argument(call, 5, "ssl_version") != nullptr) return;  // PY502 judges the version
  if (sema::HasStarArguments(call)) return;  // the version may be passed through
  context.Report(call->func, "`ssl.wrap_socket` is called without `ssl_version`: the protocol is left to the defaults");
}

}  // namespace

const Rule& SslWithNoVersion() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

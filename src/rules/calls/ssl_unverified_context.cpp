// PY323 ssl-unverified-context (bandit B323, ruff S323).
#include <array>
#include <string_view>

#include "rules/calls/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY323",
    .name = "ssl-unverified-context",
    .summary = "`ssl._create_unverified_context()` turns off certificate and host name checks",
    .fix_hint = "use `ssl.create_default_context()` (add a CA with `cafile=` for private certificates)",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {295},
    .owasp = "A07:2021-Identification and Authentication Failures",
    .practice = Practice::kHttps,
    .aliases = {"bandit:B323", "ruff:S323"},
    .docs =
        {
            .what_it_does =
                "Finds calls to `ssl._create_unverified_context` and its alias "
                "`ssl._create_stdlib_context`.\n"
                "\n"
                "Differences from Bandit: also reports `ssl._create_stdlib_context`, the same function "
                "under its other private name.",
            .why_bad =
                "The context it returns has `verify_mode = CERT_NONE` and `check_hostname = False`: any "
                "certificate is accepted, so a man in the middle can read and change the traffic.",
            .example = "import ssl\n"
                       "import urllib.request\n"
                       "\n"
                       "\n"
                       "def fetch(url):\n"
                       "    return urllib.request.urlopen(url, context=ssl._create_unverified_context())\n",
            .use_instead = "import ssl\n"
                           "import urllib.request\n"
                           "\n"
                           "\n"
                           "def fetch(url):\n"
                           "    return urllib.request.urlopen(url, context=ssl.create_default_context())\n",
            .references =
                "- [PEP 476: enabling certificate verification by default](https://peps.python.org/pep-0476/)\n"
                "- [Python docs: `ssl.create_default_context`](https://docs.python.org/3/library/ssl.html#ssl.create_default_context)\n"
                "- [Bandit B323](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b323-unverified-context)\n"
                "- [CWE-295: Improper Certificate Validation](https://cwe.mitre.org/data/definitions/295.html)",
        },
};

// Both private names of the context factory that skips verification.
constexpr std::array<std::string_view, 2> kCallees = {"ssl._create_unverified_context",
                                                      "ssl._create_stdlib_context"};

void Check(const python::Node& node, RuleContext& context) {
  calls::ReportListedCall(node, context, kCallees,
                          " does not verify certificates or host names; use `ssl.create_default_context()`");
}

}  // namespace

const Rule& SslUnverifiedContext() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

// PY312 telnetlib-used (bandit B312, ruff S312).
#include <array>
#include <string_view>

#include "rules/calls/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY312",
    .name = "telnetlib-used",
    .summary = "a Telnet connection sends everything, passwords included, in clear text",
    .fix_hint = "use SSH (`paramiko`, `asyncssh`) instead of Telnet",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {319},
    .owasp = "A02:2021-Cryptographic Failures",
    .practice = Practice::kHttps,
    .aliases = {"bandit:B312", "ruff:S312"},
    .docs =
        {
            .what_it_does =
                "Finds connections made with `telnetlib.Telnet` (however imported or aliased).\n"
                "\n"
                "Differences from Bandit: Bandit matches any call into `telnetlib` (`telnetlib.*`); the "
                "module's only connection entry point is `Telnet`, so rampart reports that and nothing "
                "else.",
            .why_bad =
                "Telnet has no encryption and no server authentication: credentials and commands can be "
                "read and altered by anyone on the path. `telnetlib` was also removed from the standard "
                "library in Python 3.13.",
            .example = "import telnetlib\n"
                       "\n"
                       "\n"
                       "def reboot(host, password):\n"
                       "    session = telnetlib.Telnet(host)\n"
                       "    session.write(password.encode() + b\"\\n\")\n",
            .use_instead = "import paramiko\n"
                           "\n"
                           "\n"
                           "def reboot(host, password):\n"
                           "    client = paramiko.SSHClient()\n"
                           "    client.load_system_host_keys()\n"
                           "    client.connect(host, password=password)\n",
            .references =
                "- [PEP 594: removing dead batteries (`telnetlib`)](https://peps.python.org/pep-0594/#telnetlib)\n"
                "- [Bandit B312](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b312-telnetlib)\n"
                "- [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)",
        },
};

// The Telnet client class.
constexpr std::array<std::string_view, 1> kCallees = {"telnetlib.Telnet"};

void Check(const python::Node& node, RuleContext& context) {
  calls::ReportListedCall(node, context, kCallees,
                          " sends credentials and data in clear text; use SSH (`paramiko`)");
}

}  // namespace

const Rule& TelnetlibUsed() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

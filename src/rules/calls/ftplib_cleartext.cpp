// PY321 ftplib-cleartext (bandit B321, ruff S321).
#include <array>
#include <string_view>

#include "rules/calls/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY321",
    .name = "ftplib-cleartext",
    .summary = "a plain FTP connection sends the password and the files in clear text",
    .fix_hint = "use `ftplib.FTP_TLS` (and call `prot_p()`), SFTP (`paramiko`) or HTTPS",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {319},
    .owasp = "A02:2021-Cryptographic Failures",
    .practice = Practice::kHttps,
    .aliases = {"bandit:B321", "ruff:S321"},
    .docs =
        {
            .what_it_does =
                "Finds plain FTP connections: `ftplib.FTP(...)`, however imported or aliased.\n"
                "\n"
                "Differences from Bandit: Bandit matches every call into `ftplib` (`ftplib.*`), "
                "including `ftplib.FTP_TLS`, the encrypted client it should recommend. rampart reports "
                "only `ftplib.FTP`.",
            .why_bad =
                "FTP sends the user name, the password and every file unencrypted; anyone on the network "
                "path can read or replace them.",
            .example = "import ftplib\n"
                       "\n"
                       "\n"
                       "def upload(host, user, password, handle):\n"
                       "    ftp = ftplib.FTP(host, user, password)\n"
                       "    ftp.storbinary(\"STOR report.csv\", handle)\n",
            .use_instead = "import ftplib\n"
                           "\n"
                           "\n"
                           "def upload(host, user, password, handle):\n"
                           "    ftp = ftplib.FTP_TLS(host, user, password)\n"
                           "    ftp.prot_p()\n"
                           "    ftp.storbinary(\"STOR report.csv\", handle)\n",
            .references =
                "- [Python docs: `ftplib.FTP_TLS`](https://docs.python.org/3/library/ftplib.html#ftplib.FTP_TLS)\n"
                "- [Bandit B321](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b321-ftplib)\n"
                "- [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)",
        },
};

// The unencrypted FTP client (`FTP_TLS` is the safe one).
constexpr std::array<std::string_view, 1> kCallees = {"ftplib.FTP"};

void Check(const python::Node& node, RuleContext& context) {
  calls::ReportListedCall(node, context, kCallees,
                          " sends the password and data in clear text; use `ftplib.FTP_TLS` or SFTP");
}

}  // namespace

const Rule& FtplibCleartext() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

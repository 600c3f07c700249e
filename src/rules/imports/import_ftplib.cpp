// PY402 import-ftplib (bandit B402, ruff S402).
#include <array>
#include <string>

#include "rules/imports/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY402",
    .name = "import-ftplib",
    .summary = "`ftplib` is imported for plain FTP, which sends passwords and files in clear text",
    .fix_hint = "use `ftplib.FTP_TLS`, SFTP (`paramiko`) or HTTPS",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {319},
    .owasp = "A02:2021-Cryptographic Failures",
    .practice = Practice::kHttps,
    .aliases = {"bandit:B402", "ruff:S402"},
    .docs =
        {
            .what_it_does =
                "Finds `import ftplib` and `from ftplib import ...`. Dynamic imports with a constant "
                "name (`importlib.import_module(\"m\")`, `__import__(\"m\")`) count too; imports under `if "
                "TYPE_CHECKING:` and relative imports are not reported.\n"
                "\n"
                "Differences from Bandit: `from ftplib import FTP_TLS` (the encrypted client) and "
                "imports of the exception classes are not reported; Bandit reports every `ftplib` import.",
            .why_bad = "Plain FTP sends the user name, password and every file unencrypted.",
            .example = "from ftplib import FTP\n",
            .use_instead = "from ftplib import FTP_TLS\n",
            .references =
                "- [Python docs: `ftplib.FTP_TLS`](https://docs.python.org/3/library/ftplib.html#ftplib.FTP_TLS)\n"
                "- [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)\n"
                "- [Bandit B402](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b402-import-ftplib)",
        },
};

// Modules (and members) this rule reports.
constexpr std::array<std::string_view, 1> kModules = {"ftplib"};
// The TLS client and the exception types: importing them does not open a clear-text channel.
constexpr std::array<std::string_view, 7> kAllowed = {
    "ftplib.FTP_TLS",     "ftplib.Error",       "ftplib.error_perm", "ftplib.error_temp",
    "ftplib.error_reply", "ftplib.error_proto", "ftplib.all_errors"};

void Check(const python::Node& node, RuleContext& context) {
  std::string imported;
  const python::Node* where = imports::MatchImport(node, context.model(), kModules, kAllowed, &imported);
  if (where == nullptr) return;
  context.Report(
      where,
      "`" + imported + "` is plain FTP, which sends passwords in clear text; use `ftplib.FTP_TLS` or SFTP");
}

}  // namespace

const Rule& ImportFtplib() {
  static const Rule rule{
      .info = kInfo,
      .node_kinds = {python::NodeKind::kImport, python::NodeKind::kImportFrom, python::NodeKind::kCall},
      .check = Check};
  return rule;
}

}  // namespace rampart::rules

// PY103 set-bad-file-permissions (bandit B103, ruff S103).
#include <cstdio>

#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY103",
    .name = "set-bad-file-permissions",
    .summary = "`chmod` makes a file writable by other users",
    .fix_hint = "drop the group/other write bits (e.g. `0o600` or `0o644`)",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {732},
    .owasp = "A01:2021-Broken Access Control",
    .practice = Practice::kFrameworkSecurity,
    .aliases = {"bandit:B103", "ruff:S103"},
    .docs =
        {
            .what_it_does =
                "Finds `os.chmod`, `os.fchmod`, `os.lchmod` and `pathlib.Path.chmod` calls whose "
                "mode, folded at analysis time (int literals, `stat.S_I*` flags combined with "
                "`|`, names bound to them), lets every user write the file (high severity) or "
                "lets the group write it (medium severity).\n\n"
                "Differences from Bandit: Bandit also reports group-executable modes such as "
                "`0o755`, the normal mode of a script or directory; rampart reports only "
                "write access for group or others, which is what lets another account change "
                "code or data.",
            .why_bad =
                "A world-writable file can be replaced or edited by any local account or any "
                "other compromised service on the host: a writable script or configuration "
                "file becomes code execution as the application user.",
            .example = "import os\n"
                       "import stat\n"
                       "\n"
                       "def publish(path):\n"
                       "    os.chmod(path, stat.S_IRWXU | stat.S_IRWXO)\n",
            .use_instead = "import os\n"
                           "import stat\n"
                           "\n"
                           "def publish(path):\n"
                           "    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR | stat.S_IROTH)\n",
            .references =
                "- [Python docs: `os.chmod`](https://docs.python.org/3/library/os.html#os.chmod)\n"
                "- [Bandit B103](https://bandit.readthedocs.io/en/latest/plugins/b103_set_bad_file_permissions.html)\n"
                "- [CWE-732: Incorrect Permission Assignment](https://cwe.mitre.org/data/definitions/732.html)",
        },
};

constexpr int64_t kOtherWrite = 02;
constexpr int64_t kGroupWrite = 020;

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<std::string> callee = general::CalleeIn(
      context.model(), call, {"os.chmod", "os.fchmod", "os.lchmod", "pathlib.Path.chmod",
                              "pathlib.PosixPath.chmod"});
  if (!callee) return;
  // Path.chmod(mode) takes the mode first; the os functions take (path, mode).
  const int position = general::StartsWith(*callee, "pathlib.") ? 0 : 1;
  const python::ExprNode* mode = sema::Argument(call, position, "mode");
  if (mode == nullptr) return;
  std::optional<int64_t> bits = general::FoldPermissionBits(context.model(), mode);
  if (!bits) return;  // a mode computed at run time: nothing to say
  char octal[16];
  std::snprintf(octal, sizeof octal, "0o%llo", static_cast<unsigned long long>(*bits & 07777));
  if ((*bits & kOtherWrite) != 0) {
    context.Report(mode, "`" + *callee + "` sets mode `" + octal + "`: any user can write the file");
    return;
  }
  if ((*bits & kGroupWrite) == 0) return;
  ReportOptions options;
  options.severity = Severity::kMedium;
  context.Report(mode, "`" + *callee + "` sets mode `" + octal + "`: the group can write the file",
                 options);
}

}  // namespace

const Rule& SetBadFilePermissions() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

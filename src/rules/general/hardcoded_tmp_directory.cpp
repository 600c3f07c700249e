// PY108 hardcoded-tmp-directory (bandit B108, ruff S108).
#include <array>

#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY108",
    .name = "hardcoded-tmp-directory",
    .summary = "a file path in a shared temporary directory (`/tmp`, `/var/tmp`, `/dev/shm`) is hard-coded",
    .fix_hint = "create the file with `tempfile.NamedTemporaryFile()` or `tempfile.mkstemp()`",
    .severity = Severity::kMedium,
    .confidence = Confidence::kMedium,
    .cwe = {377},
    .owasp = "A01:2021-Broken Access Control",
    .practice = Practice::kFrameworkSecurity,
    .aliases = {"bandit:B108", "ruff:S108"},
    .docs =
        {
            .what_it_does =
                "Finds string constants (and the leading literal part of f-strings) that are "
                "`/tmp`, `/var/tmp` or `/dev/shm`, or a path below them.\n\n"
                "Differences from Bandit: strings that only test a path (`path.startswith(\"/tmp/\")`, "
                "`p == \"/tmp\"`, `\"/tmp\" in p`) and docstrings are not reported, and a "
                "prefix must end at a path separator (`/tmpfiles` is not `/tmp`).",
            .why_bad =
                "Every local user and service can create files in these directories. A "
                "predictable name lets an attacker pre-create the file or a symlink with that "
                "name, so the application reads attacker data or overwrites a file of the "
                "attacker's choosing (a classic race, CWE-377).",
            .example = "def save_upload(data):\n"
                       "    with open(\"/tmp/upload.bin\", \"wb\") as f:\n"
                       "        f.write(data)\n",
            .use_instead = "import tempfile\n"
                           "\n"
                           "def save_upload(data):\n"
                           "    with tempfile.NamedTemporaryFile(delete=False) as f:\n"
                           "        f.write(data)\n"
                           "        return f.name\n",
            .references =
                "- [Python docs: `tempfile`](https://docs.python.org/3/library/tempfile.html)\n"
                "- [Bandit B108](https://bandit.readthedocs.io/en/latest/plugins/b108_hardcoded_tmp_directory.html)\n"
                "- [CWE-377: Insecure Temporary File](https://cwe.mitre.org/data/definitions/377.html)",
        },
};

constexpr std::array<std::string_view, 3> kTmpDirs = {"/tmp", "/var/tmp", "/dev/shm"};

std::string_view TmpDirOf(std::string_view text) {
  for (std::string_view dir : kTmpDirs) {
    if (!general::StartsWith(text, dir)) continue;
    if (text.size() == dir.size() || text[dir.size()] == '/') return dir;
  }
  return "";
}

// True when the string only describes a path (a comparison, a prefix test, a
// docstring) rather than being used as one.
bool OnlyTestsPath(const python::Node* expr, const sema::ModuleModel& model) {
  const python::Node* parent = model.Parent(expr);
  if (parent == nullptr) return false;
  if (parent->Is<python::Compare>()) return true;
  if (parent->Is<python::Expr>()) return true;  // docstring or bare string statement
  if (const auto* call = parent->As<python::Call>()) {
    std::string_view method = general::MethodName(call);
    if (call->func != expr && (method == "startswith" || method == "endswith" ||
                               method == "removeprefix" || method == "replace"))
      return true;
  }
  if (const auto* tuple = parent->As<python::Tuple>()) {
    // `path.startswith(("/tmp", "/var/tmp"))`
    return OnlyTestsPath(tuple, model);
  }
  return false;
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* constant = node.As<python::Constant>();
  if (constant == nullptr || constant->value.kind != python::ConstantKind::kStr) return;
  std::string_view dir = TmpDirOf(constant->value.text);
  if (dir.empty()) return;
  const python::Node* subject = constant;
  if (const python::Node* parent = context.model().Parent(constant)) {
    if (const auto* fstring = parent->As<python::JoinedStr>()) {
      // Only the leading literal of an f-string makes it a /tmp path.
      if (fstring->values.empty() || fstring->values[0] != constant) return;
      subject = fstring;
    }
  }
  if (OnlyTestsPath(subject, context.model())) return;
  context.Report(subject, "hard-coded path in the shared temporary directory `" + std::string(dir) + "`");
}

}  // namespace

const Rule& HardcodedTmpDirectory() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kConstant}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

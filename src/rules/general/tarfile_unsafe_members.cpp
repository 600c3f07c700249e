// PY202 tarfile-unsafe-members (bandit B202, ruff S202).
#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY202",
    .name = "tarfile-unsafe-members",
    .summary = "`TarFile.extractall` extracts every member without a filter",
    .fix_hint = "pass `filter=\"data\"` (Python 3.12+, backported to 3.8.17+) or vetted `members=`",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {22},
    .owasp = "A01:2021-Broken Access Control",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B202", "ruff:S202"},
    .docs =
        {
            .what_it_does =
                "Finds `extractall` calls on a tar archive opened with `tarfile.open` / "
                "`tarfile.TarFile` (directly, through a name, or as a `with` target) that pass "
                "neither `filter=` nor `members=`, or pass `filter=\"fully_trusted\"`, or pass "
                "all members unchanged (`members=tar.getmembers()`).\n\n"
                "Differences from Bandit: a `filter=` argument (`\"data\"`, `\"tar\"`, "
                "`tarfile.data_filter` or a custom callable) counts as safe; `members=` "
                "computed by your own code is trusted and not reported (Bandit reports it at "
                "low severity); an `extractall` on an object not known to be a tar archive "
                "is not reported.",
            .why_bad =
                "Tar members can carry absolute paths, `..` components, symlinks and device "
                "files. Extracting an uploaded or downloaded archive without filtering lets it "
                "write anywhere the process can (`../../app/settings.py`), which often ends in "
                "code execution.",
            .example = "import tarfile\n"
                       "\n"
                       "def unpack(upload, target):\n"
                       "    with tarfile.open(fileobj=upload) as tar:\n"
                       "        tar.extractall(target)\n",
            .use_instead = "import tarfile\n"
                           "\n"
                           "def unpack(upload, target):\n"
                           "    with tarfile.open(fileobj=upload) as tar:\n"
                           "        tar.extractall(target, filter=\"data\")\n",
            .references =
                "- [Python docs: extraction filters](https://docs.python.org/3/library/tarfile.html#tarfile-extraction-filter)\n"
                "- [Bandit B202](https://bandit.readthedocs.io/en/latest/plugins/b202_tarfile_unsafe_members.html)\n"
                "- [CWE-22: Path Traversal](https://cwe.mitre.org/data/definitions/22.html)",
        },
};

bool IsTarArchive(const sema::ModuleModel& model, const python::ExprNode* receiver) {
  std::optional<std::string> type = model.InstanceType(receiver);
  if (type && (*type == "tarfile.TarFile")) return true;
  const python::Call* creator = general::CreatingCall(model, receiver);
  return creator != nullptr &&
         general::CalleeIn(model, creator, {"tarfile.open", "tarfile.TarFile", "tarfile.TarFile.open",
                                            "tarfile.TarFile.gzopen", "tarfile.TarFile.taropen"})
             .has_value();
}

// `members=tar.getmembers()` / `members=tar`: every member, nothing vetted.
bool IsAllMembers(const python::ExprNode* members) {
  if (const auto* call = members->As<python::Call>()) return general::MethodName(call) == "getmembers";
  return false;
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr || general::MethodName(call) != "extractall") return;
  const auto* attribute = call->func->As<python::Attribute>();
  if (!IsTarArchive(context.model(), attribute->value)) return;
  if (const python::Keyword* filter = sema::FindKeyword(call, "filter")) {
    std::optional<std::string> name = context.model().ConstantString(filter->value);
    if (name && *name == "fully_trusted") {
      context.Report(filter, "`filter=\"fully_trusted\"` extracts members with absolute paths, `..` and links");
      return;
    }
    std::optional<std::string> qualified = context.model().QualifiedName(filter->value);
    if (qualified && *qualified == "tarfile.fully_trusted_filter") {
      context.Report(filter, "`tarfile.fully_trusted_filter` extracts members with absolute paths, `..` and links");
      return;
    }
    return;  // "data", "tar" or a custom filter
  }
  const python::ExprNode* members = sema::Argument(call, 1, "members");
  if (members != nullptr) {
    if (IsAllMembers(members)) {
      context.Report(members, "`members=` passes every member unchecked to `extractall`");
    }
    return;
  }
  if (sema::HasStarArguments(call)) return;
  context.Report(call->func, "`extractall` without `filter=` or `members=` extracts unchecked paths and links");
}

}  // namespace

const Rule& TarfileUnsafeMembers() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

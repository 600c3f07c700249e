// PY615 huggingface-unsafe-download (bandit B615).
#include <array>

#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY615",
    .name = "huggingface-unsafe-download",
    .summary = "a Hugging Face model or dataset is downloaded without pinning a commit",
    .fix_hint = "pass `revision=` a full commit hash of the repository",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {494},
    .owasp = "A08:2021-Software and Data Integrity Failures",
    .practice = Practice::kDependencies,
    .aliases = {"bandit:B615"},
    .docs =
        {
            .what_it_does =
                "Finds `from_pretrained` calls on classes from `transformers`, `diffusers`, "
                "`peft`, `sentence_transformers` and `huggingface_hub`, and calls to "
                "`huggingface_hub.hf_hub_download`, `huggingface_hub.snapshot_download` and "
                "`datasets.load_dataset`, that load a hub repository without `revision=` or with "
                "a `revision=` that is a branch or tag name rather than a commit hash. Local "
                "paths (`./model`, `/models/x`) and a `revision=` computed at run time are not "
                "reported.\n\n"
                "Differences from Bandit: a revision must look like a commit hash (7 to 40 hex "
                "digits) to count as pinned; `revision=\"main\"` is reported.",
            .why_bad =
                "A hub repository can change after you reviewed it: a new commit on `main` can "
                "replace the weights or add custom code and pickled files, which then run on "
                "your servers at the next deployment. Pinning a commit hash makes the download "
                "immutable.",
            .example = "from transformers import AutoModel\n"
                       "\n"
                       "model = AutoModel.from_pretrained(\"org/sentiment-model\")\n",
            .use_instead = "from transformers import AutoModel\n"
                           "\n"
                           "model = AutoModel.from_pretrained(\n"
                           "    \"org/sentiment-model\", revision=\"5d0f2e8a9c1b4e7f8a6d3c2b1a0f9e8d7c6b5a4f\"\n"
                           ")\n",
            .references =
                "- [Hugging Face docs: revisions](https://huggingface.co/docs/huggingface_hub/guides/download#from-specific-version)\n"
                "- [Bandit B615](https://bandit.readthedocs.io/en/latest/plugins/b615_huggingface_unsafe_download.html)\n"
                "- [CWE-494: Download of Code Without Integrity Check](https://cwe.mitre.org/data/definitions/494.html)",
        },
};

constexpr std::array<std::string_view, 6> kHubLibraries = {
    "transformers.", "diffusers.", "peft.", "sentence_transformers.", "huggingface_hub.", "timm."};

bool IsHubLoader(std::string_view callee, int* repo_position, std::string_view* repo_keyword) {
  *repo_position = 0;
  if (callee == "huggingface_hub.hf_hub_download" || callee == "huggingface_hub.snapshot_download") {
    *repo_keyword = "repo_id";
    return true;
  }
  if (callee == "datasets.load_dataset") {
    *repo_keyword = "path";
    return true;
  }
  if (!general::EndsWith(callee, ".from_pretrained")) return false;
  *repo_keyword = "pretrained_model_name_or_path";
  for (std::string_view library : kHubLibraries) {
    if (general::StartsWith(callee, library)) return true;
  }
  return false;
}

bool IsCommitHash(std::string_view text) {
  if (text.size() < 7 || text.size() > 40) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  }
  return true;
}

bool IsLocalPath(std::string_view text) {
  return general::StartsWith(text, "/") || general::StartsWith(text, "./") ||
         general::StartsWith(text, "../") || general::StartsWith(text, "~") || text == "." ||
         (text.size() > 2 && text[1] == ':' && (text[2] == '\\' || text[2] == '/'));
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<std::string> callee = context.model().CalleeName(call);
  if (!callee) return;
  int repo_position = 0;
  std::string_view repo_keyword;
  if (!IsHubLoader(*callee, &repo_position, &repo_keyword)) return;
  const python::ExprNode* repo = sema::Argument(call, repo_position, repo_keyword);
  if (repo != nullptr) {
    std::optional<std::string> repo_text = context.model().ConstantString(repo);
    if (repo_text && IsLocalPath(*repo_text)) return;  // nothing is downloaded
  }
  const python::Keyword* revision = sema::FindKeyword(call, "revision");
  if (revision == nullptr) {
    if (sema::HasStarArguments(call)) return;
    context.Report(call->func, "`" + *callee + "` downloads the latest revision, not a pinned commit");
    return;
  }
  std::optional<std::string> revision_text = context.model().ConstantString(revision->value);
  if (!revision_text || IsCommitHash(*revision_text)) return;
  context.Report(revision, "`revision=\"" + *revision_text + "\"` is a movable branch or tag, not a commit hash");
}

}  // namespace

const Rule& HuggingfaceUnsafeDownload() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

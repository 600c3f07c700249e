// PY614 pytorch-load (bandit B614).
#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY614",
    .name = "pytorch-load",
    .summary = "`torch.load` unpickles the file without `weights_only=True`",
    .fix_hint = "pass `weights_only=True`, or store weights as safetensors",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {502},
    .owasp = "A08:2021-Software and Data Integrity Failures",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B614"},
    .docs =
        {
            .what_it_does =
                "Finds `torch.load` calls (however `torch` was imported) that do not pass "
                "`weights_only=True`, or pass `weights_only=False`. A `weights_only=` computed "
                "at run time, or a call with `**kwargs`, is not reported.",
            .why_bad =
                "Without `weights_only=True`, `torch.load` is `pickle.load`: a model file "
                "downloaded from a hub, uploaded by a user or swapped on shared storage runs "
                "arbitrary code when loaded.",
            .example = "import torch\n"
                       "\n"
                       "def load_model(path):\n"
                       "    return torch.load(path)\n",
            .use_instead = "import torch\n"
                           "\n"
                           "def load_model(path):\n"
                           "    return torch.load(path, weights_only=True)\n",
            .references =
                "- [PyTorch docs: `torch.load`](https://pytorch.org/docs/stable/generated/torch.load.html)\n"
                "- [Bandit B614](https://bandit.readthedocs.io/en/latest/plugins/b614_pytorch_load.html)\n"
                "- [CWE-502: Deserialization of Untrusted Data](https://cwe.mitre.org/data/definitions/502.html)",
        },
};

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  if (!context.model().IsCallTo(call, "torch.load")) return;
  const python::Keyword* weights_only = sema::FindKeyword(call, "weights_only");
  if (weights_only == nullptr) {
    if (sema::HasStarArguments(call)) return;
    context.Report(call->func, "`torch.load` without `weights_only=True` can run code from the file");
    return;
  }
  std::optional<bool> truth = general::ConstantTruth(context.model(), weights_only->value);
  if (!truth || *truth) return;
  context.Report(weights_only, "`weights_only=False` lets `torch.load` run code from the file");
}

}  // namespace

const Rule& PytorchLoad() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

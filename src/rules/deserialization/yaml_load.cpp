// PY506 yaml-load (bandit B506, ruff S506).
#include <array>

#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY506",
    .name = "yaml-load",
    .summary = "`yaml.load` without a safe loader can construct arbitrary Python objects",
    .fix_hint = "use `yaml.safe_load(...)` or pass `Loader=yaml.SafeLoader`",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {20, 502},
    .owasp = "A08:2021-Software and Data Integrity Failures",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B506", "ruff:S506"},
    .docs =
        {
            .what_it_does =
                "Finds PyYAML loads that may build arbitrary objects: `yaml.load` and "
                "`yaml.load_all` without a loader or with one other than `SafeLoader`, "
                "`CSafeLoader` or `BaseLoader`, and every call to `yaml.unsafe_load`, "
                "`yaml.unsafe_load_all`, `yaml.full_load` and `yaml.full_load_all`. The loader "
                "may be passed as `Loader=` or as the second positional argument, under any "
                "import alias. A loader the analysis cannot identify (a variable, a project "
                "subclass) is not reported.",
            .why_bad =
                "The full and unsafe loaders honour tags such as `!!python/object/apply:os.system`: "
                "loading a YAML document from a request, an upload or a config file an attacker "
                "can write runs code on the server. Before PyYAML 5.1 a bare `yaml.load(data)` "
                "used the unsafe loader; `FullLoader` has had bypasses (CVE-2020-14343).",
            .example = "import yaml\n"
                       "\n"
                       "def read_config(stream):\n"
                       "    return yaml.load(stream)\n",
            .use_instead = "import yaml\n"
                           "\n"
                           "def read_config(stream):\n"
                           "    return yaml.safe_load(stream)\n",
            .references =
                "- [PyYAML: loading YAML](https://pyyaml.org/wiki/PyYAMLDocumentation)\n"
                "- [PyYAML load() deprecation](https://github.com/yaml/pyyaml/wiki/PyYAML-yaml.load(input)-Deprecation)\n"
                "- [Bandit B506](https://bandit.readthedocs.io/en/latest/plugins/b506_yaml_load.html)\n"
                "- [CWE-502: Deserialization of Untrusted Data](https://cwe.mitre.org/data/definitions/502.html)",
        },
};

// Loaders that only build plain Python data (str, int, list, dict ...).
constexpr std::array<std::string_view, 6> kSafeLoaders = {
    "yaml.SafeLoader", "yaml.CSafeLoader", "yaml.BaseLoader", "yaml.CBaseLoader",
    "yaml.loader.SafeLoader", "yaml.cyaml.CSafeLoader"};

// Entry points that never take a loader and are always unsafe.
constexpr std::array<std::string_view, 4> kAlwaysUnsafe = {
    "yaml.unsafe_load", "yaml.unsafe_load_all", "yaml.full_load", "yaml.full_load_all"};

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<std::string> callee = context.model().CalleeName(call);
  if (!callee || callee->compare(0, 5, "yaml.") != 0) return;
  for (std::string_view unsafe : kAlwaysUnsafe) {
    if (*callee == unsafe) {
      context.Report(call->func, "`" + *callee + "` can construct arbitrary Python objects from the document");
      return;
    }
  }
  if (*callee != "yaml.load" && *callee != "yaml.load_all") return;
  const python::ExprNode* loader = sema::Argument(call, 1, "Loader");
  if (loader == nullptr) {
    // `yaml.load(data, **options)`: the loader may be in the mapping.
    if (sema::HasStarArguments(call)) return;
    context.Report(call->func, "`" + *callee + "` without `Loader=yaml.SafeLoader` can construct arbitrary Python objects");
    return;
  }
  std::optional<std::string> loader_name = context.model().QualifiedName(loader);
  if (!loader_name) return;  // a variable: cannot tell which loader it holds
  for (std::string_view safe : kSafeLoaders) {
    if (*loader_name == safe) return;
  }
  // A loader defined in the project (likely a SafeLoader subclass) is not judged.
  if (loader_name->compare(0, 5, "yaml.") != 0) return;
  context.Report(loader, "`" + *callee + "` with `" + *loader_name + "` can construct arbitrary Python objects");
}

}  // namespace

const Rule& YamlLoad() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

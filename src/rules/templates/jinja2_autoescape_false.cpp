// PY701 jinja2-autoescape-false (bandit B701, ruff S701).
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY701",
    .name = "jinja2-autoescape-false",
    .summary = "a Jinja2 environment is created with autoescaping turned off (the default)",
    .fix_hint = "pass `autoescape=select_autoescape()` (or `autoescape=True`) to `jinja2.Environment`",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {79},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kXss,
    .aliases = {"bandit:B701", "ruff:S701"},
    .docs =
        {
            .what_it_does =
                "Finds `jinja2.Environment(...)` (also `jinja2.environment.Environment` and "
                "`jinja2.sandbox.SandboxedEnvironment`) created without `autoescape=` or "
                "with `autoescape=False` (or any false constant). `autoescape=True`, "
                "`select_autoescape(...)`, a function or lambda deciding per template, and "
                "a value computed at run time (reported with low confidence) are accepted "
                "or downgraded accordingly. Flask's own `app.jinja_env` autoescapes HTML "
                "templates and is not affected.\n\n"
                "Differences from Bandit: Bandit reports any non-constant `autoescape=` value "
                "with medium confidence, including a function passed to decide per template; "
                "rampart accepts functions and lambdas (Jinja2 calls them with the template "
                "name) and stays quiet when `**options` may carry the setting.",
            .why_bad =
                "Jinja2 does not escape by default: `{{ comment }}` then writes "
                "`<script>...</script>` from user input straight into the page, and the "
                "script runs with the victim's session (stored or reflected XSS).",
            .example = "from jinja2 import Environment, FileSystemLoader\n"
                       "\n"
                       "env = Environment(loader=FileSystemLoader(\"templates\"))\n",
            .use_instead = "from jinja2 import Environment, FileSystemLoader, select_autoescape\n"
                           "\n"
                           "env = Environment(loader=FileSystemLoader(\"templates\"), autoescape=select_autoescape())\n",
            .references =
                "- [Jinja2: autoescaping](https://jinja.palletsprojects.com/en/stable/api/#autoescaping)\n"
                "- [Bandit B701](https://bandit.readthedocs.io/en/latest/plugins/b701_jinja2_autoescape_false.html)\n"
                "- [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)",
        },
};

bool IsJinjaEnvironment(std::string_view qualified) {
  return qualified == "jinja2.Environment" || qualified == "jinja2.environment.Environment" ||
         qualified == "jinja2.sandbox.SandboxedEnvironment";
}

// `autoescape=` accepts a callable that decides per template name.
bool IsCallableValue(const sema::ModuleModel& model, const python::ExprNode* value) {
  if (value->Is<python::Lambda>()) return true;
  if (const auto* name = value->As<python::Name>()) {
    const sema::Binding* binding = model.ResolveName(name);
    return binding != nullptr && binding->kind == sema::BindingKind::kFunction;
  }
  return false;
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<std::string> callee = context.model().CalleeName(call);
  if (!callee || !IsJinjaEnvironment(*callee)) return;
  const python::Keyword* autoescape = sema::FindKeyword(call, "autoescape");
  if (autoescape == nullptr) {
    if (sema::HasStarArguments(call)) return;  // the setting may come in **options
    context.Report(call->func, "`" + *callee + "` is created without `autoescape`, and Jinja2 does not escape by default");
    return;
  }
  const python::ExprNode* value = autoescape->value;
  if (std::optional<sema::Value> constant = context.model().ConstantValue(value)) {
    if (constant->Truthy()) return;
    context.Report(autoescape, "`autoescape` is false: template variables are written into HTML unescaped");
    return;
  }
  if (const auto* select = value->As<python::Call>()) {
    std::optional<std::string> name = context.model().CalleeName(select);
    if (name && (*name == "jinja2.select_autoescape" || *name == "jinja2.utils.select_autoescape")) return;
  }
  if (IsCallableValue(context.model(), value)) return;
  ReportOptions options;
  options.confidence = Confidence::kLow;
  context.Report(autoescape, "`autoescape` is decided at run time: make sure it is on for HTML templates", options);
}

}  // namespace

const Rule& Jinja2AutoescapeFalse() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

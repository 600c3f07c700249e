// PY702 use-of-mako-templates (bandit B702, ruff S702).
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY702",
    .name = "use-of-mako-templates",
    .summary = "a Mako template is created without HTML escaping (`default_filters=['h']`)",
    .fix_hint = "pass `default_filters=[\"h\"]` to `Template` / `TemplateLookup`, or use Jinja2 with autoescaping",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {79},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kXss,
    .aliases = {"bandit:B702", "ruff:S702"},
    .docs =
        {
            .what_it_does =
                "Finds `mako.template.Template(...)` and `mako.lookup.TemplateLookup(...)` "
                "created without `default_filters` that include the `h` (HTML escape) filter.\n\n"
                "Differences from Bandit: Bandit reports every Mako `Template`; rampart stays "
                "quiet when `default_filters` contains `\"h\"` (every expression is then "
                "HTML-escaped) or is computed at run time, and also checks `TemplateLookup`, "
                "through which most applications load their templates.",
            .why_bad =
                "Mako writes `${name}` into the output as is: unless a filter escapes it, "
                "user input containing markup becomes part of the page and its scripts run "
                "in the victim's browser (XSS). Escaping must then be remembered at every "
                "single expression (`${name | h}`).",
            .example = "from mako.template import Template\n"
                       "\n"
                       "page = Template(\"<p>Hello ${name}</p>\")\n",
            .use_instead = "from mako.template import Template\n"
                           "\n"
                           "page = Template(\"<p>Hello ${name}</p>\", default_filters=[\"h\"])\n",
            .references =
                "- [Mako: filtering and escaping](https://docs.makotemplates.org/en/latest/filtering.html)\n"
                "- [Bandit B702](https://bandit.readthedocs.io/en/latest/plugins/b702_use_of_mako_templates.html)\n"
                "- [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)",
        },
};

// True when the filter list is not known, or contains "h".
bool EscapesOrUnknown(const sema::ModuleModel& model, const python::ExprNode* filters) {
  const python::NodeList<python::ExprNode>* elements = nullptr;
  if (const auto* list = filters->As<python::List>()) elements = &list->elts;
  if (const auto* tuple = filters->As<python::Tuple>()) elements = &tuple->elts;
  if (elements == nullptr) return true;  // a name or call: decided elsewhere
  for (const python::ExprNode* element : *elements) {
    std::optional<std::string> text = model.ConstantString(element);
    if (!text) return true;
    if (*text == "h") return true;
  }
  return false;
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<std::string> callee = context.model().CalleeName(call);
  if (!callee || (*callee != "mako.template.Template" && *callee != "mako.lookup.TemplateLookup")) return;
  const python::Keyword* filters = sema::FindKeyword(call, "default_filters");
  if (filters != nullptr) {
    if (EscapesOrUnknown(context.model(), filters->value)) return;
    context.Report(filters, "`default_filters` does not include `h`: Mako writes expressions into the page unescaped");
    return;
  }
  if (sema::HasStarArguments(call)) return;
  std::string name = callee->substr(callee->rfind('.') + 1);
  context.Report(call->func, "`" + name + "` (Mako) without `default_filters=[\"h\"]` writes expressions into the page unescaped");
}

}  // namespace

const Rule& UseOfMakoTemplates() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

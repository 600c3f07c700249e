// PY954 html-response-string-building (no Bandit equivalent).
#include "rules/rule.h"
#include "rules/templates/support.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY954",
    .name = "html-response-string-building",
    .summary = "an `HTMLResponse` body is built by string concatenation or formatting with unescaped values",
    .fix_hint = "render a template with autoescaping (`Jinja2Templates.TemplateResponse`) or `html.escape()` each value",
    .severity = Severity::kHigh,
    .confidence = Confidence::kMedium,
    .cwe = {79},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kXss,
    .aliases = {},
    .docs =
        {
            .what_it_does =
                "Finds FastAPI / Starlette `HTMLResponse(...)` (`fastapi.responses`, "
                "`starlette.responses`) whose content is an f-string with placeholders, a "
                "`+` concatenation, `%` formatting or `.format(...)` with a piece that is "
                "neither constant nor escaped (`html.escape(...)`, `markupsafe.escape(...)`), "
                "also through a local variable bound to such an expression. A plain "
                "variable whose construction is not visible is not reported (the taint "
                "rules follow request data).\n\n"
                "Bandit has no such rule.",
            .why_bad =
                "`HTMLResponse` sends its content as `text/html` exactly as given: FastAPI "
                "does no escaping. A query parameter, path segment or stored value "
                "formatted into it can add `<script>` to the page (reflected or stored XSS).",
            .example = "from fastapi import FastAPI\n"
                       "from fastapi.responses import HTMLResponse\n"
                       "\n"
                       "app = FastAPI()\n"
                       "\n"
                       "@app.get(\"/hello\", response_class=HTMLResponse)\n"
                       "def hello(name: str):\n"
                       "    return HTMLResponse(f\"<h1>Hello {name}</h1>\")\n",
            .use_instead = "import html\n"
                           "\n"
                           "from fastapi import FastAPI\n"
                           "from fastapi.responses import HTMLResponse\n"
                           "\n"
                           "app = FastAPI()\n"
                           "\n"
                           "@app.get(\"/hello\", response_class=HTMLResponse)\n"
                           "def hello(name: str):\n"
                           "    return HTMLResponse(f\"<h1>Hello {html.escape(name)}</h1>\")\n",
            .references =
                "- [FastAPI: custom responses, `HTMLResponse`](https://fastapi.tiangolo.com/advanced/custom-response/#htmlresponse)\n"
                "- [FastAPI: templates](https://fastapi.tiangolo.com/advanced/templates/)\n"
                "- [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)",
        },
};

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<std::string> callee = context.model().CalleeName(call);
  if (!callee || (*callee != "fastapi.responses.HTMLResponse" && *callee != "starlette.responses.HTMLResponse")) {
    return;
  }
  const python::ExprNode* content = sema::Argument(call, 0, "content");
  if (content == nullptr) return;
  if (!rules::templates::IsBuiltFromUnescapedParts(context.model(), content)) return;
  context.Report(content, "`HTMLResponse` content is built from unescaped values by string formatting");
}

}  // namespace

const Rule& HtmlResponseStringBuilding() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

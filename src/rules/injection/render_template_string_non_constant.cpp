// PY912 render-template-string-non-constant (server-side template injection; no Bandit equivalent).
#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY912",
    .name = "render-template-string-non-constant",
    .summary = "a template is compiled from a string built at run time (server-side template injection)",
    .fix_hint = "keep the template constant (or a file) and pass values as context variables",
    .severity = Severity::kHigh,
    .confidence = Confidence::kMedium,
    .cwe = {1336},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kInputValidation,
    .aliases = {},
    .docs =
        {
            .what_it_does =
                "Finds `flask.render_template_string`, `flask.stream_template_string`, "
                "`jinja2.Template(...)` and `jinja2.Environment.from_string` calls whose "
                "template source is not a constant string. A source built by concatenation, "
                "`%`, `.format` or an f-string is reported with high confidence; another "
                "non-constant value (a parameter, a variable) with low confidence. A template "
                "read from a file (`f.read()`, `path.read_text()`) is not reported.",
            .why_bad =
                "Template syntax is code: `{{ cycler.__init__.__globals__.os.popen('id').read() }}` "
                "runs a shell command in Jinja2. When request data becomes part of the "
                "template text rather than a value passed to it, the client writes code that "
                "the server executes.",
            .example = "from flask import Flask, render_template_string, request\n"
                       "\n"
                       "app = Flask(__name__)\n"
                       "\n"
                       "@app.route(\"/hello\")\n"
                       "def hello():\n"
                       "    name = request.args.get(\"name\", \"\")\n"
                       "    return render_template_string(\"<h1>Hello \" + name + \"</h1>\")\n",
            .use_instead = "from flask import Flask, render_template_string, request\n"
                           "\n"
                           "app = Flask(__name__)\n"
                           "\n"
                           "@app.route(\"/hello\")\n"
                           "def hello():\n"
                           "    name = request.args.get(\"name\", \"\")\n"
                           "    return render_template_string(\"<h1>Hello {{ name }}</h1>\", name=name)\n",
            .references =
                "- [PortSwigger: server-side template injection](https://portswigger.net/web-security/server-side-template-injection)\n"
                "- [Flask docs: `render_template_string`](https://flask.palletsprojects.com/en/latest/api/#flask.render_template_string)\n"
                "- [CWE-1336: Improper Neutralization of Special Elements Used in a Template Engine](https://cwe.mitre.org/data/definitions/1336.html)",
        },
};

// `open(p).read()`, `path.read_text()`: a template kept in a file.
bool IsFileRead(const python::ExprNode* source) {
  const auto* call = source->As<python::Call>();
  if (call == nullptr) return false;
  std::string_view method = general::MethodName(call);
  return method == "read" || method == "read_text" || method == "get_data";
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  const sema::ModuleModel& model = context.model();
  std::optional<std::string> callee = general::CalleeIn(
      model, call,
      {"flask.render_template_string", "flask.templating.render_template_string",
       "flask.stream_template_string", "jinja2.Template", "jinja2.environment.Template",
       "jinja2.Environment.from_string", "jinja2.environment.Environment.from_string",
       "jinja2.sandbox.SandboxedEnvironment.from_string"});
  if (!callee) return;
  // The sandbox is the documented way to render untrusted templates.
  if (general::StartsWith(*callee, "jinja2.sandbox.")) return;
  const python::ExprNode* source = sema::Argument(call, 0, "source");
  if (source == nullptr || model.IsConstantString(source)) return;
  if (IsFileRead(general::FollowAssignment(model, source))) return;
  // An object built by a class (`nodes.Template(...)`, a compiled AST) is not
  // template text.
  if (model.InstanceType(source)) return;
  sema::StringShape shape = model.StringParts(source);
  if (shape.is_string && shape.has_dynamic) {
    context.Report(source, "`" + *callee + "` compiles a template built at run time");
    return;
  }
  ReportOptions options;
  options.confidence = Confidence::kLow;
  context.Report(source, "`" + *callee + "` compiles a template that is not a constant", options);
}

}  // namespace

const Rule& RenderTemplateStringNonConstant() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

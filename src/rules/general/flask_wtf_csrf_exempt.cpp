// PY911 flask-wtf-csrf-exempt (no Bandit equivalent).
#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY911",
    .name = "flask-wtf-csrf-exempt",
    .summary = "a Flask view or blueprint is exempted from Flask-WTF's CSRF protection (`csrf.exempt`)",
    .fix_hint = "remove `csrf.exempt` and send the CSRF token; for webhooks verify a signature instead",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {352},
    .owasp = "A01:2021-Broken Access Control",
    .practice = Practice::kFrameworkSecurity,
    .aliases = {},
    .docs =
        {
            .what_it_does =
                "Finds `exempt` on a Flask-WTF `CSRFProtect` instance used as a decorator "
                "(`@csrf.exempt`) or called on a view or blueprint (`csrf.exempt(api_bp)`). "
                "The instance is recognised through `csrf = CSRFProtect(app)` or "
                "`csrf = CSRFProtect()` in this module or an imported one.",
            .why_bad =
                "`CSRFProtect` rejects state-changing requests without a valid token. An "
                "exempted view that relies on the session cookie can be triggered from any "
                "site the logged-in user visits.",
            .example = "from flask import Flask, request, session\n"
                       "from flask_wtf.csrf import CSRFProtect\n"
                       "\n"
                       "app = Flask(__name__)\n"
                       "csrf = CSRFProtect(app)\n"
                       "\n"
                       "@app.route(\"/transfer\", methods=[\"POST\"])\n"
                       "@csrf.exempt\n"
                       "def transfer():\n"
                       "    return do_transfer(session[\"user\"], request.form[\"to\"])\n",
            .use_instead = "from flask import Flask, request, session\n"
                           "from flask_wtf.csrf import CSRFProtect\n"
                           "\n"
                           "app = Flask(__name__)\n"
                           "csrf = CSRFProtect(app)\n"
                           "\n"
                           "@app.route(\"/transfer\", methods=[\"POST\"])\n"
                           "def transfer():\n"
                           "    return do_transfer(session[\"user\"], request.form[\"to\"])\n",
            .references =
                "- [Flask-WTF docs: CSRF protection](https://flask-wtf.readthedocs.io/en/latest/csrf/)\n"
                "- [CWE-352: Cross-Site Request Forgery](https://cwe.mitre.org/data/definitions/352.html)",
        },
};

bool IsCsrfExempt(const sema::ModuleModel& model, const python::ExprNode* expr) {
  const auto* attribute = expr->As<python::Attribute>();
  if (attribute == nullptr || general::IdText(attribute->attr) != "exempt") return false;
  std::optional<std::string> type = model.InstanceType(attribute->value);
  if (!type) {
    std::optional<std::string> name = model.QualifiedName(expr);
    return name && general::StartsWith(*name, "flask_wtf.") && general::EndsWith(*name, "CSRFProtect.exempt");
  }
  return *type == "flask_wtf.CSRFProtect" || *type == "flask_wtf.csrf.CSRFProtect";
}

void Check(const python::Node& node, RuleContext& context) {
  if (general::ReportMatchingDecorators(node, context, IsCsrfExempt,
                                        "`csrf.exempt` turns off CSRF protection for this view"))
    return;
  const auto* call = node.As<python::Call>();
  if (call == nullptr || !IsCsrfExempt(context.model(), call->func)) return;
  context.Report(call->func, "`csrf.exempt` turns off CSRF protection for this view or blueprint");
}

}  // namespace

const Rule& FlaskWtfCsrfExempt() {
  static const Rule rule{.info = kInfo,
                         .node_kinds = {python::NodeKind::kFunctionDef, python::NodeKind::kAsyncFunctionDef,
                                        python::NodeKind::kClassDef, python::NodeKind::kCall},
                         .check = Check};
  return rule;
}

}  // namespace rampart::rules

// PY910 django-csrf-exempt (no Bandit equivalent).
#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY910",
    .name = "django-csrf-exempt",
    .summary = "a Django view is exempted from CSRF protection (`csrf_exempt`)",
    .fix_hint = "remove `csrf_exempt` and send the CSRF token; for webhooks verify a signature instead",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {352},
    .owasp = "A01:2021-Broken Access Control",
    .practice = Practice::kFrameworkSecurity,
    .aliases = {},
    .docs =
        {
            .what_it_does =
                "Finds `django.views.decorators.csrf.csrf_exempt` used as a decorator on a "
                "function or class, wrapped in `method_decorator(csrf_exempt, ...)`, or called "
                "on a view (`path(\"hook/\", csrf_exempt(view))`), however it was imported.",
            .why_bad =
                "`CsrfViewMiddleware` is Django's defence against cross-site request forgery. "
                "An exempt view that changes state and relies on the session cookie can be "
                "triggered by any web page the logged-in user visits: it submits a form to the "
                "view and the browser attaches the cookie.",
            .example = "from django.http import HttpResponse\n"
                       "from django.views.decorators.csrf import csrf_exempt\n"
                       "\n"
                       "@csrf_exempt\n"
                       "def change_email(request):\n"
                       "    request.user.email = request.POST[\"email\"]\n"
                       "    request.user.save()\n"
                       "    return HttpResponse(\"ok\")\n",
            .use_instead = "from django.http import HttpResponse\n"
                           "from django.views.decorators.http import require_POST\n"
                           "\n"
                           "@require_POST\n"
                           "def change_email(request):\n"
                           "    request.user.email = request.POST[\"email\"]\n"
                           "    request.user.save()\n"
                           "    return HttpResponse(\"ok\")\n",
            .references =
                "- [Django docs: CSRF protection](https://docs.djangoproject.com/en/stable/ref/csrf/)\n"
                "- [OWASP: CSRF Prevention Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html)\n"
                "- [CWE-352: Cross-Site Request Forgery](https://cwe.mitre.org/data/definitions/352.html)",
        },
};

constexpr std::string_view kCsrfExempt = "django.views.decorators.csrf.csrf_exempt";

bool IsCsrfExempt(const sema::ModuleModel& model, const python::ExprNode* expr) {
  std::optional<std::string> name = model.QualifiedName(expr);
  return name && *name == kCsrfExempt;
}

void Check(const python::Node& node, RuleContext& context) {
  // `@csrf_exempt`; the call forms are handled at the Call node.
  if (general::ReportMatchingDecorators(node, context, IsCsrfExempt,
                                        "`csrf_exempt` turns off CSRF protection for this view"))
    return;
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  const sema::ModuleModel& model = context.model();
  if (IsCsrfExempt(model, call->func)) {
    context.Report(call->func, "`csrf_exempt` turns off CSRF protection for this view");
    return;
  }
  if (!model.IsCallTo(call, "django.utils.decorators.method_decorator")) return;
  const python::ExprNode* decorator = sema::Argument(call, 0, "decorator");
  if (decorator == nullptr) return;
  if (IsCsrfExempt(model, decorator)) {
    context.Report(decorator, "`method_decorator(csrf_exempt)` turns off CSRF protection for this view");
    return;
  }
  // `method_decorator([csrf_exempt, login_required], name="dispatch")`
  const auto* list = decorator->As<python::List>();
  if (list == nullptr) return;
  for (const python::ExprNode* element : list->elts) {
    if (IsCsrfExempt(model, element)) {
      context.Report(element, "`method_decorator(csrf_exempt)` turns off CSRF protection for this view");
      return;
    }
  }
}

}  // namespace

const Rule& DjangoCsrfExempt() {
  static const Rule rule{.info = kInfo,
                         .node_kinds = {python::NodeKind::kFunctionDef, python::NodeKind::kAsyncFunctionDef,
                                        python::NodeKind::kClassDef, python::NodeKind::kCall},
                         .check = Check};
  return rule;
}

}  // namespace rampart::rules

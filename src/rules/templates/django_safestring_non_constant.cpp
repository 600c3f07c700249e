// PY952 django-safestring-non-constant (no Bandit equivalent).
#include "rules/rule.h"
#include "rules/templates/support.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY952",
    .name = "django-safestring-non-constant",
    .summary = "a Django `SafeString` / `SafeText` is constructed from text that may contain unescaped input",
    .fix_hint = "build the HTML with `format_html(...)` instead of constructing `SafeString` directly",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {79},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kXss,
    .aliases = {},
    .docs =
        {
            .what_it_does =
                "Finds `django.utils.safestring.SafeString(...)` and its old alias `SafeText` "
                "constructed from anything but a constant string (or a string built only "
                "from constants and escaped pieces). A string visibly built from unescaped "
                "pieces is reported with high confidence, an opaque variable with medium.\n\n"
                "Bandit has no such rule: its B703/B308 only know `mark_safe`, so "
                "constructing the class directly slips past it.",
            .why_bad =
                "`SafeString(text)` is `mark_safe(text)` without the name that reviewers "
                "look for: Django's templates write it out without escaping, so any "
                "user-controlled piece becomes live markup (XSS).",
            .example = "from django.utils.safestring import SafeString\n"
                       "\n"
                       "def label(request):\n"
                       "    return SafeString(\"<b>\" + request.GET[\"name\"] + \"</b>\")\n",
            .use_instead = "from django.utils.html import format_html\n"
                           "\n"
                           "def label(request):\n"
                           "    return format_html(\"<b>{}</b>\", request.GET[\"name\"])\n",
            .references =
                "- [Django: `django.utils.safestring`](https://docs.djangoproject.com/en/stable/ref/utils/#module-django.utils.safestring)\n"
                "- [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)",
        },
};

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<std::string> callee = context.model().CalleeName(call);
  if (!callee || (*callee != "django.utils.safestring.SafeString" && *callee != "django.utils.safestring.SafeText")) {
    return;
  }
  const python::ExprNode* argument = sema::Argument(call, 0, "");
  std::optional<Confidence> confidence = rules::templates::UnsafeHtmlConfidence(context.model(), argument);
  if (!confidence) return;
  ReportOptions options;
  options.confidence = *confidence;
  std::string name = callee->substr(callee->rfind('.') + 1);
  context.Report(argument, *confidence == Confidence::kHigh
                               ? "`" + name + "` is constructed from a string built from unescaped values"
                               : "`" + name + "` is constructed from a value that is not a constant; it may carry unescaped input",
                 options);
}

}  // namespace

const Rule& DjangoSafestringNonConstant() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

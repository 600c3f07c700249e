// PY703 django-mark-safe (bandit B703).
#include "rules/rule.h"
#include "rules/templates/support.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY703",
    .name = "django-mark-safe",
    .summary = "`mark_safe` is applied to text that may contain unescaped input",
    .fix_hint = "build the HTML with `format_html(\"<b>{}</b>\", value)`, which escapes its arguments",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {79},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kXss,
    .aliases = {"bandit:B703", "bandit:B308", "ruff:S308"},
    .docs =
        {
            .what_it_does =
                "Finds `django.utils.safestring.mark_safe(...)` (also imported through "
                "`django.utils.html`) called with anything but a constant string: an "
                "f-string, `+`, `%` or `.format` with a non-constant piece (high confidence), "
                "or a variable or call whose content is unknown (medium confidence). Pieces "
                "that are escaped (`escape(...)`, `conditional_escape(...)`, "
                "`format_html(...)`, `render_to_string(...)`) are safe, and so are gettext "
                "calls on constants.\n\n"
                "Differences from Bandit: Bandit's B703 also reports `mark_safe(\"<br>\")` "
                "and strings assembled only from constants or escaped pieces; rampart stays "
                "quiet on those (the constant is part of the code, not input). Bandit's "
                "blacklist check B308 (every `mark_safe` call) is the same check reported a "
                "second time; rampart reports it once, here, and accepts B308 as an alias.",
            .why_bad =
                "`mark_safe` tells the template engine not to escape the text. If any part "
                "of it comes from a user (a name, a comment, a query parameter), their "
                "markup and scripts go into the page as is (XSS).",
            .example = "from django.utils.safestring import mark_safe\n"
                       "\n"
                       "def greeting(user):\n"
                       "    return mark_safe(f\"<b>Hello {user.first_name}</b>\")\n",
            .use_instead = "from django.utils.html import format_html\n"
                           "\n"
                           "def greeting(user):\n"
                           "    return format_html(\"<b>Hello {}</b>\", user.first_name)\n",
            .references =
                "- [Django: `mark_safe`](https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe)\n"
                "- [Django: `format_html`](https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html)\n"
                "- [Bandit B703](https://bandit.readthedocs.io/en/latest/plugins/b703_django_mark_safe.html)\n"
                "- [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)",
        },
};

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<std::string> callee = context.model().CalleeName(call);
  if (!callee || (*callee != "django.utils.safestring.mark_safe" && *callee != "django.utils.html.mark_safe")) return;
  const python::ExprNode* argument = sema::Argument(call, 0, "s");
  std::optional<Confidence> confidence = rules::templates::UnsafeHtmlConfidence(context.model(), argument);
  if (!confidence) return;
  ReportOptions options;
  options.confidence = *confidence;
  context.Report(argument, *confidence == Confidence::kHigh
                               ? "`mark_safe` is applied to a string built from unescaped values"
                               : "`mark_safe` is applied to a value that is not a constant; it may carry unescaped input",
                 options);
}

}  // namespace

const Rule& DjangoMarkSafe() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

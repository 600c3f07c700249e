// PY951 format-html-misuse (no Bandit equivalent).
#include "rules/rule.h"
#include "rules/templates/support.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY951",
    .name = "format-html-misuse",
    .summary = "`format_html` is given a string that was already formatted, so its escaping is bypassed",
    .fix_hint = "pass a constant template and the values as arguments: `format_html(\"<b>{}</b>\", value)`",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {79},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kXss,
    .aliases = {},
    .docs =
        {
            .what_it_does =
                "Finds `django.utils.html.format_html(...)` whose format string is built at "
                "run time from non-constant, unescaped pieces: an f-string with placeholders, "
                "`\"...\" % value`, `\"...\".format(value)` or `+` concatenation (also through a "
                "name bound to such an expression). Pieces that are themselves escaped "
                "(`escape(...)`, nested `format_html(...)`) are accepted. A non-constant text "
                "passed with nothing to substitute (`format_html(html)`, deprecated in Django "
                "5.0) is reported with medium confidence: it is `mark_safe` under another name.\n\n"
                "Bandit has no such rule; its B308/B703 look at `mark_safe` only.",
            .why_bad =
                "`format_html` escapes the *arguments* it substitutes and marks the result "
                "safe, trusting the format string itself. Formatting the values in before "
                "the call leaves them unescaped inside a string Django now treats as safe "
                "HTML: the same XSS as `mark_safe(f\"...\")`, hidden behind a safe-looking name.",
            .example = "from django.utils.html import format_html\n"
                       "\n"
                       "def link(url, title):\n"
                       "    return format_html(f'<a href=\"{url}\">{title}</a>')\n",
            .use_instead = "from django.utils.html import format_html\n"
                           "\n"
                           "def link(url, title):\n"
                           "    return format_html('<a href=\"{}\">{}</a>', url, title)\n",
            .references =
                "- [Django: `format_html`](https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html)\n"
                "- [Django 5.0 release notes: `format_html` without arguments is deprecated](https://docs.djangoproject.com/en/stable/releases/5.0/#features-deprecated-in-5-0)\n"
                "- [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)",
        },
};

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<std::string> callee = context.model().CalleeName(call);
  if (!callee || *callee != "django.utils.html.format_html") return;
  const python::ExprNode* format = sema::Argument(call, 0, "format_string");
  if (format == nullptr) return;
  if (rules::templates::IsBuiltFromUnescapedParts(context.model(), format)) {
    context.Report(format, "`format_html` is given an already formatted string: the values in it are not escaped");
    return;
  }
  // `format_html(text)` with nothing to substitute only marks `text` safe: the
  // misuse Django 5.0 deprecated. A constant or escaped text is harmless.
  bool substitutes = call->args.size() > 1 || !call->keywords.empty();
  if (substitutes || rules::templates::IsSafeHtml(context.model(), format)) return;
  ReportOptions options;
  options.confidence = Confidence::kMedium;
  context.Report(format, "`format_html` without arguments only marks its text safe, like `mark_safe`: the text is not escaped",
                 options);
}

}  // namespace

const Rule& FormatHtmlMisuse() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

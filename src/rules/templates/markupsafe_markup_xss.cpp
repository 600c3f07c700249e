// PY704 markupsafe-markup-xss (bandit B704, ruff S704).
#include "rules/rule.h"
#include "rules/templates/support.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY704",
    .name = "markupsafe-markup-xss",
    .summary = "`Markup` wraps text that may contain unescaped input",
    .fix_hint = "build the markup from a constant template: `Markup(\"<b>{}</b>\").format(value)` escapes `value`",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {79},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kXss,
    .aliases = {"bandit:B704", "ruff:S704"},
    .docs =
        {
            .what_it_does =
                "Finds `markupsafe.Markup(...)` (also re-exported as `flask.Markup` and "
                "`jinja2.Markup`) called with anything but a constant string: a string "
                "concatenated or formatted with non-constant pieces (high confidence), or a "
                "variable or call whose content is unknown (medium confidence). Escaped "
                "pieces (`escape(...)`) are safe. Building on a `Markup` object instead "
                "(`Markup(\"<b>\") + name`, `Markup(\"<b>{}</b>\").format(name)`, "
                "`Markup(\"%s\") % name`) escapes the other operand and is not reported; "
                "concatenating before wrapping (`Markup(\"<b>\" + name)`) is. `Markup(text).striptags()` "
                "and `.unescape()` return plain text and are not reported.\n\n"
                "Differences from Bandit: Bandit reports only calls whose argument is not a "
                "literal, but does not follow names or see that formatted pieces were "
                "escaped; rampart accepts strings built only from constants and escaped "
                "pieces, and constants bound to names.",
            .why_bad =
                "`Markup` declares its text safe HTML: Jinja2 and Flask then write it into "
                "the page without escaping. Any user-controlled piece inside it can add "
                "markup and scripts (XSS).",
            .example = "from markupsafe import Markup\n"
                       "\n"
                       "def badge(username):\n"
                       "    return Markup(\"<span class=badge>\" + username + \"</span>\")\n",
            .use_instead = "from markupsafe import Markup\n"
                           "\n"
                           "def badge(username):\n"
                           "    return Markup(\"<span class=badge>{}</span>\").format(username)\n",
            .references =
                "- [MarkupSafe: `Markup`](https://markupsafe.palletsprojects.com/en/stable/escaping/#markupsafe.Markup)\n"
                "- [Bandit B704](https://bandit.readthedocs.io/en/latest/plugins/b704_markupsafe_markup_xss.html)\n"
                "- [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)",
        },
};

bool IsMarkup(std::string_view qualified) {
  return qualified == "markupsafe.Markup" || qualified == "flask.Markup" || qualified == "jinja2.Markup" ||
         qualified == "jinja2.utils.Markup";
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<std::string> callee = context.model().CalleeName(call);
  if (!callee || !IsMarkup(*callee)) return;
  // `Markup(text).striptags()` / `.unescape()` return a plain `str`: the idiom
  // turns HTML into text and marks nothing as safe.
  const python::Node* parent = context.model().Parent(call);
  const auto* use = parent == nullptr ? nullptr : parent->As<python::Attribute>();
  if (use != nullptr && (use->attr->text == "striptags" || use->attr->text == "unescape")) return;
  const python::ExprNode* argument = sema::Argument(call, 0, "base");
  std::optional<Confidence> confidence = rules::templates::UnsafeHtmlConfidence(context.model(), argument);
  if (!confidence) return;
  ReportOptions options;
  options.confidence = *confidence;
  context.Report(argument, *confidence == Confidence::kHigh
                               ? "`Markup` wraps a string built from unescaped values"
                               : "`Markup` wraps a value that is not a constant; it may carry unescaped input",
                 options);
}

}  // namespace

const Rule& MarkupsafeMarkupXss() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

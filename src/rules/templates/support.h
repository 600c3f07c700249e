// Shared helpers for the template / XSS rules (src/rules/templates/): which
// calls produce HTML-escaped text, and whether an expression handed to an API
// that marks text as safe HTML can carry unescaped input.
//
// What callers may rely on: pure functions of (model, expression); never
// throw; every name goes through the semantic model; bounded (string shapes
// are the model's, capped by it).
#pragma once

#include <optional>
#include <string_view>

#include "base/finding.h"

#include "python/ast.h"
#include "sema/model.h"

namespace rampart::rules::templates {

// True when `qualified` is a function whose result is escaped (or safely
// built) HTML: `html.escape`, `markupsafe.escape`, `django.utils.html.escape`,
// `conditional_escape`, `format_html`, `format_html_join`, `json_script`,
// `bleach.clean`, template renderers (`django.template.loader.render_to_string`,
// `flask.render_template`) ...
bool IsEscapingFunction(std::string_view qualified);

// True when `expr` is a call to an escaping function (see above).
bool IsEscapingCall(const sema::ModuleModel& model, const python::ExprNode* expr);

// True when `expr` cannot carry unescaped input into HTML: a constant string,
// an escaping call, or a string built (by `+`, `%`, `.format`, f-strings, names
// bound to those) only from constants and escaping calls.
bool IsSafeHtml(const sema::ModuleModel& model, const python::ExprNode* expr);

// True when `expr` is a string built at run time from pieces one of which is
// not a constant and not escaped: an f-string with a placeholder, `+`
// concatenation, `%` formatting or `.format(...)` (following names bound to
// such expressions). Plain variables and parameters are not "built" here.
bool IsBuiltFromUnescapedParts(const sema::ModuleModel& model, const python::ExprNode* expr);

// True for a gettext-family call on a constant (`_("<b>Welcome</b>")`,
// `gettext_lazy(...)`): the text comes from the project's own catalogues.
bool IsTranslatedConstant(const sema::ModuleModel& model, const python::ExprNode* expr);

// The shared judgement of the "marks text as safe HTML" rules (mark_safe,
// Markup, SafeString): nullopt when `argument` is safe; otherwise the
// confidence to report with (high when the text is visibly built from
// unescaped pieces, medium when it is an opaque variable or call).
std::optional<Confidence> UnsafeHtmlConfidence(const sema::ModuleModel& model, const python::ExprNode* argument);

}  // namespace rampart::rules::templates

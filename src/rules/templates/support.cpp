#include "rules/templates/support.h"

#include <array>

namespace rampart::rules::templates {

bool IsEscapingFunction(std::string_view qualified) {
  // Template renderers count as escaping: their output went through the
  // engine's autoescaping (whether that is on is PY701's question).
  static constexpr std::array<std::string_view, 19> kEscaping = {
      "html.escape",
      "markupsafe.escape",
      "markupsafe.escape_silent",
      "markupsafe.Markup.escape",
      "jinja2.escape",
      "flask.escape",
      "cgi.escape",
      "django.utils.html.escape",
      "django.utils.html.conditional_escape",
      "django.utils.html.format_html",
      "django.utils.html.format_html_join",
      "django.utils.html.json_script",
      "django.utils.html.escapejs",
      "django.template.loader.render_to_string",
      "django.shortcuts.render_to_string",
      "flask.render_template",
      "flask.templating.render_template",
      "bleach.clean",
      "nh3.clean",
  };
  for (std::string_view name : kEscaping) {
    if (qualified == name) return true;
  }
  return false;
}

bool IsEscapingCall(const sema::ModuleModel& model, const python::ExprNode* expr) {
  const auto* call = expr == nullptr ? nullptr : expr->As<python::Call>();
  if (call == nullptr) return false;
  std::optional<std::string> callee = model.CalleeName(call);
  return callee && IsEscapingFunction(*callee);
}

namespace {

// A dynamic part is harmless when it is escaped, or a number (`len(items)`,
// an int constant folded elsewhere is already constant).
bool IsHarmlessPart(const sema::ModuleModel& model, const python::ExprNode* part) {
  if (IsEscapingCall(model, part)) return true;
  if (const auto* call = part->As<python::Call>()) {
    std::optional<std::string> callee = model.CalleeName(call);
    if (callee && (*callee == "builtins.len" || *callee == "builtins.int")) return true;
  }
  return false;
}

}  // namespace

bool IsSafeHtml(const sema::ModuleModel& model, const python::ExprNode* expr) {
  if (expr == nullptr) return true;
  if (model.IsConstantString(expr)) return true;
  if (IsEscapingCall(model, expr)) return true;
  sema::StringShape shape = model.StringParts(expr);
  if (!shape.is_string) return false;
  for (const sema::StringPart& part : shape.parts) {
    if (!part.constant() && !IsHarmlessPart(model, part.expr)) return false;
  }
  return true;
}

bool IsBuiltFromUnescapedParts(const sema::ModuleModel& model, const python::ExprNode* expr) {
  if (expr == nullptr) return false;
  sema::StringShape shape = model.StringParts(expr);
  if (!shape.is_string || !shape.has_dynamic || shape.parts.size() < 2) return false;
  for (const sema::StringPart& part : shape.parts) {
    if (!part.constant() && !IsHarmlessPart(model, part.expr)) return true;
  }
  return false;
}

bool IsTranslatedConstant(const sema::ModuleModel& model, const python::ExprNode* expr) {
  const auto* call = expr == nullptr ? nullptr : expr->As<python::Call>();
  if (call == nullptr || call->args.empty()) return false;
  std::optional<std::string> callee = model.CalleeName(call);
  if (!callee || !callee->starts_with("django.utils.translation.")) return false;
  for (const python::ExprNode* argument : call->args) {
    if (!model.IsConstantString(argument)) return false;
  }
  return true;
}

std::optional<Confidence> UnsafeHtmlConfidence(const sema::ModuleModel& model, const python::ExprNode* argument) {
  if (argument == nullptr) return std::nullopt;  // `mark_safe()` / `Markup()`: empty
  if (IsSafeHtml(model, argument) || IsTranslatedConstant(model, argument)) return std::nullopt;
  // Wrapping what is already safe markup adds nothing.
  if (std::optional<std::string> type = model.InstanceType(argument)) {
    if (*type == "markupsafe.Markup" || type->starts_with("django.utils.safestring.")) return std::nullopt;
  }
  if (IsBuiltFromUnescapedParts(model, argument)) return Confidence::kHigh;
  return Confidence::kMedium;
}

}  // namespace rampart::rules::templates

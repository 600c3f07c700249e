// WEB160 form-without-csrf-token: a state-changing form carries no anti-CSRF
// token.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  std::vector<FormTarget> forms = StateChangingForms(context);
  if (!forms.empty()) context.MarkAssessed(Area::kForms);
  for (const FormTarget& target : forms) {
    if (target.form.CsrfField() != nullptr) continue;
    std::string fields;
    for (const FormField& field : target.form.fields) fields += (fields.empty() ? "" : ", ") + field.name;
    context.Report(info, target.page,
                   "`" + target.form.method + "` form to `" + target.action.Path() + "` has no anti-csrf token",
                   "GET " + target.page.ToString() + "\n<form method=\"" + target.form.method + "\" action=\"" +
                       target.form.action + "\"> fields: " + fields);
  }
}

}  // namespace

const LiveRule& Web160FormWithoutCsrfToken() {
  static const RuleInfo info{
      .code = "WEB160",
      .name = "form-without-csrf-token",
      .summary = "state-changing forms carry no anti-CSRF token",
      .fix_hint = "use the framework's CSRF protection (`{% csrf_token %}`, Flask-WTF `CSRFProtect`)",
      .severity = Severity::kMedium,
      .confidence = Confidence::kMedium,
      .cwe = {352},
      .owasp = "A01:2021-Broken Access Control",
      .practice = Practice::kFrameworkSecurity,
      .aliases = {"zap:10202"},
      .docs = {
          .what_it_does = "Crawls same-origin pages (default depth 2) and reports POST/PUT/DELETE forms "
                          "without a token field (`csrfmiddlewaretoken`, `csrf_token`, "
                          "`authenticity_token`, or a hidden field named like one).",
          .why_bad = "Without a token, any site the user visits can submit the form with the user's "
                     "cookies: change their e-mail, transfer money, post as them.",
          .example = "<form method=\"post\" action=\"/transfer\">\n  <input name=\"amount\">\n</form>",
          .use_instead = "<form method=\"post\" action=\"/transfer\">\n  {% csrf_token %}\n  <input name=\"amount\">\n</form>",
          .references = "- [OWASP CSRF prevention cheat sheet](https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html)\n"
                        "- [Django CSRF protection](https://docs.djangoproject.com/en/stable/ref/csrf/)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

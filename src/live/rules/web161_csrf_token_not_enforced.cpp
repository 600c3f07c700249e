// WEB161 csrf-token-not-enforced: a form has a token field, but the server
// accepts the POST without it.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

constexpr size_t kMaxForms = 3;

// Phrases frameworks use when they reject a request for its CSRF token.
bool MentionsCsrfFailure(std::string_view body) {
  static constexpr std::string_view kPhrases[] = {
      "csrf token is missing", "csrf token missing",  "csrf verification failed", "csrf token is invalid",
      "invalid csrf",          "csrf validation failed", "csrf session token is missing",
      "csrf tokens do not match", "invalidauthenticitytoken", "csrf token mismatch"};
  std::string lower = ToLower(body.substr(0, 65536));
  for (std::string_view phrase : kPhrases) {
    if (lower.find(phrase) != std::string::npos) return true;
  }
  return false;
}

bool Dangerous(const Url& action) {
  // A replay really submits the form: never one that deletes or ends things.
  std::string path = ToLower(action.Path());
  return path.find("delete") != std::string::npos || path.find("remove") != std::string::npos ||
         path.find("logout") != std::string::npos || path.find("destroy") != std::string::npos;
}

void Check(ScanContext& context, const RuleInfo& info) {
  size_t tried = 0;
  for (const FormTarget& target : StateChangingForms(context)) {
    const FormField* token = target.form.CsrfField();
    if (token == nullptr || Dangerous(target.action) || tried >= kMaxForms) continue;
    ++tried;
    HttpRequest request;
    request.method = target.form.method;
    request.url = target.action;
    request.body = FormBody(target.form, {}, token->name);
    request.headers.emplace_back("Referer", target.page.ToString());
    HttpResponse response = context.Fetch(request);
    if (!response.ok()) continue;
    // Only a success or a redirect counts as accepted. 4xx/5xx mean rejected
    // or inconclusive (a 429 from a limiter the login burst of an earlier scan
    // tripped says nothing about the token).
    bool accepted = response.status >= 200 && response.status < 400 && !MentionsCsrfFailure(response.body);
    if (!accepted) continue;
    context.Report(info, target.action,
                   "`" + request.method + " " + target.action.Path() + "` is accepted without its `" + token->name +
                       "` token",
                   Evidence(response, "body: " + request.body + " (token field omitted)"));
  }
}

}  // namespace

const LiveRule& Web161CsrfTokenNotEnforced() {
  static const RuleInfo info{
      .code = "WEB161",
      .name = "csrf-token-not-enforced",
      .summary = "forms carry a CSRF token but the server accepts requests without it",
      .fix_hint = "validate the token on every state-changing request (Flask-WTF `CSRFProtect(app)`, Django's `CsrfViewMiddleware`)",
      .severity = Severity::kHigh,
      .confidence = Confidence::kMedium,
      .cwe = {352},
      .owasp = "A01:2021-Broken Access Control",
      .practice = Practice::kFrameworkSecurity,
      .aliases = {},
      .docs = {
          .what_it_does = "Active check: replays up to three token-carrying forms with the token field "
                          "left out and reports those the server accepts (a 2xx or 3xx answer without "
                          "CSRF error text). Forms whose action deletes or logs out are skipped.",
          .why_bad = "A token nobody checks is decoration: the forged cross-site request simply "
                     "leaves it out.",
          .example = "@app.post(\"/profile\")\ndef profile():\n    save(request.form)  # csrf_token rendered, never checked",
          .use_instead = "from flask_wtf import CSRFProtect\nCSRFProtect(app)",
          .references = "- [Flask-WTF CSRF protection](https://flask-wtf.readthedocs.io/en/latest/csrf/)",
      }};
  static const LiveRule rule{info, Phase::kActive, Check};
  return rule;
}

}  // namespace rampart::live

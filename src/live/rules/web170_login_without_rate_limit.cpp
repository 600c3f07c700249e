// WEB170 login-without-rate-limit: a burst of failed logins meets no 429,
// lockout or slowdown.
#include <algorithm>
#include <numeric>

#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

bool MentionsThrottling(std::string_view body) {
  static constexpr std::string_view kPhrases[] = {"too many", "rate limit", "try again later", "locked",
                                                  "temporarily blocked", "slow down"};
  std::string lower = ToLower(body.substr(0, 65536));
  for (std::string_view phrase : kPhrases) {
    if (lower.find(phrase) != std::string::npos) return true;
  }
  return false;
}

bool IsUserField(const FormField& field) {
  std::string name = ToLower(field.name);
  return field.type == "email" || name.find("user") != std::string::npos || name.find("login") != std::string::npos ||
         name.find("email") != std::string::npos;
}

// The form to attack: --login-path's form (or a bare POST there), else the
// first crawled form with a password field.
std::optional<FormTarget> LoginTarget(ScanContext& context) {
  const std::string& login_path = context.options().login_path;
  if (!login_path.empty()) {
    std::optional<Url> url = ResolveUrl(context.home().url, login_path);
    if (!url || !context.InScope(*url)) return std::nullopt;
    HttpResponse page = context.Get(*url);
    if (page.ok() && page.IsHtml()) {
      for (const Form& form : ParseHtml(page.body).forms) {
        if (!form.HasPasswordField()) continue;
        std::optional<Url> action = form.action.empty() ? url : ResolveUrl(*url, form.action);
        if (action && context.InScope(*action)) return FormTarget{*url, *action, form};
      }
    }
    Form bare;
    bare.method = "POST";
    bare.fields = {{"username", "text", ""}, {"password", "password", ""}};
    return FormTarget{*url, *url, bare};
  }
  for (const FormTarget& target : StateChangingForms(context)) {
    if (target.form.HasPasswordField()) return target;
  }
  return std::nullopt;
}

double Mean(const std::vector<double>& values, size_t from, size_t count) {
  double sum = 0;
  for (size_t i = from; i < from + count; ++i) sum += values[i];
  return sum / static_cast<double>(count);
}

void Check(ScanContext& context, const RuleInfo& info) {
  std::optional<FormTarget> target = LoginTarget(context);
  int attempts = std::max(1, context.options().login_attempts);
  if (!target) return;
  std::vector<int> statuses;
  std::vector<double> seconds;
  for (int i = 0; i < attempts; ++i) {
    std::vector<std::pair<std::string, std::string>> overrides;
    for (const FormField& field : target->form.fields) {
      if (field.type == "password") {
        overrides.emplace_back(field.name, "rampart-wrong-" + RandomToken(8));
      } else if (IsUserField(field)) {
        overrides.emplace_back(field.name, "rampart-probe@rampart.invalid");
      }
    }
    HttpRequest request;
    request.method = "POST";
    request.url = target->action;
    request.body = FormBody(target->form, overrides);
    request.headers.emplace_back("Referer", target->page.ToString());
    HttpResponse response = context.Fetch(request);
    if (!response.ok()) {
      if (response.error == HttpErrorKind::kTimeout) return;  // slowed to a stop: throttled
      context.Note("login burst on `" + target->action.Path() + "` stopped after " + std::to_string(i) +
                   " attempts: " + response.error_message);
      return;
    }
    // Defended: an explicit limit, a lockout status, throttling text, a
    // Retry-After hint.
    if (response.status == 429 || response.status == 423 || response.Header("retry-after") ||
        (i > 0 && response.status != statuses.front() && (response.status == 403 || response.status == 503)) ||
        (i > 0 && MentionsThrottling(response.body))) {
      context.MarkAssessed(Area::kRateLimiting);
      return;
    }
    statuses.push_back(response.status);
    seconds.push_back(response.seconds);
  }
  // Every attempt refused outright (a CSRF check the probe could not satisfy,
  // say): the login logic was never reached, so nothing can be concluded.
  if (std::all_of(statuses.begin(), statuses.end(), [](int s) { return s == 400 || s == 401 || s == 403; }) &&
      statuses.front() != 401) {
    context.Note("login burst on `" + target->action.Path() + "` inconclusive: every attempt was rejected with " +
                 std::to_string(statuses.front()));
    return;
  }
  context.MarkAssessed(Area::kRateLimiting);
  // Slowdown: the last attempts take clearly longer than the first ones.
  size_t window = std::min<size_t>(5, seconds.size() / 2);
  if (window > 0) {
    double first = Mean(seconds, 0, window);
    double last = Mean(seconds, seconds.size() - window, window);
    if (last > 3 * first && last - first > 0.3) return;
  }
  double total = std::accumulate(seconds.begin(), seconds.end(), 0.0);
  char total_text[32];
  std::snprintf(total_text, sizeof(total_text), "%.2f", total);
  context.Report(info, target->action,
                 std::to_string(attempts) + " failed logins to `" + target->action.Path() + "` in " + total_text +
                     "s met no 429, lockout or slowdown",
                 "POST " + target->action.ToString() + " x" + std::to_string(attempts) + " -> every answer " +
                     std::to_string(statuses.back()) + ", no `Retry-After`");
}

}  // namespace

const LiveRule& Web170LoginWithoutRateLimit() {
  static const RuleInfo info{
      .code = "WEB170",
      .name = "login-without-rate-limit",
      .summary = "repeated failed logins are neither limited, locked out nor slowed down",
      .fix_hint = "limit login attempts per account and per IP (Flask-Limiter, django-axes), answer 429",
      .severity = Severity::kMedium,
      .confidence = Confidence::kMedium,
      .cwe = {307},
      .owasp = "A07:2021-Identification and Authentication Failures",
      .practice = Practice::kRateLimiting,
      .aliases = {},
      .docs = {
          .what_it_does = "Active check: sends a bounded burst (`--login-attempts`, default 20) of wrong "
                          "passwords for a made-up user to `--login-path` or the first login form the "
                          "crawl found. A 429/423, a `Retry-After`, a later 403/503, throttling text or "
                          "a threefold slowdown counts as a defence; none of them is a finding.",
          .why_bad = "Without a limit, passwords can be guessed or credential-stuffed at the speed "
                     "of the server.",
          .example = "@app.post(\"/login\")\ndef login():\n    ...",
          .use_instead = "limiter = Limiter(get_remote_address, app=app)\n\n@app.post(\"/login\")\n"
                         "@limiter.limit(\"5 per minute\")\ndef login():\n    ...",
          .references = "- [OWASP authentication cheat sheet: login throttling](https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#login-throttling)\n"
                        "- [CWE-307](https://cwe.mitre.org/data/definitions/307.html)",
      }};
  static const LiveRule rule{info, Phase::kActive, Check};
  return rule;
}

}  // namespace rampart::live

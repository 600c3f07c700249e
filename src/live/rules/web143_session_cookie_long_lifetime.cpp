// WEB143 session-cookie-long-lifetime: a session cookie that lives more than
// 30 days.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

constexpr long long kMaxLifetime = 30LL * 86400;

void Check(ScanContext& context, const RuleInfo& info) {
  for (const IssuedCookie& issued : IssuedCookies(context)) {
    if (issued.role != CookieRole::kSession) continue;
    std::optional<long long> lifetime = issued.cookie.Lifetime();
    if (!lifetime || *lifetime <= kMaxLifetime) continue;
    context.Report(info, issued.url,
                   "session cookie `" + issued.cookie.name + "` lives " + std::to_string(*lifetime / 86400) +
                       " days (more than 30)",
                   Evidence(*issued.response, CookieProof(issued)));
  }
}

}  // namespace

const LiveRule& Web143SessionCookieLongLifetime() {
  static const RuleInfo info{
      .code = "WEB143",
      .name = "session-cookie-long-lifetime",
      .summary = "session cookies stay valid for more than 30 days",
      .fix_hint = "shorten `SESSION_COOKIE_AGE` / `PERMANENT_SESSION_LIFETIME` (hours to days)",
      .severity = Severity::kLow,
      .confidence = Confidence::kMedium,
      .cwe = {613},
      .owasp = "A07:2021-Identification and Authentication Failures",
      .practice = Practice::kSessions,
      .aliases = {},
      .docs = {
          .what_it_does = "Reads `Max-Age` (or `Expires`) of session cookies and reports lifetimes over 30 days.",
          .why_bad = "A stolen session stays usable for as long as the cookie lives; long lifetimes "
                     "also keep sessions alive on shared and lost devices.",
          .example = "Set-Cookie: session=...; Max-Age=31536000",
          .use_instead = "Set-Cookie: session=...; Max-Age=86400\n\n# Flask\n"
                         "PERMANENT_SESSION_LIFETIME = timedelta(hours=12)",
          .references = "- [OWASP session management cheat sheet](https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#session-expiration)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

// WEB141 cookie-without-httponly: a session cookie readable from JavaScript.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  for (const IssuedCookie& issued : IssuedCookies(context)) {
    // CSRF cookies are exempt: double-submit schemes need JavaScript to read
    // them, and they are useless without the matching session.
    if (issued.role != CookieRole::kSession || issued.cookie.http_only) continue;
    context.Report(info, issued.url, "session cookie `" + issued.cookie.name + "` lacks the `HttpOnly` attribute",
                   Evidence(*issued.response, CookieProof(issued)));
  }
}

}  // namespace

const LiveRule& Web141CookieWithoutHttponly() {
  static const RuleInfo info{
      .code = "WEB141",
      .name = "cookie-without-httponly",
      .summary = "session cookies are readable by JavaScript (no HttpOnly)",
      .fix_hint = "set `SESSION_COOKIE_HTTPONLY = True`",
      .severity = Severity::kMedium,
      .confidence = Confidence::kHigh,
      .cwe = {1004},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kSessions,
      .aliases = {"zap:10010"},
      .docs = {
          .what_it_does = "Reports session cookies set without `HttpOnly`.",
          .why_bad = "Any XSS can then read `document.cookie` and send the session to the attacker, "
                     "who keeps it after the user closes the page.",
          .example = "Set-Cookie: session=eyJ1c2VyIjo...; Path=/",
          .use_instead = "Set-Cookie: session=eyJ1c2VyIjo...; Secure; HttpOnly; SameSite=Lax; Path=/",
          .references = "- [OWASP: HttpOnly](https://owasp.org/www-community/HttpOnly)\n"
                        "- [CWE-1004](https://cwe.mitre.org/data/definitions/1004.html)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

// WEB140 cookie-without-secure: a session or CSRF cookie without `Secure`.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  for (const IssuedCookie& issued : IssuedCookies(context)) {
    if (issued.role == CookieRole::kOther || issued.cookie.secure) continue;
    std::string kind = issued.role == CookieRole::kSession ? "session" : "csrf";
    context.Report(info, issued.url, kind + " cookie `" + issued.cookie.name + "` lacks the `Secure` attribute",
                   Evidence(*issued.response, CookieProof(issued)));
  }
}

}  // namespace

const LiveRule& Web140CookieWithoutSecure() {
  static const RuleInfo info{
      .code = "WEB140",
      .name = "cookie-without-secure",
      .summary = "session or CSRF cookies are sent without the Secure attribute",
      .fix_hint = "set `SESSION_COOKIE_SECURE = True` (and `CSRF_COOKIE_SECURE` in Django)",
      .severity = Severity::kMedium,
      .confidence = Confidence::kHigh,
      .cwe = {614},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kSessions,
      .aliases = {"zap:10011"},
      .docs = {
          .what_it_does = "Reports session cookies (Django `sessionid`, Flask/Starlette `session`, "
                          "`remember_token` ...) and CSRF cookies (`csrftoken`, `csrf_token` ...) "
                          "set without `Secure`.",
          .why_bad = "The browser then also sends the cookie over plain HTTP, where anyone on the "
                     "network can copy it and take over the session.",
          .example = "Set-Cookie: sessionid=abc123; HttpOnly; Path=/",
          .use_instead = "Set-Cookie: sessionid=abc123; Secure; HttpOnly; SameSite=Lax; Path=/\n\n"
                         "# Flask\nSESSION_COOKIE_SECURE = True",
          .references = "- [MDN: Set-Cookie Secure](https://developer.mozilla.org/docs/Web/HTTP/Headers/Set-Cookie#secure)\n"
                        "- [CWE-614](https://cwe.mitre.org/data/definitions/614.html)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

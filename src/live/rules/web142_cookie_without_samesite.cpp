// WEB142 cookie-without-samesite: a session or CSRF cookie without SameSite
// (or with SameSite=None).
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  for (const IssuedCookie& issued : IssuedCookies(context)) {
    if (issued.role == CookieRole::kOther) continue;
    const std::optional<std::string>& same_site = issued.cookie.same_site;
    if (same_site && (EqualsIgnoreCase(*same_site, "lax") || EqualsIgnoreCase(*same_site, "strict"))) continue;
    std::string kind = issued.role == CookieRole::kSession ? "session" : "csrf";
    context.Report(info, issued.url,
                   same_site ? kind + " cookie `" + issued.cookie.name + "` has `SameSite=" + *same_site + "`"
                             : kind + " cookie `" + issued.cookie.name + "` lacks the `SameSite` attribute",
                   Evidence(*issued.response, CookieProof(issued)));
  }
}

}  // namespace

const LiveRule& Web142CookieWithoutSamesite() {
  static const RuleInfo info{
      .code = "WEB142",
      .name = "cookie-without-samesite",
      .summary = "session or CSRF cookies lack SameSite=Lax/Strict",
      .fix_hint = "set `SESSION_COOKIE_SAMESITE = \"Lax\"`",
      .severity = Severity::kLow,
      .confidence = Confidence::kHigh,
      .cwe = {1275},
      .owasp = "A01:2021-Broken Access Control",
      .practice = Practice::kSessions,
      .aliases = {"zap:10054"},
      .docs = {
          .what_it_does = "Reports session and CSRF cookies whose `SameSite` is missing or `None`.",
          .why_bad = "`SameSite=Lax` stops the browser from attaching the session to cross-site "
                     "POSTs, a second line of defence against CSRF. Browsers that do not default "
                     "to Lax, and every `SameSite=None` cookie, lose it.",
          .example = "Set-Cookie: sessionid=abc123; Secure; HttpOnly",
          .use_instead = "Set-Cookie: sessionid=abc123; Secure; HttpOnly; SameSite=Lax",
          .references = "- [MDN: SameSite cookies](https://developer.mozilla.org/docs/Web/HTTP/Headers/Set-Cookie#samesitesamesite-value)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

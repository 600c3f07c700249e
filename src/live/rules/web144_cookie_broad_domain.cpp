// WEB144 cookie-broad-domain: a session or CSRF cookie scoped to a whole
// domain with the Domain attribute.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  for (const IssuedCookie& issued : IssuedCookies(context)) {
    if (issued.role == CookieRole::kOther || !issued.cookie.domain) continue;
    std::string kind = issued.role == CookieRole::kSession ? "session" : "csrf";
    context.Report(info, issued.url,
                   kind + " cookie `" + issued.cookie.name + "` is sent to every subdomain of `" +
                       *issued.cookie.domain + "`",
                   Evidence(*issued.response, CookieProof(issued)));
  }
}

}  // namespace

const LiveRule& Web144CookieBroadDomain() {
  static const RuleInfo info{
      .code = "WEB144",
      .name = "cookie-broad-domain",
      .summary = "session or CSRF cookies are scoped to a whole domain (Domain attribute)",
      .fix_hint = "leave `SESSION_COOKIE_DOMAIN` unset so the cookie is host-only",
      .severity = Severity::kLow,
      .confidence = Confidence::kMedium,
      .cwe = {1275},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kSessions,
      .aliases = {},
      .docs = {
          .what_it_does = "Reports session and CSRF cookies that carry a `Domain` attribute.",
          .why_bad = "A `Domain` cookie goes to every subdomain, so one vulnerable or hostile "
                     "subdomain (a forgotten staging host, user content) can read or overwrite "
                     "the session. A cookie without `Domain` is host-only.",
          .example = "Set-Cookie: sessionid=abc; Domain=example.com; Secure; HttpOnly",
          .use_instead = "Set-Cookie: __Host-sessionid=abc; Path=/; Secure; HttpOnly; SameSite=Lax",
          .references = "- [MDN: cookie prefixes](https://developer.mozilla.org/docs/Web/HTTP/Headers/Set-Cookie#cookie_prefixes)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

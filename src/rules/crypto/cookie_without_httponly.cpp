// PY956 set-cookie-without-httponly (no Bandit equivalent).
#include "rules/crypto/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY956",
    .name = "set-cookie-without-httponly",
    .summary = "a response cookie is set without `httponly=True`, so page scripts can read it",
    .fix_hint = "pass `httponly=True` to `set_cookie` unless the cookie must be read by JavaScript",
    .severity = Severity::kMedium,
    .confidence = Confidence::kMedium,
    .cwe = {1004},
    .owasp = "A05:2021-Security Misconfiguration",
    .practice = Practice::kSessions,
    .aliases = {},
    .docs =
        {
            .what_it_does =
                "Finds `response.set_cookie(...)` and Django's `set_signed_cookie(...)` calls "
                "(Flask/Werkzeug, Django, Starlette/FastAPI) whose `httponly` flag is missing "
                "or a false constant, positional or keyword. CSRF cookies (a constant name "
                "containing `csrf` or `xsrf`) are skipped: the double-submit pattern needs "
                "JavaScript to read them. A flag computed at run time is trusted; test "
                "clients and cookie jars are skipped.\n\n"
                "Bandit has no rule for cookie flags.",
            .why_bad =
                "Without HttpOnly any script running in the page can read the cookie through "
                "`document.cookie`; one XSS bug (or a compromised third-party script) then "
                "sends the session identifier to the attacker.",
            .example = "from django.http import HttpResponse\n"
                       "\n"
                       "def remember(request, token):\n"
                       "    response = HttpResponse(\"ok\")\n"
                       "    response.set_cookie(\"remember_me\", token, secure=True)\n"
                       "    return response\n",
            .use_instead = "from django.http import HttpResponse\n"
                           "\n"
                           "def remember(request, token):\n"
                           "    response = HttpResponse(\"ok\")\n"
                           "    response.set_cookie(\"remember_me\", token, secure=True, httponly=True, samesite=\"Lax\")\n"
                           "    return response\n",
            .references =
                "- [MDN: `Set-Cookie` HttpOnly](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#httponly)\n"
                "- [OWASP Session Management Cheat Sheet: cookies](https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#cookies)\n"
                "- [Django: `HttpResponse.set_cookie`](https://docs.djangoproject.com/en/stable/ref/request-response/#django.http.HttpResponse.set_cookie)\n"
                "- [CWE-1004: Sensitive Cookie Without 'HttpOnly' Flag](https://cwe.mitre.org/data/definitions/1004.html)",
        },
};

bool IsCsrfCookie(std::string_view key) {
  std::string lower;
  for (char c : key) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return lower.find("csrf") != std::string::npos || lower.find("xsrf") != std::string::npos;
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<rules::crypto::CookieCall> cookie = rules::crypto::AsResponseCookieCall(context.model(), call);
  if (!cookie) return;
  if (IsCsrfCookie(cookie->key)) return;  // read by JavaScript by design (double-submit)
  const python::ExprNode* httponly = rules::crypto::CookieFlag(*cookie, "httponly");
  if (httponly != nullptr) {
    std::optional<bool> truth = rules::crypto::ConstantTruth(context.model(), httponly);
    if (!truth || *truth) return;
  }
  SourceRange where = httponly != nullptr ? sema::RangeOf(httponly)
                                      : rules::crypto::AttributeNameRange(call->func->As<python::Attribute>());
  std::string name = cookie->key.empty() ? "cookie" : "cookie `" + cookie->key + "`";
  context.Report(where, name + " is set without `httponly=True` and can be read by scripts in the page");
}

}  // namespace

const Rule& CookieWithoutHttponly() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

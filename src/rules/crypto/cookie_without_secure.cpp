// PY955 set-cookie-without-secure (no Bandit equivalent).
#include "rules/crypto/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY955",
    .name = "set-cookie-without-secure",
    .summary = "a response cookie is set without `secure=True`, so it is also sent over plain HTTP",
    .fix_hint = "pass `secure=True` (and `httponly=True`, `samesite=\"Lax\"`) to `set_cookie`",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {614},
    .owasp = "A05:2021-Security Misconfiguration",
    .practice = Practice::kSessions,
    .aliases = {},
    .docs =
        {
            .what_it_does =
                "Finds `response.set_cookie(...)` and Django's `set_signed_cookie(...)` calls "
                "(Flask/Werkzeug, Django, Starlette/FastAPI share the signature) whose "
                "`secure` flag is missing or a false constant, positional or keyword. "
                "`samesite=\"None\"` without `secure=True` is reported with high severity: "
                "browsers reject such cookies outright. A `secure=` computed at run time "
                "(`secure=not app.debug`) is trusted. Test clients and cookie jars are not "
                "responses and are skipped.\n\n"
                "Bandit has no rule for cookie flags.",
            .why_bad =
                "Without the Secure attribute the browser also sends the cookie over plain "
                "HTTP, where anyone on the network (public Wi-Fi, a proxy) can read it and "
                "take over the session it identifies. One `http://` link or redirect is enough.",
            .example = "from flask import make_response\n"
                       "\n"
                       "def login_done(session_id):\n"
                       "    response = make_response(\"ok\")\n"
                       "    response.set_cookie(\"session_id\", session_id, httponly=True)\n"
                       "    return response\n",
            .use_instead = "from flask import make_response\n"
                           "\n"
                           "def login_done(session_id):\n"
                           "    response = make_response(\"ok\")\n"
                           "    response.set_cookie(\"session_id\", session_id, secure=True, httponly=True, samesite=\"Lax\")\n"
                           "    return response\n",
            .references =
                "- [MDN: `Set-Cookie` Secure](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#secure)\n"
                "- [OWASP Session Management Cheat Sheet: cookies](https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#cookies)\n"
                "- [Flask: `Response.set_cookie`](https://flask.palletsprojects.com/en/stable/api/#flask.Response.set_cookie)\n"
                "- [CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute](https://cwe.mitre.org/data/definitions/614.html)",
        },
};

bool IsSameSiteNone(const sema::ModuleModel& model, const python::ExprNode* samesite) {
  if (samesite == nullptr) return false;
  std::optional<std::string> text = model.ConstantString(samesite);
  if (!text) return false;
  std::string lower;
  for (char c : *text) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return lower == "none";
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<rules::crypto::CookieCall> cookie = rules::crypto::AsResponseCookieCall(context.model(), call);
  if (!cookie) return;
  const python::ExprNode* secure = rules::crypto::CookieFlag(*cookie, "secure");
  if (secure != nullptr) {
    std::optional<bool> truth = rules::crypto::ConstantTruth(context.model(), secure);
    if (!truth || *truth) return;  // `secure=True`, or decided at run time
  }
  SourceRange where = secure != nullptr ? sema::RangeOf(secure)
                                      : rules::crypto::AttributeNameRange(call->func->As<python::Attribute>());
  std::string name = cookie->key.empty() ? "cookie" : "cookie `" + cookie->key + "`";
  if (IsSameSiteNone(context.model(), rules::crypto::CookieFlag(*cookie, "samesite"))) {
    ReportOptions options;
    options.severity = Severity::kHigh;
    context.Report(where, name + " has `samesite=\"None\"` without `secure=True`: browsers reject it, and it would travel over plain HTTP",
                   options);
    return;
  }
  context.Report(where, name + " is set without `secure=True` and is also sent over plain HTTP");
}

}  // namespace

const Rule& CookieWithoutSecure() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

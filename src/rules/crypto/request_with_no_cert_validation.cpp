// PY501 request-with-no-cert-validation (bandit B501, ruff S501).
#include "rules/crypto/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY501",
    .name = "request-with-no-cert-validation",
    .summary = "an HTTP client call turns off TLS certificate validation (`verify=False`)",
    .fix_hint = "drop `verify=False`; for a private CA pass `verify=\"/path/to/ca-bundle.pem\"`",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {295},
    .owasp = "A02:2021-Cryptographic Failures",
    .practice = Practice::kHttps,
    .aliases = {"bandit:B501", "ruff:S501"},
    .docs =
        {
            .what_it_does =
                "Finds `requests` and `httpx` calls made with `verify=False` (module functions "
                "such as `requests.get`, session and client methods, `httpx.Client(...)`), "
                "`requests` sessions whose `verify` attribute is set to `False`, aiohttp calls "
                "with `ssl=False` / `verify_ssl=False` (`aiohttp.TCPConnector`, "
                "`aiohttp.request`, `ClientSession` methods) and urllib3 pools created with "
                "`cert_reqs=\"CERT_NONE\"`.\n\n"
                "Differences from Bandit: Bandit only looks at the `verify=` keyword of "
                "`requests`/`httpx` calls; rampart also reports `session.verify = False` on a "
                "`requests.Session`, aiohttp and urllib3, and stays quiet when `verify=` is not "
                "a constant (a setting read at run time).",
            .why_bad =
                "Without certificate validation any machine on the network path can present "
                "its own certificate, read the traffic (API keys, user data) and change the "
                "responses. TLS then only protects against passive eavesdroppers.",
            .example = "import requests\n"
                       "\n"
                       "def fetch(url):\n"
                       "    return requests.get(url, verify=False, timeout=10)\n",
            .use_instead = "import requests\n"
                           "\n"
                           "def fetch(url):\n"
                           "    return requests.get(url, verify=\"/etc/ssl/certs/internal-ca.pem\", timeout=10)\n",
            .references =
                "- [Requests: SSL certificate verification](https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification)\n"
                "- [HTTPX: SSL](https://www.python-httpx.org/advanced/ssl/)\n"
                "- [Bandit B501](https://bandit.readthedocs.io/en/latest/plugins/b501_request_with_no_cert_validation.html)\n"
                "- [CWE-295: Improper Certificate Validation](https://cwe.mitre.org/data/definitions/295.html)",
        },
};

bool IsHttpClientName(std::string_view qualified) {
  return qualified.starts_with("requests.") || qualified.starts_with("httpx.");
}

// `s = requests.session()` (the lowercase factory) is not a class call, so the
// model gives it no instance type; it returns a `requests.Session` all the same.
bool IsRequestsSession(const sema::ModuleModel& model, const python::ExprNode* expr) {
  std::optional<std::string> type = model.InstanceType(expr);
  if (type && (*type == "requests.Session" || *type == "requests.sessions.Session")) return true;
  const auto* factory = rules::crypto::AssignedValue(model, expr)->As<python::Call>();
  if (factory == nullptr) return false;
  std::optional<std::string> callee = model.CalleeName(factory);
  return callee && (*callee == "requests.session" || *callee == "requests.sessions.session");
}

// aiohttp spells it `ssl=False` (or the older `verify_ssl=False`) on requests,
// sessions and `TCPConnector`.
void CheckAiohttp(const python::Call* call, const std::string& callee, RuleContext& context) {
  for (std::string_view name : {"ssl", "verify_ssl"}) {
    const python::Keyword* keyword = sema::FindKeyword(call, name);
    if (keyword == nullptr) continue;
    std::optional<sema::Value> value = context.model().ConstantValue(keyword->value);
    // `ssl=` also takes an SSLContext or a fingerprint; only the constant False
    // (not None, which means "default checks") turns validation off.
    if (!value || value->kind != sema::Value::Kind::kBool || value->bool_value) continue;
    context.Report(keyword, "`" + callee + "` is called with `" + std::string(name) +
                                "=False`: the server's TLS certificate is not checked");
    return;
  }
}

// urllib3 pools: `cert_reqs="CERT_NONE"` or `cert_reqs=ssl.CERT_NONE`.
void CheckUrllib3(const python::Call* call, const std::string& callee, RuleContext& context) {
  const python::Keyword* cert_reqs = sema::FindKeyword(call, "cert_reqs");
  if (cert_reqs == nullptr) return;
  std::optional<std::string> text = context.model().ConstantString(cert_reqs->value);
  std::optional<std::string> name = context.model().QualifiedName(cert_reqs->value);
  bool none = (text && *text == "CERT_NONE") || (name && *name == "ssl.CERT_NONE");
  if (!none) return;
  context.Report(cert_reqs, "`" + callee + "` is created with `cert_reqs=CERT_NONE`: server certificates are not checked");
}

void CheckCall(const python::Call* call, RuleContext& context) {
  if (call->keywords.empty()) return;  // every form checked here is a keyword
  std::optional<std::string> callee = context.model().CalleeName(call);
  if (!callee) return;
  if (callee->starts_with("aiohttp.")) return CheckAiohttp(call, *callee, context);
  if (callee->starts_with("urllib3.")) return CheckUrllib3(call, *callee, context);
  const python::Keyword* verify = sema::FindKeyword(call, "verify");
  if (verify == nullptr || !IsHttpClientName(*callee)) return;
  std::optional<bool> truth = rules::crypto::ConstantTruth(context.model(), verify->value);
  if (!truth || *truth) return;  // a CA bundle path, `True`, or a run-time setting
  context.Report(verify, "`" + *callee + "` is called with `verify=False`: the server's TLS certificate is not checked");
}

void CheckAssign(const python::Assign* assign, RuleContext& context) {
  for (const python::ExprNode* target : assign->targets) {
    const auto* attribute = target->As<python::Attribute>();
    if (attribute == nullptr || attribute->attr->text != "verify") continue;
    if (!IsRequestsSession(context.model(), attribute->value)) continue;
    std::optional<bool> truth = rules::crypto::ConstantTruth(context.model(), assign->value);
    if (!truth || *truth) continue;
    context.Report(assign, "`verify = False` on a `requests.Session` turns off TLS certificate checks for every request it makes");
    return;
  }
}

void Check(const python::Node& node, RuleContext& context) {
  if (const auto* call = node.As<python::Call>()) return CheckCall(call, context);
  if (const auto* assign = node.As<python::Assign>()) return CheckAssign(assign, context);
}

}  // namespace

const Rule& RequestWithNoCertValidation() {
  static const Rule rule{.info = kInfo,
                         .node_kinds = {python::NodeKind::kCall, python::NodeKind::kAssign},
                         .check = Check};
  return rule;
}

}  // namespace rampart::rules

// PY113 request-without-timeout (bandit B113, ruff S113).
#include <array>

#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY113",
    .name = "request-without-timeout",
    .summary = "an HTTP request is made without a timeout",
    .fix_hint = "pass `timeout=` (e.g. `timeout=10`) to every outgoing request",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {400},
    .owasp = "A05:2021-Security Misconfiguration",
    .practice = Practice::kRateLimiting,
    .aliases = {"bandit:B113", "ruff:S113"},
    .docs =
        {
            .what_it_does =
                "Finds `requests` calls (`requests.get`, `post`, `put`, `patch`, `delete`, "
                "`head`, `options`, `request`, and the same methods on a `requests.Session`) "
                "made without `timeout=` or with `timeout=None`, and `httpx` calls and clients "
                "(`httpx.get` ... `httpx.Client`, `httpx.AsyncClient`) made with "
                "`timeout=None`. A call that passes `**kwargs` is not reported, since the "
                "timeout may be among them.\n\n"
                "Differences from Bandit: `httpx` has a default timeout of five seconds, so "
                "only an explicit `timeout=None` disables it; rampart does not report `httpx` "
                "calls that simply omit the argument.",
            .why_bad =
                "`requests` waits forever by default. A slow or malicious upstream (or an "
                "attacker-chosen URL) then holds a worker for good; a handful of such requests "
                "exhausts the worker pool and takes the application down.",
            .example = "import requests\n"
                       "\n"
                       "def fetch_avatar(url):\n"
                       "    return requests.get(url).content\n",
            .use_instead = "import requests\n"
                           "\n"
                           "def fetch_avatar(url):\n"
                           "    return requests.get(url, timeout=10).content\n",
            .references =
                "- [requests docs: timeouts](https://requests.readthedocs.io/en/latest/user/advanced/#timeouts)\n"
                "- [Bandit B113](https://bandit.readthedocs.io/en/latest/plugins/b113_request_without_timeout.html)\n"
                "- [CWE-400: Uncontrolled Resource Consumption](https://cwe.mitre.org/data/definitions/400.html)",
        },
};

constexpr std::array<std::string_view, 8> kMethods = {"get",  "post",    "put",     "patch",
                                                      "delete", "head", "options", "request"};

enum class Library { kNone, kRequests, kHttpx };

Library LibraryOf(std::string_view callee) {
  for (std::string_view method : kMethods) {
    for (std::string_view prefix : {"requests.", "requests.api.", "requests.Session.",
                                    "requests.sessions.Session."}) {
      if (callee.size() == prefix.size() + method.size() && general::StartsWith(callee, prefix) &&
          general::EndsWith(callee, method))
        return Library::kRequests;
    }
    for (std::string_view prefix : {"httpx.", "httpx.Client.", "httpx.AsyncClient."}) {
      if (callee.size() == prefix.size() + method.size() && general::StartsWith(callee, prefix) &&
          general::EndsWith(callee, method))
        return Library::kHttpx;
    }
  }
  if (callee == "httpx.stream" || callee == "httpx.Client" || callee == "httpx.AsyncClient")
    return Library::kHttpx;
  return Library::kNone;
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<std::string> callee = context.model().CalleeName(call);
  if (!callee) return;
  Library library = LibraryOf(*callee);
  if (library == Library::kNone) return;
  const python::Keyword* timeout = sema::FindKeyword(call, "timeout");
  if (timeout == nullptr) {
    if (library == Library::kHttpx) return;  // httpx defaults to a 5 s timeout
    if (sema::HasStarArguments(call)) return;  // the timeout may be in **kwargs
    context.Report(call->func, "`" + *callee + "` is called without a timeout and can hang forever");
    return;
  }
  std::optional<sema::Value> value = context.model().ConstantValue(timeout->value);
  if (!value || !value->IsNone()) return;
  context.Report(timeout, "`timeout=None` lets `" + *callee + "` hang forever");
}

}  // namespace

const Rule& RequestWithoutTimeout() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

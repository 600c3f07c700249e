// PY310 url-open-any-scheme (bandit B310, ruff S310).
#include <array>
#include <cctype>
#include <optional>
#include <string>

#include "rules/calls/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY310",
    .name = "url-open-any-scheme",
    .summary =
        "`urllib` opens a URL whose scheme is not fixed, so `file:` and other schemes are "
        "accepted",
    .fix_hint =
        "check that the URL starts with `https://` (or `http://`) before opening it, or use "
        "`requests`",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {22, 918},
    .owasp = "A10:2021-Server-Side Request Forgery",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B310", "ruff:S310"},
    .docs =
        {
            .what_it_does =
                "Finds `urllib.request.urlopen`, `urlretrieve` and `Request` (also Python 2's `urllib` / "
                "`urllib2` and `six.moves.urllib.request`) called with a URL whose scheme is not a "
                "constant `http://` or `https://`, and every use of the legacy `URLopener` / "
                "`FancyURLopener` classes. A `Request` passed to `urlopen` is followed to its URL.\n"
                "\n"
                "Differences from Bandit: Bandit 1.6.2 reports every `urlopen`. rampart is quieter: a "
                "URL that is a constant, or an f-string / concatenation that starts with a constant "
                "`http://` or `https://`, cannot switch to `file:` and is not reported. For "
                "`urlopen(Request(url))` rampart reports the `Request`, where the URL enters, and not "
                "the `urlopen`.",
            .why_bad =
                "`urlopen` also understands `file:`, `ftp:` and `data:` URLs. When the URL comes from a "
                "user, `file:///etc/passwd` reads local files, and any scheme or host lets the attacker "
                "make the server send requests into the internal network (server-side request forgery).",
            .example = "from urllib.request import urlopen\n"
                       "\n"
                       "\n"
                       "def preview(url):\n"
                       "    return urlopen(url).read(1024)\n",
            .use_instead = "from urllib.request import urlopen\n"
                           "\n"
                           "\n"
                           "def preview(path):\n"
                           "    return urlopen(f\"https://api.example.com/{path}\").read(1024)\n",
            .references =
                "- [Python docs: `urllib.request.urlopen`](https://docs.python.org/3/library/urllib.request.html#urllib.request.urlopen)\n"
                "- [Bandit B310](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b310-urllib-urlopen)\n"
                "- [OWASP: Server-Side Request Forgery](https://owasp.org/Top10/A10_2021-Server-Side_Request_Forgery_%28SSRF%29/)\n"
                "- [CWE-22: Path Traversal](https://cwe.mitre.org/data/definitions/22.html)",
        },
};

// URL openers that accept any scheme, including `file:`.
constexpr std::array<std::string_view, 16> kCallees = {"urllib.urlopen",
                                                       "urllib.request.urlopen",
                                                       "urllib.urlretrieve",
                                                       "urllib.request.urlretrieve",
                                                       "urllib.URLopener",
                                                       "urllib.request.URLopener",
                                                       "urllib.FancyURLopener",
                                                       "urllib.request.FancyURLopener",
                                                       "urllib2.urlopen",
                                                       "urllib2.Request",
                                                       "urllib.request.Request",
                                                       "six.moves.urllib.request.urlopen",
                                                       "six.moves.urllib.request.urlretrieve",
                                                       "six.moves.urllib.request.Request",
                                                       "six.moves.urllib.request.URLopener",
                                                       "six.moves.urllib.request.FancyURLopener"};

constexpr std::array<std::string_view, 3> kRequestClasses = {"urllib.request.Request", "urllib2.Request",
                                                             "six.moves.urllib.request.Request"};

// True when the URL expression starts with a constant http:// or https://, so
// the scheme cannot be chosen by whoever supplies the rest.
bool HasFixedWebScheme(const python::ExprNode* url, const sema::ModuleModel& model) {
  sema::StringShape shape = model.StringParts(url);
  if (!shape.is_string || shape.parts.empty() || !shape.parts.front().constant()) return false;
  std::string prefix = shape.parts.front().text.substr(0, 8);
  for (char& c : prefix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return prefix.starts_with("http://") || prefix.starts_with("https://");
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<std::string> callee = calls::MatchCallee(call, context.model(), kCallees);
  if (!callee) return;
  const sema::ModuleModel& model = context.model();
  std::string_view last = calls::LastPart(*callee);
  if (last == "URLopener" || last == "FancyURLopener") {
    context.Report(call->func, "`" + *callee +
                                   "` opens `file:` and other local URLs; use `urllib.request.urlopen` "
                                   "with a checked `https://` URL");
    return;
  }
  const python::ExprNode* url = sema::Argument(call, 0, "url");
  if (const python::Keyword* fullurl = sema::FindKeyword(call, "fullurl");
      url == nullptr && fullurl != nullptr) {
    url = fullurl->value;  // Python 2 spelling of the parameter
  }
  if (url != nullptr) {
    // `urlopen(Request("https://..."))`: the scheme is decided by the Request's URL.
    const python::ExprNode* value = calls::ValueOf(url, model);
    if (const auto* request = value->As<python::Call>()) {
      if (calls::MatchCallee(request, model, kRequestClasses)) {
        const python::ExprNode* inner = sema::Argument(request, 0, "url");
        if (inner != nullptr && HasFixedWebScheme(inner, model)) return;
        if (last != "Request") return;  // the Request call itself is reported
      }
    }
    if (HasFixedWebScheme(url, model)) return;
  }
  context.Report(call->func, "`" + *callee +
                                 "` accepts any URL scheme, `file:` included; check that the URL "
                                 "starts with `https://` first");
}

}  // namespace

const Rule& UrlOpenAnyScheme() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

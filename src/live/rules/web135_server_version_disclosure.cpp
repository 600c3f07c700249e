// WEB135 server-version-disclosure: Server with a version number, or any
// X-Powered-By.
#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  const Page& home = context.home();
  std::optional<std::string> server = home.response.Header("server");
  if (server && HasVersionNumber(*server)) {
    context.Report(info, home.url, "`Server: " + *server + "` discloses software versions",
                   Evidence(home.response, HeaderProof(home.response, "server")));
  }
  if (std::optional<std::string> powered = home.response.Header("x-powered-by")) {
    context.Report(info, home.url, "`X-Powered-By: " + *powered + "` discloses the software stack",
                   Evidence(home.response, HeaderProof(home.response, "x-powered-by")));
  }
}

}  // namespace

const LiveRule& Web135ServerVersionDisclosure() {
  static const RuleInfo info{
      .code = "WEB135",
      .name = "server-version-disclosure",
      .summary = "Server or X-Powered-By headers disclose software and versions",
      .fix_hint = "drop version numbers (`server_tokens off;`) and the `X-Powered-By` header",
      .severity = Severity::kLow,
      .confidence = Confidence::kHigh,
      .cwe = {200},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kFrameworkSecurity,
      .aliases = {"zap:10036", "zap:10037"},
      .docs = {
          .what_it_does = "Reports a `Server` header containing a version number and any `X-Powered-By` header.",
          .why_bad = "Exact versions tell an attacker which published vulnerabilities to try and "
                     "announce development servers (`Werkzeug/2.2.2 Python/3.11`) that should never "
                     "face users.",
          .example = "Server: Werkzeug/2.2.2 Python/3.11.2\nX-Powered-By: Express",
          .use_instead = "Server: nginx\n\n# nginx\nserver_tokens off;",
          .references = "- [OWASP testing guide: fingerprint web server](https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/01-Information_Gathering/02-Fingerprint_Web_Server)",
      }};
  static const LiveRule rule{info, Phase::kPassive, Check};
  return rule;
}

}  // namespace rampart::live

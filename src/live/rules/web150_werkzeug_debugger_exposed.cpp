// WEB150 werkzeug-debugger-exposed: the Werkzeug interactive debugger or its
// console answers; with it, anyone can run Python on the server.
#include <set>

#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

bool IsDebuggerPage(const HttpResponse& response) {
  // Both the console and the traceback page load the debugger's resources
  // through `__debugger__` and carry "Werkzeug Debugger" in the title.
  return response.body.find("__debugger__") != std::string::npos &&
         ContainsIgnoreCase(response.body, "werkzeug debugger");
}

void Check(ScanContext& context, const RuleInfo& info) {
  Url console = context.home().url;
  console.target = "/console";
  context.Get(console);  // recorded in the log, judged below with the rest
  std::set<std::string> reported;
  for (const auto& [url, response] : context.log()) {
    if (!IsDebuggerPage(response) || !reported.insert(url.Path()).second) continue;
    bool is_console = response.status == 200 && url.Path() == "/console";
    context.Report(info, url,
                   is_console ? "werkzeug debugger console is reachable at `/console`"
                              : "werkzeug interactive debugger is served on an error",
                   Evidence(response, Snippet(response.body, "Werkzeug Debugger")));
  }
}

}  // namespace

const LiveRule& Web150WerkzeugDebuggerExposed() {
  static const RuleInfo info{
      .code = "WEB150",
      .name = "werkzeug-debugger-exposed",
      .summary = "the Werkzeug interactive debugger is reachable",
      .fix_hint = "never run with `debug=True` / `FLASK_DEBUG=1` outside your machine; serve with gunicorn",
      .severity = Severity::kCritical,
      .confidence = Confidence::kHigh,
      .cwe = {94, 489},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kFrameworkSecurity,
      .aliases = {},
      .docs = {
          .what_it_does = "Requests `/console` and reviews every response of the scan for the Werkzeug "
                          "debugger (console or interactive traceback page).",
          .why_bad = "The debugger evaluates Python typed into the browser. Its PIN is derived from "
                     "guessable machine data and has been bypassed repeatedly; an exposed debugger "
                     "is remote code execution.",
          .example = "app.run(host=\"0.0.0.0\", debug=True)",
          .use_instead = "gunicorn --bind 0.0.0.0:8000 app:app   # FLASK_DEBUG unset",
          .references = "- [Werkzeug: debugger security](https://werkzeug.palletsprojects.com/en/latest/debug/#debugger-pin)\n"
                        "- [Flask: deploying to production](https://flask.palletsprojects.com/en/latest/deploying/)",
      }};
  static const LiveRule rule{info, Phase::kReview, Check};
  return rule;
}

}  // namespace rampart::live

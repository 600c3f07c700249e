// WEB157 stack-trace-disclosure: a Python traceback in a response.
#include <set>

#include "live/live_rules.h"
#include "live/rule_support.h"

namespace rampart::live {
namespace {

void Check(ScanContext& context, const RuleInfo& info) {
  std::set<std::string> reported;
  for (const auto& [url, response] : context.log()) {
    const std::string& body = response.body;
    if (body.find("Traceback (most recent call last)") == std::string::npos) continue;
    // The debug pages of Werkzeug and Django carry tracebacks too; they are
    // reported as what they are (WEB150, WEB151).
    if (body.find("__debugger__") != std::string::npos) continue;
    if (body.find("<code>DEBUG = True</code>") != std::string::npos) continue;
    if (!reported.insert(url.Path()).second) continue;
    context.Report(info, url, "response discloses a python traceback",
                   Evidence(response, Snippet(body, "Traceback (most recent call last)")));
  }
}

}  // namespace

const LiveRule& Web157StackTraceDisclosure() {
  static const RuleInfo info{
      .code = "WEB157",
      .name = "stack-trace-disclosure",
      .summary = "error responses show Python tracebacks",
      .fix_hint = "return a generic error page and log the traceback server-side",
      .severity = Severity::kMedium,
      .confidence = Confidence::kHigh,
      .cwe = {209},
      .owasp = "A05:2021-Security Misconfiguration",
      .practice = Practice::kLogging,
      .aliases = {},
      .docs = {
          .what_it_does = "Reviews every response of the scan, including those the active probes "
                          "provoked, for `Traceback (most recent call last)`.",
          .why_bad = "Tracebacks reveal file paths, library versions, SQL and sometimes secrets in "
                     "local variables; they also tell an attacker which input broke the app.",
          .example = "@app.errorhandler(Exception)\ndef oops(e):\n    return traceback.format_exc(), 500",
          .use_instead = "@app.errorhandler(Exception)\ndef oops(e):\n    app.logger.exception(\"unhandled\")\n"
                         "    return \"internal error\", 500",
          .references = "- [CWE-209](https://cwe.mitre.org/data/definitions/209.html)",
      }};
  static const LiveRule rule{info, Phase::kReview, Check};
  return rule;
}

}  // namespace rampart::live

// PY913 flask-run-debugger-or-reloader (no Bandit equivalent; complements PY201 flask-debug-true).
#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY913",
    .name = "flask-run-debugger-or-reloader",
    .summary = "the Werkzeug development server is started with `use_debugger` or `use_reloader` on",
    .fix_hint = "drop `use_debugger=`/`use_reloader=` and serve production traffic with gunicorn or uwsgi",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {94},
    .owasp = "A05:2021-Security Misconfiguration",
    .practice = Practice::kFrameworkSecurity,
    .aliases = {},
    .docs =
        {
            .what_it_does =
                "Finds `Flask.run(...)` and `werkzeug.serving.run_simple(...)` calls that pass "
                "a truthy constant as `use_debugger=` (high severity) or `use_reloader=` (low "
                "severity). `debug=True` itself is `flask-debug-true`'s.",
            .why_bad =
                "`use_debugger=True` turns on the interactive Werkzeug debugger even when "
                "`debug` is off: any exception page offers a Python console, so anyone who "
                "can trigger an error and get past the PIN (often derivable from the host) "
                "runs code on the server. The reloader watches and re-imports files, which is "
                "a development feature that has no place in production.",
            .example = "from flask import Flask\n"
                       "\n"
                       "app = Flask(__name__)\n"
                       "\n"
                       "if __name__ == \"__main__\":\n"
                       "    app.run(use_debugger=True)\n",
            .use_instead = "from flask import Flask\n"
                           "\n"
                           "app = Flask(__name__)\n"
                           "\n"
                           "if __name__ == \"__main__\":\n"
                           "    app.run()\n",
            .references =
                "- [Werkzeug docs: debugging applications](https://werkzeug.palletsprojects.com/en/latest/debug/)\n"
                "- [Flask docs: `Flask.run`](https://flask.palletsprojects.com/en/latest/api/#flask.Flask.run)\n"
                "- [CWE-94: Code Injection](https://cwe.mitre.org/data/definitions/94.html)",
        },
};

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<std::string> callee = general::CalleeIn(
      context.model(), call, {"flask.Flask.run", "werkzeug.serving.run_simple", "werkzeug.run_simple"});
  if (!callee) return;
  if (const python::Keyword* debugger = sema::FindKeyword(call, "use_debugger")) {
    std::optional<bool> on = general::ConstantTruth(context.model(), debugger->value);
    if (on && *on) {
      context.Report(debugger, "`use_debugger=True` exposes the interactive Werkzeug debugger");
    }
  }
  if (const python::Keyword* reloader = sema::FindKeyword(call, "use_reloader")) {
    std::optional<bool> on = general::ConstantTruth(context.model(), reloader->value);
    if (on && *on) {
      ReportOptions options;
      options.severity = Severity::kLow;  // a development feature, not a hole by itself
      context.Report(reloader, "`use_reloader=True` runs the development reloader", options);
    }
  }
}

}  // namespace

const Rule& FlaskRunDebuggerOrReloader() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

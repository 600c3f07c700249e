// PY201 flask-debug-true (bandit B201, ruff S201).
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY201",
    .name = "flask-debug-true",
    .summary = "a Flask app is run with `debug=True`",
    .fix_hint = "drop `debug=True`; enable debugging only through `FLASK_DEBUG` in a development shell",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {94, 489},
    .owasp = "A05:2021-Security Misconfiguration",
    .practice = Practice::kFrameworkSecurity,
    .aliases = {"bandit:B201", "ruff:S201"},
    .docs =
        {
            .what_it_does =
                "Finds `app.run(debug=True)` where `app` is a `flask.Flask` instance, however it "
                "was created or imported (`app = Flask(__name__)`, `self.app`, `from myapp import "
                "app`, `Flask(__name__).run(...)`). `debug` given as any constant that is true "
                "counts; a value only known at run time (`debug=settings.DEBUG`) is not reported.",
            .why_bad =
                "Debug mode turns on the Werkzeug debugger: any exception page offers an "
                "interactive Python console in the browser. Anyone who can reach the server and "
                "trigger an error (or guess the PIN) can run arbitrary code on it. Debug mode also "
                "shows source code and configuration in tracebacks.",
            .example = "from flask import Flask\n"
                       "\n"
                       "app = Flask(__name__)\n"
                       "\n"
                       "if __name__ == \"__main__\":\n"
                       "    app.run(host=\"0.0.0.0\", debug=True)\n",
            .use_instead = "import os\n"
                           "\n"
                           "from flask import Flask\n"
                           "\n"
                           "app = Flask(__name__)\n"
                           "\n"
                           "if __name__ == \"__main__\":\n"
                           "    app.run(debug=os.environ.get(\"FLASK_DEBUG\") == \"1\")\n",
            .references =
                "- [Flask docs: debug mode](https://flask.palletsprojects.com/en/latest/debugging/)\n"
                "- [Werkzeug: debugger security](https://werkzeug.palletsprojects.com/en/latest/debug/#debugger-pin)\n"
                "- [Bandit B201](https://bandit.readthedocs.io/en/latest/plugins/b201_flask_debug_true.html)\n"
                "- [CWE-489: Active Debug Code](https://cwe.mitre.org/data/definitions/489.html)",
        },
};

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  const python::Keyword* debug = sema::FindKeyword(call, "debug");
  if (debug == nullptr) return;
  // Only Flask's own `run`: other objects have `run(debug=...)` methods too.
  if (!context.model().IsCallTo(call, "flask.Flask.run")) return;
  std::optional<sema::Value> value = context.model().ConstantValue(debug->value);
  if (!value || !value->Truthy()) return;
  context.Report(debug, "`debug=True` enables the Werkzeug debugger, which runs arbitrary code for anyone who reaches it");
}

}  // namespace

const Rule& FlaskDebugTrue() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

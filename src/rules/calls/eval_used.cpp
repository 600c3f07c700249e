// PY307 eval-used (bandit B307, ruff S307).
#include <array>
#include <optional>
#include <string>

#include "rules/calls/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY307",
    .name = "eval-used",
    .summary = "`eval` runs a string as Python code",
    .fix_hint = "parse literals with `ast.literal_eval` and data with `json.loads`; never evaluate input",
    .severity = Severity::kMedium,
    .confidence = Confidence::kHigh,
    .cwe = {95},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B307", "ruff:S307"},
    .docs =
        {
            .what_it_does =
                "Finds calls to the builtin `eval` (also as `builtins.eval`) unless a local definition "
                "shadows the name. `ast.literal_eval` and methods named `eval` on other objects are not "
                "reported.\n"
                "\n"
                "Differences from Bandit: rampart stays silent when the evaluated string is a known "
                "constant (`eval(\"1 + 2\")`, or a name bound once to a literal): no input can reach it, "
                "and when a local definition shadows `eval`; Bandit reports both. rampart also reports "
                "`builtins.eval(...)`, which Bandit misses.",
            .why_bad =
                "`eval` executes arbitrary expressions with the caller's globals: "
                "`__import__(\"os\").system(...)` is an expression. When any part of the string comes from "
                "a request, a file or a database, an attacker can run code on the server. Restricting "
                "`__builtins__` does not make it safe.",
            .example = "from flask import request\n"
                       "\n"
                       "\n"
                       "def total():\n"
                       "    return eval(request.args[\"expr\"])\n",
            .use_instead = "import ast\n"
                           "\n"
                           "from flask import request\n"
                           "\n"
                           "\n"
                           "def total():\n"
                           "    return ast.literal_eval(request.args[\"expr\"])\n",
            .references =
                "- [Python docs: `ast.literal_eval`](https://docs.python.org/3/library/ast.html#ast.literal_eval)\n"
                "- [Bandit B307](https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b307-eval)\n"
                "- [CWE-95: Eval Injection](https://cwe.mitre.org/data/definitions/95.html)",
        },
};

// The builtin, as the model names it when nothing shadows it.
constexpr std::array<std::string_view, 1> kCallees = {"builtins.eval"};

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  std::optional<std::string> callee = calls::MatchCallee(call, context.model(), kCallees);
  if (!callee) return;
  // A constant expression string cannot carry input; evaluating it is odd but not a risk.
  const python::ExprNode* source = sema::Argument(call, 0, "source");
  if (source != nullptr && context.model().IsConstantString(source)) return;
  context.Report(call->func, "`eval` runs its argument as code; use `ast.literal_eval` or `json.loads`");
}

}  // namespace

const Rule& EvalUsed() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

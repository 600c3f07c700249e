// PY110 try-except-pass and PY112 try-except-continue (bandit B110/B112, ruff S110/S112).
#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kPassInfo{
    .code = "PY110",
    .name = "try-except-pass",
    .summary = "a broad `except` silently swallows every error (`pass`)",
    .fix_hint = "catch the specific exception you expect, or log it (`logger.exception(...)`)",
    .severity = Severity::kLow,
    .confidence = Confidence::kHigh,
    .cwe = {703},
    .owasp = "A09:2021-Security Logging and Monitoring Failures",
    .practice = Practice::kLogging,
    .aliases = {"bandit:B110", "ruff:S110"},
    .docs =
        {
            .what_it_does =
                "Finds `except` clauses that catch everything (bare `except:`, `except "
                "Exception`, `except BaseException`, or a tuple containing one of them) and "
                "whose whole body is `pass` (or `...`). Handlers for a specific exception such "
                "as `except KeyError: pass` are deliberate and not reported, as in Bandit's "
                "default configuration.\n\n"
                "Differences from Bandit: `BaseException`, tuples containing a broad class, "
                "and a body of `...` are reported too.",
            .why_bad =
                "Swallowing every exception hides failed security checks, failed writes of "
                "audit logs and attacks in progress: the error that would have alerted you "
                "never reaches a log or a monitor.",
            .example = "import logging\n"
                       "\n"
                       "def record_login(audit, user):\n"
                       "    try:\n"
                       "        audit.write(user)\n"
                       "    except Exception:\n"
                       "        pass\n",
            .use_instead = "import logging\n"
                           "\n"
                           "logger = logging.getLogger(__name__)\n"
                           "\n"
                           "def record_login(audit, user):\n"
                           "    try:\n"
                           "        audit.write(user)\n"
                           "    except Exception:\n"
                           "        logger.exception(\"audit write failed\")\n",
            .references =
                "- [Bandit B110](https://bandit.readthedocs.io/en/latest/plugins/b110_try_except_pass.html)\n"
                "- [CWE-703](https://cwe.mitre.org/data/definitions/703.html)",
        },
};

const RuleInfo kContinueInfo{
    .code = "PY112",
    .name = "try-except-continue",
    .summary = "a broad `except` in a loop silently skips every error (`continue`)",
    .fix_hint = "catch the specific exception you expect, or log it before continuing",
    .severity = Severity::kLow,
    .confidence = Confidence::kHigh,
    .cwe = {703},
    .owasp = "A09:2021-Security Logging and Monitoring Failures",
    .practice = Practice::kLogging,
    .aliases = {"bandit:B112", "ruff:S112"},
    .docs =
        {
            .what_it_does =
                "Finds `except` clauses that catch everything (bare `except:`, `except "
                "Exception`, `except BaseException`, or a tuple containing one of them) and "
                "whose whole body is `continue`. Specific handlers (`except ValueError: "
                "continue`) are not reported, as in Bandit's default configuration.\n\n"
                "Differences from Bandit: `BaseException` and tuples containing a broad class "
                "are reported too.",
            .why_bad =
                "Skipping every failing item without a trace hides attacks and broken security "
                "checks: a batch of rejected signatures or failed permission checks leaves no "
                "record.",
            .example = "def verify_all(tokens, verify):\n"
                       "    for token in tokens:\n"
                       "        try:\n"
                       "            verify(token)\n"
                       "        except:\n"
                       "            continue\n",
            .use_instead = "import logging\n"
                           "\n"
                           "logger = logging.getLogger(__name__)\n"
                           "\n"
                           "def verify_all(tokens, verify):\n"
                           "    for token in tokens:\n"
                           "        try:\n"
                           "            verify(token)\n"
                           "        except ValueError:\n"
                           "            logger.warning(\"rejected token\")\n"
                           "            continue\n",
            .references =
                "- [Bandit B112](https://bandit.readthedocs.io/en/latest/plugins/b112_try_except_continue.html)\n"
                "- [CWE-703](https://cwe.mitre.org/data/definitions/703.html)",
        },
};

bool IsBroadClass(const python::ExprNode* type, const sema::ModuleModel& model) {
  std::optional<std::string> name = model.QualifiedName(type);
  return name && (*name == "builtins.Exception" || *name == "builtins.BaseException");
}

// Bare `except:`, `except Exception`, `except BaseException`, or a tuple with one.
bool CatchesEverything(const python::ExceptHandler* handler, const sema::ModuleModel& model) {
  if (handler->type == nullptr) return true;
  if (const auto* tuple = handler->type->As<python::Tuple>()) {
    for (const python::ExprNode* element : tuple->elts) {
      if (IsBroadClass(element, model)) return true;
    }
    return false;
  }
  return IsBroadClass(handler->type, model);
}

// The `except ...` head of the handler: from `except` to the end of its type.
SourceRange HandlerHead(const python::ExceptHandler* handler) {
  if (handler->type == nullptr) return general::HeadRange(handler, 6);
  return general::SpanRange(handler, handler->type);
}

void CheckPass(const python::Node& node, RuleContext& context) {
  const auto* handler = node.As<python::ExceptHandler>();
  if (handler == nullptr || handler->body.size() != 1) return;
  const python::StmtNode* body = handler->body[0];
  bool is_pass = body->Is<python::Pass>();
  if (const auto* expr = body->As<python::Expr>()) {
    const auto* constant = expr->value->As<python::Constant>();
    is_pass = constant != nullptr && constant->value.kind == python::ConstantKind::kEllipsis;
  }
  if (!is_pass) return;
  if (!CatchesEverything(handler, context.model())) return;
  context.Report(HandlerHead(handler), "`except` catches every exception and ignores it");
}

void CheckContinue(const python::Node& node, RuleContext& context) {
  const auto* handler = node.As<python::ExceptHandler>();
  if (handler == nullptr || handler->body.size() != 1) return;
  if (!handler->body[0]->Is<python::Continue>()) return;
  if (!CatchesEverything(handler, context.model())) return;
  context.Report(HandlerHead(handler), "`except` catches every exception and silently continues the loop");
}

}  // namespace

const Rule& TryExceptPass() {
  static const Rule rule{
      .info = kPassInfo, .node_kinds = {python::NodeKind::kExceptHandler}, .check = CheckPass};
  return rule;
}

const Rule& TryExceptContinue() {
  static const Rule rule{
      .info = kContinueInfo, .node_kinds = {python::NodeKind::kExceptHandler}, .check = CheckContinue};
  return rule;
}

}  // namespace rampart::rules

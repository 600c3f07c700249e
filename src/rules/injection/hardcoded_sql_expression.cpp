// PY608 hardcoded-sql-expression (bandit B608, ruff S608).
#include <re2/re2.h>

#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY608",
    .name = "hardcoded-sql-expression",
    .summary = "an SQL statement is built from a non-constant value by string formatting",
    .fix_hint = "pass values as query parameters (`cursor.execute(sql, (value,))`), never into the SQL text",
    .severity = Severity::kMedium,
    .confidence = Confidence::kMedium,
    .cwe = {89},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B608", "ruff:S608"},
    .docs =
        {
            .what_it_does =
                "Finds SQL statements assembled with `+`, `%`, `str.format` or f-strings where a "
                "part is not a constant. The text must have an actual statement shape at its "
                "start (`SELECT ... FROM`, `INSERT INTO`, `UPDATE ... SET`, `DELETE FROM`, "
                "`REPLACE INTO`, `WITH ... AS (`), also across implicitly concatenated "
                "multi-line strings and names bound to string pieces. Parts that fold to "
                "constants, and parts formatted as numbers (`%d`, `{n:d}`), do not count.",
            .why_bad =
                "A value pasted into SQL text is parsed as SQL: a request parameter such as "
                "`1 OR 1=1` or `'; DROP TABLE notes; --` changes the statement, reading or "
                "destroying data (SQL injection). Quoting by hand is error-prone; the database "
                "driver's parameter binding is not.",
            .example = "def find(cursor, note_id):\n"
                       "    cursor.execute(f\"SELECT title FROM notes WHERE id = {note_id}\")\n"
                       "    return cursor.fetchone()\n",
            .use_instead = "def find(cursor, note_id):\n"
                           "    cursor.execute(\"SELECT title FROM notes WHERE id = ?\", (note_id,))\n"
                           "    return cursor.fetchone()\n",
            .references =
                "- [Python DB-API: parameter binding (PEP 249)](https://peps.python.org/pep-0249/#paramstyle)\n"
                "- [OWASP: SQL injection prevention](https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html)\n"
                "- [Bandit B608](https://bandit.readthedocs.io/en/latest/plugins/b608_hardcoded_sql_expressions.html)\n"
                "- [CWE-89: SQL Injection](https://cwe.mitre.org/data/definitions/89.html)",
        },
};

// A statement at the start of the text (after blanks and an opening bracket).
// Dynamic parts appear as `?`. Anchoring at the start keeps prose such as
// "could not select the row from cache: " + err quiet.
const RE2& StatementShape() {
  static const RE2 pattern(
      R"((?is)^\s*\(?\s*(?:)"
      R"(select\s.+?\sfrom(?:\s|\?|$)|)"
      R"(delete\s+from\s|)"
      R"(insert\s+(?:or\s+\w+\s+)?into\s|)"
      R"(replace\s+into\s|)"
      R"(update\s+\S+\s+set\s|)"
      R"(with\s+(?:recursive\s+)?\w+\s+as\s*\())");
  return pattern;
}

// The outermost node of a string expression handles it: `a + b + c` is one
// chain of BinOps and must be reported once.
bool IsInnerPiece(const python::Node& node, const sema::ModuleModel& model) {
  const python::Node* parent = model.Parent(&node);
  if (parent == nullptr) return false;
  if (const auto* bin = parent->As<python::BinOp>()) {
    if (bin->op == python::OperatorKind::kAdd) return true;
    if (bin->op == python::OperatorKind::kMod && bin->left == &node) return true;
  }
  if (const auto* attribute = parent->As<python::Attribute>()) {
    return attribute->value == &node;  // the receiver of `.format`
  }
  return false;
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* expr = node.As<python::ExprNode>();
  if (expr == nullptr) return;
  if (const auto* bin = node.As<python::BinOp>()) {
    if (bin->op != python::OperatorKind::kAdd && bin->op != python::OperatorKind::kMod) return;
  } else if (const auto* call = node.As<python::Call>()) {
    const auto* attribute = call->func->As<python::Attribute>();
    if (attribute == nullptr || attribute->attr->text != "format") return;
  } else if (!node.Is<python::JoinedStr>()) {
    return;
  }
  if (IsInnerPiece(node, context.model())) return;
  sema::StringShape shape = context.model().StringParts(expr);
  if (!shape.is_string || !shape.has_dynamic) return;
  const sema::StringPart* injected = nullptr;
  for (const sema::StringPart& part : shape.parts) {
    if (!part.constant() && !part.numeric) {
      injected = &part;
      break;
    }
  }
  if (injected == nullptr) return;  // only numbers are formatted in
  if (!RE2::PartialMatch(shape.Joined("?"), StatementShape())) return;
  std::string what = "a non-constant value";
  if (const auto* name = injected->expr->As<python::Name>()) {
    // Appended piecewise: `"`" + std::string(...)` trips GCC 12's -Wrestrict false positive.
    what = "`";
    what += name->id->text;
    what += '`';
  }
  context.Report(expr, "SQL statement built from " + what + " by string formatting; use query parameters");
}

}  // namespace

const Rule& HardcodedSqlExpression() {
  static const Rule rule{.info = kInfo,
                         .node_kinds = {python::NodeKind::kBinOp, python::NodeKind::kJoinedStr,
                                        python::NodeKind::kCall},
                         .check = Check};
  return rule;
}

}  // namespace rampart::rules

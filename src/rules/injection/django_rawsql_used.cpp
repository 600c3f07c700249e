// PY611 django-rawsql-used (bandit B611, ruff S611).
#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY611",
    .name = "django-rawsql-used",
    .summary = "raw SQL given to Django (`RawSQL`, `Manager.raw`, `cursor.execute`) is built at run time",
    .fix_hint = "keep the SQL constant and pass values as parameters (`params=[...]` / `%s` placeholders)",
    .severity = Severity::kMedium,
    .confidence = Confidence::kMedium,
    .cwe = {89},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B611", "ruff:S611"},
    .docs =
        {
            .what_it_does =
                "Finds raw SQL handed to Django that is not a constant: the first argument of "
                "`django.db.models.expressions.RawSQL` when it is not a constant string (as in "
                "Bandit), and the query of `<Model>.objects.raw(...)` and of `execute` / "
                "`executemany` on a cursor from `django.db.connection(s)` when it is a string "
                "built by concatenation, `%`, `.format` or an f-string.\n\n"
                "Differences from Bandit: Bandit only checks `RawSQL`; rampart also checks "
                "`Manager.raw` and Django cursors, but for those only strings visibly built at "
                "run time, since a query held in a variable may well be constant.",
            .why_bad =
                "Django's ORM parameterises queries; raw SQL does not. A request value "
                "formatted into the SQL text lets the client rewrite the query: read other "
                "users' rows, bypass a login, or drop tables.",
            .example = "from django.db.models.expressions import RawSQL\n"
                       "\n"
                       "from .models import Product\n"
                       "\n"
                       "def by_rank(request):\n"
                       "    order = request.GET[\"order\"]\n"
                       "    return Product.objects.annotate(rank=RawSQL(\"SELECT \" + order, []))\n",
            .use_instead = "from django.db.models.expressions import RawSQL\n"
                           "\n"
                           "from .models import Product\n"
                           "\n"
                           "def by_rank(request):\n"
                           "    minimum = request.GET[\"minimum\"]\n"
                           "    return Product.objects.annotate(rank=RawSQL(\"SELECT rank FROM r WHERE r.score > %s\", [minimum]))\n",
            .references =
                "- [Django docs: performing raw SQL queries](https://docs.djangoproject.com/en/stable/topics/db/sql/)\n"
                "- [Bandit B611](https://bandit.readthedocs.io/en/latest/plugins/b611_django_rawsql_used.html)\n"
                "- [CWE-89: SQL Injection](https://cwe.mitre.org/data/definitions/89.html)",
        },
};

bool IsBuiltString(const sema::ModuleModel& model, const python::ExprNode* sql) {
  sema::StringShape shape = model.StringParts(sql);
  return shape.is_string && shape.has_dynamic;
}

// `<Model>.objects.raw` / `<Model>.objects.using(...).raw`: the receiver chain
// goes through a manager attribute named `objects`.
bool IsManagerRaw(const python::Call* call) {
  const auto* attribute = call->func->As<python::Attribute>();
  if (attribute == nullptr || general::IdText(attribute->attr) != "raw") return false;
  const python::ExprNode* receiver = attribute->value;
  for (int depth = 0; receiver != nullptr && depth < 8; ++depth) {
    if (const auto* inner = receiver->As<python::Attribute>()) {
      if (general::IdText(inner->attr) == "objects") return true;
      receiver = inner->value;
    } else if (const auto* inner_call = receiver->As<python::Call>()) {
      receiver = inner_call->func;
    } else {
      return false;
    }
  }
  return false;
}

// A cursor of `django.db.connection` / `django.db.connections[alias]`.
bool IsDjangoCursor(const sema::ModuleModel& model, const python::ExprNode* receiver) {
  const python::Call* creator = general::CreatingCall(model, receiver);
  if (creator == nullptr || general::MethodName(creator) != "cursor") return false;
  const python::ExprNode* connection = creator->func->As<python::Attribute>()->value;
  if (const auto* subscript = connection->As<python::Subscript>()) connection = subscript->value;
  std::optional<std::string> name = model.QualifiedName(connection);
  return name && (*name == "django.db.connection" || *name == "django.db.connections");
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr) return;
  const sema::ModuleModel& model = context.model();
  if (general::CalleeIn(model, call, {"django.db.models.expressions.RawSQL", "django.db.models.RawSQL"})) {
    const python::ExprNode* sql = sema::Argument(call, 0, "sql");
    if (sql == nullptr || model.IsConstantString(sql)) return;
    context.Report(sql, "`RawSQL` is given SQL that is not a constant string");
    return;
  }
  if (IsManagerRaw(call)) {
    const python::ExprNode* sql = sema::Argument(call, 0, "raw_query");
    if (sql == nullptr || !IsBuiltString(model, sql)) return;
    context.Report(sql, "`Manager.raw` is given SQL built at run time");
    return;
  }
  std::string_view method = general::MethodName(call);
  if (method != "execute" && method != "executemany") return;
  if (!IsDjangoCursor(model, call->func->As<python::Attribute>()->value)) return;
  const python::ExprNode* sql = sema::Argument(call, 0, "sql");
  if (sql == nullptr || !IsBuiltString(model, sql)) return;
  context.Report(sql, "`cursor." + std::string(method) + "` on a Django connection is given SQL built at run time");
}

}  // namespace

const Rule& DjangoRawsqlUsed() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

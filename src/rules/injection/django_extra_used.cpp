// PY610 django-extra-used (bandit B610, ruff S610).
#include <utility>

#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kInfo{
    .code = "PY610",
    .name = "django-extra-used",
    .summary = "`QuerySet.extra` is given SQL that is not a constant",
    .fix_hint = "use `annotate`/`filter` with `F`/`Q` expressions, or pass values through `params=`",
    .severity = Severity::kMedium,
    .confidence = Confidence::kMedium,
    .cwe = {89},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B610", "ruff:S610"},
    .docs =
        {
            .what_it_does =
                "Finds `.extra(...)` calls whose SQL fragments are not constant: `where=` or "
                "`tables=` that is not a list of constant strings, or `select=` that is not a "
                "dict of constant strings (positional arguments are mapped like Django's "
                "signature: `select, where, params, tables, order_by, select_params`), on a "
                "receiver that goes through a model manager (`Order.objects...`) or in a module "
                "that imports Django. Values "
                "passed through `params=` / `select_params=` are safe and not checked.\n\n"
                "Differences from Bandit: constants are folded, so a name bound to a constant "
                "string (or a list of them) counts as constant; an `extra` method of a "
                "non-Django object (`anyio` streams' `extra(attribute)`) is not reported.",
            .why_bad =
                "`extra()` pastes its SQL fragments into the query verbatim. A value from a "
                "request formatted into `where=` or `select=` is SQL injection: it can read "
                "any table or change data.",
            .example = "from django.http import JsonResponse\n"
                       "\n"
                       "from .models import Order\n"
                       "\n"
                       "def orders(request):\n"
                       "    status = request.GET[\"status\"]\n"
                       "    rows = Order.objects.extra(where=[\"status = '%s'\" % status])\n"
                       "    return JsonResponse({\"count\": rows.count()})\n",
            .use_instead = "from django.http import JsonResponse\n"
                           "\n"
                           "from .models import Order\n"
                           "\n"
                           "def orders(request):\n"
                           "    status = request.GET[\"status\"]\n"
                           "    rows = Order.objects.extra(where=[\"status = %s\"], params=[status])\n"
                           "    return JsonResponse({\"count\": rows.count()})\n",
            .references =
                "- [Django docs: `extra()`](https://docs.djangoproject.com/en/stable/ref/models/querysets/#extra)\n"
                "- [Bandit B610](https://bandit.readthedocs.io/en/latest/plugins/b610_django_extra_used.html)\n"
                "- [CWE-89: SQL Injection](https://cwe.mitre.org/data/definitions/89.html)",
        },
};

// The first non-constant SQL fragment of a `where=` / `tables=` value, or the
// value itself when it is not a list; null when all fragments are constant.
const python::ExprNode* DynamicInList(const sema::ModuleModel& model, const python::ExprNode* value) {
  const python::ExprNode* followed = general::FollowAssignment(model, value);
  const python::NodeList<python::ExprNode>* elements = nullptr;
  if (const auto* list = followed->As<python::List>()) elements = &list->elts;
  if (const auto* tuple = followed->As<python::Tuple>()) elements = &tuple->elts;
  if (elements == nullptr) return value;
  for (const python::ExprNode* element : *elements) {
    if (!model.IsConstantString(element)) return element;
  }
  return nullptr;
}

const python::ExprNode* DynamicInSelect(const sema::ModuleModel& model, const python::ExprNode* value) {
  const python::ExprNode* followed = general::FollowAssignment(model, value);
  const auto* dict = followed->As<python::Dict>();
  if (dict == nullptr) return value;
  for (uint32_t i = 0; i < dict->values.size(); ++i) {
    const python::ExprNode* key = dict->keys[i];
    if (key == nullptr) return dict->values[i];  // `**other`: unknown fragments
    if (!model.IsConstantString(key)) return key;
    if (!model.IsConstantString(dict->values[i])) return dict->values[i];
  }
  return nullptr;
}

// `<Model>.objects.filter(...).extra(...)`: the receiver chain goes through `objects`.
bool ThroughManager(const python::Call* call) {
  const python::ExprNode* receiver = call->func->As<python::Attribute>()->value;
  for (int depth = 0; receiver != nullptr && depth < 16; ++depth) {
    if (const auto* attribute = receiver->As<python::Attribute>()) {
      if (general::IdText(attribute->attr) == "objects") return true;
      receiver = attribute->value;
    } else if (const auto* inner = receiver->As<python::Call>()) {
      receiver = inner->func;
    } else {
      return false;
    }
  }
  return false;
}

bool IsNone(const sema::ModuleModel& model, const python::ExprNode* value) {
  std::optional<sema::Value> constant = model.ConstantValue(value);
  return constant && constant->IsNone();
}

void Check(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  if (call == nullptr || general::MethodName(call) != "extra") return;
  const sema::ModuleModel& model = context.model();
  // `extra` is a common method name (anyio streams, loggers): require a Django
  // manager in the receiver chain (`Order.objects...extra`) or a Django module.
  if (!ThroughManager(call)) {
    if (!general::ImportsModule(model, "django")) return;
    // A receiver of a known non-Django class is not a QuerySet.
    std::optional<std::string> type = model.InstanceType(call->func->As<python::Attribute>()->value);
    if (type && !general::StartsWith(*type, "django.")) return;
  }
  for (auto [position, keyword] : {std::pair<int, std::string_view>{1, "where"}, {3, "tables"}}) {
    const python::ExprNode* value = sema::Argument(call, position, keyword);
    if (value == nullptr || IsNone(model, value)) continue;
    if (const python::ExprNode* dynamic = DynamicInList(model, value)) {
      context.Report(dynamic, "`extra(" + std::string(keyword) + "=...)` is given SQL built at run time");
      return;
    }
  }
  const python::ExprNode* select = sema::Argument(call, 0, "select");
  if (select == nullptr || IsNone(model, select)) return;
  if (const python::ExprNode* dynamic = DynamicInSelect(model, select)) {
    context.Report(dynamic, "`extra(select=...)` is given SQL built at run time");
  }
}

}  // namespace

const Rule& DjangoExtraUsed() {
  static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
  return rule;
}

}  // namespace rampart::rules

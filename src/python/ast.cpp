#include "python/ast.h"

#include <algorithm>
#include <vector>

namespace rampart::python {

namespace {

constexpr std::string_view kKindNames[] = {
#define RAMPART_AST_NODE(Kind, Base, HasPos, ...) #Kind,
#include "python/ast_nodes.def"
};
constexpr bool kKindHasPositions[] = {
#define RAMPART_AST_NODE(Kind, Base, HasPos, ...) HasPos != 0,
#include "python/ast_nodes.def"
};

}  // namespace

std::string_view NodeKindName(NodeKind kind) {
  // CPython spells product types in lower case.
  switch (kind) {
    case NodeKind::kComprehension: return "comprehension";
    case NodeKind::kArguments: return "arguments";
    case NodeKind::kArg: return "arg";
    case NodeKind::kKeyword: return "keyword";
    case NodeKind::kAlias: return "alias";
    case NodeKind::kWithItem: return "withitem";
    case NodeKind::kMatchCase: return "match_case";
    default: return kKindNames[static_cast<int>(kind)];
  }
}

bool NodeKindHasPositions(NodeKind kind) { return kKindHasPositions[static_cast<int>(kind)]; }

std::string_view ExprContextName(ExprContext v) {
  constexpr std::string_view k[] = {"Load", "Store", "Del"};
  return k[static_cast<int>(v)];
}
std::string_view BoolOpName(BoolOpKind v) { return v == BoolOpKind::kAnd ? "And" : "Or"; }
std::string_view OperatorName(OperatorKind v) {
  constexpr std::string_view k[] = {"Add",    "Sub",    "Mult",  "MatMult", "Div",
                                    "Mod",    "Pow",    "LShift", "RShift", "BitOr",
                                    "BitXor", "BitAnd", "FloorDiv"};
  return k[static_cast<int>(v)];
}
std::string_view OperatorSymbol(OperatorKind v) {
  constexpr std::string_view k[] = {"+", "-", "*", "@", "/", "%", "**",
                                    "<<", ">>", "|", "^", "&", "//"};
  return k[static_cast<int>(v)];
}
std::string_view UnaryOpName(UnaryOpKind v) {
  constexpr std::string_view k[] = {"Invert", "Not", "UAdd", "USub"};
  return k[static_cast<int>(v)];
}
std::string_view CmpOpName(CmpOpKind v) {
  constexpr std::string_view k[] = {"Eq", "NotEq", "Lt", "LtE", "Gt",
                                    "GtE", "Is", "IsNot", "In", "NotIn"};
  return k[static_cast<int>(v)];
}
std::string_view CmpOpSymbol(CmpOpKind v) {
  constexpr std::string_view k[] = {"==", "!=", "<", "<=", ">", ">=", "is", "is not", "in", "not in"};
  return k[static_cast<int>(v)];
}

std::string IntToDecimal(std::string_view literal) {
  int base = 10;
  size_t i = 0;
  if (literal.size() > 1 && literal[0] == '0') {
    char p = static_cast<char>(literal[1] | 0x20);
    if (p == 'x') base = 16, i = 2;
    else if (p == 'o') base = 8, i = 2;
    else if (p == 'b') base = 2, i = 2;
  }
  // Little-endian base 10^9 limbs; each digit multiplies and adds in place.
  std::vector<uint32_t> limbs{0};
  for (; i < literal.size(); ++i) {
    char c = literal[i];
    int d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') d = (c | 0x20) - 'a' + 10;
    else continue;  // underscores
    if (d >= base) continue;
    uint64_t carry = static_cast<uint64_t>(d);
    for (auto& limb : limbs) {
      uint64_t v = static_cast<uint64_t>(limb) * base + carry;
      limb = static_cast<uint32_t>(v % 1000000000u);
      carry = v / 1000000000u;
    }
    if (carry) limbs.push_back(static_cast<uint32_t>(carry));
  }
  std::string out = std::to_string(limbs.back());
  for (size_t k = limbs.size() - 1; k-- > 0;) {
    std::string part = std::to_string(limbs[k]);
    out.append(9 - part.size(), '0');
    out += part;
  }
  return out;
}

namespace {

using Fn = void (*)(Node*, void*);

template <class T>
inline void VisitField(T* child, Fn fn, void* context) {
  if constexpr (std::is_base_of_v<Node, T>) {
    if (child) fn(child, context);
  }
}
template <class T>
inline void VisitField(const NodeList<T>& list, Fn fn, void* context) {
  for (T* child : list)
    if (child) fn(child, context);
}
template <class T>
inline void VisitField(const T&, Fn, void*) {}

template <class T>
void VisitSorted(std::vector<Node*>& nodes, Fn fn, void* context) {
  std::stable_sort(nodes.begin(), nodes.end(), [](Node* a, Node* b) {
    return a->lineno != b->lineno ? a->lineno < b->lineno : a->col_offset < b->col_offset;
  });
  for (Node* n : nodes) fn(n, context);
}

template <class Def>
void VisitDef(Def* def, Fn fn, void* context) {
  VisitField(def->decorator_list, fn, context);
  VisitField(def->type_params, fn, context);
}

void VisitArguments(Arguments* a, Fn fn, void* context) {
  uint32_t positional = a->posonlyargs.size() + a->args.size();
  uint32_t first_default = positional - std::min(positional, a->defaults.size());
  uint32_t index = 0;
  auto positional_arg = [&](Arg* arg) {
    fn(arg, context);
    if (index >= first_default && a->defaults[index - first_default])
      fn(a->defaults[index - first_default], context);
    ++index;
  };
  for (Arg* arg : a->posonlyargs) positional_arg(arg);
  for (Arg* arg : a->args) positional_arg(arg);
  if (a->vararg) fn(a->vararg, context);
  for (uint32_t i = 0; i < a->kwonlyargs.size(); ++i) {
    fn(a->kwonlyargs[i], context);
    if (i < a->kw_defaults.size() && a->kw_defaults[i]) fn(a->kw_defaults[i], context);
  }
  if (a->kwarg) fn(a->kwarg, context);
}

}  // namespace

void ForEachChild(Node* node, Fn fn, void* context) {
  switch (node->kind) {
    // Kinds whose CPython field order differs from source order.
    case NodeKind::kFunctionDef:
    case NodeKind::kAsyncFunctionDef: {
      auto* def = static_cast<FunctionDef*>(node);  // same layout for both
      if (node->kind == NodeKind::kAsyncFunctionDef) {
        auto* a = static_cast<AsyncFunctionDef*>(node);
        VisitDef(a, fn, context);
        VisitArguments(a->args, fn, context);
        VisitField(a->returns, fn, context);
        VisitField(a->body, fn, context);
        return;
      }
      VisitDef(def, fn, context);
      VisitArguments(def->args, fn, context);
      VisitField(def->returns, fn, context);
      VisitField(def->body, fn, context);
      return;
    }
    case NodeKind::kClassDef: {
      auto* c = static_cast<ClassDef*>(node);
      VisitDef(c, fn, context);
      std::vector<Node*> call_args(c->bases.begin(), c->bases.end());
      call_args.insert(call_args.end(), c->keywords.begin(), c->keywords.end());
      VisitSorted<Node>(call_args, fn, context);
      VisitField(c->body, fn, context);
      return;
    }
    case NodeKind::kCall: {
      auto* c = static_cast<Call*>(node);
      fn(c->func, context);
      if (c->keywords.empty()) {
        VisitField(c->args, fn, context);
        return;
      }
      std::vector<Node*> call_args(c->args.begin(), c->args.end());
      call_args.insert(call_args.end(), c->keywords.begin(), c->keywords.end());
      VisitSorted<Node>(call_args, fn, context);
      return;
    }
    case NodeKind::kDict: {
      auto* d = static_cast<Dict*>(node);
      for (uint32_t i = 0; i < d->values.size(); ++i) {
        if (i < d->keys.size() && d->keys[i]) fn(d->keys[i], context);
        fn(d->values[i], context);
      }
      return;
    }
    case NodeKind::kIfExp: {
      auto* e = static_cast<IfExp*>(node);
      fn(e->body, context);
      fn(e->test, context);
      fn(e->orelse, context);
      return;
    }
    case NodeKind::kArguments:
      VisitArguments(static_cast<Arguments*>(node), fn, context);
      return;
    default:
      break;
  }
  switch (node->kind) {
#define RAMPART_FIELD(Type, member, name) VisitField(n->member, fn, context);
#define RAMPART_AST_NODE(Kind, Base, HasPos, ...) \
  case NodeKind::k##Kind: {                       \
    [[maybe_unused]] auto* n = static_cast<Kind*>(node); \
    __VA_ARGS__                                   \
    return;                                       \
  }
#include "python/ast_nodes.def"
  }
}

void Walk(Node* root, bool (*fn)(Node*, void*), void* context) {
  // Explicit stack: children are collected per node and pushed in reverse so
  // the walk is pre-order in source order without recursion.
  std::vector<Node*> stack{root};
  std::vector<Node*> children;
  while (!stack.empty()) {
    Node* node = stack.back();
    stack.pop_back();
    if (!node || !fn(node, context)) continue;
    children.clear();
    ForEachChild(node, [&children](Node* child) { children.push_back(child); });
    stack.insert(stack.end(), children.rbegin(), children.rend());
  }
}

}  // namespace rampart::python

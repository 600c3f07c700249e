// The Python AST: node kinds and fields mirror CPython 3.13's `ast` module one to
// one (see ast_nodes.def, the single list). Nodes live in an Arena and are plain,
// trivially destructible structs.
//
// What callers may rely on:
//   - Positions follow CPython exactly: `lineno`/`end_lineno` 1-based,
//     `col_offset`/`end_col_offset` 0-based and counted in UTF-8 bytes of the
//     decoded source. Kinds CPython gives no position (mod, comprehension,
//     arguments, withitem, match_case, type_ignore) have all four set to 0.
//   - Pointer fields that CPython declares optional (`expr?`) are null for None.
//     Required pointer fields are never null, even in a tree with errors (the
//     parser substitutes an InvalidExpr). List elements are never null except
//     Dict.keys (`**x` entries) and Arguments.kw_defaults (no default), as in CPython.
//   - Grammar invariants hold for every node without `has_error`; an InvalidExpr /
//     InvalidStmt marks where the parser recovered, and ParseResult::errors says why.
//   - Identifiers are interned in the Arena: compare `Identifier`s by pointer.
//   - Strings in ConstantValue are UTF-8 after escape processing. A str that
//     contains a lone surrogate (possible via "\ud800") holds it encoded as
//     3-byte WTF-8, the only case where the text is not valid UTF-8.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "python/arena.h"

namespace rampart::python {

enum class NodeKind : uint8_t {
#define RAMPART_AST_NODE(Kind, Base, HasPos, ...) k##Kind,
#include "python/ast_nodes.def"
};
inline constexpr int kNodeKindCount = 0
#define RAMPART_AST_NODE(Kind, Base, HasPos, ...) +1
#include "python/ast_nodes.def"
    ;

// CPython's class name ("FunctionDef", "comprehension", "arg", "match_case" ...).
std::string_view NodeKindName(NodeKind kind);
// Whether CPython gives the kind lineno/col_offset/end_lineno/end_col_offset.
bool NodeKindHasPositions(NodeKind kind);

// Singleton sum types of the ASDL (they carry no position) are enums here.
enum class ExprContext : uint8_t { kLoad, kStore, kDel };
enum class BoolOpKind : uint8_t { kAnd, kOr };
enum class OperatorKind : uint8_t {
  kAdd, kSub, kMult, kMatMult, kDiv, kMod, kPow, kLShift, kRShift, kBitOr, kBitXor,
  kBitAnd, kFloorDiv
};
enum class UnaryOpKind : uint8_t { kInvert, kNot, kUAdd, kUSub };
enum class CmpOpKind : uint8_t { kEq, kNotEq, kLt, kLtE, kGt, kGtE, kIs, kIsNot, kIn, kNotIn };

// CPython class names: "Load", "And", "Add", "Invert", "Eq" ...
std::string_view ExprContextName(ExprContext value);
std::string_view BoolOpName(BoolOpKind value);
std::string_view OperatorName(OperatorKind value);
std::string_view UnaryOpName(UnaryOpKind value);
std::string_view CmpOpName(CmpOpKind value);
// Source spelling: "+", "and", "not in" ...
std::string_view OperatorSymbol(OperatorKind value);
std::string_view CmpOpSymbol(CmpOpKind value);

// An ASDL `string?` field: absent (None) or a string.
struct OptString {
  std::string_view text;
  bool present = false;
};

// The value of a Constant (or MatchSingleton).
enum class ConstantKind : uint8_t { kNone, kBool, kEllipsis, kInt, kFloat, kComplex, kStr, kBytes };
struct ConstantValue {
  ConstantKind kind = ConstantKind::kNone;
  bool bool_value = false;
  // kInt: true when the value fits int64_t (then int_value holds it).
  bool int_fits = false;
  int64_t int_value = 0;
  // kFloat: the value; kComplex: the imaginary part (the real part is 0).
  double float_value = 0;
  // kStr: UTF-8 text after escape processing (all parts of an implicit
  //   concatenation joined). kBytes: the bytes. kInt: the literal as written
  //   (prefix and underscores included, e.g. "0x_FF"); see IntToDecimal.
  std::string_view text;
};

// Decimal digits of an int literal of any size ("0x_ff" -> "255").
std::string IntToDecimal(std::string_view literal);

// A list of child nodes, stored as an arena array of pointers.
template <class T>
struct NodeList {
  T** items = nullptr;
  uint32_t count = 0;

  uint32_t size() const { return count; }
  bool empty() const { return count == 0; }
  T* operator[](uint32_t i) const { return items[i]; }
  T* const* begin() const { return items; }
  T* const* end() const { return items + count; }
};

struct IdentifierList {
  Identifier* items = nullptr;
  uint32_t count = 0;
  uint32_t size() const { return count; }
  bool empty() const { return count == 0; }
  Identifier operator[](uint32_t i) const { return items[i]; }
  const Identifier* begin() const { return items; }
  const Identifier* end() const { return items + count; }
};

struct CmpOpList {
  CmpOpKind* items = nullptr;
  uint32_t count = 0;
  uint32_t size() const { return count; }
  CmpOpKind operator[](uint32_t i) const { return items[i]; }
  const CmpOpKind* begin() const { return items; }
  const CmpOpKind* end() const { return items + count; }
};

// Forward declarations of every node struct.
#define RAMPART_AST_NODE(Kind, Base, HasPos, ...) struct Kind;
#include "python/ast_nodes.def"

enum : uint8_t {
  kNodeHasError = 1,       // the parser recovered here (see InvalidExpr / InvalidStmt)
  kNodeParenthesized = 2,  // an expression written inside its own parentheses: `(a)`
};

struct Node {
  NodeKind kind;
  uint8_t flags = 0;  // kNodeHasError | kNodeParenthesized
  uint32_t lineno = 0;
  uint32_t col_offset = 0;
  uint32_t end_lineno = 0;
  uint32_t end_col_offset = 0;

  explicit Node(NodeKind k) : kind(k) {}
  bool has_error() const { return (flags & kNodeHasError) != 0; }

  // Checked down-cast: null when the node is not a T (or T's category).
  template <class T>
  T* As() { return T::Classof(kind) ? static_cast<T*>(this) : nullptr; }
  template <class T>
  const T* As() const { return T::Classof(kind) ? static_cast<const T*>(this) : nullptr; }
  template <class T>
  bool Is() const { return T::Classof(kind); }
  static constexpr bool Classof(NodeKind) { return true; }
};

// Category bases. Kinds of one category are contiguous in ast_nodes.def.
struct ModNode : Node {
  using Node::Node;
  static constexpr bool Classof(NodeKind k) {
    return k >= NodeKind::kModule && k <= NodeKind::kFunctionType;
  }
};
struct StmtNode : Node {
  using Node::Node;
  static constexpr bool Classof(NodeKind k) {
    return k >= NodeKind::kFunctionDef && k <= NodeKind::kInvalidStmt;
  }
};
struct ExprNode : Node {
  using Node::Node;
  static constexpr bool Classof(NodeKind k) {
    return k >= NodeKind::kBoolOp && k <= NodeKind::kInvalidExpr;
  }
};
struct PatternNode : Node {
  using Node::Node;
  static constexpr bool Classof(NodeKind k) {
    return k >= NodeKind::kMatchValue && k <= NodeKind::kMatchOr;
  }
};
struct TypeParamNode : Node {
  using Node::Node;
  static constexpr bool Classof(NodeKind k) {
    return k >= NodeKind::kTypeVar && k <= NodeKind::kTypeVarTuple;
  }
};

// Concrete node structs, fields in CPython's order.
#define RAMPART_FIELD(Type, member, name) Type member{};
#define RAMPART_AST_NODE(Kind, Base, HasPos, ...)                          \
  struct Kind : Base {                                                     \
    static constexpr NodeKind kKind = NodeKind::k##Kind;                   \
    static constexpr bool Classof(NodeKind k) { return k == kKind; }       \
    Kind() : Base(kKind) {}                                                \
    __VA_ARGS__                                                            \
  };
#include "python/ast_nodes.def"

// Calls fn(Node*) for every direct child node, in source order (decorators
// before the `def`, dict keys interleaved with values, defaults after their
// parameters ...). Null optional children are skipped.
void ForEachChild(Node* node, void (*fn)(Node* child, void* context), void* context);

template <class F>
void ForEachChild(Node* node, F&& fn) {
  ForEachChild(
      node, [](Node* child, void* context) { (*static_cast<std::remove_reference_t<F>*>(context))(child); },
      &fn);
}

// Pre-order walk of the whole subtree (node included). `fn` returns false to
// skip the children of the node it was given. Iterative: deep trees are safe.
void Walk(Node* node, bool (*fn)(Node* node, void* context), void* context);

template <class F>
void Walk(Node* node, F&& fn) {
  Walk(
      node, [](Node* n, void* context) -> bool { return (*static_cast<std::remove_reference_t<F>*>(context))(n); },
      &fn);
}

}  // namespace rampart::python

// Helpers shared by the python front-end tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

#include "python/ast.h"
#include "python/ast_json.h"
#include "python/parser.h"

namespace rampart::python::testing {

struct Parsed {
  std::unique_ptr<Arena> arena = std::make_unique<Arena>();
  ParseResult result;
  Module* module() const { return result.module; }
  StmtNode* stmt(size_t i) const { return result.module->body[static_cast<uint32_t>(i)]; }
  // The expression of the i-th statement, which must be an expression statement.
  ExprNode* expr(size_t i) const {
    Expr* e = stmt(i)->As<Expr>();
    return e ? e->value : nullptr;
  }
  std::string FirstError() const { return result.errors.empty() ? "" : result.errors[0].message; }
};

inline Parsed ParseText(std::string_view text) {
  Parsed p;
  p.result = Parse(text, "test.py", *p.arena);
  return p;
}

inline std::string Json(const Node* node) {
  std::string out;
  AppendAstJson(node, out);
  return out;
}

// "line:col-end_line:end_col" of a node.
inline std::string Pos(const Node* n) {
  return std::to_string(n->lineno) + ":" + std::to_string(n->col_offset) + "-" + std::to_string(n->end_lineno) + ":" +
         std::to_string(n->end_col_offset);
}

inline std::string Str(const ExprNode* e) {
  const Constant* c = e ? e->As<Constant>() : nullptr;
  if (!c || c->value.kind != ConstantKind::kStr) return "<not a str constant>";
  return std::string(c->value.text);
}

}  // namespace rampart::python::testing

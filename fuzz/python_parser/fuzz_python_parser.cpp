// Fuzzes Parse() on arbitrary bytes: it must never crash, hang, leak or trip a
// sanitizer, and the tree it returns must honour ast.h's contracts (required
// children present, positions ordered, JSON printable).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "python/ast_json.h"
#include "python/parser.h"

namespace {

using namespace rampart::python;

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Arena arena;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  ParseResult result = Parse(input, "fuzz.py", arena);
  Check(result.module != nullptr);
  Walk(result.module, [&](Node* node) {
    if (NodeKindHasPositions(node->kind)) {
      Check(node->lineno >= 1);
      Check(node->end_lineno > node->lineno ||
            (node->end_lineno == node->lineno && node->end_col_offset >= node->col_offset));
      Check(node->end_lineno <= result.lines.line_count() + 1);
    }
    ForEachChild(node, [](Node* child) { Check(child != nullptr); });
    return true;
  });
  for (const SyntaxError& e : result.errors) Check(!e.message.empty());
  std::string json;
  AppendAstJson(result.module, json);
  Check(!json.empty());
  return 0;
}

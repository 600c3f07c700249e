// The Python front end's entry point: bytes in, AST + diagnostics out.
//
// Parse() never fails and never throws: any input (binary, invalid UTF-8, deeply
// nested, truncated) yields a Module plus a list of syntax errors. Callers may rely on:
//   - `module` is never null; with errors it holds what could be recovered
//     (statements after an error are parsed normally, the bad one becomes an
//     InvalidStmt);
//   - positions in the tree, in `errors` and in `comments` refer to `source`
//     (the decoded UTF-8 text: BOM removed, PEP 263 encodings such as latin-1
//     converted), lines 1-based, columns 0-based UTF-8 bytes as CPython has them;
//   - messages read like CPython's ("invalid syntax", "unterminated string
//     literal (detected at line 3)", "unexpected indent" ...);
//   - everything the result points to lives in the Arena passed in.
// Recursion is bounded (CPython's limit of 200 nested brackets gives "too many
// nested parentheses"), so hostile input cannot overflow the stack.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "python/arena.h"
#include "python/ast.h"

namespace rampart::python {

struct SyntaxError {
  uint32_t lineno = 0;          // 1-based
  uint32_t col_offset = 0;      // 0-based, UTF-8 bytes
  uint32_t end_lineno = 0;
  uint32_t end_col_offset = 0;
  std::string message;          // CPython-style, e.g. "invalid syntax"
};

// A `#` comment; `text` starts with '#' and excludes the line end.
struct Comment {
  uint32_t lineno = 0;
  uint32_t col_offset = 0;
  std::string_view text;
};

// Maps byte offsets in the decoded source to (line, column) and back.
class LineIndex {
 public:
  LineIndex() = default;
  explicit LineIndex(std::string_view source);
  // 1-based line and 0-based byte column of `offset` (clamped to the text).
  void ToLineCol(uint32_t offset, uint32_t* lineno, uint32_t* col_offset) const;
  // Byte offset of (lineno, col_offset); clamped to the text.
  uint32_t ToOffset(uint32_t lineno, uint32_t col_offset) const;
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }
  // Text of a line without its line end (empty for an out-of-range line).
  std::string_view Line(uint32_t lineno) const;

 private:
  std::string_view source_;
  std::vector<uint32_t> line_starts_;
};

struct ParseResult {
  Module* module = nullptr;
  std::vector<SyntaxError> errors;   // sorted by position
  std::vector<Comment> comments;     // in source order
  std::string_view source;           // decoded UTF-8 text (in the Arena)
  LineIndex lines;
  std::string_view encoding;         // "utf-8" or the PEP 263 name that was applied
  bool ok() const { return errors.empty(); }
};

struct ParseOptions {
  // Maximum nesting of brackets (CPython: 200, "too many nested parentheses").
  uint32_t max_bracket_depth = 200;
  // Maximum depth of the syntax tree; deeper input is an error, so tree walkers
  // that recurse stay within the stack.
  uint32_t max_tree_depth = 1000;
};

ParseResult Parse(std::string_view raw_bytes, std::string_view path, Arena& arena,
                  const ParseOptions& options = {});

}  // namespace rampart::python

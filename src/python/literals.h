// Literal decoding for the parser: string escape processing and numbers.
// Internal to src/python (the parser's helpers); exposed for tests.
#pragma once

#include <string>
#include <string_view>

#include "python/ast.h"

namespace rampart::python {

// Appends the value of a string literal body (between the quotes) to `out`.
// `bytes` selects bytes semantics (no \u, \U, \N escapes). Returns an error
// message (CPython's wording) or empty; `error_offset` is the byte offset in
// `body` of the bad escape.
std::string DecodeStringBody(std::string_view body, bool raw, bool bytes, std::string& out,
                             size_t* error_offset);

// Fills `value` from a NUMBER token's text. False when the text is not a number.
bool DecodeNumber(std::string_view text, ConstantValue* value);

}  // namespace rampart::python

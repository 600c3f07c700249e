// Python 3.13 tokenizer: decoded UTF-8 text in, a flat vector of tokens out
// (NEWLINE/INDENT/DEDENT synthesised as CPython's tokenizer does, PEP 701
// f-strings as FSTRING_START / FSTRING_MIDDLE / replacement-field tokens /
// FSTRING_END). It never stops on bad input: it records an error, emits a
// kError token or closes what is open, and continues; the last token is
// always kEndMarker.
#pragma once

#include <string_view>
#include <vector>

#include "python/parser.h"
#include "python/token.h"

namespace rampart::python {

// Converts raw file bytes to UTF-8 text: strips a BOM, applies a PEP 263
// declaration (utf-8, latin-1, ascii, cp1252, iso-8859-15 ...), turns CRLF and
// CR into LF (as CPython's tokenizer does), replaces bytes that are not valid
// UTF-8 by '?', keeping the column arithmetic of the rest of the line intact.
// Problems (invalid UTF-8, NUL bytes, unknown encoding) go to `errors`.
std::string_view DecodeSource(std::string_view raw, Arena& arena, std::string_view* encoding,
                              std::vector<SyntaxError>* errors);

struct LexOutput {
  std::vector<Token> tokens;
  std::vector<Comment> comments;
};

// `errors` receives tokenizer errors (unterminated strings, bad indentation,
// invalid characters, too many nested parentheses ...).
// `buffer` is reused for the token vector (pass a previous LexOutput's tokens
// to avoid re-allocating per file).
LexOutput Tokenize(std::string_view source, const ParseOptions& options,
                   std::vector<SyntaxError>* errors, std::vector<Token>&& buffer = {});

}  // namespace rampart::python

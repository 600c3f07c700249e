// Canonical JSON for an AST (`rampart debug ast`, scripts/ast-diff). The form
// is documented in docs/parser.md; in short, it mirrors
// `ast.dump(tree, include_attributes=True)`:
//   {"_type": "Name", "id": "x", "ctx": {"_type": "Load"},
//    "lineno": 1, "col_offset": 0, "end_lineno": 1, "end_col_offset": 1}
// Fields come in CPython's order, then the four positions (for kinds that have
// them). Empty lists are [] and absent values null. Constants are tagged so no
// two Python types can be confused: {"int": "12"}, {"float": "1.5"} (Python's
// repr), {"complex": "2.0"} (repr of the imaginary part), {"str": "..."},
// {"bytes": "..."} (each byte as the code point of the same value),
// {"bool": true}, {"None": null}, {"Ellipsis": null}. Output is pure ASCII.
#pragma once

#include <string>

#include "python/ast.h"

namespace rampart::python {

void AppendAstJson(const Node* node, std::string& out);
// Python's repr() of a float ("1.0", "1e+16", "inf").
std::string FloatRepr(double value);
// Appends `text` as a JSON string literal (non-ASCII as \u escapes; WTF-8
// surrogates become lone \udXXX escapes).
void AppendJsonString(std::string_view text, std::string& out);

}  // namespace rampart::python

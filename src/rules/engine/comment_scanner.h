// A fallback comment scanner for Python source, used when the analyses return
// no comments for a file (e.g. before the parser lands, or for a file it could
// not tokenize). It skips string literals (all quote forms, prefixes and
// escapes) so a `#` inside a string is not a comment. Never fails: an
// unterminated string simply ends the scan.
#pragma once

#include <string_view>
#include <vector>

#include "rules/analyze.h"

namespace rampart::rules::engine {

std::vector<rules::Comment> ScanPythonComments(std::string_view source);

}  // namespace rampart::rules::engine

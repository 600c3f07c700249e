// The names Python's `builtins` module defines (CPython 3.13). A Name that no
// enclosing scope binds and that is in this list resolves to `builtins.<name>`.
#pragma once

#include <string_view>

namespace rampart::sema {

bool IsBuiltinName(std::string_view name);

}  // namespace rampart::sema

// Shared matching for the blacklisted-import rules (PY401-PY415; Bandit's B4xx
// family). Each rule keeps its own file, metadata and docs; this header only
// decides, the same way for all of them, whether an import statement brings in
// a listed module.
//
// What callers may rely on:
//   - Matching is by whole dotted components: "lxml" matches `import lxml`,
//     `import lxml.etree` and `from lxml import etree`, never `import lxmlx`
//     (Bandit compares raw string prefixes and does match it).
//   - `from m import x` is matched as the name "m.x", so a listed name such as
//     "wsgiref.handlers.CGIHandler" matches `from wsgiref.handlers import
//     CGIHandler` but not `import wsgiref.handlers`.
//   - Relative imports (`from . import pickle`) name project modules and never
//     match; imports under `if TYPE_CHECKING:` never run and never match.
//   - Pure, never throws; one finding per statement (the first matching alias).
//   - Calls cost one identifier compare unless the callee is spelled
//     `__import__` or `import_module`.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "python/ast.h"
#include "sema/model.h"

namespace rampart::rules::imports {

// True when `dotted` is `listed` or a submodule / member of it.
bool InModule(std::string_view dotted, std::string_view listed);

// Where `node` imports a module that falls under one of `modules` and under
// none of `allowed` (members that are safe on their own, such as
// `xml.sax.saxutils`), with the imported name in `*imported`
// ("xml.etree.ElementTree"):
//   - Import / ImportFrom: the first matching alias;
//   - Call of `importlib.import_module("m")` or `__import__("m")` with a constant
//     absolute module name: that argument (Bandit checks these too).
// Null for any other node or when nothing matches.
const python::Node* MatchImport(const python::Node& node, const sema::ModuleModel& model,
                                std::span<const std::string_view> modules,
                                std::span<const std::string_view> allowed, std::string* imported);

}  // namespace rampart::rules::imports

// Rule selection: `--select`, `--ignore`, and `per-file-ignores` entries.
//
// A selector is a rule code (`PY602`), a name (`subprocess-popen-with-shell-
// equals-true`), an alias with or without its tool prefix (`bandit:B602`,
// `B602`, `S602`), a code prefix (`PY6`, `TNT`), or `ALL`; case-insensitive.
// A selector that names no rule is an error, except a well-formed code prefix
// of a known family (PY, TNT, CFG, SEC, DEP, WEB), which may match nothing in
// this build. Callers may rely on Resolve() never throwing.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/rule_info.h"

namespace rampart::rules::engine {

// Splits "a, b,c" / repeated option values into selectors (trimmed, non-empty).
std::vector<std::string> SplitSelectors(const std::vector<std::string>& values);

// Resolves selectors to rule codes; unknown selectors go to *unknown.
std::set<std::string> ResolveSelectors(const RuleCatalogue& catalogue,
                                       const std::vector<std::string>& selectors,
                                       std::vector<std::string>* unknown);

class RuleSelection {
 public:
  // `select` empty means all rules. Returns "" or an error naming the selector.
  std::string Init(const RuleCatalogue& catalogue, const std::vector<std::string>& select,
                   const std::vector<std::string>& ignore);
  bool Enabled(std::string_view code) const { return enabled_.count(std::string(code)) > 0; }
  const std::set<std::string>& enabled() const { return enabled_; }

 private:
  std::set<std::string> enabled_;
};

}  // namespace rampart::rules::engine

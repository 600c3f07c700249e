// Gitignore-style path matching, used for `.gitignore` files, configured
// `exclude` patterns and the default excludes.
//
// Semantics follow gitignore(5): blank lines and `#` comments are skipped;
// `!pattern` re-includes; a trailing `/` matches directories only; a pattern
// with a `/` at its start or middle is anchored to the directory of the file
// that holds it, otherwise it matches a name at any depth below it; `*` and `?`
// do not cross `/`; `**/`, `/**/` and `/**` span directories; `[a-z]`, `[!x]`
// classes and `\` escapes work. The last matching pattern decides. As in git, a
// file inside an excluded directory cannot be re-included: the walker never
// enters excluded directories. Matching is linear in pattern x path (memoised),
// so hostile patterns cannot blow up.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rampart::rules::engine {

struct IgnorePattern {
  std::string glob;     // without `!`, leading `/` and trailing `/`
  std::string base;     // directory the pattern is relative to ("" = root), no trailing '/'
  bool negated = false;
  bool dir_only = false;
  bool anchored = false;  // contains a '/' (other than a trailing one)
  std::string source;     // "path:line" for diagnostics
};

enum class IgnoreVerdict { kNone, kIgnored, kIncluded };

// An ordered list of patterns; later patterns override earlier ones, so a
// nested .gitignore is appended after its parents'.
class IgnoreRules {
 public:
  // Parses `text` (a .gitignore file or one pattern per line) whose patterns are
  // relative to directory `base` ("" for the root). `source` names the file.
  void AddFile(std::string_view text, std::string_view base, std::string_view source);
  void AddPattern(std::string_view line, std::string_view base, std::string_view source = "");

  // Verdict for `path` (relative to the root, '/' separated) from the last
  // matching pattern. Does not look at parent directories; the walker checks
  // each directory as it descends.
  IgnoreVerdict Match(std::string_view path, bool is_dir) const;
  // True when `path` or any of its parent directories is ignored (for paths
  // that were not reached by walking, e.g. named on the command line).
  bool IsIgnoredWithParents(std::string_view path, bool is_dir) const;

  bool empty() const { return patterns_.empty(); }
  size_t size() const { return patterns_.size(); }

 private:
  std::vector<IgnorePattern> patterns_;
};

// Glob match of a whole path (see the header comment for the syntax).
bool GlobMatch(std::string_view glob, std::string_view path);

// The default excludes: .git, .hg, .svn, .venv, venv, node_modules,
// __pycache__, build, dist, .tox, .mypy_cache, .pytest_cache, .ruff_cache, .eggs.
const std::vector<std::string>& DefaultExcludes();

}  // namespace rampart::rules::engine

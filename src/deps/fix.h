// `rampart deps --fix`: rewrites vulnerable pins in requirements files,
// pyproject.toml and setup.cfg to the smallest version no advisory affects.
// Only the version text changes; comments, spacing, hashes and line endings
// stay as they were. Each file is replaced atomically.
//
// Callers may rely on: a candidate whose text in the file no longer matches
// the expected version is skipped with an error rather than guessed at; with
// `dry_run` nothing is written and `diff` shows what would change.
#pragma once

#include <string>
#include <vector>

#include "deps/audit.h"

namespace rampart::deps {

struct FixOutcome {
  size_t applied = 0;
  std::vector<std::string> changed_files;  // relative paths
  std::string diff;                        // unified diff (zero context lines)
  std::vector<std::string> errors;         // "path:line: message"
};

FixOutcome ApplyFixes(const std::string& root, const std::vector<FixCandidate>& fixes, bool dry_run);

}  // namespace rampart::deps

// Finds the files `rampart check` audits and reads them, in parallel.
//
// Callers may rely on: the result is sorted by relative path and free of
// duplicates whatever the thread timing; every problem (unreadable file or
// directory, symlink loop, broken symlink, missing target) is an error value
// "path: message", never an exception or a crash. Directories that match the
// default excludes, configured excludes or a `.gitignore` (when respected) are
// not entered. Symlinks to files are followed; symlinks to directories are
// followed unless they point back to one of their own ancestors (a loop, which
// is reported). Files named explicitly as targets are always audited, even
// when an exclude matches them (as with Ruff without --force-exclude).
#pragma once

#include <string>
#include <vector>

#include "rules/analyze.h"

namespace rampart::rules::engine {

struct WalkOptions {
  std::string root;                  // absolute project root; relative paths are taken from here
  std::vector<std::string> targets;  // absolute paths (files or directories) under or at root
  std::vector<std::string> excludes; // gitignore-syntax patterns, relative to root
  bool use_default_excludes = true;
  bool respect_gitignore = true;
  unsigned threads = 0;              // 0: all cores
};

struct WalkResult {
  std::vector<SourceInput> files;    // sorted by path
  std::vector<std::string> errors;   // sorted
  size_t directories = 0;
};

// True for the files handed to AnalyzeProject: *.py, *.pyi, and templates
// (*.html, *.htm, *.jinja, *.jinja2, *.j2) inside a folder named `templates`.
bool IsAuditedFile(std::string_view relative_path);

WalkResult WalkProject(const WalkOptions& options);

}  // namespace rampart::rules::engine

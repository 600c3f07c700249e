// rampart's own configuration: `[tool.rampart]` in pyproject.toml, or the
// top-level keys of rampart.toml, found by walking up from the audited path;
// `--config FILE` names one explicitly.
//
// Callers may rely on: loading never throws and never exits; every problem is
// an error value "file:line:col: message" naming the key. Unknown keys are
// errors, except inside sub-tables registered by other areas (RegisterSection:
// e.g. `deps` for `[tool.rampart.deps]`), whose contents those areas validate
// from the parsed table (RampartConfig::table). Relative paths in the file
// (`baseline`, `output`) are resolved against the file's directory.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <vector>

#include "base/finding.h"

namespace rampart::config {

struct RampartConfig {
  std::string file;  // absolute path of the file read ("" when none was found)
  std::string dir;   // its directory: relative paths and patterns are based here
  std::optional<std::vector<std::string>> select;
  std::optional<std::vector<std::string>> ignore;
  std::optional<std::vector<std::string>> extend_select;
  std::optional<std::vector<std::string>> extend_ignore;
  std::optional<std::vector<std::string>> exclude;         // replaces the default list
  std::optional<std::vector<std::string>> extend_exclude;  // adds to it
  std::optional<Severity> severity;                        // minimum severity reported
  std::optional<Confidence> confidence;                    // minimum confidence reported
  std::optional<Severity> fail_on;
  std::optional<std::string> format;
  std::optional<std::string> output;    // absolute
  std::optional<std::string> baseline;  // absolute
  std::optional<bool> respect_gitignore;
  std::optional<bool> show_suppressed;
  std::optional<bool> report_unused_suppressions;
  std::optional<unsigned> threads;
  // pattern (gitignore syntax, relative to dir) -> selectors
  std::vector<std::pair<std::string, std::vector<std::string>>> per_file_ignores;
  // "file:line:col" of each key's value, for errors found later (e.g. an
  // unknown rule in `select`, which needs the rule catalogue to detect).
  std::map<std::string, std::string> locations;
  // The `[tool.rampart]` table (or rampart.toml's root) for other areas to read
  // their registered sections from, with source positions.
  toml::table table;
};

struct LoadResult {
  RampartConfig config;
  std::string error;  // "" on success
  bool ok() const { return error.empty(); }
};

// Sub-table names other areas own (`deps`, `scan` are registered by default).
// Call before loading (e.g. from a command's registration).
void RegisterSection(std::string_view name);

// Finds the configuration for `start` (a file or directory): the nearest
// rampart.toml, or pyproject.toml that has a [tool.rampart] table, walking up
// to the file system root. Returns "" when there is none.
std::string FindConfigFile(const std::string& start);

// Loads and validates `path`. For pyproject.toml only [tool.rampart] is read.
LoadResult LoadConfigFile(const std::string& path);

// Parses configuration text; `path` names it in errors and decides the dialect
// (a file named pyproject.toml reads [tool.rampart]). For tests and LoadConfigFile.
LoadResult ParseConfig(std::string_view text, const std::string& path);

}  // namespace rampart::config

// The contract between the check engine (file discovery, configuration,
// suppressions, baseline, reports) and the analyses (parse, semantic model,
// rules, taint). The engine hands over the project's files; the analyses return
// raw findings and what the engine needs to post-process them.
//
// Contract: AnalyzeProject never throws and never prints. Findings come back
// unsorted and unsuppressed; the engine sorts, de-duplicates, fingerprints and
// applies suppressions. `enabled` says which rule codes may report; analyses
// skip disabled rules (not just filter afterwards) so selection also saves time.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/finding.h"

namespace rampart::rules {

struct SourceInput {
  std::string path;      // relative to the project root, forward slashes
  std::string abs_path;  // for error messages that must name the real file
  std::string bytes;     // raw file content, as read (any encoding)
};

struct Comment {
  uint32_t line = 0;    // 1-based
  uint32_t column = 0;  // 1-based UTF-8 byte column of '#'
  std::string text;     // including the leading '#'
};

struct FileResult {
  std::string path;
  std::string source_utf8;             // decoded text, for code frames
  std::vector<Comment> comments;       // for `# nosec` / `# noqa` / `# rampart: ignore[...]`
  std::vector<std::string> errors;     // "path:line:col: message" (syntax, decoding)
};

struct ProjectInput {
  std::string root;                    // absolute project root
  std::vector<SourceInput> files;      // .py files (and templates/settings the rules read)
  std::function<bool(std::string_view rule_code)> enabled;
  unsigned threads = 0;                // 0: all cores
};

struct ProjectResult {
  std::vector<Finding> findings;
  std::vector<FileResult> files;       // one per input file, same order
};

ProjectResult AnalyzeProject(const ProjectInput& input);

}  // namespace rampart::rules

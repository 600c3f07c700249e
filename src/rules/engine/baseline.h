// Fingerprints and baselines.
//
// A fingerprint identifies a finding across edits: a 64-bit FNV-1a hash (16
// hex digits) of the rule code, the path, the normalised snippet (whitespace
// runs collapsed, ends trimmed) and the enclosing context (the nearest
// enclosing `def`/`class` header, found by indentation). The line number is
// NOT part of it, so findings survive moved lines; the same flagged text twice
// in one function gives two equal fingerprints, and the baseline counts them.
//
// Baseline file (JSON, versioned):
//   {"version": 1, "tool": "rampart",
//    "findings": [{"fingerprint": "...", "code": "PY602", "path": "app.py", "count": 2}]}
// Applying a baseline marks up to `count` findings per fingerprint as
// suppressed (kind "baseline"); extra copies are new findings.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/finding.h"

namespace rampart::rules::engine {

// Sets Finding::fingerprint. `sources` maps a path to its text (paths without
// one, such as URLs, hash the message instead of a snippet and have no context).
// Call FillSnippets first so rules that left `snippet` empty still get one.
void ComputeFingerprints(std::vector<Finding>& findings,
                         const std::map<std::string, std::string>& sources);

// Fills Finding::snippet from the sources when a rule left it empty.
void FillSnippets(std::vector<Finding>& findings, const std::map<std::string, std::string>& sources);

struct BaselineEntry {
  std::string code;
  std::string path;
  size_t count = 0;
};

class Baseline {
 public:
  // Parses a baseline file's text; returns "" or an error naming `file_name`.
  std::string Parse(std::string_view text, std::string_view file_name);
  // Serialises the unsuppressed findings.
  static std::string Serialize(const std::vector<Finding>& findings);
  // Marks known findings as suppressed (kind "baseline"), honouring counts.
  // Findings already suppressed inline do not consume baseline entries.
  void Apply(std::vector<Finding>& findings) const;
  size_t size() const { return entries_.size(); }

 private:
  std::map<std::string, BaselineEntry> entries_;  // by fingerprint
};

}  // namespace rampart::rules::engine

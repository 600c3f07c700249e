// Helpers shared by the reporters (not part of the public report API): rule
// lookup with a fallback for unknown codes, severity mappings, access to the
// source lines the engine attached, and escaping. Everything here is pure.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "report/report.h"

namespace rampart::report::internal {

// Looks rules up in input.catalogue (or RuleCatalogue::Get()). Unknown codes get
// a synthesised RuleInfo whose name is the code, so reporters never crash.
class RuleLookup {
 public:
  explicit RuleLookup(const ReportInput& input);
  const RuleInfo& Get(std::string_view code);

 private:
  const RuleCatalogue* catalogue_;
  std::map<std::string, RuleInfo, std::less<>> unknown_;
};

// The source text of each path, split into lines on demand.
class SourceLines {
 public:
  explicit SourceLines(const ReportInput& input);
  // Line `line` (1-based) of `path` without its line break; false when the
  // path has no source or the line is out of range.
  bool Line(std::string_view path, uint32_t line, std::string_view* out);

 private:
  struct Entry {
    std::string_view text;
    std::vector<size_t> starts;  // filled on first use
  };
  std::map<std::string, Entry, std::less<>> files_;
};

// GitHub's mapping: critical 9.5, high 8.0, medium 5.5, low 3.0.
std::string_view SecuritySeverity(Severity severity);
// SARIF result level: critical/high -> error, medium -> warning, low -> note.
std::string_view SarifLevel(Severity severity);
// Converts a 1-based UTF-8 byte column on `line` to a 1-based code point column.
uint32_t CodePointColumn(std::string_view line, uint32_t byte_column);
// Replaces invalid UTF-8 sequences with U+FFFD so every writer emits valid text.
std::string ValidUtf8(std::string_view text);
std::string XmlEscape(std::string_view text);
// "PY602 name" etc. used by junit/github titles.
std::string TitleOf(const Finding& finding, const RuleInfo& rule);
// Counts of unsuppressed findings by severity, index = Severity value.
struct Counts {
  size_t by_severity[4] = {0, 0, 0, 0};
  size_t total = 0;
  size_t suppressed = 0;
};
Counts CountFindings(const ReportInput& input);

void WriteText(const ReportInput& input, std::ostream& out);
void WriteJson(const ReportInput& input, std::ostream& out);
void WriteSarif(const ReportInput& input, std::ostream& out);
void WriteJunit(const ReportInput& input, std::ostream& out);
void WriteGithub(const ReportInput& input, std::ostream& out);
void WriteCycloneDx(const ReportInput& input, std::ostream& out);

}  // namespace rampart::report::internal

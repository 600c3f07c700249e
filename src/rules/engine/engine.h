// The check engine: everything `rampart check` does between parsing its options
// and printing the report. Files -> configuration -> AnalyzeProject -> filter,
// sort, de-duplicate, fingerprint, suppress, baseline -> ReportInput + exit code.
//
// Callers may rely on: RunCheck never throws for bad input and never prints;
// usage/configuration problems come back as `fatal_error` with exit code 2
// (naming the file and line where there is one); file-level problems (unread-
// able files, symlink loops, syntax errors) are in report.errors and do not by
// themselves change the exit code. The result does not depend on thread count
// or timing (except `seconds`).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/rule_info.h"
#include "report/report.h"
#include "rules/analyze.h"

namespace rampart::rules::engine {

using AnalyzeFn = std::function<ProjectResult(const ProjectInput&)>;

// Options as given on the command line; unset optionals fall back to the
// configuration file, then to the defaults.
struct CheckOptions {
  std::vector<std::string> paths;               // empty: "."
  std::optional<std::vector<std::string>> select;  // replaces the config's `select`
  std::vector<std::string> extend_select;       // added to it
  std::vector<std::string> ignore;              // added to the config's `ignore`
  std::vector<std::string> exclude;             // added to the excludes
  std::optional<std::string> severity;          // minimum severity reported
  std::optional<std::string> confidence;        // minimum confidence reported
  std::optional<std::string> fail_on;           // default "low"
  std::optional<std::string> format;            // default "text"
  std::optional<std::string> output;            // -o FILE
  std::optional<std::string> config_file;       // --config FILE
  std::optional<std::string> baseline;          // --baseline FILE
  std::optional<std::string> write_baseline;    // --write-baseline FILE
  std::optional<bool> show_suppressed;
  std::optional<bool> report_unused_suppressions;
  std::optional<bool> respect_gitignore;
  std::optional<unsigned> threads;
  bool statistics = false;
  bool quiet = false;
  // Run the dependency audit (src/deps) over the first target when an advisory
  // database exists; `--no-deps` turns it off. `deps_db`: --db PATH.
  bool audit_dependencies = true;
  std::string deps_db;
  // Test seams: the analyses and the catalogue (defaults: AnalyzeProject,
  // RuleCatalogue::Get()).
  AnalyzeFn analyze;
  const RuleCatalogue* catalogue = nullptr;
};

struct CheckOutcome {
  int exit_code = 0;          // 0 clean, 1 findings at/above --fail-on, 2 error
  std::string fatal_error;    // set with exit code 2; nothing else is meaningful then
  report::ReportInput report; // ready for report::Write
  report::Format format = report::Format::kText;
  std::string output;         // "" for stdout, else an absolute path
  std::string note;           // a line for stderr (e.g. "wrote baseline ...")
};

CheckOutcome RunCheck(const CheckOptions& options);

}  // namespace rampart::rules::engine

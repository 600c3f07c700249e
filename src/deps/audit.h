// The dependency audit: manifests + advisory database (+ optionally a PEP 691
// index) -> DEP findings, vulnerability data and SBOM components, ready for the
// report layer. This is the one entry point `rampart deps` and `rampart check`
// share.
//
// Callers may rely on: AuditDirectory never throws and never prints; problems
// that are not findings (unreadable manifests, config errors, a missing or old
// database, index failures) come back in `report.errors` / `warnings` /
// `fatal_error`. Findings are sorted and de-duplicated; ignored ones carry a
// Suppression of kind "config" with the ignore's reason. A pinned version is
// matched exactly (DEP001); a range is only ever reported as allowing
// vulnerable versions (DEP002), never as "vulnerable".
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "deps/advisory_db.h"
#include "deps/manifests.h"
#include "report/report.h"

namespace rampart::deps {

inline constexpr std::string_view kKnownVulnerablePin = "DEP001";
inline constexpr std::string_view kRangeAllowsVulnerable = "DEP002";
inline constexpr std::string_view kOutdatedPin = "DEP003";
inline constexpr std::string_view kUnconstrained = "DEP004";

struct IgnoreEntry {
  std::string id;        // advisory id or any alias (case-insensitive)
  std::string package;   // optional: only this package (PEP 503 normalised)
  std::string reason;    // required
  std::string expires;   // optional, YYYY-MM-DD; past it the ignore stops applying
  std::string path;      // where it was configured
  uint32_t line = 0;
};

// `[tool.rampart.deps]` in pyproject.toml, or `[deps]` / `[tool.rampart.deps]`
// in rampart.toml (which wins when both exist).
struct DepsConfig {
  std::vector<IgnoreEntry> ignores;
  int max_db_age_days = 7;
  std::string index_url;
  std::string path;  // the file the table came from; empty when none
};

// Reads the configuration from `root`; `explicit_path` (a rampart.toml or
// pyproject.toml) overrides discovery. Errors are "path:line: message".
bool LoadDepsConfig(const std::string& root, const std::string& explicit_path, DepsConfig* out,
                    std::string* error);

struct AuditOptions {
  std::string db_path;                 // empty: DefaultDatabasePath()
  std::vector<std::string> manifests;  // explicit files (relative to root or absolute); empty: discover
  std::string site_packages;           // --site-packages DIR
  ReadOptions read;
  DepsConfig config;
  std::string index_url;               // overrides config.index_url; enables DEP003
  std::string today;                   // YYYY-MM-DD for ignore expiry; empty: today (UTC)
  int64_t now = 0;                     // unix seconds for the database age; 0: now
  bool require_database = true;        // false: no database is not an error (check engine)
  // Rule selection (code -> enabled); absent codes are enabled.
  std::map<std::string, bool, std::less<>> enabled;
};

// A pin `--fix` can rewrite: the smallest version that no advisory affects.
struct FixCandidate {
  std::string manifest;
  ManifestKind kind = ManifestKind::kRequirements;
  std::string package;
  std::string from_version;  // as written in the file
  std::string to_version;
  uint32_t line = 0, column = 0, end_column = 0;  // of the version text
};

struct AuditResult {
  report::ReportInput report;          // tool_command "deps"; root; findings; vulnerability_data; components; errors
  std::vector<std::string> warnings;   // old database, expired ignores, index problems
  std::string fatal_error;             // non-empty: the audit could not run (exit 2)
  bool database_missing = false;
  size_t dependencies = 0;             // audited entries
  size_t skipped_by_marker = 0;
  std::vector<FixCandidate> fixes;
  DatabaseStatus database;
  // Timings in seconds, for --stats and bench/deps.
  double open_seconds = 0, read_seconds = 0, match_seconds = 0;
};

AuditResult AuditDirectory(const std::string& root, const AuditOptions& options);

// For `rampart check`: the same audit with check's rule selection (`enabled`
// is asked for DEP001..DEP004), the deps configuration found from `root` (or
// `config_file`), and the default database. When no database exists the result
// has `database_missing` set and nothing else: check stays silent about
// dependencies. Merge `report.findings` (with `report.vulnerability_data` and
// `report.components`), print `warnings`, and treat a `fatal_error` (a bad
// `[tool.rampart.deps]`) as a configuration error.
AuditResult AuditForCheck(const std::string& root, const std::string& config_file,
                          const std::function<bool(std::string_view rule_code)>& enabled,
                          const std::string& db_path = "");

// The core matching step on already-read manifests, for tests and callers that
// have their own database handle. Appends to `result`.
void AuditDependencies(const ManifestSet& manifests, const AdvisoryDb& db, const AuditOptions& options,
                       const std::map<std::string, Version>& latest, AuditResult* result);

}  // namespace rampart::deps

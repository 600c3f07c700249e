// The local advisory database: OSV records for PyPI stored in SQLite, built
// from a directory of OSV JSON/YAML files, an OSV export zip, or a URL serving
// such a zip. Building always writes a new file next to the target, checks it,
// and renames it over the old one, so a failed or interrupted update never
// leaves a broken database behind.
//
// Callers may rely on: no function here throws; errors come back as text
// (lowercase, naming the file or URL and, for records, the entry); an
// AdvisoryDb is read-only and cheap to query per package (indexed by PEP 503 name);
// withdrawn records are stored (and counted) but never returned by ForPackage.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deps/osv.h"

namespace rampart::deps {

inline constexpr std::string_view kDefaultAdvisorySource =
    "https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip";

// $XDG_CACHE_HOME/rampart/advisories.sqlite3 (default ~/.cache/rampart/...).
std::string DefaultDatabasePath();

// One advisory's entry for one package, as matching needs it.
struct PackageAdvisory {
  std::string id;
  std::vector<std::string> aliases;
  std::string summary;
  std::string cvss_vector;
  double cvss_score = -1;
  std::optional<Severity> severity;
  std::vector<std::string> references;  // not loaded by ForPackage (kept in the database)
  OsvAffected affected;
};

struct DatabaseStatus {
  std::string path;
  std::string source;          // what `db update --from` was given (or the default URL)
  int64_t imported_at = 0;     // unix seconds
  size_t records = 0;          // advisories, withdrawn included
  size_t withdrawn = 0;
  size_t packages = 0;         // distinct package names
  int schema_version = 0;
};

class AdvisoryDb {
 public:
  // Opens read-only. nullopt and *error when missing, unreadable or not a
  // rampart advisory database.
  static std::unique_ptr<AdvisoryDb> Open(const std::string& path, std::string* error);
  ~AdvisoryDb();
  AdvisoryDb(const AdvisoryDb&) = delete;
  AdvisoryDb& operator=(const AdvisoryDb&) = delete;

  std::vector<PackageAdvisory> ForPackage(std::string_view normalized_name) const;
  const DatabaseStatus& status() const { return status_; }

 private:
  AdvisoryDb() = default;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* by_package_ = nullptr;
  DatabaseStatus status_;
};

// phase: "download" (bytes) or "import" (records); total 0 when unknown.
using ProgressFn = std::function<void(std::string_view phase, uint64_t done, uint64_t total)>;

struct ImportStats {
  size_t files = 0;        // OSV files read
  size_t records = 0;      // records stored (with a PyPI entry)
  size_t skipped = 0;      // records without a PyPI entry
  size_t withdrawn = 0;
  double seconds = 0;
};

// Builds the database at `db_path` from `source`: a directory (searched
// recursively for *.json, *.yaml, *.yml) or a zip file of OSV JSON records.
// `source_label` is recorded as the database's source. Any unreadable or
// unparseable record fails the whole import and leaves `db_path` untouched.
bool BuildDatabase(const std::string& source, const std::string& source_label,
                   const std::string& db_path, const ProgressFn& progress, ImportStats* stats,
                   std::string* error);

struct UpdateOptions {
  std::string from;             // URL, zip path or directory; empty: kDefaultAdvisorySource
  long timeout_seconds = 600;   // whole download
  ProgressFn progress;
};

// `rampart db update`: downloads (http/https URLs) to a temporary file next to
// the database, then BuildDatabase. The temporary file is always removed.
bool UpdateDatabase(const std::string& db_path, const UpdateOptions& options, ImportStats* stats,
                    std::string* error);

}  // namespace rampart::deps

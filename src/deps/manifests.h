// Reading what a project depends on: requirements files (pip's full syntax),
// pyproject.toml (PEP 621, PEP 735, Poetry, PDM), setup.cfg, the lockfiles of
// Poetry, Pipenv, uv, PDM and PEP 751 (pylock.toml), and installed
// distributions (*.dist-info/METADATA) of a site-packages directory.
//
// Callers may rely on: readers never throw and never stop at the first bad
// line: each problem becomes a ManifestError naming file and line, and the
// remaining entries are still returned. Dependencies whose environment marker
// is false for the target environment are dropped (counted in `skipped_by_marker`).
// Nothing is fetched: URL includes are reported, not followed.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "deps/pep440.h"
#include "deps/pep508.h"

namespace rampart::deps {

enum class ManifestKind : uint8_t {
  kRequirements, kPyproject, kSetupCfg, kPoetryLock, kPipfileLock, kUvLock, kPdmLock, kPylock,
  kSitePackages
};
std::string_view ManifestKindName(ManifestKind kind);  // "requirements", "poetry.lock", ...
bool IsLockfile(ManifestKind kind);

struct Dependency {
  std::string name;          // PEP 503 normalised
  std::string display_name;  // as written
  std::string requirement;   // the requirement text as written (for messages)
  std::string specifier_text;
  // Allowed versions: any of these sets (Poetry's `||`); one set normally;
  // empty when nothing constrains the version.
  std::vector<SpecifierSet> any_of;
  std::optional<Version> pinned;  // exactly one version (==V, ===V, a lockfile entry)
  std::string url;                // direct reference, VCS or local path
  bool editable = false;
  std::string manifest;           // path relative to the scan root (forward slashes)
  ManifestKind kind = ManifestKind::kRequirements;
  std::string group;              // "main", "dev", "optional:<extra>", "group:<name>", "constraints"
  uint32_t line = 0;              // 1-based
  uint32_t column = 1, end_column = 1;  // 1-based byte columns of the requirement; end exclusive
  // Where the pinned version text is, for `--fix` (0: not rewritable).
  uint32_t version_line = 0, version_column = 0, version_end_column = 0;
};

struct ManifestError {
  std::string path;  // relative to the scan root
  uint32_t line = 0;
  std::string message;
  std::string ToString() const { return path + ":" + std::to_string(line) + ": " + message; }
};

struct ManifestSet {
  std::vector<Dependency> dependencies;
  std::vector<ManifestError> errors;
  std::vector<std::string> files;  // manifests read, relative paths
  size_t skipped_by_marker = 0;
};

struct ReadOptions {
  MarkerEnvironment environment = MarkerEnvironment::ForThisMachine();
  // `${VAR}` expansion in requirements files; defaults to the process environment.
  std::function<std::optional<std::string>(const std::string&)> getenv;
};

// What kind of manifest a file name is, if any (used by discovery).
std::optional<ManifestKind> ClassifyManifest(const std::string& relative_path);

// Reads one manifest. `root` is the scan root; `relative` the file below it.
void ReadManifest(const std::string& root, const std::string& relative, ManifestKind kind,
                  const ReadOptions& options, ManifestSet* out);

// Finds and reads every manifest under `root` (skipping VCS, virtualenv,
// cache and build folders). Files are read in sorted order.
ManifestSet DiscoverAndRead(const std::string& root, const ReadOptions& options);

// Installed distributions of a site-packages directory; paths in the result
// are relative to `root` when inside it, else as given.
void ReadSitePackages(const std::string& root, const std::string& site_packages, ManifestSet* out);

}  // namespace rampart::deps

// `rampart deps` (audit dependencies against the local advisory database) and
// `rampart db update|status` (manage that database).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "deps/advisory_db.h"
#include "deps/audit.h"
#include "deps/fix.h"
#include "report/report.h"

namespace rampart::cli {
namespace {

namespace fs = std::filesystem;

struct DepsFlags {
  std::string path = ".";
  std::string db;
  std::string format = "text";
  std::string output;
  std::vector<std::string> manifests;
  std::string site_packages;
  std::string python_version;
  std::string platform;
  std::string index_url;
  std::string config;
  std::string fail_on = "low";
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  bool fix = false;
  bool dry_run = false;
  bool show_suppressed = false;
  bool no_color = false;
  bool stats = false;
};

struct DbFlags {
  std::string db;
  std::string from;
  std::string format = "text";
};

void Warn(const std::string& message) { std::cerr << "rampart: warning: " << message << "\n"; }
void Error(const std::string& message) { std::cerr << "rampart: error: " << message << "\n"; }

// A one-line progress bar on stderr, only when stderr is a terminal.
deps::ProgressFn MakeProgress() {
  if (!isatty(STDERR_FILENO)) return nullptr;
  auto last = std::make_shared<std::chrono::steady_clock::time_point>();
  return [last](std::string_view phase, uint64_t done, uint64_t total) {
    auto now = std::chrono::steady_clock::now();
    bool final = total > 0 && done >= total;
    if (!final && now - *last < std::chrono::milliseconds(100)) return;
    *last = now;
    char line[160];
    if (total > 0) {
      int width = 30;
      int filled = static_cast<int>(width * static_cast<double>(done) / static_cast<double>(total));
      std::string bar(static_cast<size_t>(std::min(filled, width)), '#');
      bar.resize(width, ' ');
      if (phase == "download") {
        std::snprintf(line, sizeof line, "\r%-8s [%s] %3d%% %.1f/%.1f MB", std::string(phase).c_str(), bar.c_str(),
                      static_cast<int>(100.0 * done / total), done / 1e6, total / 1e6);
      } else {
        std::snprintf(line, sizeof line, "\r%-8s [%s] %3d%% %llu/%llu records", std::string(phase).c_str(), bar.c_str(),
                      static_cast<int>(100.0 * done / total), static_cast<unsigned long long>(done),
                      static_cast<unsigned long long>(total));
      }
    } else {
      std::snprintf(line, sizeof line, "\r%-8s %.1f MB", std::string(phase).c_str(), done / 1e6);
    }
    std::cerr << line << (final ? "\n" : "") << std::flush;
  };
}

int RunDeps(const DepsFlags& flags) {
  report::Format format;
  if (!report::ParseFormat(flags.format, &format)) {
    Error("unknown format `" + flags.format + "` (text, json, sarif, junit, github, cyclonedx)");
    return 2;
  }
  Severity fail_on;
  if (!ParseSeverity(flags.fail_on, &fail_on)) {
    Error("unknown severity `" + flags.fail_on + "` for `--fail-on` (low, medium, high, critical)");
    return 2;
  }
  if (flags.dry_run && !flags.fix) {
    Error("`--dry-run` only makes sense with `--fix`");
    return 2;
  }
  std::error_code ec;
  if (!fs::is_directory(flags.path, ec)) {
    Error(flags.path + ": not a directory");
    return 2;
  }
  deps::AuditOptions options;
  options.db_path = flags.db;
  options.manifests = flags.manifests;
  options.site_packages = flags.site_packages;
  options.index_url = flags.index_url;
  if (!flags.python_version.empty()) {
    if (!deps::Version::Parse(flags.python_version)) {
      Error("invalid `--python-version` `" + flags.python_version + "` (e.g. 3.12)");
      return 2;
    }
    options.read.environment.SetPythonVersion(flags.python_version);
  }
  if (!flags.platform.empty() && !options.read.environment.SetPlatform(flags.platform)) {
    Error("unknown `--platform` `" + flags.platform + "` (linux, darwin, win32)");
    return 2;
  }
  if (!flags.select.empty()) {
    // `--select` starts from nothing and enables what it names.
    for (std::string_view c : {deps::kKnownVulnerablePin, deps::kRangeAllowsVulnerable, deps::kOutdatedPin,
                               deps::kUnconstrained}) {
      options.enabled[std::string(c)] = false;
    }
  }
  auto check_code = [](const std::string& code) {
    for (std::string_view c : {deps::kKnownVulnerablePin, deps::kRangeAllowsVulnerable, deps::kOutdatedPin,
                               deps::kUnconstrained}) {
      if (code == c) return true;
    }
    return false;
  };
  for (const std::string& code : flags.select) {
    if (!check_code(code)) {
      Error("unknown rule `" + code + "` for `--select` (DEP001..DEP004)");
      return 2;
    }
    options.enabled[code] = true;
  }
  for (const std::string& code : flags.ignore) {
    if (!check_code(code)) {
      Error("unknown rule `" + code + "` for `--ignore` (DEP001..DEP004)");
      return 2;
    }
    options.enabled[code] = false;
  }
  std::string config_error;
  if (!deps::LoadDepsConfig(flags.path, flags.config, &options.config, &config_error)) {
    Error(config_error);
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  deps::AuditResult result = deps::AuditDirectory(flags.path, options);
  if (!result.fatal_error.empty()) {
    Error(result.fatal_error);
    return 2;
  }
  for (const std::string& w : result.warnings) Warn(w);
  result.report.show_suppressed = flags.show_suppressed;
  result.report.color = !flags.no_color && flags.output.empty() && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
  result.report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  int exit_code = 0;
  if (flags.fix) {
    deps::FixOutcome outcome = deps::ApplyFixes(flags.path, result.fixes, flags.dry_run);
    for (const std::string& e : outcome.errors) Error(e);
    if (flags.dry_run) {
      std::cout << outcome.diff;
      std::cerr << "rampart: " << outcome.applied << " pin(s) would be upgraded in " << outcome.changed_files.size()
                << " file(s) (dry run, nothing written)\n";
    } else {
      std::cerr << "rampart: upgraded " << outcome.applied << " pin(s) in " << outcome.changed_files.size()
                << " file(s); run `rampart deps` again to confirm\n";
    }
    return outcome.errors.empty() ? 0 : 2;
  }

  std::ostringstream out;
  report::Write(format, result.report, out);
  if (flags.output.empty()) {
    std::cout << out.str();
  } else {
    std::string error = report::WriteFileAtomically(flags.output, out.str());
    if (!error.empty()) {
      Error(error);
      return 2;
    }
  }
  if (flags.stats) {
    std::fprintf(stderr,
                 "rampart: stats: %zu manifests, %zu dependencies, %zu skipped by markers; read %.2f ms, "
                 "open %.2f ms, match %.2f ms\n",
                 result.report.files_scanned, result.dependencies, result.skipped_by_marker,
                 result.read_seconds * 1e3, result.open_seconds * 1e3, result.match_seconds * 1e3);
  }
  for (const Finding& f : result.report.findings) {
    if (!f.suppressed() && f.severity >= fail_on) exit_code = 1;
  }
  // Manifest errors mean the audit is incomplete: that is an input error.
  if (!result.report.errors.empty()) exit_code = 2;
  return exit_code;
}

int RunDbUpdate(const DbFlags& flags) {
  std::string db_path = flags.db.empty() ? deps::DefaultDatabasePath() : flags.db;
  deps::UpdateOptions options;
  options.from = flags.from;
  options.progress = MakeProgress();
  deps::ImportStats stats;
  std::string error;
  if (!deps::UpdateDatabase(db_path, options, &stats, &error)) {
    Error(error);
    std::error_code ec;
    if (fs::exists(db_path, ec)) std::cerr << "rampart: the existing database at " << db_path << " is unchanged\n";
    return 2;
  }
  std::cout << "imported " << stats.records << " advisories (" << stats.withdrawn << " withdrawn, " << stats.skipped
            << " without PyPI packages) from " << stats.files << " files into " << db_path << " in "
            << static_cast<int>(stats.seconds * 1000) << " ms\n";
  return 0;
}

int RunDbStatus(const DbFlags& flags) {
  std::string db_path = flags.db.empty() ? deps::DefaultDatabasePath() : flags.db;
  std::error_code ec;
  if (!fs::exists(db_path, ec)) {
    Error("no advisory database at " + db_path + "; run `rampart db update` to download one, or "
          "`rampart db update --from DIR|ZIP` to import OSV records");
    return 2;
  }
  std::string error;
  auto db = deps::AdvisoryDb::Open(db_path, &error);
  if (!db) {
    Error(error);
    return 2;
  }
  const deps::DatabaseStatus& s = db->status();
  int64_t age_days = (static_cast<int64_t>(std::time(nullptr)) - s.imported_at) / 86400;
  char when[32] = "";
  std::time_t t = static_cast<std::time_t>(s.imported_at);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (flags.format == "json") {
    nlohmann::json j = {{"path", s.path},       {"source", s.source},       {"imported_at", when},
                        {"age_days", age_days}, {"records", s.records},     {"withdrawn", s.withdrawn},
                        {"packages", s.packages}, {"schema_version", s.schema_version}};
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  if (flags.format != "text") {
    Error("unknown format `" + flags.format + "` for `db status` (text, json)");
    return 2;
  }
  std::cout << "database: " << s.path << "\n"
            << "source:   " << s.source << "\n"
            << "updated:  " << when << " (" << age_days << (age_days == 1 ? " day" : " days") << " ago)\n"
            << "records:  " << s.records << " advisories (" << s.withdrawn << " withdrawn) for " << s.packages
            << " packages\n";
  return 0;
}

}  // namespace

void AddDepsCommands(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<DepsFlags>();
  CLI::App* deps = app.add_subcommand(
      "deps", "audit dependencies (requirements, pyproject, setup.cfg, lockfiles) against the advisory database");
  deps->add_option("path", flags->path, "project directory (default: .)");
  deps->add_option("--db", flags->db, "advisory database (default: $XDG_CACHE_HOME/rampart/advisories.sqlite3)");
  deps->add_option("--format", flags->format, "text|json|sarif|junit|github|cyclonedx (default text)");
  deps->add_option("-o,--output", flags->output, "write the report to FILE (atomically)");
  deps->add_option("-m,--manifest", flags->manifests, "audit only this manifest or lockfile (repeatable)");
  deps->add_option("--site-packages", flags->site_packages, "also audit the distributions installed in DIR");
  deps->add_option("--python-version", flags->python_version, "target Python for markers (default: this machine's)");
  deps->add_option("--platform", flags->platform, "target platform for markers: linux|darwin|win32");
  deps->add_option("--index-url", flags->index_url, "PEP 691 simple index to check pins for updates (DEP003)");
  deps->add_option("--config", flags->config, "read [tool.rampart.deps] from this file");
  deps->add_option("--fail-on", flags->fail_on,
                   "exit 1 when an unsuppressed finding is at or above this severity (default low)");
  deps->add_option("--select", flags->select, "only these rules (DEP001..DEP004; repeatable)");
  deps->add_option("--ignore", flags->ignore, "skip these rules (repeatable)");
  deps->add_flag("--fix", flags->fix, "upgrade vulnerable pins to the smallest fixed version, in place");
  deps->add_flag("--dry-run", flags->dry_run, "with --fix: print the diff, change nothing");
  deps->add_flag("--show-suppressed", flags->show_suppressed, "also list ignored findings");
  deps->add_flag("--no-color", flags->no_color, "no ANSI colours");
  deps->add_flag("--stats", flags->stats, "print read/open/match timings to stderr");
  deps->callback([flags, exit_code] { *exit_code = RunDeps(*flags); });

  auto db_flags = std::make_shared<DbFlags>();
  CLI::App* db = app.add_subcommand("db", "manage the local advisory database");
  db->require_subcommand(1);
  CLI::App* update = db->add_subcommand("update", "download or import OSV advisories (atomic: a failure keeps the old database)");
  update->add_option("--from", db_flags->from,
                     "URL of an OSV zip, a zip file, or a directory of OSV JSON/YAML (default: OSV's PyPI export)");
  update->add_option("--db", db_flags->db, "database path (default: $XDG_CACHE_HOME/rampart/advisories.sqlite3)");
  update->callback([db_flags, exit_code] { *exit_code = RunDbUpdate(*db_flags); });
  CLI::App* status = db->add_subcommand("status", "show the database's source, record count and age");
  status->add_option("--db", db_flags->db, "database path (default: $XDG_CACHE_HOME/rampart/advisories.sqlite3)");
  status->add_option("--format", db_flags->format, "text|json");
  status->callback([db_flags, exit_code] { *exit_code = RunDbStatus(*db_flags); });
}

}  // namespace rampart::cli

#include "deps/advisory_db.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <unistd.h>
#include <zip.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace rampart::deps {
namespace fs = std::filesystem;

namespace {

constexpr int kSchemaVersion = 3;

constexpr const char* kSchema = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE advisories(
  id TEXT PRIMARY KEY,
  aliases TEXT NOT NULL,
  summary TEXT NOT NULL,
  modified TEXT,
  published TEXT,
  withdrawn TEXT,
  cvss_vector TEXT,
  cvss_score REAL,
  severity INTEGER,
  refs TEXT NOT NULL);
CREATE TABLE affected(
  advisory_id TEXT NOT NULL,
  package TEXT NOT NULL,
  ranges TEXT NOT NULL,
  versions TEXT NOT NULL);
)sql";

// Created after the bulk insert: building an index once is faster than
// maintaining it row by row.
constexpr const char* kIndexes = "CREATE INDEX affected_package ON affected(package);";

std::string ReadFile(const fs::path& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *ok = false;
    return {};
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  *ok = static_cast<bool>(in) || in.eof();
  return ss.str();
}

// Ranges are stored as compact text rather than JSON: parsing them is on the
// audit's hot path. Record separator \x1e between ranges, unit separator \x1f
// between the type and each event, and \x1d between an event's kind and version
// (OSV strings never contain these control characters; entries that do are dropped).
constexpr char kRangeSep = '\x1e', kEventSep = '\x1f', kKindSep = '\x1d';

std::string RangesToText(const std::vector<OsvRange>& ranges) {
  static constexpr char kKinds[] = {'i', 'f', 'l', 'm'};
  auto clean = [](const std::string& s) { return s.find_first_of("\x1d\x1e\x1f") == std::string::npos; };
  std::string out;
  for (const OsvRange& r : ranges) {
    if (!clean(r.type)) continue;
    if (!out.empty()) out += kRangeSep;
    out += r.type;
    for (const OsvEvent& e : r.events) {
      if (!clean(e.version)) continue;
      out += kEventSep;
      out += kKinds[static_cast<int>(e.kind)];
      out += kKindSep;
      out += e.version;
    }
  }
  return out;
}

std::vector<OsvRange> RangesFromText(std::string_view text) {
  std::vector<OsvRange> out;
  while (!text.empty()) {
    size_t end = text.find(kRangeSep);
    std::string_view range = text.substr(0, end);
    OsvRange r;
    size_t sep = range.find(kEventSep);
    r.type = std::string(range.substr(0, sep));
    while (sep != std::string_view::npos) {
      range.remove_prefix(sep + 1);
      sep = range.find(kEventSep);
      std::string_view event = range.substr(0, sep);
      if (event.size() < 2 || event[1] != kKindSep) continue;
      OsvEvent e;
      e.kind = event[0] == 'i'   ? OsvEvent::Kind::kIntroduced
               : event[0] == 'f' ? OsvEvent::Kind::kFixed
               : event[0] == 'l' ? OsvEvent::Kind::kLastAffected
                                 : OsvEvent::Kind::kLimit;
      e.version = std::string(event.substr(2));
      r.events.push_back(std::move(e));
    }
    out.push_back(std::move(r));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return out;
}

std::string JoinLines(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (item.find('\n') != std::string::npos) continue;
    if (!out.empty()) out += '\n';
    out += item;
  }
  return out;
}

std::vector<std::string> SplitLines(const unsigned char* raw) {
  std::vector<std::string> out;
  std::string_view text = raw ? reinterpret_cast<const char*>(raw) : "";
  while (!text.empty()) {
    size_t nl = text.find('\n');
    out.emplace_back(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

std::string ColumnText(sqlite3_stmt* stmt, int col) {
  const unsigned char* text = sqlite3_column_text(stmt, col);
  return text ? reinterpret_cast<const char*>(text) : std::string();
}

bool Exec(sqlite3* db, const char* sql, std::string* error) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    *error = std::string("sqlite: ") + (message ? message : "unknown error");
    sqlite3_free(message);
    return false;
  }
  return true;
}

// One OSV input: its name (for errors) and its bytes.
struct SourceEntry {
  std::string name;
  std::string text;
  bool yaml = false;
};

bool HasSuffix(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool ReadDirectory(const fs::path& dir, std::vector<SourceEntry>* out, std::string* error) {
  std::error_code ec;
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_directory() && it->path().filename().string().starts_with(".")) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    std::string name = it->path().filename().string();
    if (HasSuffix(name, ".json") || HasSuffix(name, ".yaml") || HasSuffix(name, ".yml")) {
      files.push_back(it->path());
    }
  }
  if (ec) {
    *error = dir.string() + ": cannot read directory: " + ec.message();
    return false;
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files) {
    bool ok = true;
    SourceEntry e{p.string(), ReadFile(p, &ok), !HasSuffix(p.string(), ".json")};
    if (!ok) {
      *error = p.string() + ": cannot read file";
      return false;
    }
    out->push_back(std::move(e));
  }
  return true;
}

bool ReadZip(const std::string& path, std::vector<SourceEntry>* out, std::string* error) {
  int zip_error = 0;
  // ZIP_CHECKCONS: reject archives whose central directory and local headers
  // disagree (a truncated or spliced download).
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &zip_error);
  if (!archive) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, zip_error);
    *error = path + ": not a valid zip archive: " + zip_error_strerror(&ze);
    zip_error_fini(&ze);
    return false;
  }
  zip_int64_t count = zip_get_num_entries(archive, 0);
  bool ok = true;
  for (zip_int64_t i = 0; i < count && ok; ++i) {
    zip_stat_t st;
    if (zip_stat_index(archive, i, 0, &st) != 0) {
      *error = path + ": cannot read zip entry " + std::to_string(i);
      ok = false;
      break;
    }
    std::string name = st.name ? st.name : "";
    bool yaml = HasSuffix(name, ".yaml") || HasSuffix(name, ".yml");
    if (!HasSuffix(name, ".json") && !yaml) continue;
    zip_file_t* file = zip_fopen_index(archive, i, 0);
    if (!file) {
      *error = path + ": " + name + ": " + zip_strerror(archive);
      ok = false;
      break;
    }
    std::string text(st.size, '\0');
    zip_int64_t n = zip_fread(file, text.data(), st.size);
    // A CRC mismatch surfaces as a read error (n < 0), including at the end.
    char extra;
    zip_int64_t tail = n == static_cast<zip_int64_t>(st.size) ? zip_fread(file, &extra, 1) : 0;
    if (n != static_cast<zip_int64_t>(st.size) || tail < 0) {
      *error = path + ": " + name + ": corrupt zip entry: " + zip_file_strerror(file);
      ok = false;
    }
    zip_fclose(file);
    if (ok) out->push_back({name, std::move(text), yaml});
  }
  zip_discard(archive);
  return ok;
}

void FsyncPath(const std::string& path, bool directory) {
  int fd = open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd >= 0) {
    fsync(fd);
    close(fd);
  }
}

}  // namespace

std::string DefaultDatabasePath() {
  std::string base;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    base = xdg;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    base = std::string(home) + "/.cache";
  } else {
    base = ".cache";
  }
  return base + "/rampart/advisories.sqlite3";
}

// ---------------------------------------------------------------------------
// Reading

std::unique_ptr<AdvisoryDb> AdvisoryDb::Open(const std::string& path, std::string* error) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    *error = path + ": no advisory database";
    return nullptr;
  }
  std::unique_ptr<AdvisoryDb> db(new AdvisoryDb());
  db->status_.path = path;
  if (sqlite3_open_v2(path.c_str(), &db->db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    *error = path + ": cannot open advisory database: " + sqlite3_errmsg(db->db_);
    return nullptr;
  }
  sqlite3_stmt* meta = nullptr;
  if (sqlite3_prepare_v2(db->db_, "SELECT key, value FROM meta", -1, &meta, nullptr) != SQLITE_OK) {
    *error = path + ": not a rampart advisory database";
    return nullptr;
  }
  int rc;
  while ((rc = sqlite3_step(meta)) == SQLITE_ROW) {
    std::string key = ColumnText(meta, 0), value = ColumnText(meta, 1);
    if (key == "source") db->status_.source = value;
    else if (key == "imported_at") db->status_.imported_at = std::atoll(value.c_str());
    else if (key == "records") db->status_.records = std::strtoull(value.c_str(), nullptr, 10);
    else if (key == "withdrawn") db->status_.withdrawn = std::strtoull(value.c_str(), nullptr, 10);
    else if (key == "packages") db->status_.packages = std::strtoull(value.c_str(), nullptr, 10);
    else if (key == "schema_version") db->status_.schema_version = std::atoi(value.c_str());
  }
  sqlite3_finalize(meta);
  if (rc != SQLITE_DONE) {
    *error = path + ": cannot read advisory database: " + sqlite3_errmsg(db->db_);
    return nullptr;
  }
  if (db->status_.schema_version != kSchemaVersion) {
    *error = path + ": advisory database has schema " + std::to_string(db->status_.schema_version) +
             ", expected " + std::to_string(kSchemaVersion) + "; run `rampart db update`";
    return nullptr;
  }
  const char* sql =
      "SELECT a.id, a.aliases, a.summary, a.cvss_vector, a.cvss_score, a.severity, '', "
      "f.ranges, f.versions FROM affected f JOIN advisories a ON a.id = f.advisory_id "
      "WHERE f.package = ?1 AND (a.withdrawn IS NULL OR a.withdrawn = '') ORDER BY a.id";
  if (sqlite3_prepare_v2(db->db_, sql, -1, &db->by_package_, nullptr) != SQLITE_OK) {
    *error = path + ": not a rampart advisory database: " + sqlite3_errmsg(db->db_);
    return nullptr;
  }
  return db;
}

AdvisoryDb::~AdvisoryDb() {
  sqlite3_finalize(by_package_);
  sqlite3_close(db_);
}

std::vector<PackageAdvisory> AdvisoryDb::ForPackage(std::string_view name) const {
  std::vector<PackageAdvisory> out;
  sqlite3_reset(by_package_);
  sqlite3_bind_text(by_package_, 1, name.data(), static_cast<int>(name.size()), SQLITE_TRANSIENT);
  while (sqlite3_step(by_package_) == SQLITE_ROW) {
    PackageAdvisory a;
    a.id = ColumnText(by_package_, 0);
    a.aliases = SplitLines(sqlite3_column_text(by_package_, 1));
    a.summary = ColumnText(by_package_, 2);
    a.cvss_vector = ColumnText(by_package_, 3);
    a.cvss_score = sqlite3_column_type(by_package_, 4) == SQLITE_NULL ? -1 : sqlite3_column_double(by_package_, 4);
    if (sqlite3_column_type(by_package_, 5) != SQLITE_NULL) {
      int s = sqlite3_column_int(by_package_, 5);
      if (s >= 0 && s <= 3) a.severity = static_cast<Severity>(s);
    }
    a.affected.package = std::string(name);
    a.affected.ranges = RangesFromText(ColumnText(by_package_, 7));
    a.affected.versions_text = std::make_shared<const std::string>(ColumnText(by_package_, 8));
    out.push_back(std::move(a));
  }
  sqlite3_reset(by_package_);
  return out;
}

// ---------------------------------------------------------------------------
// Building

bool BuildDatabase(const std::string& source, const std::string& source_label,
                   const std::string& db_path, const ProgressFn& progress, ImportStats* stats,
                   std::string* error) {
  auto start = std::chrono::steady_clock::now();
  *stats = ImportStats();
  std::error_code ec;
  std::vector<SourceEntry> entries;
  if (fs::is_directory(source, ec)) {
    if (!ReadDirectory(source, &entries, error)) return false;
  } else if (fs::is_regular_file(source, ec)) {
    if (!ReadZip(source, &entries, error)) return false;
  } else {
    *error = source + ": no such file or directory";
    return false;
  }
  if (entries.empty()) {
    *error = source + ": no OSV records (*.json, *.yaml) found";
    return false;
  }
  // Parsing (YAML especially) is most of an import: spread it over the cores.
  // Workers take indexes from a shared counter; results keep input order, so
  // the database does not depend on thread timing.
  std::vector<std::optional<Advisory>> parsed(entries.size());
  std::vector<std::string> parse_errors(entries.size());
  std::atomic<size_t> next{0}, done{0};
  auto work = [&] {
    for (size_t i = next++; i < entries.size(); i = next++) {
      parsed[i] = entries[i].yaml ? ParseOsvYaml(entries[i].text, &parse_errors[i])
                                  : ParseOsvJson(entries[i].text, &parse_errors[i]);
      ++done;
    }
  };
  unsigned threads = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  if (progress) {
    // The calling thread reports progress while it also works in small steps.
    for (size_t i = next++; i < entries.size(); i = next++) {
      parsed[i] = entries[i].yaml ? ParseOsvYaml(entries[i].text, &parse_errors[i])
                                  : ParseOsvJson(entries[i].text, &parse_errors[i]);
      ++done;
      if (i % 128 == 0) progress("import", done.load(), entries.size());
    }
  } else {
    work();
  }
  for (std::thread& t : pool) t.join();
  if (progress) progress("import", entries.size(), entries.size());
  std::vector<Advisory> advisories;
  advisories.reserve(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    if (!parsed[i]) {
      *error = entries[i].name + ": " + parse_errors[i];
      return false;
    }
    advisories.push_back(std::move(*parsed[i]));
  }
  stats->files = entries.size();
  entries.clear();

  fs::path target(db_path);
  if (target.has_parent_path()) {
    fs::create_directories(target.parent_path(), ec);
    if (ec) {
      *error = target.parent_path().string() + ": cannot create directory: " + ec.message();
      return false;
    }
  }
  std::string temp = db_path + ".new-" + std::to_string(getpid());
  fs::remove(temp, ec);
  sqlite3* db = nullptr;
  auto fail = [&](const std::string& message) {
    *error = message;
    if (db) sqlite3_close(db);
    fs::remove(temp, ec);
    return false;
  };
  if (sqlite3_open_v2(temp.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    return fail(temp + ": cannot create database: " + sqlite3_errmsg(db));
  }
  // The file is private until the rename, so durability is only needed once,
  // at the end (fsync before rename).
  if (!Exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;", error) || !Exec(db, kSchema, error) ||
      !Exec(db, "BEGIN", error)) {
    return fail(temp + ": " + *error);
  }
  sqlite3_stmt* ins_adv = nullptr;
  sqlite3_stmt* ins_aff = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT OR REPLACE INTO advisories(id, aliases, summary, modified, published, withdrawn, "
                     "cvss_vector, cvss_score, severity, refs) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
                     -1, &ins_adv, nullptr);
  sqlite3_prepare_v2(db, "INSERT INTO affected(advisory_id, package, ranges, versions) VALUES(?1,?2,?3,?4)",
                     -1, &ins_aff, nullptr);
  std::set<std::string> packages;
  std::set<std::string> seen_ids;
  auto bind = [](sqlite3_stmt* s, int i, const std::string& v) {
    sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  };
  bool insert_ok = true;
  for (const Advisory& a : advisories) {
    if (a.affected.empty()) {
      ++stats->skipped;
      continue;
    }
    // A record present twice (JSON and YAML copies) is stored once.
    if (!seen_ids.insert(a.id).second) {
      sqlite3_exec(db, ("DELETE FROM affected WHERE advisory_id = '" + a.id + "'").c_str(), nullptr, nullptr, nullptr);
    } else {
      ++stats->records;
      if (!a.withdrawn.empty()) ++stats->withdrawn;
    }
    std::vector<std::string> refs(a.references.begin(), a.references.begin() + std::min<size_t>(a.references.size(), 8));
    sqlite3_reset(ins_adv);
    bind(ins_adv, 1, a.id);
    bind(ins_adv, 2, JoinLines(a.aliases));
    bind(ins_adv, 3, a.summary);
    bind(ins_adv, 4, a.modified);
    bind(ins_adv, 5, a.published);
    if (a.withdrawn.empty()) sqlite3_bind_null(ins_adv, 6); else bind(ins_adv, 6, a.withdrawn);
    bind(ins_adv, 7, a.cvss_vector);
    if (a.cvss_score < 0) sqlite3_bind_null(ins_adv, 8); else sqlite3_bind_double(ins_adv, 8, a.cvss_score);
    if (a.severity) sqlite3_bind_int(ins_adv, 9, static_cast<int>(*a.severity)); else sqlite3_bind_null(ins_adv, 9);
    bind(ins_adv, 10, JoinLines(refs));
    if (sqlite3_step(ins_adv) != SQLITE_DONE) insert_ok = false;
    for (const OsvAffected& aff : a.affected) {
      packages.insert(aff.package);
      // Versions as one newline-separated text: lists run to hundreds of
      // entries and splitting is much cheaper than JSON parsing at audit time.
      std::string versions = JoinLines(aff.versions);
      sqlite3_reset(ins_aff);
      bind(ins_aff, 1, a.id);
      bind(ins_aff, 2, aff.package);
      bind(ins_aff, 3, RangesToText(aff.ranges));
      bind(ins_aff, 4, versions);
      if (sqlite3_step(ins_aff) != SQLITE_DONE) insert_ok = false;
    }
  }
  sqlite3_finalize(ins_adv);
  sqlite3_finalize(ins_aff);
  if (!insert_ok) return fail(temp + ": cannot write database: " + sqlite3_errmsg(db));
  if (stats->records == 0) return fail(source + ": no PyPI advisories found");
  std::string meta = "INSERT INTO meta VALUES ('schema_version','" + std::to_string(kSchemaVersion) + "'),"
                     "('imported_at','" + std::to_string(static_cast<long long>(std::time(nullptr))) + "'),"
                     "('records','" + std::to_string(stats->records) + "'),"
                     "('withdrawn','" + std::to_string(stats->withdrawn) + "'),"
                     "('packages','" + std::to_string(packages.size()) + "'),"
                     "('source', ?1)";
  sqlite3_stmt* ins_meta = nullptr;
  sqlite3_prepare_v2(db, meta.c_str(), -1, &ins_meta, nullptr);
  bind(ins_meta, 1, source_label);
  bool meta_ok = sqlite3_step(ins_meta) == SQLITE_DONE;
  sqlite3_finalize(ins_meta);
  if (!meta_ok || !Exec(db, kIndexes, error) || !Exec(db, "COMMIT", error)) {
    return fail(temp + ": cannot write database: " + (error->empty() ? sqlite3_errmsg(db) : *error));
  }
  sqlite3_close(db);
  db = nullptr;

  // Integrity check on the finished file before it replaces anything.
  {
    std::string check_error;
    if (sqlite3_open_v2(temp.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      return fail(temp + ": cannot reopen new database");
    }
    sqlite3_stmt* check = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &check, nullptr);
    bool ok = sqlite3_step(check) == SQLITE_ROW && ColumnText(check, 0) == "ok";
    sqlite3_finalize(check);
    sqlite3_prepare_v2(db, "SELECT count(*) FROM advisories", -1, &check, nullptr);
    ok = ok && sqlite3_step(check) == SQLITE_ROW &&
         static_cast<size_t>(sqlite3_column_int64(check, 0)) == stats->records;
    sqlite3_finalize(check);
    sqlite3_close(db);
    db = nullptr;
    if (!ok) return fail(temp + ": integrity check of the new database failed");
  }
  FsyncPath(temp, false);
  if (std::rename(temp.c_str(), db_path.c_str()) != 0) {
    return fail(db_path + ": cannot replace database: " + std::strerror(errno));
  }
  FsyncPath(target.has_parent_path() ? target.parent_path().string() : ".", true);
  stats->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return true;
}

// ---------------------------------------------------------------------------
// Updating

namespace {

struct DownloadState {
  FILE* file = nullptr;
  const ProgressFn* progress = nullptr;
};

size_t WriteToFile(char* data, size_t size, size_t n, void* user) {
  auto* state = static_cast<DownloadState*>(user);
  return std::fwrite(data, size, n, state->file) * size;
}

int OnProgress(void* user, curl_off_t total, curl_off_t now, curl_off_t, curl_off_t) {
  auto* state = static_cast<DownloadState*>(user);
  if (state->progress && *state->progress) {
    (*state->progress)("download", static_cast<uint64_t>(now), static_cast<uint64_t>(total));
  }
  return 0;
}

bool Download(const std::string& url, const std::string& dest, const UpdateOptions& options,
              std::string* error) {
  static const bool initialized = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!initialized) {
    *error = "cannot initialise libcurl";
    return false;
  }
  DownloadState state;
  state.file = std::fopen(dest.c_str(), "wb");
  if (!state.file) {
    *error = dest + ": cannot create file: " + std::strerror(errno);
    return false;
  }
  state.progress = &options.progress;
  CURL* curl = curl_easy_init();
  char curl_error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, options.timeout_seconds);
  // A stalled server (no byte for 60 s) fails the update instead of hanging.
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, WriteToFile);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &state);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, OnProgress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &state);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curl_error);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "rampart-db-update");
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  bool closed = std::fclose(state.file) == 0;
  if (rc != CURLE_OK) {
    *error = url + ": download failed: " + (curl_error[0] ? curl_error : curl_easy_strerror(rc));
    return false;
  }
  if (!closed) {
    *error = dest + ": cannot write file";
    return false;
  }
  return true;
}

}  // namespace

bool UpdateDatabase(const std::string& db_path, const UpdateOptions& options, ImportStats* stats,
                    std::string* error) {
  std::string from = options.from.empty() ? std::string(kDefaultAdvisorySource) : options.from;
  bool is_url = from.rfind("http://", 0) == 0 || from.rfind("https://", 0) == 0;
  if (!is_url) {
    std::string label = from;
    std::error_code ec;
    fs::path abs = fs::absolute(from, ec);
    if (!ec) label = abs.lexically_normal().string();
    return BuildDatabase(from, label, db_path, options.progress, stats, error);
  }
  fs::path target(db_path);
  std::error_code ec;
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  std::string temp = db_path + ".download-" + std::to_string(getpid()) + ".zip";
  bool ok = Download(from, temp, options, error) &&
            BuildDatabase(temp, from, db_path, options.progress, stats, error);
  if (!ok && error->rfind(temp, 0) == 0) {
    // Name the URL, not the temporary file, in errors about its content.
    *error = from + error->substr(temp.size());
  }
  fs::remove(temp, ec);
  return ok;
}

}  // namespace rampart::deps

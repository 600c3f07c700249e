#include "deps/audit.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <set>

#include "deps/index_client.h"

namespace rampart::deps {
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Advisories about one vulnerability (a PYSEC record and its GHSA twin, linked
// by aliases) are merged so the finding names it once.
struct AdvisoryGroup {
  std::vector<const PackageAdvisory*> records;
  std::string primary;              // shown id
  std::vector<std::string> aliases; // every other id, sorted
  std::string summary;
  double cvss_score = -1;
  std::string cvss_vector;
  std::optional<Severity> severity;
};

// Which id to show: GHSA ids are what most tools and GitHub show, then PYSEC,
// then anything else; CVE ids stay aliases.
int IdRank(std::string_view id) {
  if (id.rfind("GHSA-", 0) == 0) return 0;
  if (id.rfind("PYSEC-", 0) == 0) return 1;
  if (id.rfind("CVE-", 0) == 0) return 3;
  return 2;
}

std::vector<AdvisoryGroup> GroupAdvisories(const std::vector<PackageAdvisory>& advisories) {
  // Union-find over records, joined when their id/alias sets intersect.
  std::vector<size_t> parent(advisories.size());
  for (size_t i = 0; i < parent.size(); ++i) parent[i] = i;
  auto find = [&](size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  std::map<std::string, size_t> owner;
  for (size_t i = 0; i < advisories.size(); ++i) {
    std::vector<std::string> ids = advisories[i].aliases;
    ids.push_back(advisories[i].id);
    for (const std::string& id : ids) {
      auto [it, inserted] = owner.emplace(Upper(id), i);
      if (!inserted) parent[find(i)] = find(it->second);
    }
  }
  std::map<size_t, AdvisoryGroup> groups;
  for (size_t i = 0; i < advisories.size(); ++i) groups[find(i)].records.push_back(&advisories[i]);
  std::vector<AdvisoryGroup> out;
  for (auto& [root, g] : groups) {
    std::set<std::string> ids;
    for (const PackageAdvisory* r : g.records) {
      ids.insert(r->id);
      ids.insert(r->aliases.begin(), r->aliases.end());
      if (r->cvss_score > g.cvss_score) {
        g.cvss_score = r->cvss_score;
        g.cvss_vector = r->cvss_vector;
      }
      if (g.cvss_vector.empty()) g.cvss_vector = r->cvss_vector;
      if (r->severity && (!g.severity || *r->severity > *g.severity)) g.severity = r->severity;
    }
    std::vector<std::string> sorted(ids.begin(), ids.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const std::string& a, const std::string& b) { return IdRank(a) < IdRank(b); });
    g.primary = sorted.front();
    g.aliases.assign(sorted.begin() + 1, sorted.end());
    for (const PackageAdvisory* r : g.records) {
      if (r->id == g.primary || g.summary.empty()) g.summary = r->summary;
    }
    // A record's own id may only appear as an alias of another record.
    for (const PackageAdvisory* r : g.records) {
      if (r->id == g.primary && !r->summary.empty()) g.summary = r->summary;
    }
    if (g.cvss_score >= 0) g.severity = SeverityFromScore(g.cvss_score);
    out.push_back(std::move(g));
  }
  return out;
}

bool GroupAffects(const AdvisoryGroup& g, const Version& v) {
  for (const PackageAdvisory* r : g.records) {
    if (r->affected.IsAffected(v)) return true;
  }
  return false;
}

// Smallest fixed version above `v` at which none of `groups` is affected.
std::optional<Version> SmallestSafeFix(const std::vector<const AdvisoryGroup*>& groups, const Version& v) {
  std::vector<Version> candidates;
  for (const AdvisoryGroup* g : groups) {
    for (const PackageAdvisory* r : g->records) {
      for (const OsvRange& range : r->affected.ranges) {
        for (const OsvEvent& e : range.events) {
          if (e.kind != OsvEvent::Kind::kFixed) continue;
          auto f = Version::Parse(e.version);
          if (f && Compare(*f, v) > 0) candidates.push_back(*f);
        }
      }
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Version& a, const Version& b) { return a < b; });
  for (const Version& c : candidates) {
    bool safe = true;
    for (const AdvisoryGroup* g : groups) {
      if (GroupAffects(*g, c)) {
        safe = false;
        break;
      }
    }
    if (safe) return c;
  }
  return std::nullopt;
}

// A final release just above `v` and below every release that `v`'s own
// release segments do not prefix: 2.0 -> 2.0.0.0.0.0.0.1. Used to probe open
// lower bounds (`>V`, `!=V`) when intersecting a range with an advisory.
Version JustAbove(const Version& v) {
  Version out;
  out.epoch = v.epoch;
  out.release = v.release;
  while (out.release.size() < 7) out.release.push_back(0);
  out.release.push_back(1);
  return out;
}

struct Probe {
  Version version;
  bool real = false;  // a version an advisory lists (shown as an example)
};

// Versions at which "does the range allow an affected version?" is decided:
// every version the advisory names, every bound of the range, and the points
// just above them. The intersection of a specifier set with OSV intervals, if
// not empty, contains its lowest point or points just above it, and that point
// is one of these.
std::vector<Probe> ProbesFor(const AdvisoryGroup& g, const std::vector<SpecifierSet>& any_of) {
  std::vector<Probe> probes;
  auto add = [&](const Version& v, bool real) {
    probes.push_back({v, real});
    probes.push_back({JustAbove(v), false});
    if (v.IsPrerelease() || v.IsPostrelease() || v.HasLocal()) probes.push_back({v.BaseVersion(), false});
  };
  for (const PackageAdvisory* r : g.records) {
    for (std::string_view listed : r->affected.Listed()) {
      if (auto v = Version::Parse(listed)) probes.push_back({*v, true});
    }
    for (const OsvRange& range : r->affected.ranges) {
      for (const OsvEvent& e : range.events) {
        if (auto v = Version::Parse(e.version)) add(*v, e.kind == OsvEvent::Kind::kLastAffected);
      }
    }
  }
  for (const SpecifierSet& set : any_of) {
    for (const Specifier& s : set.specifiers()) {
      if (!s.version.release.empty()) add(s.version, false);
    }
  }
  return probes;
}

bool AnyOfContains(const std::vector<SpecifierSet>& any_of, const Version& v) {
  if (any_of.empty()) return !v.IsPrerelease();
  for (const SpecifierSet& s : any_of) {
    if (s.Contains(v)) return true;
  }
  return false;
}

std::string TodayUtc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

bool Enabled(const AuditOptions& options, std::string_view code) {
  auto it = options.enabled.find(code);
  return it == options.enabled.end() || it->second;
}

std::string IdList(const AdvisoryGroup& g) {
  std::string out = g.primary;
  if (!g.aliases.empty()) {
    out += " (";
    for (size_t i = 0; i < g.aliases.size(); ++i) out += (i ? ", " : "") + g.aliases[i];
    out += ")";
  }
  return out;
}

std::string Purl(const Dependency& d) {
  std::string purl = "pkg:pypi/" + d.name;
  if (d.pinned) purl += "@" + d.pinned->ToString();
  return purl;
}

}  // namespace

void AuditDependencies(const ManifestSet& manifests, const AdvisoryDb& db, const AuditOptions& options,
                       const std::map<std::string, Version>& latest, AuditResult* result) {
  auto start = Clock::now();
  std::string today = options.today.empty() ? TodayUtc() : options.today;
  std::map<std::string, std::vector<PackageAdvisory>> cache;
  std::map<std::string, std::vector<AdvisoryGroup>> groups_cache;
  std::set<std::string> expired_reported;
  auto& report = result->report;

  auto add_finding = [&](const Dependency& d, std::string_view code, Severity severity, Confidence confidence,
                         std::string message, std::optional<report::VulnerabilityData> data,
                         const AdvisoryGroup* group) {
    Finding f;
    f.rule_code = std::string(code);
    f.path = d.manifest;
    f.range.start = {d.line, d.column};
    f.range.end = {d.line, d.end_column};
    f.message = std::move(message);
    f.severity = severity;
    f.confidence = confidence;
    f.snippet = d.requirement;
    if (group) {
      for (const IgnoreEntry& ig : options.config.ignores) {
        if (!ig.package.empty() && ig.package != d.name) continue;
        bool hit = Upper(ig.id) == Upper(group->primary);
        for (const std::string& a : group->aliases) hit = hit || Upper(ig.id) == Upper(a);
        if (!hit) continue;
        if (!ig.expires.empty() && ig.expires < today) {
          std::string key = ig.path + ":" + std::to_string(ig.line);
          if (expired_reported.insert(key).second) {
            result->warnings.push_back(key + ": ignore of `" + ig.id + "` expired on " + ig.expires +
                                       "; the finding is reported again");
          }
          continue;
        }
        f.suppressions.push_back({"config", ig.reason});
        break;
      }
    }
    report.findings.push_back(std::move(f));
    report.vulnerability_data.push_back(std::move(data));
  };

  for (const Dependency& d : manifests.dependencies) {
    ++result->dependencies;
    report::Component component;
    component.name = d.name.empty() ? d.display_name : d.name;
    component.version = d.pinned ? d.pinned->ToString() : std::string();
    component.purl = d.name.empty() ? std::string() : Purl(d);
    component.manifest = d.manifest;
    component.line = d.line;
    report.components.push_back(component);

    if (d.name.empty()) continue;  // an editable path without a name
    if (d.kind == ManifestKind::kRequirements && d.any_of.empty() && d.url.empty() && !d.editable &&
        d.group != "constraints" && Enabled(options, kUnconstrained)) {
      add_finding(d, kUnconstrained, Severity::kLow, Confidence::kHigh,
                  "`" + d.display_name + "` has no version constraint: any version may be installed, "
                  "including vulnerable ones",
                  std::nullopt, nullptr);
    }
    if (!d.url.empty() && !d.pinned) continue;  // a VCS/path reference: no version to match
    auto it = cache.find(d.name);
    if (it == cache.end()) {
      it = cache.emplace(d.name, db.ForPackage(d.name)).first;
      groups_cache.emplace(d.name, GroupAdvisories(it->second));
    }
    const std::vector<AdvisoryGroup>& groups = groups_cache.at(d.name);

    if (d.pinned) {
      std::vector<const AdvisoryGroup*> hits;
      for (const AdvisoryGroup& g : groups) {
        if (GroupAffects(g, *d.pinned)) hits.push_back(&g);
      }
      for (const AdvisoryGroup* g : hits) {
        if (!Enabled(options, kKnownVulnerablePin)) break;
        auto fix = SmallestSafeFix({g}, *d.pinned);
        std::string message = "`" + d.display_name + "==" + d.pinned->ToString() + "` is affected by " + IdList(*g);
        if (!g->summary.empty()) message += ": " + g->summary;
        message += fix ? "; fixed in " + fix->ToString() : "; no fixed version yet";
        report::VulnerabilityData data;
        data.id = g->primary;
        data.aliases = g->aliases;
        data.package = d.name;
        data.installed = d.pinned->ToString();
        data.fixed = fix ? fix->ToString() : std::string();
        data.cvss_score = g->cvss_score;
        data.cvss_vector = g->cvss_vector;
        data.summary = g->summary;
        add_finding(d, kKnownVulnerablePin, g->severity.value_or(Severity::kHigh), Confidence::kHigh,
                    std::move(message), data, g);
      }
      if (!hits.empty() && d.version_line != 0 && !IsLockfile(d.kind)) {
        if (auto fix = SmallestSafeFix(hits, *d.pinned)) {
          FixCandidate c;
          c.manifest = d.manifest;
          c.kind = d.kind;
          c.package = d.name;
          c.from_version = d.pinned->ToString();
          c.to_version = fix->ToString();
          c.line = d.version_line;
          c.column = d.version_column;
          c.end_column = d.version_end_column;
          result->fixes.push_back(c);
        }
      }
      if (Enabled(options, kOutdatedPin)) {
        if (auto l = latest.find(d.name); l != latest.end() && Compare(*d.pinned, l->second) < 0) {
          add_finding(d, kOutdatedPin, Severity::kLow, Confidence::kHigh,
                      "`" + d.display_name + "==" + d.pinned->ToString() + "` is outdated: the latest release is " +
                          l->second.ToString(),
                      std::nullopt, nullptr);
        }
      }
      continue;
    }
    if (!Enabled(options, kRangeAllowsVulnerable)) continue;
    for (const AdvisoryGroup& g : groups) {
      std::vector<std::string> examples;
      bool allowed = false;
      auto probes = ProbesFor(g, d.any_of);
      std::sort(probes.begin(), probes.end(), [](const Probe& a, const Probe& b) { return a.version < b.version; });
      for (const Probe& p : probes) {
        if (!AnyOfContains(d.any_of, p.version) || !GroupAffects(g, p.version)) continue;
        allowed = true;
        std::string shown = p.version.ToString();
        if (p.real && std::find(examples.begin(), examples.end(), shown) == examples.end()) examples.push_back(shown);
      }
      if (!allowed) continue;
      // The fix to suggest: the smallest fixed version above which the range
      // admits no affected version (within `^3.2` that is the 3.2.x fix, not 4.0's).
      std::vector<Version> fixes;
      for (const PackageAdvisory* r : g.records) {
        for (const OsvRange& range : r->affected.ranges) {
          for (const OsvEvent& e : range.events) {
            if (e.kind != OsvEvent::Kind::kFixed) continue;
            if (auto f = Version::Parse(e.version)) fixes.push_back(*f);
          }
        }
      }
      std::sort(fixes.begin(), fixes.end(), [](const Version& a, const Version& b) { return a < b; });
      std::optional<Version> last_fix;
      for (const Version& f : fixes) {
        if (GroupAffects(g, f)) continue;
        bool clean = true;
        for (const Probe& p : probes) {
          if (Compare(p.version, f) >= 0 && AnyOfContains(d.any_of, p.version) && GroupAffects(g, p.version)) {
            clean = false;
            break;
          }
        }
        if (clean) {
          last_fix = f;
          break;
        }
      }
      bool open_ended = !last_fix;
      std::string spec = d.specifier_text.empty() ? "any version" : "`" + d.specifier_text + "`";
      std::string message = "`" + d.display_name + "` allows versions affected by " + IdList(g);
      if (!examples.empty()) {
        message += " (e.g. ";
        for (size_t i = 0; i < examples.size() && i < 3; ++i) message += (i ? ", " : "") + examples[i];
        message += ")";
      }
      if (!g.summary.empty()) message += ": " + g.summary;
      if (last_fix && !open_ended) {
        message += "; require `>=" + last_fix->ToString() + "`";
      } else {
        message += "; no fixed version yet";
      }
      report::VulnerabilityData data;
      data.id = g.primary;
      data.aliases = g.aliases;
      data.package = d.name;
      data.installed = d.specifier_text;
      data.fixed = last_fix && !open_ended ? last_fix->ToString() : std::string();
      data.cvss_score = g.cvss_score;
      data.cvss_vector = g.cvss_vector;
      data.summary = g.summary;
      add_finding(d, kRangeAllowsVulnerable, g.severity.value_or(Severity::kMedium), Confidence::kMedium,
                  std::move(message), data, &g);
    }
  }
  result->match_seconds += Since(start);
}

AuditResult AuditDirectory(const std::string& root, const AuditOptions& options) {
  AuditResult result;
  std::error_code ec;
  fs::path abs_root = fs::absolute(root, ec);
  result.report.tool_command = "deps";
  result.report.root = abs_root.lexically_normal().generic_string();
  auto start = Clock::now();

  ManifestSet manifests;
  if (options.manifests.empty() && options.site_packages.empty()) {
    manifests = DiscoverAndRead(root, options.read);
  } else {
    for (const std::string& m : options.manifests) {
      fs::path p(m);
      std::string relative = p.is_absolute() ? p.lexically_relative(abs_root).generic_string() : p.generic_string();
      if (relative.empty() || relative.starts_with("..")) relative = p.generic_string();
      auto kind = ClassifyManifest(relative);
      if (!fs::is_regular_file(p.is_absolute() ? p : fs::path(root) / p, ec)) {
        manifests.errors.push_back({relative, 0, "no such file"});
        continue;
      }
      // A named file that does not follow the naming patterns is read as a
      // requirements file, as `pip install -r` would.
      ReadManifest(root, relative, kind.value_or(ManifestKind::kRequirements), options.read, &manifests);
    }
  }
  if (!options.site_packages.empty()) {
    if (!fs::is_directory(options.site_packages, ec)) {
      result.fatal_error = options.site_packages + ": not a directory";
      return result;
    }
    ReadSitePackages(root, options.site_packages, &manifests);
  }
  result.read_seconds = Since(start);
  if (manifests.files.empty() && manifests.errors.empty()) {
    result.warnings.push_back("no requirements files, pyproject.toml, setup.cfg or lockfiles found under " +
                              result.report.root);
  }
  result.report.files_scanned = manifests.files.size();
  result.skipped_by_marker = manifests.skipped_by_marker;
  for (const ManifestError& e : manifests.errors) result.report.errors.push_back(e.ToString());

  start = Clock::now();
  std::string db_path = options.db_path.empty() ? DefaultDatabasePath() : options.db_path;
  std::string error;
  std::unique_ptr<AdvisoryDb> db;
  if (!fs::exists(db_path, ec)) {
    result.database_missing = true;
    if (options.require_database) {
      result.fatal_error = "no advisory database at " + db_path +
                           "; run `rampart db update` to download one, or `rampart db update --from DIR|ZIP` "
                           "to import OSV records";
    }
    return result;
  }
  db = AdvisoryDb::Open(db_path, &error);
  if (!db) {
    result.fatal_error = error;
    return result;
  }
  result.open_seconds = Since(start);
  result.database = db->status();
  int64_t now = options.now ? options.now : static_cast<int64_t>(std::time(nullptr));
  int max_age = options.config.max_db_age_days;
  if (max_age > 0 && result.database.imported_at > 0) {
    int64_t age_days = (now - result.database.imported_at) / 86400;
    if (age_days > max_age) {
      result.warnings.push_back("the advisory database is " + std::to_string(age_days) + " days old (limit " +
                                std::to_string(max_age) + "); run `rampart db update`");
    }
  }
  std::map<std::string, Version> latest;
  std::string index_url = options.index_url.empty() ? options.config.index_url : options.index_url;
  if (!index_url.empty() && Enabled(options, kOutdatedPin)) {
    std::set<std::string> names;
    for (const Dependency& d : manifests.dependencies) {
      if (d.pinned && !d.name.empty()) names.insert(d.name);
    }
    IndexResult index = FetchLatestVersions(index_url, std::vector<std::string>(names.begin(), names.end()));
    latest = std::move(index.latest);
    for (std::string& w : index.warnings) result.warnings.push_back(std::move(w));
  }
  AuditDependencies(manifests, *db, options, latest, &result);

  // Sort findings and keep vulnerability_data parallel to them.
  auto& findings = result.report.findings;
  auto& data = result.report.vulnerability_data;
  std::vector<size_t> order(findings.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto key = [&](size_t i) {
    const Finding& f = findings[i];
    return std::tie(f.path, f.range, f.rule_code, f.message);
  };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return key(a) < key(b); });
  std::vector<Finding> sorted_findings;
  std::vector<std::optional<report::VulnerabilityData>> sorted_data;
  for (size_t k = 0; k < order.size(); ++k) {
    if (k > 0 && key(order[k]) == key(order[k - 1])) continue;
    sorted_findings.push_back(std::move(findings[order[k]]));
    sorted_data.push_back(std::move(data[order[k]]));
  }
  findings = std::move(sorted_findings);
  data = std::move(sorted_data);
  // Fingerprints (baselines, SARIF partialFingerprints): 64-bit FNV-1a, as the
  // check engine's, over rule, path, requirement text and advisory id; not the
  // line, so a moved requirement keeps its identity, and two advisories on one
  // line stay distinct.
  for (size_t i = 0; i < findings.size(); ++i) {
    uint64_t hash = 1469598103934665603ull;
    auto mix = [&](std::string_view part) {
      for (char c : part) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull;
      }
      hash ^= 0xff;
      hash *= 1099511628211ull;
    };
    mix(findings[i].rule_code);
    mix(findings[i].path);
    mix(findings[i].snippet);
    mix(data[i] ? data[i]->id : std::string());
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    findings[i].fingerprint = hex;
  }
  // Manifest text for the reporters' code frames (reporters never open files).
  std::set<std::string> with_findings;
  for (const Finding& f : findings) with_findings.insert(f.path);
  for (const std::string& path : with_findings) {
    fs::path p = fs::path(path).is_absolute() ? fs::path(path) : fs::path(root) / path;
    if (!fs::is_regular_file(p, ec) || fs::file_size(p, ec) > (4u << 20)) continue;
    std::ifstream in(p, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    result.report.sources.emplace_back(path, text.str());
  }
  return result;
}

AuditResult AuditForCheck(const std::string& root, const std::string& config_file,
                          const std::function<bool(std::string_view rule_code)>& enabled,
                          const std::string& db_path) {
  AuditOptions options;
  options.db_path = db_path;
  options.require_database = false;
  for (std::string_view code : {kKnownVulnerablePin, kRangeAllowsVulnerable, kOutdatedPin, kUnconstrained}) {
    options.enabled[std::string(code)] = !enabled || enabled(code);
  }
  std::error_code ec;
  std::string path = options.db_path.empty() ? DefaultDatabasePath() : options.db_path;
  if (!fs::exists(path, ec)) {
    AuditResult result;
    result.database_missing = true;
    result.report.tool_command = "deps";
    return result;
  }
  std::string error;
  if (!LoadDepsConfig(root, config_file, &options.config, &error)) {
    AuditResult result;
    result.fatal_error = error;
    return result;
  }
  return AuditDirectory(root, options);
}

}  // namespace rampart::deps

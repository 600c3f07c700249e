#include "deps/osv.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "deps/pep508.h"

namespace rampart::deps {
namespace {

using nlohmann::json;

// YAML scalars become JSON strings: OSV fields rampart reads are all strings,
// and keeping "2.0" as text avoids YAML's float resolution turning it into 2.
json YamlToJson(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      json out = json::object();
      for (const auto& kv : node) out[kv.first.as<std::string>()] = YamlToJson(kv.second);
      return out;
    }
    case YAML::NodeType::Sequence: {
      json out = json::array();
      for (const auto& item : node) out.push_back(YamlToJson(item));
      return out;
    }
    case YAML::NodeType::Scalar:
      return node.Scalar();
    default:
      return nullptr;
  }
}

std::string GetString(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return {};
}

// A one-line summary: the first sentence, cut at a word boundary, without a
// trailing period (findings' messages carry no trailing period).
std::string FirstSentence(std::string_view text) {
  size_t end = text.find('\n');
  size_t dot = text.find(". ");
  if (dot != std::string_view::npos && (end == std::string_view::npos || dot < end)) end = dot + 1;
  std::string_view s = text.substr(0, end);
  while (!s.empty() && (s.back() == '.' || s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  if (s.size() <= 160) return std::string(s);
  size_t cut = s.rfind(' ', 157);
  if (cut == std::string_view::npos || cut < 80) cut = 157;
  return std::string(s.substr(0, cut)) + "...";
}

std::optional<Severity> SeverityFromLabel(std::string label) {
  for (char& c : label) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (label == "critical") return Severity::kCritical;
  if (label == "high") return Severity::kHigh;
  if (label == "moderate" || label == "medium") return Severity::kMedium;
  if (label == "low") return Severity::kLow;
  return std::nullopt;
}

std::optional<Advisory> FromJson(const json& j, std::string* error) {
  if (!j.is_object()) {
    *error = "an OSV record must be an object";
    return std::nullopt;
  }
  Advisory a;
  a.id = GetString(j, "id");
  if (a.id.empty()) {
    *error = "OSV record without `id`";
    return std::nullopt;
  }
  a.modified = GetString(j, "modified");
  a.published = GetString(j, "published");
  a.withdrawn = GetString(j, "withdrawn");
  a.details = GetString(j, "details");
  a.summary = FirstSentence(GetString(j, "summary"));
  if (a.summary.empty()) a.summary = FirstSentence(a.details);
  if (auto it = j.find("aliases"); it != j.end() && it->is_array()) {
    for (const json& alias : *it) {
      if (alias.is_string()) a.aliases.push_back(alias.get<std::string>());
    }
  }
  if (auto it = j.find("references"); it != j.end() && it->is_array()) {
    for (const json& ref : *it) {
      if (ref.is_object()) {
        std::string url = GetString(ref, "url");
        if (!url.empty()) a.references.push_back(url);
      }
    }
  }
  // Severity: prefer a CVSS v3 vector, then v2; v4 and labels only as a fallback.
  auto take_severity = [&](const json& list) {
    if (!list.is_array()) return;
    for (const char* wanted : {"CVSS_V3", "CVSS_V2", "CVSS_V4"}) {
      for (const json& s : list) {
        if (!s.is_object() || GetString(s, "type") != wanted) continue;
        std::string vector = GetString(s, "score");
        double score = CvssBaseScore(vector);
        if (a.cvss_vector.empty()) a.cvss_vector = vector;
        if (score >= 0 && a.cvss_score < 0) {
          a.cvss_vector = vector;
          a.cvss_score = score;
        }
      }
    }
  };
  if (auto it = j.find("severity"); it != j.end()) take_severity(*it);
  if (auto it = j.find("affected"); it != j.end() && it->is_array()) {
    for (const json& aff : *it) {
      if (!aff.is_object()) continue;
      if (a.cvss_score < 0) {
        if (auto s = aff.find("severity"); s != aff.end()) take_severity(*s);
      }
      auto pkg = aff.find("package");
      if (pkg == aff.end() || !pkg->is_object()) continue;
      if (GetString(*pkg, "ecosystem") != "PyPI") continue;
      OsvAffected entry;
      entry.package = NormalizeName(GetString(*pkg, "name"));
      if (entry.package.empty()) continue;
      if (auto r = aff.find("ranges"); r != aff.end() && r->is_array()) {
        for (const json& range : *r) {
          if (!range.is_object()) continue;
          OsvRange out;
          out.type = GetString(range, "type");
          if (auto ev = range.find("events"); ev != range.end() && ev->is_array()) {
            for (const json& e : *ev) {
              if (!e.is_object()) continue;
              static constexpr std::pair<const char*, OsvEvent::Kind> kKinds[] = {
                  {"introduced", OsvEvent::Kind::kIntroduced},
                  {"fixed", OsvEvent::Kind::kFixed},
                  {"last_affected", OsvEvent::Kind::kLastAffected},
                  {"limit", OsvEvent::Kind::kLimit}};
              for (const auto& [key, kind] : kKinds) {
                if (e.contains(key)) out.events.push_back({kind, GetString(e, key)});
              }
            }
          }
          entry.ranges.push_back(std::move(out));
        }
      }
      if (auto v = aff.find("versions"); v != aff.end() && v->is_array()) {
        for (const json& version : *v) {
          if (version.is_string()) entry.versions.push_back(version.get<std::string>());
        }
      }
      if (auto ds = aff.find("database_specific"); ds != aff.end() && ds->is_object() && !a.severity) {
        a.severity = SeverityFromLabel(GetString(*ds, "severity"));
      }
      a.affected.push_back(std::move(entry));
    }
  }
  if (a.cvss_score >= 0) {
    a.severity = SeverityFromScore(a.cvss_score);
  } else if (!a.severity) {
    if (auto ds = j.find("database_specific"); ds != j.end() && ds->is_object()) {
      a.severity = SeverityFromLabel(GetString(*ds, "severity"));
    }
  }
  return a;
}

struct Interval {
  std::optional<Version> low;   // inclusive; nullopt: from the beginning ("0")
  std::optional<Version> high;  // nullopt: no upper bound
  bool high_inclusive = false;  // last_affected
  // The range's `limit` events: only versions below one of them are affected.
  std::vector<Version> limits;
};

// Events sorted by version ("0" first); each introduced opens an interval that
// the next fixed / last_affected closes (OSV's evaluation algorithm).
std::vector<Interval> Intervals(const OsvRange& range) {
  struct Parsed {
    OsvEvent::Kind kind;
    std::optional<Version> version;  // nullopt for introduced "0"
  };
  std::vector<Parsed> events;
  std::vector<Version> limits;
  bool unlimited = false;  // `limit: "*"` lifts the limit
  for (const OsvEvent& e : range.events) {
    if (e.kind == OsvEvent::Kind::kLimit) {
      if (e.version == "*") unlimited = true;
      else if (auto v = Version::Parse(e.version)) limits.push_back(*v);
      continue;
    }
    if (e.kind == OsvEvent::Kind::kIntroduced && e.version == "0") {
      events.push_back({e.kind, std::nullopt});
      continue;
    }
    auto v = Version::Parse(e.version);
    if (!v) continue;  // an unparseable bound cannot be compared: skip it
    events.push_back({e.kind, *v});
  }
  std::stable_sort(events.begin(), events.end(), [](const Parsed& a, const Parsed& b) {
    if (!a.version || !b.version) return !a.version && b.version;
    return Compare(*a.version, *b.version) < 0;
  });
  std::vector<Interval> out;
  std::optional<Interval> open;
  for (const Parsed& e : events) {
    if (e.kind == OsvEvent::Kind::kIntroduced) {
      if (!open) open = Interval{e.version, std::nullopt, false};
    } else if (open) {
      open->high = e.version;
      open->high_inclusive = e.kind == OsvEvent::Kind::kLastAffected;
      out.push_back(*open);
      open.reset();
    }
  }
  if (open) out.push_back(*open);
  if (!unlimited) {
    for (Interval& iv : out) iv.limits = limits;
  }
  return out;
}

bool InInterval(const Interval& iv, const Version& v) {
  if (iv.low && Compare(v, *iv.low) < 0) return false;
  if (!iv.limits.empty() &&
      std::none_of(iv.limits.begin(), iv.limits.end(), [&](const Version& l) { return Compare(v, l) < 0; })) {
    return false;
  }
  if (iv.high) {
    int c = Compare(v, *iv.high);
    if (iv.high_inclusive ? c > 0 : c >= 0) return false;
  }
  return true;
}

}  // namespace

struct OsvAffected::Prepared {
  // Owns the listed versions' text, so views stay valid when the entry is
  // copied (copies share Prepared).
  std::shared_ptr<const std::string> text;
  std::vector<std::string_view> all;  // every listed version, in order
  std::vector<Interval> intervals;  // ECOSYSTEM ranges only
  // Listed versions keyed by their first release number, parsed only when a
  // candidate's first number matches: a pin is usually checked against a few
  // of the hundreds of versions an advisory lists.
  std::vector<std::pair<uint64_t, std::string_view>> listed;  // sorted by key
  std::vector<std::string_view> unkeyed;  // epochs or odd spellings: always parsed
};

namespace {

// The first release number of a version string ("v2.0rc1" -> 2), or nullopt
// when the string has an epoch or does not start with a number.
std::optional<uint64_t> LeadingNumber(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == 'v' || s.front() == 'V')) s.remove_prefix(1);
  if (s.find('!') != std::string_view::npos) return std::nullopt;
  uint64_t n = 0;
  size_t i = 0;
  for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && i < 18; ++i) n = n * 10 + (s[i] - '0');
  if (i == 0 || (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))) return std::nullopt;
  return n;
}

}  // namespace

const OsvAffected::Prepared& OsvAffected::Prepare() const {
  if (!prepared) {
    auto p = std::make_shared<Prepared>();
    for (const OsvRange& range : ranges) {
      if (range.type != "ECOSYSTEM") continue;
      for (Interval& iv : Intervals(range)) p->intervals.push_back(std::move(iv));
    }
    if (versions_text) {
      p->text = versions_text;
    } else {
      auto joined = std::make_shared<std::string>();
      for (const std::string& v : versions) {
        if (v.find('\n') != std::string::npos) continue;
        if (!joined->empty()) *joined += '\n';
        *joined += v;
      }
      p->text = std::move(joined);
    }
    std::string_view text = *p->text;
    while (!text.empty()) {
      size_t nl = text.find('\n');
      p->all.push_back(text.substr(0, nl));
      if (nl == std::string_view::npos) break;
      text.remove_prefix(nl + 1);
    }
    for (std::string_view listed : p->all) {
      if (auto key = LeadingNumber(listed)) {
        p->listed.emplace_back(*key, listed);
      } else {
        p->unkeyed.push_back(listed);
      }
    }
    std::sort(p->listed.begin(), p->listed.end());
    prepared = std::move(p);
  }
  return *prepared;
}

bool OsvAffected::IsAffected(const Version& v) const {
  const Prepared& p = Prepare();
  for (const Interval& iv : p.intervals) {
    if (InInterval(iv, v)) return true;
  }
  auto equal = [&](std::string_view text) {
    auto lv = Version::Parse(text);
    return lv && Compare(*lv, v) == 0;
  };
  if (v.epoch == 0) {
    auto it = std::lower_bound(p.listed.begin(), p.listed.end(), std::make_pair(v.release[0], std::string_view()));
    for (; it != p.listed.end() && it->first == v.release[0]; ++it) {
      if (equal(it->second)) return true;
    }
  }
  for (std::string_view text : p.unkeyed) {
    if (equal(text)) return true;
  }
  return false;
}

std::optional<Version> OsvAffected::SmallestFixAbove(const Version& v) const {
  std::optional<Version> best;
  {
    for (const Interval& iv : Prepare().intervals) {
      if (!iv.high || iv.high_inclusive) continue;
      if (Compare(*iv.high, v) <= 0) continue;
      if (!best || Compare(*iv.high, *best) < 0) best = iv.high;
    }
  }
  return best;
}

std::vector<std::string_view> OsvAffected::Listed() const { return Prepare().all; }

std::vector<Version> OsvAffected::NamedVersions() const {
  std::vector<Version> out;
  for (const OsvRange& range : ranges) {
    for (const OsvEvent& e : range.events) {
      if (auto v = Version::Parse(e.version)) out.push_back(*v);
    }
  }
  for (std::string_view listed : Listed()) {
    if (auto v = Version::Parse(listed)) out.push_back(*v);
  }
  return out;
}

std::optional<Advisory> ParseOsvJson(std::string_view text, std::string* error) {
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    *error = "invalid JSON";
    return std::nullopt;
  }
  return FromJson(j, error);
}

std::optional<Advisory> ParseOsvYaml(std::string_view text, std::string* error) {
  json j;
  try {
    YAML::Node node = YAML::Load(std::string(text));
    j = YamlToJson(node);
  } catch (const YAML::Exception& e) {
    *error = "line " + std::to_string(e.mark.line + 1) + ": invalid YAML: " + e.msg;
    return std::nullopt;
  }
  return FromJson(j, error);
}

// ---------------------------------------------------------------------------
// CVSS

namespace {

std::map<std::string, std::string> VectorMetrics(std::string_view vector) {
  std::map<std::string, std::string> out;
  while (!vector.empty()) {
    size_t slash = vector.find('/');
    std::string_view part = vector.substr(0, slash);
    size_t colon = part.find(':');
    if (colon != std::string_view::npos) {
      out[std::string(part.substr(0, colon))] = std::string(part.substr(colon + 1));
    }
    if (slash == std::string_view::npos) break;
    vector.remove_prefix(slash + 1);
  }
  return out;
}

// CVSS v3.1 Roundup: the smallest one-decimal number >= x, computed on
// integers to avoid floating-point artefacts (spec appendix A).
double Roundup(double x) {
  long long scaled = std::llround(x * 100000);
  if (scaled % 10000 == 0) return scaled / 100000.0;
  return (std::floor(scaled / 10000.0) + 1) / 10.0;
}

double Lookup(const std::map<std::string, std::string>& m, const char* key,
              std::initializer_list<std::pair<const char*, double>> table, bool* ok) {
  auto it = m.find(key);
  if (it == m.end()) {
    *ok = false;
    return 0;
  }
  for (const auto& [name, value] : table) {
    if (it->second == name) return value;
  }
  *ok = false;
  return 0;
}

double CvssV3(const std::map<std::string, std::string>& m) {
  bool ok = true;
  bool changed = m.count("S") && m.at("S") == "C";
  if (!m.count("S") || (m.at("S") != "C" && m.at("S") != "U")) return -1;
  double av = Lookup(m, "AV", {{"N", 0.85}, {"A", 0.62}, {"L", 0.55}, {"P", 0.2}}, &ok);
  double ac = Lookup(m, "AC", {{"L", 0.77}, {"H", 0.44}}, &ok);
  double pr = Lookup(m, "PR", {{"N", 0.85}, {"L", changed ? 0.68 : 0.62}, {"H", changed ? 0.5 : 0.27}}, &ok);
  double ui = Lookup(m, "UI", {{"N", 0.85}, {"R", 0.62}}, &ok);
  auto cia = [&](const char* key) { return Lookup(m, key, {{"H", 0.56}, {"L", 0.22}, {"N", 0}}, &ok); };
  double c = cia("C"), i = cia("I"), a = cia("A");
  if (!ok) return -1;
  double iss = 1 - (1 - c) * (1 - i) * (1 - a);
  double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * std::pow(iss - 0.02, 15) : 6.42 * iss;
  double exploitability = 8.22 * av * ac * pr * ui;
  if (impact <= 0) return 0;
  if (changed) return Roundup(std::min(1.08 * (impact + exploitability), 10.0));
  return Roundup(std::min(impact + exploitability, 10.0));
}

double CvssV2(const std::map<std::string, std::string>& m) {
  bool ok = true;
  double av = Lookup(m, "AV", {{"L", 0.395}, {"A", 0.646}, {"N", 1.0}}, &ok);
  double ac = Lookup(m, "AC", {{"H", 0.35}, {"M", 0.61}, {"L", 0.71}}, &ok);
  double au = Lookup(m, "Au", {{"M", 0.45}, {"S", 0.56}, {"N", 0.704}}, &ok);
  auto cia = [&](const char* key) { return Lookup(m, key, {{"N", 0}, {"P", 0.275}, {"C", 0.660}}, &ok); };
  double c = cia("C"), i = cia("I"), a = cia("A");
  if (!ok) return -1;
  double impact = 10.41 * (1 - (1 - c) * (1 - i) * (1 - a));
  double exploitability = 20 * av * ac * au;
  double f = impact == 0 ? 0 : 1.176;
  double score = ((0.6 * impact) + (0.4 * exploitability) - 1.5) * f;
  return std::round(score * 10) / 10.0;
}

}  // namespace

double CvssBaseScore(std::string_view vector) {
  if (vector.rfind("CVSS:3.", 0) == 0) return CvssV3(VectorMetrics(vector));
  if (vector.rfind("CVSS:", 0) == 0) return -1;  // 4.0 and unknown versions
  auto metrics = VectorMetrics(vector);
  if (metrics.count("Au")) return CvssV2(metrics);
  return -1;
}

Severity SeverityFromScore(double score) {
  if (score >= 9.0) return Severity::kCritical;
  if (score >= 7.0) return Severity::kHigh;
  if (score >= 4.0) return Severity::kMedium;
  return Severity::kLow;
}

}  // namespace rampart::deps

#include "config/rampart_config.h"

#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>

namespace rampart::config {
namespace {

namespace fs = std::filesystem;

std::mutex& SectionsMutex() {
  static std::mutex m;
  return m;
}
std::set<std::string, std::less<>>& Sections() {
  static std::set<std::string, std::less<>> sections = {"deps", "scan"};
  return sections;
}

std::string Where(const std::string& path, const toml::source_region& region) {
  std::string out = path;
  if (region.begin.line > 0) {
    out.append(":").append(std::to_string(region.begin.line));
    out.append(":").append(std::to_string(region.begin.column));
  }
  return out;
}

class Reader {
 public:
  Reader(const std::string& path, std::string_view prefix) : path_(path), prefix_(prefix) {}

  std::string error;

  bool Fail(const toml::node& node, std::string_view key, std::string message) {
    if (error.empty()) {
      error = Where(path_, node.source()) + ": `" + prefix_ + std::string(key) + "` " + message;
    }
    return false;
  }

  bool StringList(const toml::node& node, std::string_view key, std::vector<std::string>* out) {
    const toml::array* array = node.as_array();
    if (!array) return Fail(node, key, "must be an array of strings");
    for (const toml::node& item : *array) {
      const auto* s = item.as_string();
      if (!s) return Fail(item, key, "must be an array of strings");
      out->push_back(s->get());
    }
    return true;
  }

  bool String(const toml::node& node, std::string_view key, std::string* out) {
    const auto* s = node.as_string();
    if (!s) return Fail(node, key, "must be a string");
    *out = s->get();
    return true;
  }

  bool Bool(const toml::node& node, std::string_view key, bool* out) {
    const auto* b = node.as_boolean();
    if (!b) return Fail(node, key, "must be `true` or `false`");
    *out = b->get();
    return true;
  }

 private:
  const std::string& path_;
  std::string prefix_;
};

std::string AbsoluteFrom(const std::string& dir, const std::string& value) {
  fs::path p(value);
  if (p.is_absolute()) return p.lexically_normal().string();
  return (fs::path(dir) / p).lexically_normal().string();
}

}  // namespace

void RegisterSection(std::string_view name) {
  std::lock_guard lock(SectionsMutex());
  Sections().emplace(name);
}

std::string FindConfigFile(const std::string& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (ec) return "";
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  for (;;) {
    fs::path rampart_toml = dir / "rampart.toml";
    if (fs::is_regular_file(rampart_toml, ec)) return rampart_toml.string();
    fs::path pyproject = dir / "pyproject.toml";
    if (fs::is_regular_file(pyproject, ec)) {
      // Only a pyproject.toml that configures rampart counts (as with Ruff).
      std::ifstream in(pyproject);
      std::string line;
      while (std::getline(in, line)) {
        size_t start_pos = line.find_first_not_of(" \t");
        if (start_pos != std::string::npos && line.compare(start_pos, 13, "[tool.rampart") == 0) {
          return pyproject.string();
        }
      }
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) return "";
    dir = dir.parent_path();
  }
}

LoadResult LoadConfigFile(const std::string& path) {
  LoadResult result;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    result.error = path + ": cannot read configuration file";
    return result;
  }
  std::stringstream text;
  text << in.rdbuf();
  return ParseConfig(text.str(), path);
}

LoadResult ParseConfig(std::string_view text, const std::string& path) {
  LoadResult result;
  RampartConfig& config = result.config;
  std::error_code ec;
  config.file = fs::absolute(path, ec).lexically_normal().string();
  config.dir = fs::path(config.file).parent_path().string();
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    result.error = Where(path, e.source()) + ": invalid TOML: " + std::string(e.description());
    return result;
  }
  bool pyproject = fs::path(path).filename() == "pyproject.toml";
  std::string prefix = pyproject ? "tool.rampart." : "";
  const toml::table* table = &root;
  if (pyproject) {
    const toml::node* tool = root.get("tool");
    const toml::node* node = tool && tool->is_table() ? tool->as_table()->get("rampart") : nullptr;
    if (!node) return result;  // no [tool.rampart]: an empty configuration
    table = node->as_table();
    if (!table) {
      result.error = Where(path, node->source()) + ": `tool.rampart` must be a table";
      return result;
    }
  }
  config.table = *table;
  Reader r(path, prefix);
  for (const auto& entry : *table) {
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one.
    const toml::key& key_node = entry.first;
    const toml::node& value = entry.second;
    std::string key(key_node.str());
    std::string name = key;
    for (char& c : name) c = c == '_' ? '-' : c;
    config.locations[name] = Where(path, value.source());
    auto list = [&](std::optional<std::vector<std::string>>* out) {
      std::vector<std::string> items;
      if (r.StringList(value, key, &items)) *out = std::move(items);
    };
    if (name == "select") {
      list(&config.select);
    } else if (name == "ignore") {
      list(&config.ignore);
    } else if (name == "extend-select") {
      list(&config.extend_select);
    } else if (name == "extend-ignore") {
      list(&config.extend_ignore);
    } else if (name == "exclude") {
      list(&config.exclude);
    } else if (name == "extend-exclude") {
      list(&config.extend_exclude);
    } else if (name == "severity" || name == "fail-on") {
      std::string s;
      Severity level = Severity::kLow;
      if (!r.String(value, key, &s)) continue;
      if (!ParseSeverity(s, &level)) {
        r.Fail(value, key, "must be one of `low`, `medium`, `high`, `critical` (got `" + s + "`)");
        continue;
      }
      (name == "severity" ? config.severity : config.fail_on) = level;
    } else if (name == "confidence") {
      std::string s;
      Confidence level = Confidence::kLow;
      if (!r.String(value, key, &s)) continue;
      if (!ParseConfidence(s, &level)) {
        r.Fail(value, key, "must be one of `low`, `medium`, `high` (got `" + s + "`)");
        continue;
      }
      config.confidence = level;
    } else if (name == "format") {
      std::string s;
      if (!r.String(value, key, &s)) continue;
      static const std::set<std::string> kFormats = {"text", "json", "sarif", "junit", "github", "cyclonedx"};
      if (!kFormats.count(s)) {
        r.Fail(value, key, "must be one of `text`, `json`, `sarif`, `junit`, `github`, `cyclonedx` (got `" + s + "`)");
        continue;
      }
      config.format = s;
    } else if (name == "output" || name == "baseline") {
      std::string s;
      if (!r.String(value, key, &s)) continue;
      if (s.empty()) {
        r.Fail(value, key, "must not be empty");
        continue;
      }
      (name == "output" ? config.output : config.baseline) = AbsoluteFrom(config.dir, s);
    } else if (name == "respect-gitignore" || name == "show-suppressed" ||
               name == "report-unused-suppressions") {
      bool b = false;
      if (!r.Bool(value, key, &b)) continue;
      if (name == "respect-gitignore") config.respect_gitignore = b;
      if (name == "show-suppressed") config.show_suppressed = b;
      if (name == "report-unused-suppressions") config.report_unused_suppressions = b;
    } else if (name == "threads") {
      const auto* n = value.as_integer();
      if (!n || n->get() < 0 || n->get() > 1024) {
        r.Fail(value, key, "must be an integer from 0 (all cores) to 1024");
        continue;
      }
      config.threads = static_cast<unsigned>(n->get());
    } else if (name == "per-file-ignores") {
      const toml::table* pfi = value.as_table();
      if (!pfi) {
        r.Fail(value, key, "must be a table of `\"pattern\" = [\"rule\", ...]`");
        continue;
      }
      for (const auto& [pattern, selectors] : *pfi) {
        std::vector<std::string> items;
        if (!r.StringList(selectors, key + "." + std::string(pattern.str()), &items)) break;
        config.per_file_ignores.emplace_back(std::string(pattern.str()), std::move(items));
      }
    } else {
      bool registered;
      {
        std::lock_guard lock(SectionsMutex());
        registered = Sections().count(key) > 0;
      }
      if (registered) {
        if (!value.is_table()) r.Fail(value, key, "must be a table");
        continue;
      }
      const toml::source_region& region = key_node.source().begin.line ? key_node.source() : value.source();
      if (r.error.empty()) {
        r.error = Where(path, region) + ": unknown key `" + prefix + key + "`";
      }
    }
  }
  result.error = r.error;
  return result;
}

}  // namespace rampart::config

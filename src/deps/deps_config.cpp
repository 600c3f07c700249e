// `[tool.rampart.deps]` reader. Read here with toml++ directly so that the
// deps audit does not depend on the general configuration loader; every error
// names the file and line.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "deps/audit.h"
#include "deps/pep508.h"

namespace rampart::deps {
namespace fs = std::filesystem;

namespace {

std::string Where(const std::string& path, const toml::node& node) {
  return path + ":" + std::to_string(node.source().begin.line) + ": ";
}

bool ValidDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  int month = std::stoi(s.substr(5, 2)), day = std::stoi(s.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool ReadTable(const std::string& path, const toml::table& table, DepsConfig* out, std::string* error) {
  out->path = path;
  for (const auto& [key, value] : table) {
    std::string k(key.str());
    if (k == "max-db-age-days") {
      auto n = value.value<int64_t>();
      if (!value.is_integer() || !n || *n < 0 || *n > 36500) {
        *error = Where(path, value) + "`max-db-age-days` must be a whole number of days (0 disables the check)";
        return false;
      }
      out->max_db_age_days = static_cast<int>(*n);
    } else if (k == "index-url") {
      if (!value.is_string()) {
        *error = Where(path, value) + "`index-url` must be a string";
        return false;
      }
      out->index_url = value.as_string()->get();
    } else if (k == "ignore") {
      const toml::array* arr = value.as_array();
      if (!arr) {
        *error = Where(path, value) + "`ignore` must be an array of tables `{ id = ..., reason = ..., expires = ... }`";
        return false;
      }
      for (const toml::node& item : *arr) {
        const toml::table* t = item.as_table();
        if (!t) {
          *error = Where(path, item) + "each `ignore` entry must be a table with `id` and `reason`";
          return false;
        }
        IgnoreEntry entry;
        entry.path = path;
        entry.line = item.source().begin.line;
        for (const auto& [ikey, ivalue] : *t) {
          std::string ik(ikey.str());
          if (ik == "id" || ik == "reason" || ik == "package") {
            if (!ivalue.is_string()) {
              *error = Where(path, ivalue) + "`" + ik + "` must be a string";
              return false;
            }
            const std::string& s = ivalue.as_string()->get();
            if (ik == "id") entry.id = s;
            else if (ik == "reason") entry.reason = s;
            else entry.package = NormalizeName(s);
          } else if (ik == "expires") {
            if (const auto* date = ivalue.as_date()) {
              char buf[16];
              std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date->get().year, date->get().month, date->get().day);
              entry.expires = buf;
            } else if (ivalue.is_string()) {
              entry.expires = ivalue.as_string()->get();
            }
            if (!ValidDate(entry.expires)) {
              *error = Where(path, ivalue) + "`expires` must be a date like 2027-01-31";
              return false;
            }
          } else {
            *error = Where(path, ivalue) + "unknown key `" + ik + "` in an `ignore` entry (expected `id`, `reason`, `expires`, `package`)";
            return false;
          }
        }
        if (entry.id.empty()) {
          *error = Where(path, item) + "`ignore` entry without `id`";
          return false;
        }
        if (entry.reason.empty()) {
          *error = Where(path, item) + "`ignore` entry for `" + entry.id + "` needs a `reason`";
          return false;
        }
        out->ignores.push_back(std::move(entry));
      }
    } else {
      *error = Where(path, value) + "unknown key `" + k + "` in `[tool.rampart.deps]` (expected `ignore`, `max-db-age-days`, `index-url`)";
      return false;
    }
  }
  return true;
}

}  // namespace

bool LoadDepsConfig(const std::string& root, const std::string& explicit_path, DepsConfig* out, std::string* error) {
  *out = DepsConfig();
  std::vector<std::string> candidates;
  if (!explicit_path.empty()) {
    candidates.push_back(explicit_path);
  } else {
    // As the general configuration does: the nearest rampart.toml, or
    // pyproject.toml with a [tool.rampart] table, walking up from `root`.
    std::error_code ec;
    fs::path dir = fs::absolute(root, ec).lexically_normal();
    while (true) {
      fs::path rampart_toml = dir / "rampart.toml", pyproject = dir / "pyproject.toml";
      if (fs::is_regular_file(rampart_toml, ec)) {
        candidates.push_back(rampart_toml.string());
        break;
      }
      if (fs::is_regular_file(pyproject, ec)) {
        std::ifstream in(pyproject, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (text.str().find("[tool.rampart") != std::string::npos) {
          candidates.push_back(pyproject.string());
          break;
        }
      }
      if (!dir.has_parent_path() || dir.parent_path() == dir) break;
      dir = dir.parent_path();
    }
  }
  for (const std::string& path : candidates) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
      if (!explicit_path.empty()) {
        *error = path + ": configuration file not found";
        return false;
      }
      continue;
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    toml::table doc;
    try {
      doc = toml::parse(ss.str(), path);
    } catch (const toml::parse_error& e) {
      *error = path + ":" + std::to_string(e.source().begin.line) + ": invalid TOML: " + std::string(e.description());
      return false;
    }
    bool is_rampart_toml = fs::path(path).filename() == "rampart.toml";
    const toml::table* table = doc["tool"]["rampart"]["deps"].as_table();
    if (!table && is_rampart_toml) table = doc["deps"].as_table();
    if (!table) {
      if (doc["tool"]["rampart"]["deps"] || (is_rampart_toml && doc["deps"])) {
        *error = path + ": `deps` must be a table";
        return false;
      }
      if (is_rampart_toml) return true;  // rampart.toml exists: it is the configuration
      continue;
    }
    return ReadTable(path, *table, out, error);
  }
  return true;
}

}  // namespace rampart::deps

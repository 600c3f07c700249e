#include "rules/engine/baseline.h"

#include <cctype>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace rampart::rules::engine {
namespace {

constexpr int kBaselineVersion = 1;

uint64_t Fnv1a(std::string_view data, uint64_t hash = 14695981039346656037ull) {
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string Normalise(std::string_view text) {
  std::string out;
  bool space = false;
  for (char ch : text) {
    if (std::isspace(static_cast<unsigned char>(ch))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += ch;
  }
  return out;
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return lines;
}

size_t Indentation(std::string_view line) {
  size_t n = 0;
  while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) ++n;
  return n;
}

bool IsBlankOrComment(std::string_view line) {
  size_t n = Indentation(line);
  return n == line.size() || line[n] == '#' || line[n] == '\r';
}

// The header of the nearest enclosing def/class of line `line` (1-based),
// normalised; "" at module level.
std::string EnclosingContext(const std::vector<std::string_view>& lines, uint32_t line) {
  if (line == 0 || line > lines.size()) return "";
  size_t indent = Indentation(lines[line - 1]);
  std::string context;
  for (size_t i = line - 1; i-- > 0 && indent > 0;) {
    std::string_view l = lines[i];
    if (IsBlankOrComment(l)) continue;
    size_t n = Indentation(l);
    if (n >= indent) continue;
    indent = n;
    std::string_view body = l.substr(n);
    for (std::string_view keyword : {"def ", "async def ", "class "}) {
      if (body.substr(0, keyword.size()) == keyword) {
        size_t paren = body.find_first_of("(:");
        std::string header = Normalise(body.substr(0, paren));
        context = context.empty() ? header : header + " > " + context;
        break;
      }
    }
  }
  return context;
}

std::string SnippetFromSource(const std::vector<std::string_view>& lines, const SourceRange& range) {
  if (range.start.line == 0 || range.start.line > lines.size()) return "";
  uint32_t last = std::min<uint32_t>(std::max(range.end.line, range.start.line),
                                     static_cast<uint32_t>(lines.size()));
  std::string out;
  for (uint32_t n = range.start.line; n <= last; ++n) {
    if (!out.empty()) out += "\n";
    std::string_view l = lines[n - 1];
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    out += l;
  }
  return out;
}

}  // namespace

void FillSnippets(std::vector<Finding>& findings, const std::map<std::string, std::string>& sources) {
  std::map<std::string, std::vector<std::string_view>> split;
  for (Finding& f : findings) {
    if (!f.snippet.empty()) continue;
    auto it = sources.find(f.path);
    if (it == sources.end()) continue;
    auto [lines, inserted] = split.try_emplace(f.path);
    if (inserted) lines->second = SplitLines(it->second);
    f.snippet = SnippetFromSource(lines->second, f.range);
  }
}

void ComputeFingerprints(std::vector<Finding>& findings,
                         const std::map<std::string, std::string>& sources) {
  std::map<std::string, std::vector<std::string_view>> split;
  for (Finding& f : findings) {
    std::string context;
    auto it = sources.find(f.path);
    if (it != sources.end()) {
      auto [lines, inserted] = split.try_emplace(f.path);
      if (inserted) lines->second = SplitLines(it->second);
      context = EnclosingContext(lines->second, f.range.start.line);
    }
    // Without a snippet (URL findings, manifests) the message identifies it.
    std::string text = Normalise(f.snippet.empty() ? f.message : f.snippet);
    uint64_t h = Fnv1a(f.rule_code);
    h = Fnv1a(std::string_view("\0", 1), h);
    h = Fnv1a(f.path, h);
    h = Fnv1a(std::string_view("\0", 1), h);
    h = Fnv1a(text, h);
    h = Fnv1a(std::string_view("\0", 1), h);
    h = Fnv1a(context, h);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    f.fingerprint = hex;
  }
}

std::string Baseline::Parse(std::string_view text, std::string_view file_name) {
  entries_.clear();
  std::string where(file_name);
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return where + ": baseline is not valid JSON";
  if (!doc.is_object() || !doc.contains("version") || !doc["version"].is_number_integer()) {
    return where + ": baseline has no integer `version`";
  }
  if (doc["version"].get<int>() != kBaselineVersion) {
    return where + ": unsupported baseline version " + std::to_string(doc["version"].get<int>()) +
           " (this rampart reads version " + std::to_string(kBaselineVersion) + ")";
  }
  if (!doc.contains("findings") || !doc["findings"].is_array()) {
    return where + ": baseline has no `findings` array";
  }
  size_t index = 0;
  for (const auto& item : doc["findings"]) {
    std::string at = where + ": findings[" + std::to_string(index++) + "]";
    if (!item.is_object() || !item.contains("fingerprint") || !item["fingerprint"].is_string()) {
      return at + ": missing string `fingerprint`";
    }
    BaselineEntry entry;
    if (item.contains("code") && item["code"].is_string()) entry.code = item["code"];
    if (item.contains("path") && item["path"].is_string()) entry.path = item["path"];
    entry.count = 1;
    if (item.contains("count")) {
      if (!item["count"].is_number_unsigned() || item["count"].get<uint64_t>() == 0) {
        return at + ": `count` must be a positive integer";
      }
      entry.count = item["count"].get<size_t>();
    }
    entries_[item["fingerprint"].get<std::string>()].count += entry.count;
    auto& stored = entries_[item["fingerprint"].get<std::string>()];
    stored.code = entry.code;
    stored.path = entry.path;
  }
  return "";
}

std::string Baseline::Serialize(const std::vector<Finding>& findings) {
  std::map<std::string, BaselineEntry> counts;
  for (const Finding& f : findings) {
    if (f.suppressed()) continue;
    BaselineEntry& e = counts[f.fingerprint];
    e.code = f.rule_code;
    e.path = f.path;
    ++e.count;
  }
  nlohmann::ordered_json doc;
  doc["version"] = kBaselineVersion;
  doc["tool"] = "rampart";
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& [fingerprint, e] : counts) {
    list.push_back({{"fingerprint", fingerprint}, {"code", e.code}, {"path", e.path}, {"count", e.count}});
  }
  doc["findings"] = std::move(list);
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

void Baseline::Apply(std::vector<Finding>& findings) const {
  std::map<std::string, size_t> remaining;
  for (const auto& [fingerprint, e] : entries_) remaining[fingerprint] = e.count;
  for (Finding& f : findings) {
    if (f.suppressed()) continue;
    auto it = remaining.find(f.fingerprint);
    if (it == remaining.end() || it->second == 0) continue;
    --it->second;
    f.suppressions.push_back({"baseline", ""});
  }
}

}  // namespace rampart::rules::engine

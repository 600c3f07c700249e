#include "deps/fix.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "report/report.h"

namespace rampart::deps {
namespace fs = std::filesystem;

FixOutcome ApplyFixes(const std::string& root, const std::vector<FixCandidate>& fixes, bool dry_run) {
  FixOutcome outcome;
  std::map<std::string, std::vector<const FixCandidate*>> by_file;
  for (const FixCandidate& f : fixes) by_file[f.manifest].push_back(&f);
  for (auto& [relative, list] : by_file) {
    fs::path path = fs::path(relative).is_absolute() ? fs::path(relative) : fs::path(root) / relative;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      outcome.errors.push_back(relative + ":0: cannot read file");
      continue;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    // Line start offsets; line endings are left untouched.
    std::vector<size_t> starts = {0};
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') starts.push_back(i + 1);
    }
    auto line_text = [&](const std::string& t, const std::vector<size_t>& s, uint32_t line) {
      size_t begin = s[line - 1];
      size_t end = t.find('\n', begin);
      std::string l = t.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
      if (!l.empty() && l.back() == '\r') l.pop_back();
      return l;
    };
    // Apply right to left so earlier offsets stay valid.
    std::sort(list.begin(), list.end(), [](const FixCandidate* a, const FixCandidate* b) {
      return std::tie(a->line, a->column) > std::tie(b->line, b->column);
    });
    std::string updated = text;
    std::map<uint32_t, std::string> old_lines;
    size_t applied_here = 0;
    for (const FixCandidate* f : list) {
      if (f->line == 0 || f->line > starts.size() || f->column == 0 || f->end_column < f->column) continue;
      size_t begin = starts[f->line - 1] + f->column - 1;
      size_t length = f->end_column - f->column;
      std::string current = begin + length <= updated.size() ? updated.substr(begin, length) : std::string();
      auto parsed = Version::Parse(current);
      auto expected = Version::Parse(f->from_version);
      if (!parsed || !expected || Compare(*parsed, *expected) != 0 || current.find('\n') != std::string::npos) {
        outcome.errors.push_back(relative + ":" + std::to_string(f->line) + ": expected version `" + f->from_version +
                                 "` here; file changed since it was read, not fixed");
        continue;
      }
      if (!old_lines.count(f->line)) old_lines[f->line] = line_text(text, starts, f->line);
      updated.replace(begin, length, f->to_version);
      ++applied_here;
    }
    if (applied_here == 0) continue;
    std::vector<size_t> new_starts = {0};
    for (size_t i = 0; i < updated.size(); ++i) {
      if (updated[i] == '\n') new_starts.push_back(i + 1);
    }
    outcome.diff += "--- a/" + relative + "\n+++ b/" + relative + "\n";
    for (const auto& [line, old_text] : old_lines) {
      outcome.diff += "@@ -" + std::to_string(line) + " +" + std::to_string(line) + " @@\n";
      outcome.diff += "-" + old_text + "\n+" + line_text(updated, new_starts, line) + "\n";
    }
    if (!dry_run) {
      std::string error = report::WriteFileAtomically(path.string(), updated);
      if (!error.empty()) {
        outcome.errors.push_back(relative + ":0: " + error);
        continue;
      }
    }
    outcome.applied += applied_here;
    outcome.changed_files.push_back(relative);
  }
  return outcome;
}

}  // namespace rampart::deps

#include "rules/engine/gitignore.h"

#include <cstdint>

namespace rampart::rules::engine {
namespace {

// Matches a bracket expression starting at glob[i] == '['. Sets *next to the
// index after ']'. Returns false (and *next = npos) when the class is unclosed,
// in which case '[' is matched literally.
bool MatchClass(std::string_view glob, size_t i, char c, size_t* next, bool* matched) {
  size_t j = i + 1;
  bool negate = false;
  if (j < glob.size() && (glob[j] == '!' || glob[j] == '^')) {
    negate = true;
    ++j;
  }
  bool found = false;
  bool first = true;
  while (j < glob.size() && (glob[j] != ']' || first)) {
    first = false;
    char lo = glob[j];
    if (lo == '\\' && j + 1 < glob.size()) lo = glob[++j];
    char hi = lo;
    if (j + 2 < glob.size() && glob[j + 1] == '-' && glob[j + 2] != ']') {
      hi = glob[j + 2];
      if (hi == '\\' && j + 3 < glob.size()) {
        hi = glob[j + 3];
        ++j;
      }
      j += 2;
    }
    if (c >= lo && c <= hi) found = true;
    ++j;
  }
  if (j >= glob.size()) {
    *next = std::string_view::npos;
    return false;
  }
  *next = j + 1;
  *matched = (found != negate) && c != '/';
  return true;
}

class Matcher {
 public:
  Matcher(std::string_view glob, std::string_view text)
      : glob_(glob), text_(text), memo_((glob.size() + 1) * (text.size() + 1), kUnknown) {}

  bool Run() { return At(0, 0); }

 private:
  static constexpr uint8_t kUnknown = 2;

  bool At(size_t g, size_t t) {
    uint8_t& slot = memo_[g * (text_.size() + 1) + t];
    if (slot != kUnknown) return slot;
    bool result = Compute(g, t);
    slot = result;
    return result;
  }

  bool Compute(size_t g, size_t t) {
    if (g == glob_.size()) return t == text_.size();
    char gc = glob_[g];
    if (gc == '*') {
      bool double_star = g + 1 < glob_.size() && glob_[g + 1] == '*';
      bool at_segment_start = g == 0 || glob_[g - 1] == '/';
      if (double_star && at_segment_start) {
        size_t after = g + 2;
        if (after == glob_.size()) return true;  // trailing `**`: everything
        if (glob_[after] == '/') {
          // `**/`: zero or more whole directories.
          if (At(after + 1, t)) return true;
          for (size_t k = t; k < text_.size(); ++k) {
            if (text_[k] == '/' && At(after + 1, k + 1)) return true;
          }
          return false;
        }
      }
      // Plain `*` (or `**` inside a segment): any run of non-'/' characters.
      size_t next = g + 1;
      while (next < glob_.size() && glob_[next] == '*') ++next;
      for (size_t k = t;; ++k) {
        if (At(next, k)) return true;
        if (k == text_.size() || text_[k] == '/') return false;
      }
    }
    if (t == text_.size()) return false;
    char tc = text_[t];
    if (gc == '?') return tc != '/' && At(g + 1, t + 1);
    if (gc == '[') {
      size_t next;
      bool matched = false;
      if (MatchClass(glob_, g, tc, &next, &matched)) return matched && At(next, t + 1);
      return tc == '[' && At(g + 1, t + 1);
    }
    if (gc == '\\' && g + 1 < glob_.size()) return tc == glob_[g + 1] && At(g + 2, t + 1);
    return tc == gc && At(g + 1, t + 1);
  }

  std::string_view glob_;
  std::string_view text_;
  std::vector<uint8_t> memo_;
};

std::string_view TrimTrailingSpaces(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
    // An escaped trailing space stays.
    if (line.back() == ' ' && line.size() >= 2 && line[line.size() - 2] == '\\') break;
    line.remove_suffix(1);
  }
  return line;
}

}  // namespace

bool GlobMatch(std::string_view glob, std::string_view path) { return Matcher(glob, path).Run(); }

void IgnoreRules::AddFile(std::string_view text, std::string_view base, std::string_view source) {
  size_t line_number = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    ++line_number;
    std::string where = std::string(source) + ":" + std::to_string(line_number);
    AddPattern(text.substr(pos, end - pos), base, where);
    pos = end + 1;
  }
}

void IgnoreRules::AddPattern(std::string_view line, std::string_view base, std::string_view source) {
  line = TrimTrailingSpaces(line);
  if (line.empty() || line[0] == '#') return;
  IgnorePattern p;
  p.base = std::string(base);
  while (!p.base.empty() && p.base.back() == '/') p.base.pop_back();
  p.source = std::string(source);
  if (line[0] == '!') {
    p.negated = true;
    line.remove_prefix(1);
  } else if (line.size() >= 2 && line[0] == '\\' && (line[1] == '!' || line[1] == '#')) {
    line.remove_prefix(1);
  }
  if (!line.empty() && line.back() == '/') {
    p.dir_only = true;
    while (!line.empty() && line.back() == '/') line.remove_suffix(1);
  }
  if (line.empty()) return;
  if (line.find('/') != std::string_view::npos) p.anchored = true;
  while (!line.empty() && line[0] == '/') line.remove_prefix(1);
  if (line.empty()) return;
  p.glob = std::string(line);
  patterns_.push_back(std::move(p));
}

IgnoreVerdict IgnoreRules::Match(std::string_view path, bool is_dir) const {
  for (auto it = patterns_.rbegin(); it != patterns_.rend(); ++it) {
    const IgnorePattern& p = *it;
    if (p.dir_only && !is_dir) continue;
    std::string_view rel = path;
    if (!p.base.empty()) {
      if (rel.size() <= p.base.size() || rel.substr(0, p.base.size()) != p.base ||
          rel[p.base.size()] != '/') {
        continue;
      }
      rel.remove_prefix(p.base.size() + 1);
    }
    bool matched;
    if (p.anchored) {
      matched = GlobMatch(p.glob, rel);
    } else {
      size_t slash = rel.rfind('/');
      matched = GlobMatch(p.glob, slash == std::string_view::npos ? rel : rel.substr(slash + 1));
    }
    if (matched) return p.negated ? IgnoreVerdict::kIncluded : IgnoreVerdict::kIgnored;
  }
  return IgnoreVerdict::kNone;
}

bool IgnoreRules::IsIgnoredWithParents(std::string_view path, bool is_dir) const {
  for (size_t slash = path.find('/'); slash != std::string_view::npos;
       slash = path.find('/', slash + 1)) {
    if (Match(path.substr(0, slash), true) == IgnoreVerdict::kIgnored) return true;
  }
  return Match(path, is_dir) == IgnoreVerdict::kIgnored;
}

const std::vector<std::string>& DefaultExcludes() {
  static const std::vector<std::string> kDefaults = {
      ".git/", ".hg/", ".svn/", ".venv/", "venv/", "node_modules/", "__pycache__/",
      "build/", "dist/", ".tox/", ".mypy_cache/", ".pytest_cache/", ".ruff_cache/", ".eggs/"};
  return kDefaults;
}

}  // namespace rampart::rules::engine

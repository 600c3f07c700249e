#include "deps/manifests.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <toml++/toml.h>

namespace rampart::deps {
namespace fs = std::filesystem;

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ReadText(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    std::string_view line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

std::string JoinPath(const std::string& dir, const std::string& name) {
  if (dir.empty() || dir == ".") return name;
  return dir + "/" + name;
}

// Fills the version-related fields from a parsed specifier.
void SetSpecifier(Dependency* dep, const SpecifierSet& set, std::string text) {
  dep->specifier_text = std::move(text);
  dep->any_of.clear();
  if (!set.empty()) dep->any_of.push_back(set);
  dep->pinned = set.PinnedVersion();
}

// Name and version from a wheel or sdist file name ("Django-4.2.1-py3-none-any.whl",
// "requests-2.31.0.tar.gz"), for archive requirements without `#egg=`.
bool NameVersionFromArchive(std::string_view url, std::string* name, std::optional<Version>* version) {
  std::string_view file = url;
  if (size_t hash = file.find('#'); hash != std::string_view::npos) file = file.substr(0, hash);
  if (size_t q = file.find('?'); q != std::string_view::npos) file = file.substr(0, q);
  if (size_t slash = file.find_last_of("/\\"); slash != std::string_view::npos) file = file.substr(slash + 1);
  std::string_view stem;
  bool wheel = false;
  for (std::string_view ext : {".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz"}) {
    if (file.size() > ext.size() && Lower(file.substr(file.size() - ext.size())) == ext) {
      stem = file.substr(0, file.size() - ext.size());
      wheel = ext == ".whl";
      break;
    }
  }
  if (stem.empty()) return false;
  std::string_view n, v;
  if (wheel) {
    size_t dash = stem.find('-');
    if (dash == std::string_view::npos) return false;
    n = stem.substr(0, dash);
    std::string_view rest = stem.substr(dash + 1);
    v = rest.substr(0, rest.find('-'));
  } else {
    // sdist: the version starts after the last '-' that is followed by a digit.
    size_t dash = std::string_view::npos;
    for (size_t i = stem.size(); i-- > 0;) {
      if (stem[i] == '-' && i + 1 < stem.size() && std::isdigit(static_cast<unsigned char>(stem[i + 1]))) {
        dash = i;
        break;
      }
    }
    if (dash == std::string_view::npos) return false;
    n = stem.substr(0, dash);
    v = stem.substr(dash + 1);
  }
  if (!IsValidName(n)) return false;
  *name = std::string(n);
  *version = Version::Parse(v);
  return true;
}

std::string EggName(std::string_view url) {
  size_t egg = url.find("#egg=");
  if (egg == std::string_view::npos) egg = url.find("&egg=");
  if (egg == std::string_view::npos) return {};
  std::string_view rest = url.substr(egg + 5);
  rest = rest.substr(0, rest.find_first_of("&# "));
  // `#egg=name[extra]` and `#egg=name==1.0` (legacy) keep only the name.
  size_t end = 0;
  while (end < rest.size() && (std::isalnum(static_cast<unsigned char>(rest[end])) || rest[end] == '-' ||
                               rest[end] == '_' || rest[end] == '.')) {
    ++end;
  }
  return std::string(rest.substr(0, end));
}

bool LooksLikeUrlOrPath(std::string_view s) {
  if (s.find("://") != std::string_view::npos) return true;
  if (s.rfind("git+", 0) == 0 || s.rfind("hg+", 0) == 0 || s.rfind("svn+", 0) == 0 || s.rfind("bzr+", 0) == 0) {
    return true;
  }
  if (s.rfind("./", 0) == 0 || s.rfind("../", 0) == 0 || s.rfind("/", 0) == 0 || s == ".") return true;
  std::string lower = Lower(s);
  for (std::string_view ext : {".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz"}) {
    if (lower.size() > ext.size() && lower.substr(lower.size() - ext.size()) == ext &&
        lower.find_first_of("<>=!~;") == std::string::npos) {
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// Poetry version constraints

bool PoetryPart(std::string_view token, std::vector<std::string>* out, std::string* error) {
  token = Trim(token);
  if (token.empty() || token == "*") return true;
  auto bump = [](std::vector<uint64_t> parts, size_t index) {
    parts.resize(index + 1);
    parts[index] += 1;
    std::string s;
    for (size_t i = 0; i < parts.size(); ++i) s += (i ? "." : "") + std::to_string(parts[i]);
    return s;
  };
  if (token[0] == '^' || (token[0] == '~' && (token.size() < 2 || token[1] != '='))) {
    bool caret = token[0] == '^';
    std::string_view base = Trim(token.substr(1));
    auto v = Version::Parse(base);
    if (!v) {
      *error = "invalid version `" + std::string(base) + "` in `" + std::string(token) + "`";
      return false;
    }
    out->push_back(">=" + std::string(base));
    const auto& r = v->release;
    size_t index;
    if (caret) {
      index = r.size() - 1;
      for (size_t i = 0; i < r.size(); ++i) {
        if (r[i] != 0) {
          index = i;
          break;
        }
      }
    } else {
      index = r.size() == 1 ? 0 : 1;
    }
    out->push_back("<" + bump(r, index));
    return true;
  }
  if (std::isdigit(static_cast<unsigned char>(token[0]))) {
    out->push_back("==" + std::string(token));
    return true;
  }
  out->push_back(std::string(token));
  return true;
}

// Poetry's constraint syntax to PEP 440 sets: `^`, `~`, `*`, bare versions,
// comma- or space-separated clauses, and `||` alternatives.
bool PoetryConstraint(std::string_view text, std::vector<SpecifierSet>* out, std::string* error) {
  std::string_view rest = text;
  while (true) {
    size_t bar = rest.find("||");
    std::string_view alt = Trim(rest.substr(0, bar));
    std::vector<std::string> parts;
    // Clauses are separated by commas or by whitespace between clauses; an
    // operator followed by a space (">= 1.2") stays with its version.
    std::string normalized;
    for (size_t i = 0; i < alt.size(); ++i) {
      char c = alt[i];
      if (c == ' ' || c == '\t') {
        if (!normalized.empty() && std::string_view("<>=!~^").find(normalized.back()) == std::string_view::npos) {
          size_t j = i;
          while (j < alt.size() && (alt[j] == ' ' || alt[j] == '\t')) ++j;
          if (j < alt.size() && alt[j] != ',') normalized += ',';
          i = j - 1;
        }
        continue;
      }
      normalized += c;
    }
    std::string_view clauses = normalized;
    while (true) {
      size_t comma = clauses.find(',');
      if (!PoetryPart(clauses.substr(0, comma), &parts, error)) return false;
      if (comma == std::string_view::npos) break;
      clauses.remove_prefix(comma + 1);
    }
    std::string joined;
    for (size_t i = 0; i < parts.size(); ++i) joined += (i ? "," : "") + parts[i];
    auto set = SpecifierSet::Parse(joined, error);
    if (!set) return false;
    out->push_back(*set);
    if (bar == std::string_view::npos) break;
    rest.remove_prefix(bar + 2);
  }
  // `*` alone (or an empty alternative) means no constraint at all.
  for (const SpecifierSet& s : *out) {
    if (s.empty()) {
      out->clear();
      break;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------
// Reader state shared by the formats

class Reader {
 public:
  Reader(const std::string& root, const ReadOptions& options, ManifestSet* out)
      : root_(root), options_(options), out_(out) {}

  void Error(const std::string& path, uint32_t line, std::string message) {
    out_->errors.push_back({path, line, std::move(message)});
  }

  // Evaluates a marker; false drops the dependency.
  bool MarkerAllows(const Requirement& r) {
    if (!r.marker || r.marker->Evaluate(options_.environment)) return true;
    ++out_->skipped_by_marker;
    return false;
  }

  // A PEP 508 string at (line, column of its first character) in `path`.
  void AddPep508(const std::string& path, ManifestKind kind, const std::string& group, std::string_view text,
                 uint32_t line, uint32_t column, bool exact_columns) {
    Requirement r;
    RequirementError e;
    if (!ParseRequirement(text, &r, &e)) {
      Error(path, line, e.message + " in `" + std::string(Trim(text)) + "`");
      return;
    }
    if (!MarkerAllows(r)) return;
    Dependency d;
    d.name = r.normalized_name;
    d.display_name = r.name;
    d.requirement = std::string(Trim(text));
    SetSpecifier(&d, r.specifier, r.specifier_text);
    d.url = r.url;
    if (!d.url.empty()) {
      // `django @ https://.../Django-4.2.1.tar.gz`: the archive name pins the version.
      std::string archive_name;
      std::optional<Version> archive_version;
      if (NameVersionFromArchive(d.url, &archive_name, &archive_version) && archive_version &&
          NormalizeName(archive_name) == d.name) {
        d.pinned = archive_version;
        d.specifier_text = "==" + archive_version->ToString();
        std::string error;
        if (auto set = SpecifierSet::Parse(d.specifier_text, &error)) d.any_of = {*set};
      }
    }
    d.manifest = path;
    d.kind = kind;
    d.group = group;
    d.line = line;
    size_t lead = text.size() - std::string_view(text).substr(text.find_first_not_of(" \t") == std::string_view::npos
                                                                  ? text.size()
                                                                  : text.find_first_not_of(" \t")).size();
    d.column = column + static_cast<uint32_t>(lead);
    d.end_column = d.column + static_cast<uint32_t>(d.requirement.size());
    if (exact_columns && d.pinned && r.specifier.specifiers().size() == 1) {
      // Point --fix at the version after `==`.
      const Specifier& s = r.specifier.specifiers()[0];
      size_t op_len = s.op == Specifier::Op::kArbitrary ? 3 : 2;
      std::string_view spec_text = text.substr(r.specifier_begin, r.specifier_end - r.specifier_begin);
      size_t vpos = spec_text.find(s.version_text, op_len);
      if (vpos != std::string_view::npos) {
        d.version_line = line;
        d.version_column = column + static_cast<uint32_t>(r.specifier_begin + vpos);
        d.version_end_column = d.version_column + static_cast<uint32_t>(s.version_text.size());
      }
    }
    out_->dependencies.push_back(std::move(d));
  }

  void AddPinned(const std::string& path, ManifestKind kind, const std::string& group, std::string_view name,
                 std::string_view version, uint32_t line) {
    if (!IsValidName(name)) {
      Error(path, line, "invalid package name `" + std::string(name) + "`");
      return;
    }
    Dependency d;
    d.name = NormalizeName(name);
    d.display_name = std::string(name);
    d.manifest = path;
    d.kind = kind;
    d.group = group;
    d.line = line;
    d.requirement = std::string(name) + "==" + std::string(version);
    d.end_column = d.column + static_cast<uint32_t>(d.requirement.size());
    auto v = Version::Parse(version);
    if (!v) {
      Error(path, line, "invalid version `" + std::string(version) + "` for `" + std::string(name) + "`");
      return;
    }
    d.pinned = *v;
    d.specifier_text = "==" + v->ToString();
    std::string error;
    if (auto set = SpecifierSet::Parse(d.specifier_text, &error)) d.any_of.push_back(*set);
    out_->dependencies.push_back(std::move(d));
  }

  const std::string& root() const { return root_; }
  const ReadOptions& options() const { return options_; }
  ManifestSet* out() { return out_; }
  std::set<std::string>& read_files() { return read_files_; }

 private:
  std::string root_;
  const ReadOptions& options_;
  ManifestSet* out_;
  std::set<std::string> read_files_;
};

// ---------------------------------------------------------------------------
// requirements files

struct LogicalLine {
  std::string text;
  uint32_t line = 0;       // physical line where it starts
  size_t first_length = 0;  // bytes of `text` that come from that first physical line
};

std::string ExpandEnv(std::string_view text, const ReadOptions& options, bool* changed) {
  // pip expands only `${NAME}` with NAME of [A-Z0-9_]; unknown names stay.
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      size_t close = text.find('}', i + 2);
      if (close != std::string_view::npos) {
        std::string name(text.substr(i + 2, close - i - 2));
        bool valid = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
          return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
        });
        std::optional<std::string> value;
        if (valid) {
          if (options.getenv) {
            value = options.getenv(name);
          } else if (const char* v = std::getenv(name.c_str())) {
            value = v;
          }
        }
        if (value) {
          out += *value;
          *changed = true;
          i = close + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

void ReadRequirements(Reader& reader, const std::string& relative, ManifestKind kind, const std::string& group,
                      std::vector<std::string>& stack);

void ReadRequirementsInclude(Reader& reader, const std::string& from, uint32_t line, const std::string& target,
                             const std::string& group, std::vector<std::string>& stack) {
  if (target.find("://") != std::string::npos) {
    reader.Error(from, line, "remote requirements file `" + target + "` is not fetched (rampart works offline)");
    return;
  }
  std::string dir = fs::path(from).parent_path().generic_string();
  std::string joined = target.starts_with("/") ? target : JoinPath(dir, target);
  std::string relative = fs::path(joined).lexically_normal().generic_string();
  if (stack.size() >= 64) {
    reader.Error(from, line, "includes nested more than 64 deep: `" + target + "` not read");
    return;
  }
  if (std::find(stack.begin(), stack.end(), relative) != stack.end()) {
    std::string chain;
    for (const std::string& s : stack) chain += "`" + s + "` -> ";
    reader.Error(from, line, "include cycle: " + chain + "`" + relative + "`");
    return;
  }
  std::error_code ec;
  fs::path abs = relative.starts_with("/") ? fs::path(relative) : fs::path(reader.root()) / relative;
  if (!fs::is_regular_file(abs, ec)) {
    reader.Error(from, line, "included file `" + target + "` not found");
    return;
  }
  ReadRequirements(reader, relative, ManifestKind::kRequirements, group, stack);
}

void ReadRequirements(Reader& reader, const std::string& relative, ManifestKind kind, const std::string& group,
                      std::vector<std::string>& stack) {
  if (!reader.read_files().insert(relative).second) return;  // already read via another include
  std::string text;
  fs::path abs = relative.starts_with("/") ? fs::path(relative) : fs::path(reader.root()) / relative;
  if (!ReadText(abs, &text)) {
    reader.Error(relative, 0, "cannot read file");
    return;
  }
  reader.out()->files.push_back(relative);
  stack.push_back(relative);
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // UTF-8 byte order mark, as pip accepts
  auto physical = SplitLines(text);
  std::vector<LogicalLine> logical;
  for (size_t i = 0; i < physical.size(); ++i) {
    LogicalLine l;
    l.line = static_cast<uint32_t>(i + 1);
    std::string_view p = physical[i];
    bool first = true;
    // pip joins a line ending in `\` with the next one.
    while (true) {
      bool cont = !p.empty() && p.back() == '\\';
      if (cont) p.remove_suffix(1);
      l.text += p;
      if (first) l.first_length = p.size();
      first = false;
      if (!cont || i + 1 >= physical.size()) break;
      p = physical[++i];
    }
    logical.push_back(std::move(l));
  }
  for (const LogicalLine& l : logical) {
    std::string_view line = l.text;
    // Comments: `#` at the start or after whitespace (a URL's `#egg=` stays).
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
        line = line.substr(0, i);
        break;
      }
    }
    bool expanded = false;
    std::string expanded_text = ExpandEnv(line, reader.options(), &expanded);
    line = expanded_text;
    size_t lead = line.find_first_not_of(" \t");
    if (lead == std::string_view::npos) continue;
    std::string_view body = Trim(line);
    if (body[0] == '-') {
      // An option line. Long options take `=value` or ` value`; short ones may be glued.
      std::string_view opt = body;
      std::string_view value;
      size_t split = opt.find_first_of(" \t=");
      if (opt.rfind("--", 0) != 0 && opt.size() > 2 && split != 2) split = 2;  // -rfile
      if (split != std::string_view::npos) {
        value = Trim(opt.substr(split + (opt[split] == '=' ? 1 : 0)));
        if (!value.empty() && value[0] == '=') value = Trim(value.substr(1));
        opt = opt.substr(0, split);
      }
      static const std::set<std::string_view> kIgnored = {
          "-i", "--index-url", "--extra-index-url", "--no-index", "-f", "--find-links", "--pre",
          "--prefer-binary", "--require-hashes", "--only-binary", "--no-binary", "--trusted-host",
          "--use-feature", "-Z", "--always-unzip", "--process-dependency-links"};
      if (opt == "-r" || opt == "--requirement" || opt == "-c" || opt == "--constraint") {
        if (value.empty()) {
          reader.Error(relative, l.line, "`" + std::string(opt) + "` needs a file name");
          continue;
        }
        bool constraint = opt == "-c" || opt == "--constraint";
        ReadRequirementsInclude(reader, relative, l.line, std::string(value), constraint ? "constraints" : group, stack);
      } else if (opt == "-e" || opt == "--editable") {
        if (value.empty()) {
          reader.Error(relative, l.line, "`" + std::string(opt) + "` needs a path or URL");
          continue;
        }
        Dependency d;
        d.editable = true;
        d.url = std::string(value);
        std::string name = EggName(value);
        if (name.empty() && !LooksLikeUrlOrPath(value)) {
          // `-e name @ url` is not valid pip syntax; a bare project name is neither.
          reader.Error(relative, l.line, "`-e` expects a local path or a VCS URL, got `" + std::string(value) + "`");
          continue;
        }
        d.display_name = name.empty() ? std::string(value) : name;
        d.name = name.empty() ? std::string() : NormalizeName(name);
        d.requirement = std::string(body);
        d.manifest = relative;
        d.kind = kind;
        d.group = group;
        d.line = l.line;
        d.column = static_cast<uint32_t>(lead + 1);
        d.end_column = d.column + static_cast<uint32_t>(body.size());
        reader.out()->dependencies.push_back(std::move(d));
      } else if (kIgnored.count(opt) || opt.rfind("--hash", 0) == 0) {
        continue;
      } else {
        reader.Error(relative, l.line, "unknown option `" + std::string(opt) + "`");
      }
      continue;
    }
    // Per-requirement options (`--hash=...`, `--config-settings`, `-C`) end the requirement.
    std::string_view req = body;
    for (size_t i = 1; i < req.size(); ++i) {
      if ((req[i - 1] == ' ' || req[i - 1] == '\t') && req[i] == '-' &&
          (req.substr(i, 2) == "--" || req.substr(i, 3) == "-C ")) {
        req = Trim(req.substr(0, i));
        break;
      }
    }
    uint32_t column = static_cast<uint32_t>(lead + 1);
    bool exact = !expanded && lead + req.size() <= l.first_length;
    // `name @ url` (spaces optional) is PEP 508; a bare URL or path is pip's
    // own form. An `@` after `://` belongs to the URL (git+ssh://git@host/...).
    bool pep508_url = false;
    if (size_t at = req.find('@'); at != std::string_view::npos) {
      size_t scheme = req.find("://");
      std::string_view before = Trim(req.substr(0, at));
      if (size_t bracket = before.find('['); bracket != std::string_view::npos) before = Trim(before.substr(0, bracket));
      pep508_url = (scheme == std::string_view::npos || at < scheme) && IsValidName(before);
    }
    if (LooksLikeUrlOrPath(req) && !pep508_url) {
      std::string url(req.substr(0, req.find(';')));
      url = std::string(Trim(url));
      std::string name = EggName(url);
      std::optional<Version> version;
      if (name.empty()) NameVersionFromArchive(url, &name, &version);
      if (name.empty()) {
        reader.Error(relative, l.line, "cannot tell the project name of `" + url + "`; add `#egg=<name>` or use `name @ url`");
        continue;
      }
      Dependency d;
      d.name = NormalizeName(name);
      d.display_name = name;
      d.url = url;
      d.pinned = version;
      if (version) {
        d.specifier_text = "==" + version->ToString();
        std::string error;
        if (auto set = SpecifierSet::Parse(d.specifier_text, &error)) d.any_of.push_back(*set);
      }
      d.requirement = std::string(req);
      d.manifest = relative;
      d.kind = kind;
      d.group = group;
      d.line = l.line;
      d.column = column;
      d.end_column = column + static_cast<uint32_t>(req.size());
      reader.out()->dependencies.push_back(std::move(d));
      continue;
    }
    reader.AddPep508(relative, kind, group, req, l.line, column - 0, exact);
  }
  stack.pop_back();
}

// ---------------------------------------------------------------------------
// TOML formats

uint32_t LineOf(const toml::node& node) { return node.source().begin.line; }
uint32_t ColumnOf(const toml::node& node) { return node.source().begin.column; }

std::optional<toml::table> ParseToml(Reader& reader, const std::string& relative, std::string* text) {
  fs::path abs = fs::path(reader.root()) / relative;
  if (!ReadText(abs, text)) {
    reader.Error(relative, 0, "cannot read file");
    return std::nullopt;
  }
  reader.out()->files.push_back(relative);
  try {
    return toml::parse(*text, relative);
  } catch (const toml::parse_error& e) {
    reader.Error(relative, e.source().begin.line, "invalid TOML: " + std::string(e.description()));
    return std::nullopt;
  }
}

// A PEP 508 string inside a TOML array: columns are exact when the string is
// written on one line without escapes (what --fix needs).
void AddTomlRequirement(Reader& reader, const std::string& relative, ManifestKind kind, const std::string& group,
                        const toml::node& node, const std::vector<std::string_view>& lines) {
  const std::string* s = node.as_string() ? &node.as_string()->get() : nullptr;
  if (!s) {
    reader.Error(relative, LineOf(node), "expected a requirement string");
    return;
  }
  uint32_t line = LineOf(node);
  uint32_t column = ColumnOf(node) + 1;  // after the opening quote
  bool exact = line >= 1 && line <= lines.size() && column >= 1 &&
               lines[line - 1].substr(column - 1, s->size()) == *s;
  reader.AddPep508(relative, kind, group, *s, line, exact ? column : 1, exact);
}

void ReadPyproject(Reader& reader, const std::string& relative) {
  std::string text;
  auto doc = ParseToml(reader, relative, &text);
  if (!doc) return;
  auto lines = SplitLines(text);
  const ManifestKind kind = ManifestKind::kPyproject;
  auto add_array = [&](const toml::node_view<const toml::node>& view, const std::string& group) {
    const toml::array* arr = view.as_array();
    if (!arr) {
      if (view) reader.Error(relative, LineOf(*view.node()), "expected an array of requirement strings");
      return;
    }
    for (const toml::node& item : *arr) {
      // PEP 735 `{include-group = "x"}` entries repeat another group: skip.
      if (item.is_table()) continue;
      AddTomlRequirement(reader, relative, kind, group, item, lines);
    }
  };
  const toml::table& t = *doc;
  add_array(t["project"]["dependencies"], "main");
  if (const toml::table* opt = t["project"]["optional-dependencies"].as_table()) {
    for (const auto& [key, value] : *opt) add_array(toml::node_view<const toml::node>(value), "optional:" + std::string(key.str()));
  }
  if (const toml::table* groups = t["dependency-groups"].as_table()) {
    for (const auto& [key, value] : *groups) add_array(toml::node_view<const toml::node>(value), "group:" + std::string(key.str()));
  }
  if (const toml::table* pdm = t["tool"]["pdm"]["dev-dependencies"].as_table()) {
    for (const auto& [key, value] : *pdm) add_array(toml::node_view<const toml::node>(value), "group:" + std::string(key.str()));
  }
  // Poetry: name = "constraint" | {version = ..., markers = ..., git/path/url = ...} | [tables].
  auto add_poetry = [&](const toml::table* table, const std::string& group) {
    if (!table) return;
    for (const auto& [key, value] : *table) {
      std::string name(key.str());
      if (Lower(name) == "python") continue;
      std::vector<const toml::node*> entries;
      if (const toml::array* arr = value.as_array()) {
        for (const toml::node& n : *arr) entries.push_back(&n);
      } else {
        entries.push_back(&value);
      }
      for (const toml::node* entry : entries) {
        Dependency d;
        d.name = NormalizeName(name);
        d.display_name = name;
        d.manifest = relative;
        d.kind = kind;
        d.group = group;
        d.line = LineOf(*entry);
        std::string constraint;
        const toml::node* version_node = nullptr;
        if (entry->is_string()) {
          constraint = entry->as_string()->get();
          version_node = entry;
        } else if (const toml::table* spec = entry->as_table()) {
          if (auto v = (*spec)["version"].as_string()) {
            constraint = v->get();
            version_node = (*spec)["version"].node();
          }
          for (const char* source : {"git", "path", "url"}) {
            if (auto s = (*spec)[source].as_string()) d.url = s->get();
          }
          if (auto m = (*spec)["markers"].as_string()) {
            std::string error;
            size_t column = 0;
            auto marker = Marker::Parse(m->get(), &error, &column);
            if (!marker) {
              reader.Error(relative, LineOf(*m), error + " in `" + m->get() + "`");
              continue;
            }
            if (!marker->Evaluate(reader.options().environment)) {
              ++reader.out()->skipped_by_marker;
              continue;
            }
          }
        } else {
          reader.Error(relative, LineOf(*entry), "expected a version string or a table for `" + name + "`");
          continue;
        }
        std::string error;
        std::vector<SpecifierSet> sets;
        if (!PoetryConstraint(constraint, &sets, &error)) {
          reader.Error(relative, d.line, error + " for `" + name + "`");
          continue;
        }
        d.any_of = sets;
        d.specifier_text = constraint;
        d.requirement = name + (constraint.empty() ? "" : " " + constraint);
        if (sets.size() == 1) d.pinned = sets[0].PinnedVersion();
        d.end_column = d.column + static_cast<uint32_t>(d.requirement.size());
        if (version_node && d.pinned) {
          // A bare "1.2.3" or "==1.2.3" on one line: point --fix at it.
          uint32_t vline = LineOf(*version_node);
          uint32_t vcol = ColumnOf(*version_node) + 1;
          std::string_view trimmed = Trim(constraint);
          size_t skip = trimmed.rfind("==", 0) == 0 ? 2 : 0;
          std::string_view version_text = Trim(trimmed.substr(skip));
          if (vline >= 1 && vline <= lines.size()) {
            size_t at = lines[vline - 1].find(version_text, vcol - 1);
            if (at != std::string_view::npos && at < vcol - 1 + constraint.size()) {
              d.version_line = vline;
              d.version_column = static_cast<uint32_t>(at + 1);
              d.version_end_column = d.version_column + static_cast<uint32_t>(version_text.size());
            }
          }
        }
        reader.out()->dependencies.push_back(std::move(d));
      }
    }
  };
  add_poetry(t["tool"]["poetry"]["dependencies"].as_table(), "main");
  add_poetry(t["tool"]["poetry"]["dev-dependencies"].as_table(), "dev");
  if (const toml::table* groups = t["tool"]["poetry"]["group"].as_table()) {
    for (const auto& [key, value] : *groups) {
      if (const toml::table* g = value.as_table()) {
        add_poetry((*g)["dependencies"].as_table(), "group:" + std::string(key.str()));
      }
    }
  }
}

void ReadTomlLock(Reader& reader, const std::string& relative, ManifestKind kind) {
  std::string text;
  auto doc = ParseToml(reader, relative, &text);
  if (!doc) return;
  const char* key = kind == ManifestKind::kPylock ? "packages" : "package";
  const toml::array* packages = (*doc)[key].as_array();
  if (!packages) {
    if ((*doc)[key]) reader.Error(relative, LineOf(*(*doc)[key].node()), std::string("`") + key + "` must be an array of tables");
    return;
  }
  for (const toml::node& node : *packages) {
    const toml::table* pkg = node.as_table();
    if (!pkg) continue;
    auto name = (*pkg)["name"].as_string();
    uint32_t line = LineOf(node);
    if (!name) {
      reader.Error(relative, line, "package entry without `name`");
      continue;
    }
    line = LineOf(*name);
    // uv: the project itself and local paths are not from an index.
    if (const toml::table* source = (*pkg)["source"].as_table()) {
      if ((*source)["editable"] || (*source)["virtual"] || (*source)["directory"] || (*source)["path"]) continue;
    }
    if (kind == ManifestKind::kPylock && ((*pkg)["directory"] || (*pkg)["vcs"])) continue;
    if (auto marker = (*pkg)["marker"].as_string()) {
      std::string error;
      size_t column = 0;
      auto m = Marker::Parse(marker->get(), &error, &column);
      if (!m) {
        reader.Error(relative, LineOf(*marker), error + " in `" + marker->get() + "`");
        continue;
      }
      if (!m->Evaluate(reader.options().environment)) {
        ++reader.out()->skipped_by_marker;
        continue;
      }
    }
    auto version = (*pkg)["version"].as_string();
    if (!version) {
      if (kind != ManifestKind::kPylock) reader.Error(relative, line, "package `" + name->get() + "` has no `version`");
      continue;
    }
    std::string group = "main";
    if (auto category = (*pkg)["category"].as_string()) group = category->get();
    reader.AddPinned(relative, kind, group, name->get(), version->get(), line);
  }
}

// ---------------------------------------------------------------------------
// Pipfile.lock (JSON)

void ReadPipfileLock(Reader& reader, const std::string& relative) {
  std::string text;
  if (!ReadText(fs::path(reader.root()) / relative, &text)) {
    reader.Error(relative, 0, "cannot read file");
    return;
  }
  reader.out()->files.push_back(relative);
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    // nlohmann does not report a position without exceptions; find it by
    // re-parsing with the SAX interface would cost more than it helps here.
    size_t line = 1;
    try {
      (void)nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
      line = 1 + std::count(text.begin(), text.begin() + std::min(e.byte, text.size()), '\n');
    }
    reader.Error(relative, static_cast<uint32_t>(line), "invalid JSON");
    return;
  }
  auto line_of = [&](size_t from, const std::string& needle, size_t* found) {
    size_t at = text.find(needle, from);
    *found = at;
    if (at == std::string::npos) return uint32_t{0};
    return static_cast<uint32_t>(1 + std::count(text.begin(), text.begin() + at, '\n'));
  };
  for (const char* section : {"default", "develop"}) {
    auto it = j.find(section);
    if (it == j.end() || !it->is_object()) continue;
    size_t section_at = 0;
    line_of(0, std::string("\"") + section + "\"", &section_at);
    for (const auto& [name, entry] : it->items()) {
      size_t at = 0;
      uint32_t line = line_of(section_at == std::string::npos ? 0 : section_at, "\"" + name + "\"", &at);
      if (!entry.is_object()) continue;
      if (auto m = entry.find("markers"); m != entry.end() && m->is_string()) {
        std::string error;
        size_t column = 0;
        auto marker = Marker::Parse(m->get<std::string>(), &error, &column);
        if (marker && !marker->Evaluate(reader.options().environment)) {
          ++reader.out()->skipped_by_marker;
          continue;
        }
      }
      auto v = entry.find("version");
      if (v == entry.end() || !v->is_string()) continue;  // VCS / path entries
      std::string version = v->get<std::string>();
      if (version.rfind("==", 0) == 0) version = version.substr(2);
      reader.AddPinned(relative, ManifestKind::kPipfileLock, std::string(section) == "default" ? "main" : "dev", name,
                       version, line);
    }
  }
}

// ---------------------------------------------------------------------------
// setup.cfg

void ReadSetupCfg(Reader& reader, const std::string& relative) {
  std::string text;
  if (!ReadText(fs::path(reader.root()) / relative, &text)) {
    reader.Error(relative, 0, "cannot read file");
    return;
  }
  reader.out()->files.push_back(relative);
  auto lines = SplitLines(text);
  std::string section;
  std::string key;  // the option whose value continues on indented lines
  auto wanted = [&]() -> std::optional<std::string> {
    if (section == "options" && (key == "install_requires" || key == "tests_require" || key == "setup_requires")) {
      return key == "install_requires" ? std::string("main") : key;
    }
    if (section == "options.extras_require" && !key.empty()) return "optional:" + key;
    return std::nullopt;
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view raw = lines[i];
    std::string_view t = Trim(raw);
    uint32_t line = static_cast<uint32_t>(i + 1);
    if (t.empty() || t[0] == '#' || t[0] == ';') continue;
    bool indented = raw[0] == ' ' || raw[0] == '\t';
    std::string_view value;
    if (!indented && t[0] == '[') {
      size_t close = t.find(']');
      section = close == std::string_view::npos ? std::string() : Lower(Trim(t.substr(1, close - 1)));
      key.clear();
      continue;
    }
    size_t value_offset = 0;
    if (!indented) {
      size_t eq = t.find_first_of("=:");
      if (eq == std::string_view::npos) {
        key.clear();
        continue;
      }
      key = Lower(Trim(t.substr(0, eq)));
      value = Trim(t.substr(eq + 1));
      value_offset = raw.find(value.empty() ? t : value);
    } else {
      value = t;
      value_offset = raw.find(t);
    }
    auto group = wanted();
    if (!group || value.empty()) continue;
    // Inline comments (` #`) are stripped as configparser does with inline prefixes.
    if (size_t hash = value.find(" #"); hash != std::string_view::npos) value = Trim(value.substr(0, hash));
    // A single-line value may hold several requirements separated by `;` in old
    // setuptools; only the documented one-per-line form is read.
    reader.AddPep508(relative, ManifestKind::kSetupCfg, *group, value, line, static_cast<uint32_t>(value_offset + 1), true);
  }
}

}  // namespace

// ---------------------------------------------------------------------------

std::string_view ManifestKindName(ManifestKind kind) {
  switch (kind) {
    case ManifestKind::kRequirements: return "requirements";
    case ManifestKind::kPyproject: return "pyproject.toml";
    case ManifestKind::kSetupCfg: return "setup.cfg";
    case ManifestKind::kPoetryLock: return "poetry.lock";
    case ManifestKind::kPipfileLock: return "Pipfile.lock";
    case ManifestKind::kUvLock: return "uv.lock";
    case ManifestKind::kPdmLock: return "pdm.lock";
    case ManifestKind::kPylock: return "pylock.toml";
    case ManifestKind::kSitePackages: return "site-packages";
  }
  return "";
}

bool IsLockfile(ManifestKind kind) {
  return kind == ManifestKind::kPoetryLock || kind == ManifestKind::kPipfileLock || kind == ManifestKind::kUvLock ||
         kind == ManifestKind::kPdmLock || kind == ManifestKind::kPylock || kind == ManifestKind::kSitePackages;
}

std::optional<ManifestKind> ClassifyManifest(const std::string& relative_path) {
  fs::path p(relative_path);
  std::string file = p.filename().string();
  std::string lower = Lower(file);
  std::string parent = Lower(p.parent_path().filename().string());
  if (file == "pyproject.toml") return ManifestKind::kPyproject;
  if (file == "setup.cfg") return ManifestKind::kSetupCfg;
  if (file == "poetry.lock") return ManifestKind::kPoetryLock;
  if (file == "Pipfile.lock") return ManifestKind::kPipfileLock;
  if (file == "uv.lock") return ManifestKind::kUvLock;
  if (file == "pdm.lock") return ManifestKind::kPdmLock;
  if (file == "pylock.toml" || (file.starts_with("pylock.") && file.ends_with(".toml"))) return ManifestKind::kPylock;
  bool txt = lower.ends_with(".txt") || lower.ends_with(".in");
  if (txt && (lower.find("requirements") != std::string::npos || lower.find("constraints") != std::string::npos ||
              parent == "requirements")) {
    return ManifestKind::kRequirements;
  }
  return std::nullopt;
}

void ReadManifest(const std::string& root, const std::string& relative, ManifestKind kind, const ReadOptions& options,
                  ManifestSet* out) {
  Reader reader(root, options, out);
  switch (kind) {
    case ManifestKind::kRequirements: {
      std::vector<std::string> stack;
      ReadRequirements(reader, relative, kind, "main", stack);
      break;
    }
    case ManifestKind::kPyproject: ReadPyproject(reader, relative); break;
    case ManifestKind::kSetupCfg: ReadSetupCfg(reader, relative); break;
    case ManifestKind::kPipfileLock: ReadPipfileLock(reader, relative); break;
    case ManifestKind::kPoetryLock:
    case ManifestKind::kUvLock:
    case ManifestKind::kPdmLock:
    case ManifestKind::kPylock: ReadTomlLock(reader, relative, kind); break;
    case ManifestKind::kSitePackages: break;
  }
}

ManifestSet DiscoverAndRead(const std::string& root, const ReadOptions& options) {
  ManifestSet out;
  static const std::set<std::string> kSkipDirs = {"node_modules", "__pycache__", "venv", "env", "site-packages",
                                                  "dist", "build", "dist-packages"};
  std::vector<std::pair<std::string, ManifestKind>> found;
  std::error_code ec;
  fs::path base(root);
  for (auto it = fs::recursive_directory_iterator(base, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (it->is_directory(ec)) {
      if (name.starts_with(".") || kSkipDirs.count(name)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec)) continue;
    std::string relative = it->path().lexically_relative(base).generic_string();
    if (auto kind = ClassifyManifest(relative)) found.emplace_back(relative, *kind);
  }
  if (ec) out.errors.push_back({root, 0, "cannot read directory: " + ec.message()});
  std::sort(found.begin(), found.end());
  // Requirements files included by others are read once, through their includer:
  // read top-level files first so includes get the right group.
  Reader reader(root, options, &out);
  for (const auto& [relative, kind] : found) {
    if (kind == ManifestKind::kRequirements) {
      std::vector<std::string> stack;
      ReadRequirements(reader, relative, kind, "main", stack);
    } else {
      ReadManifest(root, relative, kind, options, &out);
    }
  }
  return out;
}

void ReadSitePackages(const std::string& root, const std::string& site_packages, ManifestSet* out) {
  std::error_code ec;
  std::vector<fs::path> metadata;
  for (const auto& entry : fs::directory_iterator(site_packages, ec)) {
    std::string name = entry.path().filename().string();
    if (name.ends_with(".dist-info")) metadata.push_back(entry.path() / "METADATA");
    else if (name.ends_with(".egg-info")) metadata.push_back(entry.is_directory() ? entry.path() / "PKG-INFO" : entry.path());
  }
  if (ec) {
    out->errors.push_back({site_packages, 0, "cannot read directory: " + ec.message()});
    return;
  }
  std::sort(metadata.begin(), metadata.end());
  ReadOptions options;
  Reader reader(root, options, out);
  for (const fs::path& p : metadata) {
    fs::path rel = p.lexically_relative(fs::absolute(root, ec));
    std::string shown = (!rel.empty() && !rel.string().starts_with("..")) ? rel.generic_string() : p.generic_string();
    std::string text;
    if (!ReadText(p, &text)) {
      reader.Error(shown, 0, "cannot read file");
      continue;
    }
    out->files.push_back(shown);
    std::string name, version;
    uint32_t version_line = 0;
    auto lines = SplitLines(text);
    for (size_t i = 0; i < lines.size(); ++i) {
      std::string_view l = lines[i];
      if (l.empty()) break;  // headers end at the first blank line
      if (l.rfind("Name:", 0) == 0) name = std::string(Trim(l.substr(5)));
      if (l.rfind("Version:", 0) == 0) {
        version = std::string(Trim(l.substr(8)));
        version_line = static_cast<uint32_t>(i + 1);
      }
    }
    if (name.empty() || version.empty()) {
      reader.Error(shown, 1, "no `Name:` / `Version:` header");
      continue;
    }
    reader.AddPinned(shown, ManifestKind::kSitePackages, "installed", name, version, version_line);
  }
}

}  // namespace rampart::deps

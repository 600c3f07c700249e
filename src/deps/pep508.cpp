#include "deps/pep508.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <cctype>
#include <climits>
#include <cstdlib>
#include <filesystem>

namespace rampart::deps {
namespace {

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

constexpr std::string_view kMarkerVariables[] = {
    "python_version",   "python_full_version", "os_name",          "sys_platform",
    "platform_release", "platform_system",     "platform_version", "platform_machine",
    "platform_python_implementation", "implementation_name", "implementation_version",
    "extra"};

// Legacy spellings from PEP 345, still accepted by packaging.
std::string_view CanonicalVariable(std::string_view name) {
  if (name == "os.name") return "os_name";
  if (name == "sys.platform") return "sys_platform";
  if (name == "platform.version") return "platform_version";
  if (name == "platform.machine") return "platform_machine";
  if (name == "platform.python_implementation" || name == "python_implementation") {
    return "platform_python_implementation";
  }
  for (std::string_view v : kMarkerVariables) {
    if (v == name) return v;
  }
  return {};
}

}  // namespace

std::string NormalizeName(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool in_sep = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      in_sep = true;
      continue;
    }
    if (in_sep && !out.empty()) out.push_back('-');
    in_sep = false;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

bool IsValidName(std::string_view name) {
  if (name.empty()) return false;
  if (!std::isalnum(static_cast<unsigned char>(name.front())) ||
      !std::isalnum(static_cast<unsigned char>(name.back()))) {
    return false;
  }
  for (char c : name) {
    if (!IsNameChar(c)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Environment

MarkerEnvironment MarkerEnvironment::ForThisMachine() {
  MarkerEnvironment env;
  std::string python = "3.11";
  // Resolve `python3` on PATH to its versioned target (python3 -> python3.11)
  // without executing it.
  if (const char* path = std::getenv("PATH")) {
    std::string_view rest = path;
    while (!rest.empty()) {
      size_t colon = rest.find(':');
      std::string dir(rest.substr(0, colon));
      rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
      std::error_code ec;
      std::filesystem::path candidate = std::filesystem::path(dir) / "python3";
      if (!std::filesystem::exists(candidate, ec)) continue;
      std::filesystem::path target = std::filesystem::canonical(candidate, ec);
      if (ec) continue;
      std::string file = target.filename().string();
      // Only a versioned target ("python3.11") tells the version; a shim
      // (pyenv's `python3` script) does not: keep looking further on PATH.
      if (file.rfind("python", 0) == 0 && file.find('.') != std::string::npos) {
        std::string version = file.substr(6);
        if (Version::Parse(version)) {
          python = version;
          break;
        }
      }
    }
  }
  env.SetPythonVersion(python);
  env.values["os_name"] = "posix";
  env.values["platform_python_implementation"] = "CPython";
  env.values["implementation_name"] = "cpython";
  struct utsname uts {};
  if (uname(&uts) == 0) {
    env.values["platform_machine"] = uts.machine;
    env.values["platform_release"] = uts.release;
    env.values["platform_version"] = uts.version;
    std::string system = uts.sysname;
    env.values["platform_system"] = system;
    env.values["sys_platform"] = system == "Darwin" ? "darwin" : (system == "Linux" ? "linux" : "linux");
  } else {
    env.SetPlatform("linux");
  }
  env.values["extra"] = "";
  return env;
}

void MarkerEnvironment::SetPythonVersion(std::string_view version) {
  std::string full(version);
  std::string short_version = full;
  // python_version is major.minor; python_full_version keeps the patch.
  size_t first = full.find('.');
  size_t second = first == std::string::npos ? std::string::npos : full.find('.', first + 1);
  if (second != std::string::npos) {
    short_version = full.substr(0, second);
  } else {
    full += ".0";
  }
  values["python_version"] = short_version;
  values["python_full_version"] = full;
  values["implementation_version"] = full;
}

bool MarkerEnvironment::SetPlatform(std::string_view platform) {
  if (platform == "linux") {
    values["sys_platform"] = "linux";
    values["platform_system"] = "Linux";
    values["os_name"] = "posix";
  } else if (platform == "darwin" || platform == "macos") {
    values["sys_platform"] = "darwin";
    values["platform_system"] = "Darwin";
    values["os_name"] = "posix";
  } else if (platform == "win32" || platform == "windows") {
    values["sys_platform"] = "win32";
    values["platform_system"] = "Windows";
    values["os_name"] = "nt";
  } else {
    return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Markers

struct Marker::Node {
  enum class Kind { kAnd, kOr, kCompare } kind = Kind::kCompare;
  std::shared_ptr<const Node> left, right;
  // kCompare: each side is either a variable name or a literal.
  bool lhs_is_var = false, rhs_is_var = false;
  std::string lhs, rhs, op;
};

namespace {

class MarkerParser {
 public:
  MarkerParser(std::string_view text, size_t base) : s_(text), base_(base) {}

  std::shared_ptr<const Marker::Node> ParseOr() {
    auto left = ParseAnd();
    while (left && EatKeyword("or")) {
      auto right = ParseAnd();
      if (!right) return nullptr;
      auto node = std::make_shared<Marker::Node>();
      node->kind = Marker::Node::Kind::kOr;
      node->left = left;
      node->right = right;
      left = node;
    }
    return left;
  }

  bool AtEnd() {
    SkipSpace();
    return pos_ >= s_.size();
  }
  std::string error;
  size_t error_pos = 0;
  size_t pos() const { return pos_; }

 private:
  void SkipSpace() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool EatKeyword(std::string_view kw) {
    SkipSpace();
    if (s_.substr(pos_, kw.size()) != kw) return false;
    size_t end = pos_ + kw.size();
    if (end < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[end])) || s_[end] == '_')) {
      return false;
    }
    pos_ = end;
    return true;
  }
  void Fail(std::string message) {
    if (error.empty()) {
      error = std::move(message);
      error_pos = base_ + pos_;
    }
  }

  std::shared_ptr<const Marker::Node> ParseAnd() {
    auto left = ParseAtom();
    while (left && EatKeyword("and")) {
      auto right = ParseAtom();
      if (!right) return nullptr;
      auto node = std::make_shared<Marker::Node>();
      node->kind = Marker::Node::Kind::kAnd;
      node->left = left;
      node->right = right;
      left = node;
    }
    return left;
  }

  bool ParseValue(std::string* value, bool* is_var) {
    SkipSpace();
    if (pos_ >= s_.size()) {
      Fail("expected a marker variable or a quoted string");
      return false;
    }
    char q = s_[pos_];
    if (q == '"' || q == '\'') {
      size_t end = s_.find(q, pos_ + 1);
      if (end == std::string_view::npos) {
        Fail("unterminated string in marker");
        return false;
      }
      *value = std::string(s_.substr(pos_ + 1, end - pos_ - 1));
      *is_var = false;
      pos_ = end + 1;
      return true;
    }
    size_t start = pos_;
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_' ||
                                s_[pos_] == '.')) {
      ++pos_;
    }
    std::string_view name = s_.substr(start, pos_ - start);
    std::string_view canonical = CanonicalVariable(name);
    if (canonical.empty()) {
      pos_ = start;
      Fail(name.empty() ? "expected a marker variable or a quoted string"
                        : "unknown marker variable `" + std::string(name) + "`");
      return false;
    }
    *value = std::string(canonical);
    *is_var = true;
    return true;
  }

  std::shared_ptr<const Marker::Node> ParseAtom() {
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == '(') {
      // Bounded nesting: hostile input must not exhaust the stack.
      if (++depth_ > kMaxDepth) {
        Fail("marker nested too deeply");
        return nullptr;
      }
      ++pos_;
      auto inner = ParseOr();
      --depth_;
      if (!inner) return nullptr;
      SkipSpace();
      if (pos_ >= s_.size() || s_[pos_] != ')') {
        Fail("expected `)` in marker");
        return nullptr;
      }
      ++pos_;
      return inner;
    }
    auto node = std::make_shared<Marker::Node>();
    if (!ParseValue(&node->lhs, &node->lhs_is_var)) return nullptr;
    SkipSpace();
    static constexpr std::string_view kOps[] = {"===", "==", "!=", "<=", ">=", "~=", "<", ">"};
    bool found = false;
    for (std::string_view op : kOps) {
      if (s_.substr(pos_, op.size()) == op) {
        node->op = std::string(op);
        pos_ += op.size();
        found = true;
        break;
      }
    }
    if (!found) {
      if (EatKeyword("in")) {
        node->op = "in";
      } else if (EatKeyword("not")) {
        if (!EatKeyword("in")) {
          Fail("expected `in` after `not` in marker");
          return nullptr;
        }
        node->op = "not in";
      } else {
        Fail("expected a comparison operator in marker");
        return nullptr;
      }
    }
    if (!ParseValue(&node->rhs, &node->rhs_is_var)) return nullptr;
    return node;
  }

  static constexpr int kMaxDepth = 64;
  std::string_view s_;
  size_t base_;
  size_t pos_ = 0;
  int depth_ = 0;
};

bool EvaluateCompare(const Marker::Node& n, const MarkerEnvironment& env) {
  auto value = [&](bool is_var, const std::string& v) -> std::string {
    if (!is_var) return v;
    auto it = env.values.find(v);
    return it == env.values.end() ? std::string() : it->second;
  };
  std::string lhs = value(n.lhs_is_var, n.lhs);
  std::string rhs = value(n.rhs_is_var, n.rhs);
  // `extra` compares normalised names (packaging >= 22).
  if ((n.lhs_is_var && n.lhs == "extra") || (n.rhs_is_var && n.rhs == "extra")) {
    lhs = NormalizeName(lhs);
    rhs = NormalizeName(rhs);
  }
  if (n.op == "in") return rhs.find(lhs) != std::string::npos;
  if (n.op == "not in") return rhs.find(lhs) == std::string::npos;
  // As packaging: try a PEP 440 comparison `lhs in Specifier(op + rhs)` with
  // pre-releases allowed, else compare as strings.
  std::string error;
  auto spec = SpecifierSet::Parse(n.op + rhs, &error);
  auto version = Version::Parse(lhs);
  if (spec && version && spec->specifiers().size() == 1) return spec->Contains(*version, true);
  if (n.op == "==" || n.op == "===") return lhs == rhs;
  if (n.op == "!=") return lhs != rhs;
  if (n.op == "<") return lhs < rhs;
  if (n.op == "<=") return lhs <= rhs;
  if (n.op == ">") return lhs > rhs;
  if (n.op == ">=") return lhs >= rhs;
  return false;  // `~=` on non-versions is undefined: treat as not matching
}

bool EvaluateNode(const Marker::Node& n, const MarkerEnvironment& env) {
  switch (n.kind) {
    case Marker::Node::Kind::kAnd:
      return EvaluateNode(*n.left, env) && EvaluateNode(*n.right, env);
    case Marker::Node::Kind::kOr:
      return EvaluateNode(*n.left, env) || EvaluateNode(*n.right, env);
    case Marker::Node::Kind::kCompare:
      return EvaluateCompare(n, env);
  }
  return false;
}

}  // namespace

std::optional<Marker> Marker::Parse(std::string_view text, std::string* error, size_t* error_column) {
  MarkerParser parser(text, 0);
  auto root = parser.ParseOr();
  if (root && !parser.AtEnd()) {
    *error = "unexpected text `" + std::string(Trim(text.substr(parser.pos()))) + "` in marker";
    *error_column = parser.pos();
    return std::nullopt;
  }
  if (!root) {
    *error = parser.error.empty() ? "invalid marker" : parser.error;
    *error_column = parser.error_pos;
    return std::nullopt;
  }
  Marker m;
  m.text_ = std::string(Trim(text));
  m.root_ = root;
  return m;
}

bool Marker::Evaluate(const MarkerEnvironment& env) const {
  return root_ ? EvaluateNode(*root_, env) : true;
}

// ---------------------------------------------------------------------------
// Requirements

bool ParseRequirement(std::string_view text, Requirement* out, RequirementError* error) {
  *out = Requirement();
  size_t pos = 0;
  auto skip = [&] {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
  };
  auto fail = [&](std::string message, size_t at) {
    error->message = std::move(message);
    error->column = at;
    return false;
  };
  skip();
  size_t name_start = pos;
  while (pos < text.size() && IsNameChar(text[pos])) ++pos;
  std::string_view name = text.substr(name_start, pos - name_start);
  if (name.empty()) return fail("expected a package name", name_start);
  if (!IsValidName(name)) return fail("invalid package name `" + std::string(name) + "`", name_start);
  out->name = std::string(name);
  out->normalized_name = NormalizeName(name);
  skip();
  if (pos < text.size() && text[pos] == '[') {
    size_t close = text.find(']', pos);
    if (close == std::string_view::npos) return fail("missing `]` after extras", pos);
    std::string_view extras = text.substr(pos + 1, close - pos - 1);
    while (!extras.empty()) {
      size_t comma = extras.find(',');
      std::string_view extra = Trim(extras.substr(0, comma));
      if (!extra.empty()) {
        if (!IsValidName(extra)) return fail("invalid extra `" + std::string(extra) + "`", pos + 1);
        out->extras.push_back(NormalizeName(extra));
      }
      if (comma == std::string_view::npos) break;
      extras.remove_prefix(comma + 1);
    }
    pos = close + 1;
    skip();
  }
  size_t marker_start = std::string_view::npos;
  if (pos < text.size() && text[pos] == '@') {
    ++pos;
    skip();
    size_t url_start = pos;
    while (pos < text.size() && !std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
    out->url = std::string(text.substr(url_start, pos - url_start));
    if (out->url.empty()) return fail("expected a URL after `@`", url_start);
    // A `;` glued to the URL belongs to the URL (PEP 508 requires a space).
    skip();
    if (pos < text.size()) {
      if (text[pos] != ';') return fail("expected `;` before the marker after a URL", pos);
      marker_start = pos + 1;
    }
  } else {
    size_t semi = text.find(';', pos);
    std::string_view spec = text.substr(pos, semi == std::string_view::npos ? std::string_view::npos : semi - pos);
    size_t spec_begin = pos;
    std::string_view trimmed = Trim(spec);
    if (!trimmed.empty()) {
      spec_begin = pos + (spec.find(trimmed.front()));
      size_t spec_end = spec_begin + trimmed.size();
      bool parens = trimmed.front() == '(';
      if (parens) {
        if (trimmed.back() != ')') return fail("missing `)` after the version specifier", spec_end);
        trimmed = Trim(trimmed.substr(1, trimmed.size() - 2));
        spec_begin = text.find(trimmed.empty() ? ')' : trimmed.front(), spec_begin + 1);
        spec_end = spec_begin + trimmed.size();
      }
      std::string spec_error;
      auto set = SpecifierSet::Parse(trimmed, &spec_error);
      if (!set) return fail(spec_error, spec_begin);
      out->specifier = *set;
      out->specifier_text = std::string(trimmed);
      out->specifier_begin = spec_begin;
      out->specifier_end = spec_end;
    } else {
      out->specifier_begin = out->specifier_end = pos;
    }
    if (semi != std::string_view::npos) marker_start = semi + 1;
  }
  if (marker_start != std::string_view::npos) {
    std::string marker_error;
    size_t marker_column = 0;
    std::string_view marker_text = text.substr(marker_start);
    if (Trim(marker_text).empty()) return fail("expected a marker after `;`", marker_start);
    auto marker = Marker::Parse(marker_text, &marker_error, &marker_column);
    if (!marker) return fail(marker_error, marker_start + marker_column);
    out->marker = std::move(marker);
  }
  return true;
}

}  // namespace rampart::deps

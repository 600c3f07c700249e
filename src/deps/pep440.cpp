#include "deps/pep440.h"

#include <algorithm>
#include <cctype>

namespace rampart::deps {
namespace {

// A hand-written matcher for packaging's VERSION_PATTERN. Every optional group
// saves the position and restores it when the group does not match in full,
// which is what the regex's backtracking does.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek() const { return AtEnd() ? '\0' : s_[pos_]; }
  size_t pos() const { return pos_; }
  void set_pos(size_t p) { pos_ = p; }
  bool Eat(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }
  bool EatWord(std::string_view w) {
    if (s_.substr(pos_, w.size()) != w) return false;
    pos_ += w.size();
    return true;
  }
  bool EatSeparator() {
    char c = Peek();
    if (c == '-' || c == '_' || c == '.') {
      ++pos_;
      return true;
    }
    return false;
  }
  // Digits into *out; false when there are none or the value overflows.
  bool EatNumber(uint64_t* out, bool* overflow) {
    size_t start = pos_;
    uint64_t value = 0;
    while (!AtEnd() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) {
      uint64_t digit = s_[pos_] - '0';
      if (value > (UINT64_MAX - digit) / 10) *overflow = true;
      value = value * 10 + digit;
      ++pos_;
    }
    *out = value;
    return pos_ > start;
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Release without trailing zeros: 1.0.0 orders equal to 1.
size_t SignificantLength(const std::vector<uint64_t>& release) {
  size_t n = release.size();
  while (n > 0 && release[n - 1] == 0) --n;
  return n;
}

int CompareRelease(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  size_t na = SignificantLength(a), nb = SignificantLength(b);
  for (size_t i = 0; i < std::min(na, nb); ++i) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  if (na != nb) return na < nb ? -1 : 1;
  return 0;
}

template <typename T>
int Cmp(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// Pre-release key: a dev-only release (1.0.dev0) sorts before any pre-release
// of the same release; a final release sorts after them.
std::pair<int, uint64_t> PreKey(const Version& v) {
  if (!v.pre_kind && !v.post && v.dev) return {-1, 0};
  if (!v.pre_kind) return {3, 0};
  return {static_cast<int>(*v.pre_kind), v.pre_number};
}

int CompareLocal(const Version& a, const Version& b) {
  // No local label sorts before any local label; numeric segments sort after
  // alphanumeric ones; a shorter label that is a prefix sorts first.
  size_t n = std::min(a.local.size(), b.local.size());
  for (size_t i = 0; i < n; ++i) {
    const auto& x = a.local[i];
    const auto& y = b.local[i];
    if (x.numeric != y.numeric) return x.numeric ? 1 : -1;
    int c = x.numeric ? Cmp(x.number, y.number) : Cmp(x.text, y.text);
    if (c != 0) return c;
  }
  return Cmp(a.local.size(), b.local.size());
}

}  // namespace

std::optional<Version> Version::Parse(std::string_view text) {
  std::string lowered = Lower(Trim(text));
  Cursor c(lowered);
  Version v;
  bool overflow = false;
  c.Eat('v');
  // Epoch: digits followed by '!'.
  size_t save = c.pos();
  uint64_t n = 0;
  if (c.EatNumber(&n, &overflow) && c.Eat('!')) {
    v.epoch = n;
  } else {
    c.set_pos(save);
  }
  if (!c.EatNumber(&n, &overflow)) return std::nullopt;
  v.release.push_back(n);
  while (true) {
    save = c.pos();
    if (c.Eat('.') && c.EatNumber(&n, &overflow)) {
      v.release.push_back(n);
      continue;
    }
    c.set_pos(save);
    break;
  }
  // Pre-release.
  save = c.pos();
  {
    c.EatSeparator();
    static constexpr std::pair<std::string_view, PreKind> kLabels[] = {
        {"alpha", PreKind::kAlpha}, {"a", PreKind::kAlpha},   {"beta", PreKind::kBeta},
        {"b", PreKind::kBeta},      {"preview", PreKind::kRc}, {"pre", PreKind::kRc},
        {"c", PreKind::kRc},        {"rc", PreKind::kRc}};
    bool matched = false;
    for (const auto& [label, kind] : kLabels) {
      if (c.EatWord(label)) {
        v.pre_kind = kind;
        matched = true;
        break;
      }
    }
    if (matched) {
      size_t after_label = c.pos();
      c.EatSeparator();
      if (!c.EatNumber(&v.pre_number, &overflow)) {
        c.set_pos(after_label);
        v.pre_number = 0;
      }
    } else {
      c.set_pos(save);
    }
  }
  // Post-release: "-N" or [sep](post|rev|r)[sep][N].
  save = c.pos();
  if (c.Eat('-') && c.EatNumber(&n, &overflow)) {
    v.post = n;
  } else {
    c.set_pos(save);
    c.EatSeparator();
    if (c.EatWord("post") || c.EatWord("rev") || c.EatWord("r")) {
      size_t after_label = c.pos();
      c.EatSeparator();
      if (c.EatNumber(&n, &overflow)) {
        v.post = n;
      } else {
        c.set_pos(after_label);
        v.post = 0;
      }
    } else {
      c.set_pos(save);
    }
  }
  // Development release.
  save = c.pos();
  c.EatSeparator();
  if (c.EatWord("dev")) {
    size_t after_label = c.pos();
    c.EatSeparator();
    if (c.EatNumber(&n, &overflow)) {
      v.dev = n;
    } else {
      c.set_pos(after_label);
      v.dev = 0;
    }
  } else {
    c.set_pos(save);
  }
  // Local label: '+' then [a-z0-9]+ separated by - _ .
  if (c.Eat('+')) {
    std::string part;
    auto flush = [&]() -> bool {
      if (part.empty()) return false;
      LocalPart lp;
      if (std::all_of(part.begin(), part.end(), [](char ch) { return std::isdigit(ch); })) {
        lp.numeric = true;
        bool local_overflow = false;
        Cursor pc(part);
        pc.EatNumber(&lp.number, &local_overflow);
        if (local_overflow) overflow = true;
      } else {
        lp.text = part;
      }
      v.local.push_back(std::move(lp));
      part.clear();
      return true;
    };
    while (!c.AtEnd()) {
      char ch = c.Peek();
      if (std::isalnum(static_cast<unsigned char>(ch))) {
        part.push_back(ch);
        c.set_pos(c.pos() + 1);
      } else if (ch == '-' || ch == '_' || ch == '.') {
        if (!flush()) return std::nullopt;
        c.set_pos(c.pos() + 1);
      } else {
        return std::nullopt;
      }
    }
    if (!flush()) return std::nullopt;
  }
  if (!c.AtEnd() || overflow) return std::nullopt;
  return v;
}

std::string Version::ToString() const {
  std::string out;
  if (epoch != 0) out += std::to_string(epoch) + "!";
  for (size_t i = 0; i < release.size(); ++i) {
    if (i) out += '.';
    out += std::to_string(release[i]);
  }
  if (pre_kind) {
    static constexpr std::string_view kNames[] = {"a", "b", "rc"};
    out += kNames[static_cast<int>(*pre_kind)];
    out += std::to_string(pre_number);
  }
  if (post) out += ".post" + std::to_string(*post);
  if (dev) out += ".dev" + std::to_string(*dev);
  if (!local.empty()) {
    out += '+';
    for (size_t i = 0; i < local.size(); ++i) {
      if (i) out += '.';
      out += local[i].numeric ? std::to_string(local[i].number) : local[i].text;
    }
  }
  return out;
}

Version Version::Public() const {
  Version v = *this;
  v.local.clear();
  return v;
}

Version Version::BaseVersion() const {
  Version v;
  v.epoch = epoch;
  v.release = release;
  return v;
}

int Compare(const Version& a, const Version& b) {
  if (int c = Cmp(a.epoch, b.epoch)) return c;
  if (int c = CompareRelease(a.release, b.release)) return c;
  if (int c = Cmp(PreKey(a), PreKey(b))) return c;
  // Post: none sorts before any post-release.
  if (int c = Cmp(a.post ? static_cast<int64_t>(1) : 0, b.post ? static_cast<int64_t>(1) : 0)) return c;
  if (a.post && b.post) {
    if (int c = Cmp(*a.post, *b.post)) return c;
  }
  // Dev: none sorts after any dev release.
  if (a.dev.has_value() != b.dev.has_value()) return a.dev ? -1 : 1;
  if (a.dev && b.dev) {
    if (int c = Cmp(*a.dev, *b.dev)) return c;
  }
  return CompareLocal(a, b);
}

// ---------------------------------------------------------------------------
// Specifiers

namespace {

// `==X.*`: the candidate's public release, padded with zeros, starts with X.
bool PrefixMatch(const Version& spec, const Version& candidate) {
  if (spec.epoch != candidate.epoch) return false;
  for (size_t i = 0; i < spec.release.size(); ++i) {
    uint64_t part = i < candidate.release.size() ? candidate.release[i] : 0;
    if (part != spec.release[i]) return false;
  }
  return true;
}

}  // namespace

bool Specifier::Matches(const Version& candidate) const {
  switch (op) {
    case Op::kArbitrary:
      return Lower(Trim(version_text)) == Lower(candidate.ToString());
    case Op::kEqual:
      if (wildcard) return PrefixMatch(version, candidate);
      // Without a local label in the specifier, the candidate's is ignored.
      if (!version.HasLocal()) return Compare(candidate.Public(), version) == 0;
      return Compare(candidate, version) == 0;
    case Op::kNotEqual: {
      Specifier eq = *this;
      eq.op = Op::kEqual;
      return !eq.Matches(candidate);
    }
    case Op::kLessEqual:
      return Compare(candidate.Public(), version) <= 0;
    case Op::kGreaterEqual:
      return Compare(candidate.Public(), version) >= 0;
    case Op::kLess:
      if (!(Compare(candidate, version) < 0)) return false;
      // `<V` does not admit pre-releases of V itself unless V is one.
      if (!version.IsPrerelease() && candidate.IsPrerelease() &&
          Compare(candidate.BaseVersion(), version.BaseVersion()) == 0) {
        return false;
      }
      return true;
    case Op::kGreater:
      if (!(Compare(candidate, version) > 0)) return false;
      // `>V` does not admit post-releases (or local versions) of V unless V is one.
      if (!version.IsPostrelease() && candidate.IsPostrelease() &&
          Compare(candidate.BaseVersion(), version.BaseVersion()) == 0) {
        return false;
      }
      if (candidate.HasLocal() && Compare(candidate.BaseVersion(), version.BaseVersion()) == 0) {
        return false;
      }
      return true;
    case Op::kCompatible: {
      // ~=V.N  ==  >=V.N, ==V.*
      if (Compare(candidate.Public(), version) < 0) return false;
      Version prefix;
      prefix.epoch = version.epoch;
      prefix.release.assign(version.release.begin(), version.release.end() - 1);
      return PrefixMatch(prefix, candidate);
    }
  }
  return false;
}

bool Specifier::MatchesText(std::string_view candidate_text, const Version* candidate) const {
  if (op == Op::kArbitrary) return Lower(Trim(version_text)) == Lower(Trim(candidate_text));
  return candidate != nullptr && Matches(*candidate);
}

std::string Specifier::ToString() const {
  static constexpr std::string_view kOps[] = {"~=", "==", "!=", "<=", ">=", "<", ">", "==="};
  return std::string(kOps[static_cast<int>(op)]) + version_text;
}

std::optional<SpecifierSet> SpecifierSet::Parse(std::string_view text, std::string* error) {
  SpecifierSet set;
  std::string_view rest = text;
  while (true) {
    size_t comma = rest.find(',');
    std::string_view item = Trim(rest.substr(0, comma));
    if (item.empty()) {
      if (comma == std::string_view::npos && set.specs_.empty() && Trim(text).empty()) break;
      *error = "empty version specifier in `" + std::string(Trim(text)) + "`";
      return std::nullopt;
    }
    Specifier spec;
    static constexpr std::pair<std::string_view, Specifier::Op> kOps[] = {
        {"===", Specifier::Op::kArbitrary}, {"~=", Specifier::Op::kCompatible},
        {"==", Specifier::Op::kEqual},      {"!=", Specifier::Op::kNotEqual},
        {"<=", Specifier::Op::kLessEqual},  {">=", Specifier::Op::kGreaterEqual},
        {"<", Specifier::Op::kLess},        {">", Specifier::Op::kGreater}};
    bool found = false;
    for (const auto& [token, op] : kOps) {
      if (item.substr(0, token.size()) == token) {
        spec.op = op;
        item.remove_prefix(token.size());
        found = true;
        break;
      }
    }
    if (!found) {
      *error = "`" + std::string(item) + "` has no comparison operator (`==`, `>=`, `~=` ...)";
      return std::nullopt;
    }
    std::string_view version_text = Trim(item);
    spec.version_text = std::string(version_text);
    if (version_text.empty()) {
      *error = "missing version after `" + spec.ToString() + "`";
      return std::nullopt;
    }
    if (spec.op == Specifier::Op::kArbitrary) {
      if (version_text.find_first_of(" \t") != std::string_view::npos) {
        *error = "invalid version `" + spec.version_text + "`";
        return std::nullopt;
      }
      if (auto v = Version::Parse(version_text)) spec.version = *v;
    } else {
      std::string_view core = version_text;
      if (core.size() >= 2 && core.substr(core.size() - 2) == ".*") {
        if (spec.op != Specifier::Op::kEqual && spec.op != Specifier::Op::kNotEqual) {
          *error = "`.*` is only allowed with `==` and `!=` in `" + spec.ToString() + "`";
          return std::nullopt;
        }
        spec.wildcard = true;
        core.remove_suffix(2);
      }
      auto v = Version::Parse(core);
      if (!v) {
        *error = "invalid version `" + std::string(version_text) + "`";
        return std::nullopt;
      }
      spec.version = *v;
      bool local_ok = (spec.op == Specifier::Op::kEqual || spec.op == Specifier::Op::kNotEqual) &&
                      !spec.wildcard;
      if (v->HasLocal() && !local_ok) {
        *error = "a local version label is not allowed in `" + spec.ToString() + "`";
        return std::nullopt;
      }
      if (spec.wildcard && (v->IsPrerelease() || v->IsPostrelease())) {
        // packaging accepts a few of these, but they match nothing useful.
        *error = "`.*` must follow a release number in `" + spec.ToString() + "`";
        return std::nullopt;
      }
      if (spec.op == Specifier::Op::kCompatible && v->release.size() < 2) {
        *error = "`~=` needs at least two release numbers in `" + spec.ToString() + "`";
        return std::nullopt;
      }
    }
    set.specs_.push_back(std::move(spec));
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return set;
}

bool SpecifierSet::NamesPrerelease() const {
  for (const Specifier& s : specs_) {
    switch (s.op) {
      case Specifier::Op::kEqual:
      case Specifier::Op::kGreaterEqual:
      case Specifier::Op::kLessEqual:
      case Specifier::Op::kCompatible:
      case Specifier::Op::kArbitrary:
        if (s.version.IsPrerelease() && !s.version.release.empty()) return true;
        break;
      // `<V` / `>V` never opt in to pre-releases, even when V is one
      // (packaging's Specifier.prereleases lists only the inclusive operators).
      default:
        break;
    }
  }
  return false;
}

bool SpecifierSet::Contains(const Version& v, std::optional<bool> prereleases) const {
  bool allow_pre = prereleases.has_value() ? *prereleases : NamesPrerelease();
  if (!allow_pre && v.IsPrerelease()) return false;
  for (const Specifier& s : specs_) {
    if (!s.Matches(v)) return false;
  }
  return true;
}

std::optional<Version> SpecifierSet::PinnedVersion() const {
  for (const Specifier& s : specs_) {
    if ((s.op == Specifier::Op::kEqual && !s.wildcard) ||
        (s.op == Specifier::Op::kArbitrary && !s.version.release.empty())) {
      return s.version;
    }
  }
  return std::nullopt;
}

std::string SpecifierSet::ToString() const {
  std::string out;
  for (size_t i = 0; i < specs_.size(); ++i) {
    if (i) out += ',';
    out += specs_[i].ToString();
  }
  return out;
}

}  // namespace rampart::deps

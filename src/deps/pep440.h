// PEP 440 versions and version specifiers, exactly as the spec (and pip's
// `packaging`) defines them: parsing with normalisation, total ordering, and
// specifier matching including the pre-release rules.
//
// Callers may rely on: Version::Parse never throws and accepts every spelling
// PEP 440 normalises (case, `-`/`_`/`.` separators, `alpha`/`c`/`rev`, implicit
// numbers, leading `v`, surrounding whitespace); Compare is a total order that
// matches `packaging.version`; SpecifierSet::Contains follows `packaging`'s
// `SpecifierSet.contains` (pre-releases excluded unless the set names one or the
// caller allows them).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rampart::deps {

struct Version {
  enum class PreKind : uint8_t { kAlpha = 0, kBeta = 1, kRc = 2 };
  struct LocalPart {
    bool numeric = false;
    uint64_t number = 0;
    std::string text;  // lowercase; used when !numeric
  };

  uint64_t epoch = 0;
  std::vector<uint64_t> release;  // never empty for a parsed version
  std::optional<PreKind> pre_kind;
  uint64_t pre_number = 0;
  std::optional<uint64_t> post;
  std::optional<uint64_t> dev;
  std::vector<LocalPart> local;

  // Parses a version; nullopt when the text is not a valid PEP 440 version.
  static std::optional<Version> Parse(std::string_view text);

  std::string ToString() const;  // normalised form, e.g. "1!2.0rc1.post2.dev3+ubuntu.1"
  bool IsPrerelease() const { return pre_kind.has_value() || dev.has_value(); }
  bool IsPostrelease() const { return post.has_value(); }
  bool HasLocal() const { return !local.empty(); }
  Version Public() const;   // without the local label
  Version BaseVersion() const;  // epoch + release only
};

// <0, 0, >0 as `a` orders before, equal to, after `b` (PEP 440 ordering).
int Compare(const Version& a, const Version& b);
inline bool operator==(const Version& a, const Version& b) { return Compare(a, b) == 0; }
inline bool operator<(const Version& a, const Version& b) { return Compare(a, b) < 0; }

struct Specifier {
  enum class Op : uint8_t { kCompatible, kEqual, kNotEqual, kLessEqual, kGreaterEqual, kLess,
                            kGreater, kArbitrary };
  Op op = Op::kEqual;
  std::string version_text;  // as written (after the operator, trimmed)
  Version version;           // parsed; unused for kArbitrary
  bool wildcard = false;     // `==1.2.*` / `!=1.2.*`

  std::string ToString() const;
  // Does `candidate` satisfy this one specifier? (no pre-release filtering)
  bool Matches(const Version& candidate) const;
  bool MatchesText(std::string_view candidate_text, const Version* candidate) const;
};

class SpecifierSet {
 public:
  // Parses a comma-separated list ("" is the empty set, which matches every
  // final release). On error returns nullopt and sets *error (lowercase text).
  static std::optional<SpecifierSet> Parse(std::string_view text, std::string* error);

  // `prereleases`: nullopt = PEP 440 default (allowed only when a specifier
  // names a pre-release), true/false forces it.
  bool Contains(const Version& v, std::optional<bool> prereleases = std::nullopt) const;

  const std::vector<Specifier>& specifiers() const { return specs_; }
  bool empty() const { return specs_.empty(); }
  // `==V` (no wildcard) or `===V`: the one version this set allows.
  std::optional<Version> PinnedVersion() const;
  bool NamesPrerelease() const;
  std::string ToString() const;

 private:
  std::vector<Specifier> specs_;
};

}  // namespace rampart::deps

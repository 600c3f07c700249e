// PEP 440 tables, written from the text of the specification
// (https://peps.python.org/pep-0440/): normalisation, ordering, specifiers.
#include "deps/pep440.h"

#include <gtest/gtest.h>

namespace rampart::deps {
namespace {

Version V(std::string_view text) {
  auto v = Version::Parse(text);
  EXPECT_TRUE(v.has_value()) << text;
  return v.value_or(Version{});
}

TEST(Pep440Normalization, SpecExamples) {
  // "Normalization" section: each left-hand spelling normalises to the right.
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"1.0", "1.0"},
      {"1.1RC1", "1.1rc1"},               // case sensitivity
      {"00", "0"},                        // integer normalization
      {"09000", "9000"},
      {"1.0.00", "1.0.0"},
      {"1.1.a1", "1.1a1"},                // pre-release separators
      {"1.1-a1", "1.1a1"},
      {"1.0a.1", "1.0a1"},
      {"1.1alpha1", "1.1a1"},             // pre-release spelling
      {"1.1beta2", "1.1b2"},
      {"1.1c3", "1.1rc3"},
      {"1.1pre4", "1.1rc4"},
      {"1.1preview5", "1.1rc5"},
      {"1.2a", "1.2a0"},                  // implicit pre-release number
      {"1.2.post2", "1.2.post2"},         // post-release separators
      {"1.2-post2", "1.2.post2"},
      {"1.2post2", "1.2.post2"},
      {"1.2.post-2", "1.2.post2"},
      {"1.0-r4", "1.0.post4"},            // post-release spelling
      {"1.0-rev4", "1.0.post4"},
      {"1.2.post", "1.2.post0"},          // implicit post-release number
      {"1.0-1", "1.0.post1"},             // implicit post-release
      {"1.2-dev2", "1.2.dev2"},           // development release separators
      {"1.2dev2", "1.2.dev2"},
      {"1.2.dev", "1.2.dev0"},            // implicit development release number
      {"1.0+ubuntu-1", "1.0+ubuntu.1"},   // local version segments
      {"1.0+UBUNTU_1", "1.0+ubuntu.1"},
      {"v1.0", "1.0"},                    // preceding v character
      {"  1.0\n", "1.0"},                 // leading and trailing whitespace
      {"1!2.0", "1!2.0"},                 // epoch
      {"0!1.0", "1.0"},
      {"1.0rc1.post2.dev3+local.7", "1.0rc1.post2.dev3+local.7"},
  };
  for (const auto& [in, want] : cases) {
    auto v = Version::Parse(in);
    ASSERT_TRUE(v.has_value()) << in;
    EXPECT_EQ(v->ToString(), want) << in;
  }
}

TEST(Pep440Normalization, RejectsInvalid) {
  for (std::string_view bad : {"", "abc", "1.0-", "1..0", "1.0+", "1.0+a..b", "1.0+a b",
                               "1.0.x", "=1.0", "1.0 final", "1.0-dev-x", "1.0++local"}) {
    EXPECT_FALSE(Version::Parse(bad).has_value()) << "'" << bad << "'";
  }
}

TEST(Pep440Ordering, SpecSummaryIsStrictlyIncreasing) {
  // The "Summary of permitted suffixes and relative ordering" example list, with
  // epochs and local versions appended.
  const std::string_view ordered[] = {
      "1.0.dev456", "1.0a1",         "1.0a2.dev456", "1.0a12.dev456", "1.0a12",
      "1.0b1.dev456", "1.0b2",       "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456",
      "1.0rc1",     "1.0",           "1.0+abc.5",    "1.0+abc.7",     "1.0+5",
      "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1",   "1!0.1",
  };
  for (size_t i = 0; i + 1 < std::size(ordered); ++i) {
    for (size_t j = i + 1; j < std::size(ordered); ++j) {
      EXPECT_LT(Compare(V(ordered[i]), V(ordered[j])), 0) << ordered[i] << " < " << ordered[j];
      EXPECT_GT(Compare(V(ordered[j]), V(ordered[i])), 0) << ordered[j] << " > " << ordered[i];
    }
  }
}

TEST(Pep440Ordering, TrailingZerosAreEqual) {
  EXPECT_EQ(Compare(V("1.0"), V("1.0.0")), 0);
  EXPECT_EQ(Compare(V("1"), V("1.0.0.0")), 0);
  EXPECT_LT(Compare(V("1.0"), V("1.0.0.1")), 0);
  // Local labels: numeric segments sort after alphanumeric ones; longer after prefix.
  EXPECT_LT(Compare(V("1.0+abc"), V("1.0+1")), 0);
  EXPECT_LT(Compare(V("1.0+abc"), V("1.0+abc.1")), 0);
  EXPECT_LT(Compare(V("1.0+9"), V("1.0+10")), 0);
}

struct SpecCase {
  std::string_view spec;
  std::string_view version;
  bool matches;
};

TEST(Pep440Specifiers, TableFromSpec) {
  const SpecCase cases[] = {
      // Compatible release: ~= 2.2 is >= 2.2, == 2.*; ~= 1.4.5 is >= 1.4.5, == 1.4.*
      {"~=2.2", "2.2", true},        {"~=2.2", "2.9.1", true},     {"~=2.2", "3.0", false},
      {"~=2.2", "2.1", false},       {"~=1.4.5", "1.4.9", true},   {"~=1.4.5", "1.5.0", false},
      {"~=1.4.5a4", "1.4.5", true},  {"~=1.4.5a4", "1.4.5a4", true}, {"~=2.2.post3", "2.3", true},
      {"~=1.4.5.0", "1.4.5.9", true}, {"~=1.4.5.0", "1.4.6", false},
      // Version matching: zero padding, local labels ignored when not in spec.
      {"==1.1", "1.1.0", true},      {"==1.1.post1", "1.1", false}, {"==1.1.post1", "1.1.post1", true},
      {"==1.1", "1.1+local", true},  {"==1.1+local", "1.1", false}, {"==1.1+local", "1.1+local", true},
      // Prefix matching.
      {"==1.1.*", "1.1.post1", true}, {"==1.1.*", "1.1a1", true},   {"==1.1.*", "1.1", true},
      {"==1.1.*", "1.10", false},    {"==1.*", "1.99.3", true},    {"==1.1.*", "1.2", false},
      {"==1.1.*", "1.1.dev0", true},
      // Exclusion.
      {"!=1.1", "1.1.0", false},     {"!=1.1.*", "1.1.post1", false}, {"!=1.1.*", "1.2", true},
      {"!=1.1.post1", "1.1", true},
      // Inclusive ordered comparison.
      {">=1.0", "1.0", true},        {">=1.0", "0.9", false},      {"<=2.0", "2.0+local", true},
      {"<=2.0", "2.0.post1", false},
      // Exclusive ordered comparison: >V excludes post-releases of V; <V excludes pre-releases of V.
      {">1.7", "1.7.1", true},       {">1.7", "1.7.0.post1", false}, {">1.7.post2", "1.7.1", true},
      {">1.7.post2", "1.7.0.post3", true}, {">1.7", "1.7+local", false}, {">1.7", "1.7", false},
      {"<2.0", "1.9", true},         {"<2.0", "2.0", false},
      // Arbitrary equality: string equality.
      {"===1.0", "1.0", true},       {"===1.0", "1.0.0", false},
      // Multiple clauses.
      {">=1.0,<2.0", "1.5", true},   {">=1.0,<2.0", "2.0", false},  {">= 1.0, != 1.5", "1.5", false},
      {"", "3.0", true},
  };
  for (const SpecCase& c : cases) {
    std::string error;
    auto set = SpecifierSet::Parse(c.spec, &error);
    ASSERT_TRUE(set.has_value()) << c.spec << ": " << error;
    auto v = Version::Parse(c.version);
    ASSERT_TRUE(v.has_value()) << c.version;
    EXPECT_EQ(set->Contains(*v, true), c.matches) << c.version << " in " << c.spec;
  }
}

TEST(Pep440Specifiers, PreReleaseRules) {
  std::string error;
  // Pre-releases are excluded by default...
  auto ge = SpecifierSet::Parse(">=1.0", &error);
  EXPECT_FALSE(ge->Contains(V("2.0b1")));
  EXPECT_TRUE(ge->Contains(V("2.0b1"), true));
  // ... unless a clause names one.
  auto pre = SpecifierSet::Parse(">=1.0b1", &error);
  EXPECT_TRUE(pre->Contains(V("2.0b1")));
  // `<V` does not admit pre-releases of V even when they are allowed.
  auto lt = SpecifierSet::Parse("<2.0", &error);
  EXPECT_FALSE(lt->Contains(V("2.0rc1"), true));
  EXPECT_TRUE(lt->Contains(V("1.9rc1"), true));
  // Only inclusive operators opt in to pre-releases (as `packaging` does):
  // `<2.0rc2` names a pre-release but still excludes them by default.
  auto lt_pre = SpecifierSet::Parse("<2.0rc2", &error);
  EXPECT_FALSE(lt_pre->Contains(V("2.0rc1")));
  EXPECT_TRUE(lt_pre->Contains(V("2.0rc1"), true));
  auto le_pre = SpecifierSet::Parse("<=2.0rc2", &error);
  EXPECT_TRUE(le_pre->Contains(V("2.0rc1")));
  // The empty set admits final releases only.
  auto empty = SpecifierSet::Parse("", &error);
  EXPECT_TRUE(empty->Contains(V("1.0")));
  EXPECT_FALSE(empty->Contains(V("1.0.dev1")));
}

TEST(Pep440Specifiers, RejectsInvalid) {
  for (std::string_view bad : {"~=1", ">=1.0.*", "==1.0+local.*", "<1.0+local", "1.0", "=>1.0",
                               ">=", ">=1.0,", "==1.0.*.*", ">=abc"}) {
    std::string error;
    EXPECT_FALSE(SpecifierSet::Parse(bad, &error).has_value()) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
}

TEST(Pep440Specifiers, Pinned) {
  std::string error;
  EXPECT_EQ(SpecifierSet::Parse("==1.2.3", &error)->PinnedVersion()->ToString(), "1.2.3");
  EXPECT_EQ(SpecifierSet::Parse("===1.2.3", &error)->PinnedVersion()->ToString(), "1.2.3");
  EXPECT_FALSE(SpecifierSet::Parse("==1.2.*", &error)->PinnedVersion().has_value());
  EXPECT_FALSE(SpecifierSet::Parse(">=1.2", &error)->PinnedVersion().has_value());
  EXPECT_FALSE(SpecifierSet::Parse("~=1.2", &error)->PinnedVersion().has_value());
}

}  // namespace
}  // namespace rampart::deps

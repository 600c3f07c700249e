// --select / --ignore selectors: codes, names, aliases, prefixes, ALL, errors.
#include <gtest/gtest.h>

#include "../golden/fixed_input.h"
#include "rules/engine/selection.h"

namespace rampart::rules::engine {
namespace {

const RuleCatalogue& Catalogue() { return testing::TestCatalogue(); }

TEST(SplitSelectors, CommasSpacesAndRepeats) {
  EXPECT_EQ(SplitSelectors({"PY602, TNT", "", " DEP001 ,", "WEB"}),
            (std::vector<std::string>{"PY602", "TNT", "DEP001", "WEB"}));
}

TEST(ResolveSelectors, CodesNamesAliasesPrefixes) {
  std::vector<std::string> unknown;
  auto codes = ResolveSelectors(Catalogue(),
                                {"py602", "sql-injection", "bandit:B602", "S602", "DEP", "WEB0"}, &unknown);
  EXPECT_TRUE(unknown.empty());
  EXPECT_EQ(codes, (std::set<std::string>{"DEP001", "PY602", "TNT101", "WEB001"}));
  EXPECT_EQ(ResolveSelectors(Catalogue(), {"ALL"}, nullptr).size(), 4u);
  EXPECT_TRUE(ResolveSelectors(Catalogue(), {"SEC"}, &unknown).empty()) << "a family with no rules yet";
  EXPECT_TRUE(unknown.empty());
  ResolveSelectors(Catalogue(), {"PY6x", "made-up-rule", "B999"}, &unknown);
  EXPECT_EQ(unknown, (std::vector<std::string>{"PY6x", "made-up-rule", "B999"}));
}

TEST(RuleSelection, SelectMinusIgnore) {
  RuleSelection s;
  ASSERT_EQ(s.Init(Catalogue(), {}, {}), "");
  EXPECT_EQ(s.enabled().size(), 4u) << "empty select means all";
  ASSERT_EQ(s.Init(Catalogue(), {"PY", "TNT"}, {"sql-injection"}), "");
  EXPECT_TRUE(s.Enabled("PY602"));
  EXPECT_FALSE(s.Enabled("TNT101"));
  EXPECT_FALSE(s.Enabled("DEP001"));
  ASSERT_EQ(s.Init(Catalogue(), {}, {"PY6"}), "");
  EXPECT_FALSE(s.Enabled("PY602"));
  EXPECT_TRUE(s.Enabled("WEB001"));
  EXPECT_EQ(s.Init(Catalogue(), {"PY602"}, {"nope"}),
            "unknown rule selector `nope` (expected a rule code, name, alias or code prefix; see `rampart rules`)");
}

}  // namespace
}  // namespace rampart::rules::engine

// gitignore(5) matching: globs, anchoring, negation, dir-only, ** and nesting.
#include <gtest/gtest.h>

#include "rules/engine/gitignore.h"

namespace rampart::rules::engine {
namespace {

TEST(GlobMatch, StarsQuestionMarksAndClasses) {
  EXPECT_TRUE(GlobMatch("*.py", "app.py"));
  EXPECT_FALSE(GlobMatch("*.py", "dir/app.py")) << "* does not cross /";
  EXPECT_TRUE(GlobMatch("a?c", "abc"));
  EXPECT_FALSE(GlobMatch("a?c", "a/c"));
  EXPECT_TRUE(GlobMatch("[a-c]x", "bx"));
  EXPECT_FALSE(GlobMatch("[a-c]x", "dx"));
  EXPECT_TRUE(GlobMatch("[!a-c]x", "dx"));
  EXPECT_FALSE(GlobMatch("[!a-c]x", "ax"));
  EXPECT_TRUE(GlobMatch("\\*lit", "*lit"));
  EXPECT_FALSE(GlobMatch("\\*lit", "xlit"));
  EXPECT_TRUE(GlobMatch("[unclosed", "[unclosed"));
}

TEST(GlobMatch, DoubleStar) {
  EXPECT_TRUE(GlobMatch("**/foo", "foo"));
  EXPECT_TRUE(GlobMatch("**/foo", "a/b/foo"));
  EXPECT_TRUE(GlobMatch("a/**/b", "a/b"));
  EXPECT_TRUE(GlobMatch("a/**/b", "a/x/y/b"));
  EXPECT_FALSE(GlobMatch("a/**/b", "a/x/y/c"));
  EXPECT_TRUE(GlobMatch("abc/**", "abc/x/y"));
  EXPECT_FALSE(GlobMatch("abc/**", "abc"));
  EXPECT_TRUE(GlobMatch("a**b", "axxb")) << "** inside a segment acts like *";
  EXPECT_FALSE(GlobMatch("a**b", "ax/xb"));
}

TEST(GlobMatch, PathologicalPatternIsFast) {
  std::string text(200, 'a');
  EXPECT_FALSE(GlobMatch("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", text));
}

TEST(IgnoreRules, UnanchoredMatchesNameAtAnyDepth) {
  IgnoreRules rules;
  rules.AddFile("# comment\n\n*.log\nsecret.py\n", "", ".gitignore");
  EXPECT_EQ(rules.Match("x.log", false), IgnoreVerdict::kIgnored);
  EXPECT_EQ(rules.Match("a/b/x.log", false), IgnoreVerdict::kIgnored);
  EXPECT_EQ(rules.Match("a/secret.py", false), IgnoreVerdict::kIgnored);
  EXPECT_EQ(rules.Match("a/secret.pyc", false), IgnoreVerdict::kNone);
  EXPECT_EQ(rules.Match("# comment", false), IgnoreVerdict::kNone);
}

TEST(IgnoreRules, AnchoredPatterns) {
  IgnoreRules rules;
  rules.AddFile("/top.py\ndoc/frotz\n", "", ".gitignore");
  EXPECT_EQ(rules.Match("top.py", false), IgnoreVerdict::kIgnored);
  EXPECT_EQ(rules.Match("sub/top.py", false), IgnoreVerdict::kNone) << "leading / anchors";
  EXPECT_EQ(rules.Match("doc/frotz", false), IgnoreVerdict::kIgnored);
  EXPECT_EQ(rules.Match("a/doc/frotz", false), IgnoreVerdict::kNone) << "middle / anchors";
}

TEST(IgnoreRules, DirectoryOnlyPatterns) {
  IgnoreRules rules;
  rules.AddPattern("cache/", "");
  EXPECT_EQ(rules.Match("cache", true), IgnoreVerdict::kIgnored);
  EXPECT_EQ(rules.Match("a/cache", true), IgnoreVerdict::kIgnored);
  EXPECT_EQ(rules.Match("cache", false), IgnoreVerdict::kNone) << "a file named cache stays";
  EXPECT_TRUE(rules.IsIgnoredWithParents("cache/x.py", false)) << "files below an ignored dir";
}

TEST(IgnoreRules, NegationLastMatchWins) {
  IgnoreRules rules;
  rules.AddFile("*.py\n!keep.py\n", "", ".gitignore");
  EXPECT_EQ(rules.Match("drop.py", false), IgnoreVerdict::kIgnored);
  EXPECT_EQ(rules.Match("keep.py", false), IgnoreVerdict::kIncluded);
  IgnoreRules reversed;
  reversed.AddFile("!keep.py\n*.py\n", "", ".gitignore");
  EXPECT_EQ(reversed.Match("keep.py", false), IgnoreVerdict::kIgnored);
  IgnoreRules literal;
  literal.AddFile("\\!bang.py\n\\#hash.py\n", "", ".gitignore");
  EXPECT_EQ(literal.Match("!bang.py", false), IgnoreVerdict::kIgnored);
  EXPECT_EQ(literal.Match("#hash.py", false), IgnoreVerdict::kIgnored);
}

TEST(IgnoreRules, NestedFileIsRelativeToItsDirectory) {
  IgnoreRules rules;
  rules.AddFile("*.tmp\n", "", ".gitignore");
  rules.AddFile("/local.py\n!important.tmp\n", "pkg", "pkg/.gitignore");
  EXPECT_EQ(rules.Match("pkg/local.py", false), IgnoreVerdict::kIgnored);
  EXPECT_EQ(rules.Match("local.py", false), IgnoreVerdict::kNone);
  EXPECT_EQ(rules.Match("pkg/sub/local.py", false), IgnoreVerdict::kNone);
  EXPECT_EQ(rules.Match("pkg/important.tmp", false), IgnoreVerdict::kIncluded) << "child overrides";
  EXPECT_EQ(rules.Match("important.tmp", false), IgnoreVerdict::kIgnored);
  EXPECT_EQ(rules.Match("pkgx/local.py", false), IgnoreVerdict::kNone) << "base is a directory prefix";
}

TEST(IgnoreRules, TrailingSpacesAndCarriageReturns) {
  IgnoreRules rules;
  rules.AddFile("a.py   \r\nb\\ \n", "", ".gitignore");
  EXPECT_EQ(rules.Match("a.py", false), IgnoreVerdict::kIgnored);
  EXPECT_EQ(rules.Match("b ", false), IgnoreVerdict::kIgnored);
}

}  // namespace
}  // namespace rampart::rules::engine

// Suppression comments: parsing of nosec / noqa / rampart: ignore, which line
// counts, and unused-suppression reporting.
#include <gtest/gtest.h>

#include "../golden/fixed_input.h"
#include "rules/engine/comment_scanner.h"
#include "rules/engine/suppression.h"

namespace rampart::rules::engine {
namespace {

std::vector<SuppressionComment> Parse(std::string text, uint32_t line = 1) {
  return ParseSuppressions(testing::TestCatalogue(), rules::Comment{line, 10, std::move(text)});
}

TEST(ParseSuppressions, BanditNosec) {
  auto s = Parse("# nosec");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].kind, "nosec");
  EXPECT_TRUE(s[0].blanket);
  s = Parse("# nosec B602, B607");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_FALSE(s[0].blanket);
  EXPECT_EQ(s[0].codes, (std::vector<std::string>{"PY602"})) << "B602 is PY602's Bandit alias";
  EXPECT_TRUE(s[0].unknown.empty()) << "B607 belongs to Bandit, not reported as unknown";
  s = Parse("#nosec: PY602 -- argument is a constant");
  EXPECT_EQ(s[0].codes, (std::vector<std::string>{"PY602"}));
  EXPECT_EQ(s[0].justification, "argument is a constant");
  s = Parse("# nosec reviewed by security team");
  EXPECT_TRUE(s[0].blanket) << "words are a justification, not codes";
  EXPECT_EQ(s[0].justification, "reviewed by security team");
}

TEST(ParseSuppressions, RuffNoqa) {
  auto s = Parse("# noqa");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_TRUE(s[0].blanket);
  s = Parse("# noqa: S602,E501");
  EXPECT_FALSE(s[0].blanket);
  EXPECT_EQ(s[0].codes, (std::vector<std::string>{"PY602"}));
  s = Parse("# NOQA:E501");
  EXPECT_FALSE(s[0].blanket) << "another tool's code: not a blanket suppression";
  EXPECT_TRUE(s[0].codes.empty());
}

TEST(ParseSuppressions, RampartIgnore) {
  auto s = Parse("# rampart: ignore[subprocess-popen-with-shell-equals-true, TNT101]");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].kind, "rampart-ignore");
  EXPECT_EQ(s[0].codes, (std::vector<std::string>{"PY602", "TNT101"}));
  s = Parse("# rampart: ignore[PY999, nonsense]");
  EXPECT_TRUE(s[0].codes.empty());
  EXPECT_EQ(s[0].unknown, (std::vector<std::string>{"PY999", "nonsense"}));
  s = Parse("# rampart:ignore");
  EXPECT_TRUE(s[0].blanket);
}

TEST(ParseSuppressions, SeveralMarkersAndNonMarkers) {
  auto s = Parse("# noqa: E501  # nosec B602");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].kind, "nosec");
  EXPECT_EQ(s[1].kind, "noqa");
  EXPECT_TRUE(Parse("# this is not a nosecret").empty());
  EXPECT_TRUE(Parse("# canoqa").empty());
  EXPECT_TRUE(Parse("# ordinary comment").empty());
  EXPECT_TRUE(Parse("# rampart: ignored for now").empty());
}

Finding At(std::string code, uint32_t start, uint32_t end) {
  Finding f;
  f.rule_code = std::move(code);
  f.path = "a.py";
  f.range = {{start, 1}, {end, 4}};
  return f;
}

TEST(ApplySuppressions, StartOrEndLineOfTheFinding) {
  std::map<std::string, std::vector<SuppressionComment>> comments;
  comments["a.py"] = Parse("# nosec", 3);
  for (auto& s : Parse("# noqa: PY602", 7)) comments["a.py"].push_back(s);
  std::vector<Finding> findings = {At("PY602", 3, 3), At("PY602", 2, 3), At("PY602", 1, 2),
                                   At("PY602", 7, 7), At("TNT101", 7, 7), At("PY602", 6, 8)};
  ApplySuppressions(findings, comments);
  EXPECT_TRUE(findings[0].suppressed());
  EXPECT_EQ(findings[0].suppressions[0].kind, "nosec");
  EXPECT_TRUE(findings[1].suppressed()) << "comment on the last line of a multi-line finding";
  EXPECT_FALSE(findings[2].suppressed());
  EXPECT_TRUE(findings[3].suppressed());
  EXPECT_FALSE(findings[4].suppressed()) << "noqa names only PY602";
  EXPECT_FALSE(findings[5].suppressed()) << "a middle line does not count";
  Finding other = At("PY602", 3, 3);
  other.path = "b.py";
  std::vector<Finding> elsewhere = {other};
  ApplySuppressions(elsewhere, comments);
  EXPECT_FALSE(elsewhere[0].suppressed()) << "comments apply to their own file";
}

TEST(UnusedSuppressions, ReportsUnusedBlanketCodesAndUnknownRules) {
  std::map<std::string, std::vector<SuppressionComment>> comments;
  comments["a.py"] = Parse("# nosec", 1);
  for (auto& s : Parse("# noqa: PY602, TNT101", 2)) comments["a.py"].push_back(s);
  for (auto& s : Parse("# rampart: ignore[bogus]", 3)) comments["a.py"].push_back(s);
  for (auto& s : Parse("# nosec", 4)) comments["a.py"].push_back(s);
  for (auto& s : Parse("# noqa", 5)) comments["a.py"].push_back(s);  // may be flake8's: not judged
  std::vector<Finding> findings = {At("PY602", 2, 2), At("PY602", 4, 4)};
  ApplySuppressions(findings, comments);
  auto enabled = [](std::string_view code) { return code != "DEP001"; };
  std::vector<Finding> unused = UnusedSuppressionFindings(comments, enabled);
  std::vector<std::string> messages;
  for (const Finding& f : unused) {
    EXPECT_EQ(f.rule_code, "PY900");
    messages.push_back(std::to_string(f.range.start.line) + " " + f.message);
  }
  EXPECT_EQ(messages, (std::vector<std::string>{
                          "1 unused `# nosec`: no finding on this line",
                          "2 unused `# noqa` for `TNT101`: no such finding on this line",
                          "3 `# rampart: ignore` names unknown rule `bogus`",
                      }));
  // A disabled rule's code is not reported: it could not have fired.
  auto only_py602 = [](std::string_view code) { return code == "PY602"; };
  EXPECT_EQ(UnusedSuppressionFindings(comments, only_py602).size(), 2u);
}

TEST(ScanPythonComments, SkipsStrings) {
  auto comments = ScanPythonComments(
      "a = '# not'  # one\n"
      "b = \"\"\"\n# not either\n\"\"\"  # two\n"
      "c = 'it\\'s'  # three\n"
      "d = r\"\\\"#\" # four\n"
      "# five");
  std::vector<std::string> seen;
  for (const auto& c : comments) seen.push_back(std::to_string(c.line) + ":" + std::to_string(c.column) + c.text);
  EXPECT_EQ(seen, (std::vector<std::string>{"1:14# one", "4:6# two", "5:14# three", "6:12# four", "7:1# five"}));
}

TEST(ScanPythonComments, UnterminatedStringsDoNotHang) {
  EXPECT_TRUE(ScanPythonComments("x = '''never closed # no").empty());
  auto c = ScanPythonComments("x = 'open\ny = 1  # yes\n");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].line, 2u);
}

}  // namespace
}  // namespace rampart::rules::engine

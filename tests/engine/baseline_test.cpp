// Fingerprints survive moved lines and count multiplicity; baselines round-trip.
#include <gtest/gtest.h>

#include "rules/engine/baseline.h"

namespace rampart::rules::engine {
namespace {

Finding Shell(uint32_t line, std::string path = "app.py") {
  Finding f;
  f.rule_code = "PY602";
  f.path = std::move(path);
  f.range = {{line, 5}, {line, 15}};
  f.message = "shell";
  return f;
}

std::vector<Finding> Fingerprinted(std::vector<Finding> findings, const std::string& source) {
  std::map<std::string, std::string> sources = {{"app.py", source}};
  FillSnippets(findings, sources);
  ComputeFingerprints(findings, sources);
  return findings;
}

const char* kBefore =
    "def handler():\n"
    "    run(cmd, shell=True)\n";
const char* kAfter =
    "import os\n"
    "\n"
    "\n"
    "def handler():\n"
    "    # a comment\n"
    "    run(cmd,   shell=True)\n";

TEST(Fingerprint, SurvivesMovedLinesAndWhitespace) {
  auto before = Fingerprinted({Shell(2)}, kBefore);
  auto after = Fingerprinted({Shell(6)}, kAfter);
  EXPECT_EQ(before[0].fingerprint.size(), 16u);
  EXPECT_EQ(before[0].snippet, "    run(cmd, shell=True)");
  EXPECT_EQ(before[0].fingerprint, after[0].fingerprint);
}

TEST(Fingerprint, DependsOnRulePathTextAndContext) {
  std::string base = Fingerprinted({Shell(2)}, kBefore)[0].fingerprint;
  Finding other_rule = Shell(2);
  other_rule.rule_code = "PY603";
  EXPECT_NE(Fingerprinted({other_rule}, kBefore)[0].fingerprint, base);
  EXPECT_NE(Fingerprinted({Shell(2)}, "def handler():\n    run(other, shell=True)\n")[0].fingerprint, base);
  EXPECT_NE(Fingerprinted({Shell(2)}, "def other_handler():\n    run(cmd, shell=True)\n")[0].fingerprint,
            base)
      << "the enclosing function is part of the identity";
  std::map<std::string, std::string> sources = {{"lib.py", kBefore}};
  std::vector<Finding> moved = {Shell(2, "lib.py")};
  FillSnippets(moved, sources);
  ComputeFingerprints(moved, sources);
  EXPECT_NE(moved[0].fingerprint, base);
}

const char* kTwice =
    "def handler():\n"
    "    run(cmd, shell=True)\n"
    "    run(cmd, shell=True)\n";

TEST(Baseline, CountsMultiplicity) {
  auto known = Fingerprinted({Shell(2)}, kBefore);
  std::string text = Baseline::Serialize(known);
  Baseline baseline;
  ASSERT_EQ(baseline.Parse(text, "b.json"), "");
  // Now the same line appears twice (and moved): one is known, one is new.
  auto now = Fingerprinted({Shell(2), Shell(3)}, kTwice);
  EXPECT_EQ(now[0].fingerprint, now[1].fingerprint);
  baseline.Apply(now);
  EXPECT_TRUE(now[0].suppressed());
  EXPECT_EQ(now[0].suppressions[0].kind, "baseline");
  EXPECT_FALSE(now[1].suppressed()) << "the second copy is a new finding";
  // A baseline written from both copies knows both.
  Baseline both;
  ASSERT_EQ(both.Parse(Baseline::Serialize(Fingerprinted({Shell(2), Shell(3)}, kTwice)), "b.json"), "");
  auto again = Fingerprinted({Shell(2), Shell(3)}, kTwice);
  both.Apply(again);
  EXPECT_TRUE(again[0].suppressed() && again[1].suppressed());
  EXPECT_NE(Baseline::Serialize(Fingerprinted({Shell(2), Shell(3)}, kTwice)).find("\"count\": 2"),
            std::string::npos);
}

TEST(Baseline, InlineSuppressedFindingsAreNotWrittenNorConsume) {
  auto findings = Fingerprinted({Shell(2), Shell(3)}, kTwice);
  findings[0].suppressions.push_back({"nosec", ""});
  std::string text = Baseline::Serialize(findings);
  EXPECT_NE(text.find("\"count\": 1"), std::string::npos) << text;
}

TEST(Baseline, ParseErrorsNameTheFile) {
  Baseline b;
  EXPECT_EQ(b.Parse("{", "base.json"), "base.json: baseline is not valid JSON");
  EXPECT_EQ(b.Parse("[]", "base.json"), "base.json: baseline has no integer `version`");
  EXPECT_NE(b.Parse(R"({"version": 2, "findings": []})", "base.json").find("unsupported baseline version 2"),
            std::string::npos);
  EXPECT_EQ(b.Parse(R"({"version": 1})", "base.json"), "base.json: baseline has no `findings` array");
  EXPECT_EQ(b.Parse(R"({"version": 1, "findings": [{"count": 1}]})", "base.json"),
            "base.json: findings[0]: missing string `fingerprint`");
  EXPECT_EQ(b.Parse(R"({"version": 1, "findings": [{"fingerprint": "x", "count": 0}]})", "base.json"),
            "base.json: findings[0]: `count` must be a positive integer");
  EXPECT_EQ(b.Parse(R"({"version": 1, "findings": []})", "base.json"), "");
}

}  // namespace
}  // namespace rampart::rules::engine

// OSV parsing (JSON and YAML), range evaluation and CVSS scores.
#include "deps/osv.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace rampart::deps {
namespace {

const std::string kOsv = std::string(RAMPART_SOURCE_DIR) + "/tests/deps/fixtures/osv";

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Version V(std::string_view s) { return *Version::Parse(s); }

TEST(Osv, JsonRecord) {
  std::string error;
  auto a = ParseOsvJson(Read(kOsv + "/json/GHSA-aaaa-bbbb-cccc.json"), &error);
  ASSERT_TRUE(a.has_value()) << error;
  EXPECT_EQ(a->id, "GHSA-aaaa-bbbb-cccc");
  EXPECT_EQ(a->aliases, (std::vector<std::string>{"CVE-2099-0001"}));
  EXPECT_EQ(a->summary, "Remote code execution in demo-pkg's template loader");
  EXPECT_DOUBLE_EQ(a->cvss_score, 9.8);
  EXPECT_EQ(a->severity, Severity::kCritical);
  ASSERT_EQ(a->affected.size(), 1u);
  EXPECT_EQ(a->affected[0].package, "demo-pkg");  // PEP 503 normalised from Demo_Pkg
  const OsvAffected& aff = a->affected[0];
  EXPECT_TRUE(aff.IsAffected(V("0.1")));
  EXPECT_TRUE(aff.IsAffected(V("1.1.9")));
  EXPECT_FALSE(aff.IsAffected(V("1.2.0")));
  EXPECT_FALSE(aff.IsAffected(V("1.9")));
  EXPECT_TRUE(aff.IsAffected(V("2.0")));
  EXPECT_TRUE(aff.IsAffected(V("2.0.2")));
  EXPECT_FALSE(aff.IsAffected(V("2.0.3")));
  EXPECT_EQ(aff.SmallestFixAbove(V("1.0"))->ToString(), "1.2.0");
  EXPECT_EQ(aff.SmallestFixAbove(V("2.0.1"))->ToString(), "2.0.3");
}

TEST(Osv, YamlRecordWithLastAffectedAndVersions) {
  std::string error;
  auto a = ParseOsvYaml(Read(kOsv + "/yaml/PYSEC-2099-2.yaml"), &error);
  ASSERT_TRUE(a.has_value()) << error;
  const OsvAffected& aff = a->affected[0];
  EXPECT_FALSE(aff.IsAffected(V("2.3.9")));
  EXPECT_TRUE(aff.IsAffected(V("2.4.0")));
  EXPECT_TRUE(aff.IsAffected(V("2.5.0")));   // last_affected is inclusive
  EXPECT_FALSE(aff.IsAffected(V("2.5.1")));
  EXPECT_FALSE(aff.SmallestFixAbove(V("2.4.0")).has_value());
  EXPECT_DOUBLE_EQ(a->cvss_score, 7.5);
  // Unquoted YAML scalars stay text: `1.2.0` is not read as a number.
  auto b = ParseOsvYaml(Read(kOsv + "/yaml/PYSEC-2099-1.yaml"), &error);
  ASSERT_TRUE(b.has_value()) << error;
  EXPECT_EQ(b->affected[0].ranges[0].events[1].version, "1.2.0");
  EXPECT_EQ(b->summary, "Remote code execution in demo-pkg");
}

TEST(Osv, ExplicitVersionsOnlyAndOtherEcosystems) {
  std::string error;
  auto a = ParseOsvYaml(Read(kOsv + "/yaml/PYSEC-2099-3.yaml"), &error);
  ASSERT_TRUE(a.has_value()) << error;
  EXPECT_EQ(a->affected[0].package, "other-lib");
  EXPECT_TRUE(a->affected[0].IsAffected(V("1.0.0")));  // 1.0 == 1.0.0 under PEP 440
  EXPECT_TRUE(a->affected[0].IsAffected(V("1.1rc1")));
  EXPECT_FALSE(a->affected[0].IsAffected(V("1.1")));
  EXPECT_DOUBLE_EQ(a->cvss_score, 7.5);  // CVSS v2 AV:N/AC:L/Au:N/C:P/I:P/A:P
  auto npm = ParseOsvJson(Read(kOsv + "/json/GHSA-nnnn-pppp-mmmm.json"), &error);
  ASSERT_TRUE(npm.has_value());
  EXPECT_TRUE(npm->affected.empty());
  auto withdrawn = ParseOsvJson(Read(kOsv + "/json/GHSA-wwww-dddd-xxxx.json"), &error);
  ASSERT_TRUE(withdrawn.has_value());
  EXPECT_FALSE(withdrawn->withdrawn.empty());
  auto label = ParseOsvYaml(Read(kOsv + "/yaml/PYSEC-2099-4.yaml"), &error);
  ASSERT_TRUE(label.has_value());
  EXPECT_EQ(label->severity, Severity::kLow);  // database_specific label, no CVSS
  EXPECT_LT(label->cvss_score, 0);
}

TEST(Osv, UnsortedEventsAndUnparseableBounds) {
  OsvAffected aff;
  aff.ranges.push_back({"ECOSYSTEM", {{OsvEvent::Kind::kFixed, "3.0"}, {OsvEvent::Kind::kIntroduced, "2.0"},
                                      {OsvEvent::Kind::kIntroduced, "0"}, {OsvEvent::Kind::kFixed, "1.0"}}});
  EXPECT_TRUE(aff.IsAffected(V("0.5")));
  EXPECT_FALSE(aff.IsAffected(V("1.5")));
  EXPECT_TRUE(aff.IsAffected(V("2.5")));
  EXPECT_FALSE(aff.IsAffected(V("3.0")));
  // `limit`: only versions below a limit are affected ("*" lifts it).
  OsvAffected limited;
  limited.ranges.push_back({"ECOSYSTEM", {{OsvEvent::Kind::kIntroduced, "0"}, {OsvEvent::Kind::kLimit, "2.0"}}});
  EXPECT_TRUE(limited.IsAffected(V("1.9")));
  EXPECT_FALSE(limited.IsAffected(V("2.0")));
  EXPECT_FALSE(limited.IsAffected(V("3.1")));
  OsvAffected unlimited;
  unlimited.ranges.push_back({"ECOSYSTEM", {{OsvEvent::Kind::kIntroduced, "1.0"}, {OsvEvent::Kind::kLimit, "*"}}});
  EXPECT_TRUE(unlimited.IsAffected(V("9.0")));
  EXPECT_FALSE(unlimited.IsAffected(V("0.9")));
  OsvAffected git;
  git.ranges.push_back({"GIT", {{OsvEvent::Kind::kIntroduced, "0"}, {OsvEvent::Kind::kFixed, "abc123"}}});
  EXPECT_FALSE(git.IsAffected(V("1.0"))) << "GIT ranges are not evaluated";
}

TEST(Osv, MalformedInputIsAnErrorNotACrash) {
  std::string error;
  EXPECT_FALSE(ParseOsvJson("{\"id\": ", &error).has_value());
  EXPECT_FALSE(error.empty());
  EXPECT_FALSE(ParseOsvJson("[1,2]", &error).has_value());
  EXPECT_FALSE(ParseOsvJson("{\"modified\": \"x\"}", &error).has_value());
  EXPECT_NE(error.find("`id`"), std::string::npos);
  EXPECT_FALSE(ParseOsvYaml("id: [unclosed\n", &error).has_value());
  EXPECT_NE(error.find("line "), std::string::npos) << error;
}

TEST(Cvss, KnownScores) {
  // Scores as published by NVD / the FIRST calculator for these vectors.
  EXPECT_DOUBLE_EQ(CvssBaseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), 9.8);
  EXPECT_DOUBLE_EQ(CvssBaseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"), 6.1);
  EXPECT_DOUBLE_EQ(CvssBaseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"), 7.5);
  EXPECT_DOUBLE_EQ(CvssBaseScore("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N"), 5.3);
  EXPECT_DOUBLE_EQ(CvssBaseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"), 10.0);
  EXPECT_DOUBLE_EQ(CvssBaseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N"), 0.0);
  EXPECT_DOUBLE_EQ(CvssBaseScore("AV:N/AC:L/Au:N/C:P/I:P/A:P"), 7.5);
  EXPECT_DOUBLE_EQ(CvssBaseScore("AV:N/AC:M/Au:N/C:N/I:P/A:N"), 4.3);
  EXPECT_LT(CvssBaseScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"), 0);
  EXPECT_LT(CvssBaseScore("CVSS:3.1/AV:X/AC:L"), 0);
  EXPECT_EQ(SeverityFromScore(9.0), Severity::kCritical);
  EXPECT_EQ(SeverityFromScore(8.9), Severity::kHigh);
  EXPECT_EQ(SeverityFromScore(4.0), Severity::kMedium);
  EXPECT_EQ(SeverityFromScore(3.9), Severity::kLow);
}

}  // namespace
}  // namespace rampart::deps

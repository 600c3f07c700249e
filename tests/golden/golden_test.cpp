// Golden-file tests: each output format rendered from the fixed findings in
// fixed_input.h must equal its file in tests/golden/. To rewrite the files after
// an intended change (and review the diff):
//   RAMPART_UPDATE_GOLDEN=1 build/tests/golden/golden_test
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "fixed_input.h"

namespace rampart {
namespace {

std::string GoldenPath(const std::string& name) {
  return std::string(RAMPART_SOURCE_DIR) + "/tests/golden/" + name;
}

void ExpectGolden(const std::string& name, const std::string& actual) {
  std::string path = GoldenPath(name);
  if (const char* update = std::getenv("RAMPART_UPDATE_GOLDEN"); update && *update == '1') {
    std::ofstream(path, std::ios::binary) << actual;
    GTEST_SKIP() << "rewrote " << path;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden file " << path
                  << " (run with RAMPART_UPDATE_GOLDEN=1 to create it)";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(expected.str(), actual) << "golden file " << path
                                    << " differs; if intended, rerun with RAMPART_UPDATE_GOLDEN=1";
}

std::string Render(report::Format format, const report::ReportInput& input) {
  std::ostringstream out;
  report::Write(format, input, out);
  return out.str();
}

TEST(Golden, Text) { ExpectGolden("report.txt", Render(report::Format::kText, testing::FixedInput())); }

TEST(Golden, TextShowSuppressedColor) {
  report::ReportInput input = testing::FixedInput();
  input.show_suppressed = true;
  input.color = true;
  ExpectGolden("report-suppressed-color.txt", Render(report::Format::kText, input));
}

TEST(Golden, TextStatistics) {
  report::ReportInput input = testing::FixedInput();
  input.statistics = true;
  ExpectGolden("report-statistics.txt", Render(report::Format::kText, input));
}

TEST(Golden, Json) { ExpectGolden("report.json", Render(report::Format::kJson, testing::FixedInput())); }
TEST(Golden, Sarif) { ExpectGolden("report.sarif", Render(report::Format::kSarif, testing::FixedInput())); }
TEST(Golden, Junit) { ExpectGolden("report.junit.xml", Render(report::Format::kJunit, testing::FixedInput())); }
TEST(Golden, Github) { ExpectGolden("report.github.txt", Render(report::Format::kGithub, testing::FixedInput())); }
TEST(Golden, CycloneDx) {
  ExpectGolden("report.cdx.json", Render(report::Format::kCycloneDx, testing::FixedInput()));
}

// Determinism: rendering twice gives identical bytes (no clock, no addresses).
TEST(Golden, RenderingIsDeterministic) {
  for (report::Format f : {report::Format::kText, report::Format::kJson, report::Format::kSarif,
                           report::Format::kJunit, report::Format::kGithub, report::Format::kCycloneDx}) {
    EXPECT_EQ(Render(f, testing::FixedInput()), Render(f, testing::FixedInput()))
        << report::FormatName(f);
  }
}

}  // namespace
}  // namespace rampart

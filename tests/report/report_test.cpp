// Unit tests for the report layer: format names, escaping, column conversion,
// atomic writes, unknown rules, colour and suppressed handling.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../golden/fixed_input.h"
#include "report/report.h"
#include "report/report_internal.h"

namespace rampart::report {
namespace {

std::string Render(Format format, const ReportInput& input) {
  std::ostringstream out;
  Write(format, input, out);
  return out.str();
}

ReportInput OneFinding(std::string message, std::string path = "a.py") {
  ReportInput in;
  in.tool_command = "check";
  in.catalogue = &testing::TestCatalogue();
  Finding f;
  f.rule_code = "PY602";
  f.path = std::move(path);
  f.range = {{1, 1}, {1, 5}};
  f.message = std::move(message);
  f.severity = Severity::kHigh;
  in.findings.push_back(f);
  in.sources = {{"a.py", "x = 1\n"}};
  return in;
}

TEST(ReportFormat, ParsesEveryNameAndRejectsUnknown) {
  for (std::string_view name : {"text", "json", "sarif", "junit", "github", "cyclonedx"}) {
    Format f;
    ASSERT_TRUE(ParseFormat(name, &f)) << name;
    EXPECT_EQ(FormatName(f), name);
  }
  Format f;
  EXPECT_FALSE(ParseFormat("xml", &f));
  EXPECT_FALSE(ParseFormat("", &f));
  EXPECT_FALSE(ParseFormat("JSON ", &f));
}

TEST(ReportGithub, EscapesPropertiesAndData) {
  ReportInput in = OneFinding("100% bad\r\nline: two, three", "dir,x/a:b.py");
  std::string out = Render(Format::kGithub, in);
  EXPECT_NE(out.find("file=dir%2Cx/a%3Ab.py,line=1,col=1,endLine=1,endColumn=5"), std::string::npos) << out;
  EXPECT_NE(out.find("::100%25 bad%0D%0Aline: two, three"), std::string::npos) << out;
  EXPECT_EQ(out.rfind("::error ", 0), 0u) << "high severity maps to ::error";
  // Exactly one line per finding: no raw line breaks leaked.
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1);
}

TEST(ReportGithub, SuppressedHiddenUnlessShown) {
  ReportInput in = OneFinding("m");
  in.findings[0].suppressions = {{"noqa", ""}};
  EXPECT_EQ(Render(Format::kGithub, in), "");
  in.show_suppressed = true;
  EXPECT_NE(Render(Format::kGithub, in).find("(suppressed)"), std::string::npos);
}

TEST(ReportText, NoColourCodesUnlessAsked) {
  ReportInput in = OneFinding("m");
  EXPECT_EQ(Render(Format::kText, in).find('\x1b'), std::string::npos);
  in.color = true;
  EXPECT_NE(Render(Format::kText, in).find("\x1b["), std::string::npos);
}

TEST(ReportText, QuietDropsSummaryAndCleanRunSaysNoFindings) {
  ReportInput in = OneFinding("m");
  in.quiet = true;
  EXPECT_EQ(Render(Format::kText, in).find("found"), std::string::npos);
  ReportInput clean;
  clean.catalogue = &testing::TestCatalogue();
  clean.files_scanned = 1;
  EXPECT_EQ(Render(Format::kText, clean), "no findings in 1 file in 0.00s\n");
}

TEST(ReportText, UnknownRuleDoesNotCrash) {
  ReportInput in = OneFinding("m");
  in.findings[0].rule_code = "ZZZ999";
  std::string out = Render(Format::kText, in);
  EXPECT_NE(out.find("a.py:1:1: ZZZ999 [high] m"), std::string::npos) << out;
  EXPECT_NE(Render(Format::kSarif, in).find("\"id\": \"ZZZ999\""), std::string::npos);
}

TEST(ReportText, RangeOutsideSourcePrintsHeaderOnly) {
  ReportInput in = OneFinding("m");
  in.findings[0].range = {{40, 1}, {41, 2}};
  std::string out = Render(Format::kText, in);
  EXPECT_NE(out.find("a.py:40:1:"), std::string::npos);
  EXPECT_EQ(out.find(" | "), std::string::npos) << out;
}

TEST(ReportJson, InvalidUtf8IsReplacedNotThrown) {
  ReportInput in = OneFinding("bad \xff\xfe byte");
  in.findings[0].snippet = "\xc3";
  std::string out = Render(Format::kJson, in);
  nlohmann::json doc = nlohmann::json::parse(out);
  EXPECT_EQ(doc["version"], 1);
  EXPECT_EQ(doc["findings"][0]["message"], "bad \xEF\xBF\xBD\xEF\xBF\xBD byte");
  EXPECT_EQ(doc["findings"][0]["name"], "subprocess-popen-with-shell-equals-true");
  EXPECT_EQ(doc["findings"][0]["cwe"][0], 78);
  EXPECT_EQ(doc["summary"]["findings"], 1);
  EXPECT_EQ(doc["summary"]["by_severity"]["high"], 1);
}

TEST(ReportJson, SuppressedFindingsAreIncludedAndMarked) {
  ReportInput in = OneFinding("m");
  in.findings[0].suppressions = {{"nosec", "reviewed"}};
  nlohmann::json doc = nlohmann::json::parse(Render(Format::kJson, in));
  ASSERT_EQ(doc["findings"].size(), 1u);
  EXPECT_EQ(doc["findings"][0]["suppressed"], true);
  EXPECT_EQ(doc["findings"][0]["suppressions"][0]["kind"], "nosec");
  EXPECT_EQ(doc["summary"]["findings"], 0);
  EXPECT_EQ(doc["summary"]["suppressed"], 1);
}

TEST(ReportSarif, SuppressionKindsAndCodePointColumns) {
  ReportInput in = OneFinding("m");
  in.sources = {{"a.py", "s = \"\xc3\xa9\xc3\xa9\"; call()\n"}};
  in.findings[0].range = {{1, 13}, {1, 19}};  // bytes of `call()`, after two 2-byte chars
  in.findings[0].suppressions = {{"baseline", ""}, {"noqa", "ok"}};
  nlohmann::json doc = nlohmann::json::parse(Render(Format::kSarif, in));
  const auto& result = doc["runs"][0]["results"][0];
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["region"]["startColumn"], 11);
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["region"]["endColumn"], 17);
  EXPECT_EQ(result["suppressions"][0]["kind"], "external");
  EXPECT_EQ(result["suppressions"][1]["kind"], "inSource");
  EXPECT_EQ(doc["runs"][0]["tool"]["driver"]["rules"].size(), 1u) << "only rules with results";
}

TEST(ReportInternal, CodePointColumnAndValidUtf8) {
  EXPECT_EQ(internal::CodePointColumn("abc", 2), 2u);
  EXPECT_EQ(internal::CodePointColumn("\xc3\xa9x", 3), 2u);
  EXPECT_EQ(internal::CodePointColumn("ab", 5), 5u) << "past the end keeps its offset";
  EXPECT_EQ(internal::ValidUtf8("ok \xe2\x82\xac"), "ok \xe2\x82\xac");
  EXPECT_EQ(internal::ValidUtf8("\xc0\xaf"), "\xEF\xBF\xBD\xEF\xBF\xBD") << "overlong";
  EXPECT_EQ(internal::XmlEscape("<a href=\"x\">&'\x01"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;?");
}

TEST(ReportJunit, CountsFailuresAndErrors) {
  std::string out = Render(Format::kJunit, testing::FixedInput());
  EXPECT_NE(out.find("tests=\"5\" failures=\"4\" errors=\"1\" skipped=\"0\""), std::string::npos) << out;
  ReportInput clean;
  clean.tool_command = "check";
  clean.catalogue = &testing::TestCatalogue();
  EXPECT_NE(Render(Format::kJunit, clean).find("tests=\"1\" failures=\"0\""), std::string::npos);
}

TEST(ReportCycloneDx, VulnerabilityAffectsTheComponent) {
  nlohmann::json doc = nlohmann::json::parse(Render(Format::kCycloneDx, testing::FixedInput()));
  EXPECT_EQ(doc["specVersion"], "1.5");
  ASSERT_EQ(doc["components"].size(), 1u);
  ASSERT_EQ(doc["vulnerabilities"].size(), 1u);
  EXPECT_EQ(doc["vulnerabilities"][0]["affects"][0]["ref"], doc["components"][0]["bom-ref"]);
  EXPECT_EQ(doc["vulnerabilities"][0]["ratings"][0]["severity"], "high");
  EXPECT_EQ(doc["vulnerabilities"][0]["recommendation"], "upgrade flask to 0.12.3");
}

TEST(ReportAtomicWrite, WritesReplacesAndReportsMissingDirectory) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("rampart-report-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string path = (dir / "out.json").string();
  EXPECT_EQ(WriteFileAtomically(path, "first"), "");
  EXPECT_EQ(WriteFileAtomically(path, "second"), "");
  std::ifstream in(path);
  std::string content((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(content, "second");
  // No temp files left behind.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
  std::string error = WriteFileAtomically((dir / "missing" / "x.json").string(), "x");
  EXPECT_NE(error.find("missing"), std::string::npos) << error;
  fs::remove_all(dir);
}

TEST(ReportMarkdown, HasEverySectionAndMetadata) {
  std::string md = RuleHelpMarkdown(testing::kShellRule);
  for (std::string_view part :
       {"# PY602 subprocess-popen-with-shell-equals-true", "## What it does", "## Why is this bad?",
        "## Example", "```python", "## Use instead", "## References", "CWE-78", "`bandit:B602`",
        "A03:2021-Injection", "input-validation"}) {
    EXPECT_NE(md.find(part), std::string::npos) << part;
  }
}

}  // namespace
}  // namespace rampart::report

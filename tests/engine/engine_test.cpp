// RunCheck end to end with a fake analysis (the test seam), so the engine's
// post-processing is tested without depending on the real rules' progress.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "../golden/fixed_input.h"
#include "rules/engine/engine.h"
#include "rules/engine/engine_rule_infos.h"

namespace rampart::rules::engine {
namespace {

namespace fs = std::filesystem;

const RuleCatalogue& Catalogue() {
  static const RuleCatalogue catalogue = [] {
    std::vector<const RuleInfo*> rules = {&testing::kShellRule, &testing::kSqlRule, &testing::kDepRule,
                                          &testing::kHstsRule};
    for (const RuleInfo* r : EngineRuleInfos()) rules.push_back(r);
    return RuleCatalogue(rules);
  }();
  return catalogue;
}

// The fake analysis: `shell=True` -> PY602 (high) on that keyword,
// `execute(` -> TNT101 (critical, medium confidence). Honours `enabled`.
ProjectResult FakeAnalyze(const ProjectInput& input) {
  ProjectResult result;
  for (const SourceInput& file : input.files) {
    FileResult& out = result.files.emplace_back();
    out.path = file.path;
    out.source_utf8 = file.bytes;
    uint32_t line = 1;
    size_t start = 0;
    while (start <= file.bytes.size()) {
      size_t end = file.bytes.find('\n', start);
      if (end == std::string::npos) end = file.bytes.size();
      std::string_view text(file.bytes.data() + start, end - start);
      auto emit = [&](std::string_view needle, const char* code, Severity s, Confidence c) {
        size_t at = text.find(needle);
        if (at == std::string_view::npos || !input.enabled(code)) return;
        Finding f;
        f.rule_code = code;
        f.path = file.path;
        uint32_t col = static_cast<uint32_t>(at + 1);
        f.range = {{line, col}, {line, col + static_cast<uint32_t>(needle.size())}};
        f.message = std::string("found `") + std::string(needle) + "`";
        f.severity = s;
        f.confidence = c;
        result.findings.push_back(f);
      };
      emit("shell=True", "PY602", Severity::kHigh, Confidence::kHigh);
      emit("execute(", "TNT101", Severity::kCritical, Confidence::kMedium);
      if (text.find("SYNTAX ERROR") != std::string_view::npos) {
        out.errors.push_back(file.path + ":" + std::to_string(line) + ":1: invalid syntax");
      }
      ++line;
      start = end + 1;
    }
  }
  // Reverse, so the engine's sorting is what makes the output ordered.
  std::reverse(result.findings.begin(), result.findings.end());
  return result;
}

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("rampart-engine-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  void Write(const std::string& rel, const std::string& text) {
    fs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel) << text;
  }
  CheckOptions Options() {
    CheckOptions o;
    o.paths = {root_.string()};
    o.analyze = FakeAnalyze;
    o.catalogue = &Catalogue();
    return o;
  }
  static std::vector<std::string> Summary(const CheckOutcome& out, bool with_suppressed = false) {
    std::vector<std::string> lines;
    for (const Finding& f : out.report.findings) {
      if (f.suppressed() && !with_suppressed) continue;
      std::string line = f.path + ":" + std::to_string(f.range.start.line) + " " + f.rule_code;
      for (const Suppression& s : f.suppressions) line += " [" + s.kind + "]";
      lines.push_back(line);
    }
    return lines;
  }
  fs::path root_;
};

TEST_F(EngineTest, FindingsSortedFingerprintedAndExitCode) {
  Write("b.py", "run(x, shell=True)\n");
  Write("a.py", "cur.execute(q)\nrun(y, shell=True)\n");
  CheckOutcome out = RunCheck(Options());
  ASSERT_EQ(out.fatal_error, "");
  EXPECT_EQ(Summary(out), (std::vector<std::string>{"a.py:1 TNT101", "a.py:2 PY602", "b.py:1 PY602"}));
  EXPECT_EQ(out.exit_code, 1);
  EXPECT_EQ(out.report.files_scanned, 2u);
  EXPECT_EQ(out.report.root, root_.string());
  for (const Finding& f : out.report.findings) EXPECT_EQ(f.fingerprint.size(), 16u);
  EXPECT_EQ(out.report.findings[1].snippet, "run(y, shell=True)");
  EXPECT_EQ(out.report.sources.size(), 2u) << "sources for code frames";
}

TEST_F(EngineTest, CleanProjectExitsZero) {
  Write("a.py", "print('hello')\n");
  CheckOutcome out = RunCheck(Options());
  EXPECT_EQ(out.exit_code, 0);
  EXPECT_TRUE(out.report.findings.empty());
}

TEST_F(EngineTest, SelectIgnoreSeverityConfidenceFailOn) {
  Write("a.py", "cur.execute(q)\nrun(y, shell=True)\n");
  CheckOptions o = Options();
  o.select = std::vector<std::string>{"PY"};
  EXPECT_EQ(Summary(RunCheck(o)), (std::vector<std::string>{"a.py:2 PY602"}));
  o = Options();
  o.ignore = {"bandit:B602"};
  EXPECT_EQ(Summary(RunCheck(o)), (std::vector<std::string>{"a.py:1 TNT101"}));
  o = Options();
  o.severity = "critical";
  EXPECT_EQ(Summary(RunCheck(o)), (std::vector<std::string>{"a.py:1 TNT101"}));
  o = Options();
  o.confidence = "high";
  EXPECT_EQ(Summary(RunCheck(o)), (std::vector<std::string>{"a.py:2 PY602"}));
  o = Options();
  o.ignore = {"TNT101"};
  o.fail_on = "critical";
  CheckOutcome out = RunCheck(o);
  EXPECT_EQ(out.report.findings.size(), 1u);
  EXPECT_EQ(out.exit_code, 0) << "a high finding does not fail with --fail-on critical";
  o.fail_on = "HIGH";
  EXPECT_EQ(RunCheck(o).exit_code, 1);
}

TEST_F(EngineTest, BadOptionValuesAreFatal) {
  Write("a.py", "x = 1\n");
  CheckOptions o = Options();
  o.severity = "severe";
  EXPECT_EQ(RunCheck(o).exit_code, 2);
  o = Options();
  o.fail_on = "nope";
  EXPECT_NE(RunCheck(o).fatal_error.find("`--fail-on`"), std::string::npos);
  o = Options();
  o.format = "yaml";
  EXPECT_NE(RunCheck(o).fatal_error.find("invalid value `yaml` for `--format`"), std::string::npos);
  o = Options();
  o.select = std::vector<std::string>{"no-such-rule"};
  EXPECT_NE(RunCheck(o).fatal_error.find("unknown rule selector `no-such-rule`"), std::string::npos);
  o = Options();
  o.paths = {(root_ / "missing").string()};
  CheckOutcome out = RunCheck(o);
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_EQ(out.fatal_error, "path `" + (root_ / "missing").string() + "` does not exist");
}

TEST_F(EngineTest, InlineSuppressionsAndUnusedOnes) {
  Write("a.py",
        "run(a, shell=True)  # nosec B602 -- constant command\n"
        "cur.execute(q)  # noqa: S602\n"
        "x = 1  # rampart: ignore[sql-injection]\n"
        "run(b, shell=True)\n");
  CheckOptions o = Options();
  CheckOutcome out = RunCheck(o);
  EXPECT_EQ(Summary(out, true), (std::vector<std::string>{"a.py:1 PY602 [nosec]", "a.py:2 TNT101",
                                                          "a.py:4 PY602"}));
  EXPECT_EQ(out.report.findings[0].suppressions[0].justification, "constant command");
  o.report_unused_suppressions = true;
  out = RunCheck(o);
  EXPECT_EQ(Summary(out), (std::vector<std::string>{"a.py:2 TNT101", "a.py:2 PY900", "a.py:3 PY900",
                                                    "a.py:4 PY602"}));
  o.ignore = {"PY900"};
  EXPECT_EQ(Summary(RunCheck(o)).size(), 2u) << "PY900 can be ignored like any rule";
}

TEST_F(EngineTest, PerFileIgnoresFromConfig) {
  Write("rampart.toml", "[per-file-ignores]\n\"tests/**\" = [\"PY602\"]\n");
  Write("tests/test_a.py", "run(a, shell=True)\n");
  Write("app.py", "run(a, shell=True)\n");
  CheckOptions o = Options();
  o.show_suppressed = true;
  CheckOutcome out = RunCheck(o);
  EXPECT_EQ(Summary(out, true), (std::vector<std::string>{"app.py:1 PY602", "tests/test_a.py:1 PY602 [config]"}));
  EXPECT_TRUE(out.report.show_suppressed);
}

TEST_F(EngineTest, ConfigDrivesDefaultsAndCliOverrides) {
  Write("pyproject.toml", "[tool.rampart]\nselect = [\"TNT\"]\nfail-on = \"critical\"\nformat = \"json\"\n");
  Write("src/a.py", "cur.execute(q)\nrun(y, shell=True)\n");
  CheckOptions o = Options();
  o.paths = {(root_ / "src").string()};
  CheckOutcome out = RunCheck(o);
  EXPECT_EQ(out.report.root, root_.string()) << "the config's folder is the root";
  EXPECT_EQ(Summary(out), (std::vector<std::string>{"src/a.py:1 TNT101"}));
  EXPECT_EQ(out.format, report::Format::kJson);
  EXPECT_EQ(out.exit_code, 1);
  o.select = std::vector<std::string>{"PY602"};
  o.format = "sarif";
  out = RunCheck(o);
  EXPECT_EQ(Summary(out), (std::vector<std::string>{"src/a.py:2 PY602"}));
  EXPECT_EQ(out.format, report::Format::kSarif);
  EXPECT_EQ(out.exit_code, 0) << "config fail-on critical still applies";
}

TEST_F(EngineTest, ConfigErrorsAreFatalWithFileAndLine) {
  Write("rampart.toml", "select = [\"PY602\"]\nfail_on = \"sometimes\"\n");
  Write("a.py", "x = 1\n");
  CheckOutcome out = RunCheck(Options());
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_EQ(out.fatal_error, (root_ / "rampart.toml").string() +
                                 ":2:11: `fail_on` must be one of `low`, `medium`, `high`, `critical` (got `sometimes`)");
  Write("rampart.toml", "\nignore = [\"PY602\", \"not-a-rule\"]\n");
  out = RunCheck(Options());
  EXPECT_EQ(out.fatal_error, (root_ / "rampart.toml").string() +
                                 ":2:10: unknown rule selector `not-a-rule` in `ignore`");
  CheckOptions o = Options();
  o.config_file = (root_ / "absent.toml").string();
  EXPECT_EQ(RunCheck(o).exit_code, 2);
}

TEST_F(EngineTest, BaselineReportsOnlyNewFindings) {
  Write("a.py", "def f():\n    run(a, shell=True)\n");
  CheckOptions o = Options();
  o.write_baseline = (root_ / "baseline.json").string();
  CheckOutcome written = RunCheck(o);
  EXPECT_EQ(written.exit_code, 0) << "writing a baseline succeeds";
  EXPECT_NE(written.note.find("wrote a baseline of 1 finding"), std::string::npos);
  ASSERT_TRUE(fs::exists(root_ / "baseline.json"));
  // The known finding moves down; a second copy and a new rule appear.
  Write("a.py", "import os\n\ndef f():\n    run(a, shell=True)\n    run(a, shell=True)\n    cur.execute(q)\n");
  o = Options();
  o.baseline = (root_ / "baseline.json").string();
  CheckOutcome out = RunCheck(o);
  EXPECT_EQ(Summary(out), (std::vector<std::string>{"a.py:5 PY602", "a.py:6 TNT101"}));
  EXPECT_EQ(Summary(out, true)[0], "a.py:4 PY602 [baseline]");
  EXPECT_EQ(out.exit_code, 1);
  Write("broken.json", "{\"version\": 9, \"findings\": []}");
  o.baseline = (root_ / "broken.json").string();
  EXPECT_EQ(RunCheck(o).exit_code, 2);
}

TEST_F(EngineTest, FileErrorsAreReportedNotFatal) {
  Write("a.py", "SYNTAX ERROR\n");
  fs::create_symlink(root_ / "gone.py", root_ / "b.py");
  CheckOutcome out = RunCheck(Options());
  EXPECT_EQ(out.exit_code, 0);
  ASSERT_EQ(out.report.errors.size(), 2u);
  EXPECT_EQ(out.report.errors[0], "a.py:1:1: invalid syntax");
  EXPECT_NE(out.report.errors[1].find("b.py: broken symlink"), std::string::npos);
}

TEST_F(EngineTest, OutputDoesNotDependOnThreads) {
  for (int i = 0; i < 40; ++i) {
    Write("pkg" + std::to_string(i % 7) + "/m" + std::to_string(i) + ".py",
          "run(a, shell=True)\ncur.execute(q)  # nosec\n");
  }
  CheckOptions o = Options();
  o.threads = 1;
  std::vector<std::string> one = Summary(RunCheck(o), true);
  EXPECT_EQ(one.size(), 80u);
  for (unsigned t : {2u, 8u}) {
    o.threads = t;
    EXPECT_EQ(Summary(RunCheck(o), true), one);
  }
}

}  // namespace
}  // namespace rampart::rules::engine

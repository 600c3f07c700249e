// rampart.toml / [tool.rampart]: values, errors with file:line:col, discovery.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "config/rampart_config.h"

namespace rampart::config {
namespace {

namespace fs = std::filesystem;

TEST(Config, ReadsEveryKey) {
  LoadResult r = ParseConfig(R"(
select = ["PY6", "TNT"]
ignore = ["PY602"]
extend-exclude = ["migrations/"]
severity = "medium"
confidence = "HIGH"
fail-on = "high"
format = "sarif"
baseline = "rampart-baseline.json"
respect-gitignore = false
report-unused-suppressions = true
threads = 4
[per-file-ignores]
"tests/**" = ["PY101"]
[deps]
anything = "the deps area validates this"
)", "/proj/rampart.toml");
  ASSERT_TRUE(r.ok()) << r.error;
  const RampartConfig& c = r.config;
  EXPECT_EQ(c.file, "/proj/rampart.toml");
  EXPECT_EQ(*c.select, (std::vector<std::string>{"PY6", "TNT"}));
  EXPECT_EQ(*c.ignore, (std::vector<std::string>{"PY602"}));
  EXPECT_EQ(*c.extend_exclude, (std::vector<std::string>{"migrations/"}));
  EXPECT_EQ(*c.severity, Severity::kMedium);
  EXPECT_EQ(*c.confidence, Confidence::kHigh);
  EXPECT_EQ(*c.fail_on, Severity::kHigh);
  EXPECT_EQ(*c.format, "sarif");
  EXPECT_EQ(*c.baseline, "/proj/rampart-baseline.json") << "relative to the file";
  EXPECT_FALSE(*c.respect_gitignore);
  EXPECT_TRUE(*c.report_unused_suppressions);
  EXPECT_EQ(*c.threads, 4u);
  ASSERT_EQ(c.per_file_ignores.size(), 1u);
  EXPECT_EQ(c.per_file_ignores[0].first, "tests/**");
  EXPECT_EQ(c.locations.at("select"), "/proj/rampart.toml:2:10");
  ASSERT_NE(c.table["deps"].as_table(), nullptr) << "registered sections are kept for their owners";
  EXPECT_EQ(c.table["deps"]["anything"].value_or(std::string()), "the deps area validates this");
}

TEST(Config, PyprojectReadsOnlyToolRampart) {
  LoadResult r = ParseConfig(R"([project]
name = "x"
unknown-for-us = 1

[tool.ruff]
select = ["E"]

[tool.rampart]
select = ["PY602"]
)", "/p/pyproject.toml");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(*r.config.select, (std::vector<std::string>{"PY602"}));
  LoadResult none = ParseConfig("[project]\nname = 'x'\n", "/p/pyproject.toml");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none.config.select.has_value());
}

TEST(Config, UnknownKeyNamesFileLineAndKey) {
  LoadResult r = ParseConfig("select = []\nseverty = \"high\"\n", "cfg/rampart.toml");
  EXPECT_EQ(r.error, "cfg/rampart.toml:2:1: unknown key `severty`");
  LoadResult py = ParseConfig("[tool.rampart]\n\nbogus = 1\n", "pyproject.toml");
  EXPECT_EQ(py.error, "pyproject.toml:3:1: unknown key `tool.rampart.bogus`");
}

TEST(Config, WrongTypesAndValues) {
  EXPECT_EQ(ParseConfig("select = \"PY602\"\n", "r/rampart.toml").error,
            "r/rampart.toml:1:10: `select` must be an array of strings");
  EXPECT_EQ(ParseConfig("ignore = [\"a\", 3]\n", "r/rampart.toml").error,
            "r/rampart.toml:1:16: `ignore` must be an array of strings");
  EXPECT_EQ(ParseConfig("\n\nseverity = \"urgent\"\n", "r/rampart.toml").error,
            "r/rampart.toml:3:12: `severity` must be one of `low`, `medium`, `high`, `critical` (got `urgent`)");
  EXPECT_EQ(ParseConfig("fail-on = 3\n", "r/rampart.toml").error,
            "r/rampart.toml:1:11: `fail-on` must be a string");
  EXPECT_EQ(ParseConfig("format = \"xml\"\n", "r/rampart.toml").error.substr(0, 34),
            "r/rampart.toml:1:10: `format` must");
  EXPECT_EQ(ParseConfig("threads = -1\n", "r/rampart.toml").error,
            "r/rampart.toml:1:11: `threads` must be an integer from 0 (all cores) to 1024");
  EXPECT_EQ(ParseConfig("show-suppressed = \"yes\"\n", "r/rampart.toml").error,
            "r/rampart.toml:1:19: `show-suppressed` must be `true` or `false`");
  EXPECT_EQ(ParseConfig("deps = 1\n", "r/rampart.toml").error, "r/rampart.toml:1:8: `deps` must be a table");
  EXPECT_EQ(ParseConfig("[per-file-ignores]\n\"x\" = \"PY1\"\n", "r/rampart.toml").error,
            "r/rampart.toml:2:7: `per-file-ignores.x` must be an array of strings");
}

TEST(Config, SyntaxErrorHasPosition) {
  LoadResult r = ParseConfig("select = [\"a\"\nfoo = 1\n", "r/rampart.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error.rfind("r/rampart.toml:", 0), 0u) << r.error;
  EXPECT_NE(r.error.find("invalid TOML"), std::string::npos) << r.error;
}

TEST(Config, RegisteredSectionsAreAccepted) {
  EXPECT_FALSE(ParseConfig("[lint]\nx = 1\n", "r/rampart.toml").ok());
  RegisterSection("lint");
  EXPECT_TRUE(ParseConfig("[lint]\nx = 1\n", "r/rampart.toml").ok());
}

TEST(Config, FindConfigFileWalksUp) {
  fs::path root = fs::temp_directory_path() / ("rampart-config-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "a/b/c");
  std::ofstream(root / "pyproject.toml") << "[tool.rampart]\nselect = []\n";
  std::ofstream(root / "a/pyproject.toml") << "[project]\nname = 'no rampart here'\n";
  EXPECT_EQ(FindConfigFile((root / "a/b/c").string()), (root / "pyproject.toml").string())
      << "a pyproject.toml without [tool.rampart] is skipped";
  std::ofstream(root / "a/b/rampart.toml") << "select = []\n";
  EXPECT_EQ(FindConfigFile((root / "a/b/c").string()), (root / "a/b/rampart.toml").string());
  std::ofstream(root / "a/b/c/x.py") << "x = 1\n";
  EXPECT_EQ(FindConfigFile((root / "a/b/c/x.py").string()), (root / "a/b/rampart.toml").string());
  EXPECT_FALSE(LoadConfigFile((root / "missing.toml").string()).ok());
  fs::remove_all(root);
}

}  // namespace
}  // namespace rampart::config

// The binary: exit codes (0 clean, 1 findings, 2 usage/config errors), error
// messages, -o, formats, NO_COLOR, rules/explain. Findings come from PY900
// (unused suppressions), which the engine raises itself, so these tests do not
// depend on which analysis rules have landed.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace {

namespace fs = std::filesystem;

struct RunResult {
  int code = -1;
  std::string out, err;
};

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rampart-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "proj");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& rel, const std::string& text) {
    fs::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel) << text;
  }
  // Runs the binary in dir_ with `args` (shell syntax), stdout/stderr captured.
  RunResult Rampart(const std::string& args, const std::string& env = "NO_COLOR=") {
    const char* bin = std::getenv("RAMPART");
    std::string binary = bin && *bin ? bin : RAMPART_BINARY;
    std::string cmd = "cd '" + dir_.string() + "' && env " + env + " '" + binary + "' " + args + " >out.txt 2>err.txt";
    int status = std::system(cmd.c_str());
    RunResult r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = ReadFile(dir_ / "out.txt");
    r.err = ReadFile(dir_ / "err.txt");
    return r;
  }
  fs::path dir_;
};

TEST_F(CliTest, CleanProjectExitsZero) {
  Write("proj/app.py", "print('hello')  # an ordinary comment\n");
  RunResult r = Rampart("check proj");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("no findings in 1 file"), std::string::npos) << r.out;
}

TEST_F(CliTest, FindingsExitOneAndFailOnRaisesTheBar) {
  Write("proj/app.py", "x = 1  # nosec\n");
  RunResult r = Rampart("check --report-unused-suppressions proj");
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("app.py:1:8: PY900 unused-suppression [low]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 | x = 1  # nosec"), std::string::npos) << "code frame";
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << "no colour when piped";
  EXPECT_EQ(Rampart("check --report-unused-suppressions --fail-on medium proj").code, 0);
  EXPECT_EQ(Rampart("check proj").code, 0) << "PY900 is off by default";
  EXPECT_EQ(Rampart("check --report-unused-suppressions --ignore unused-suppression proj").code, 0);
}

TEST_F(CliTest, UsageErrorsExitTwoWithAClearMessage) {
  Write("proj/app.py", "x = 1\n");
  RunResult r = Rampart("check does-not-exist");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "rampart: error: path `does-not-exist` does not exist\n");
  r = Rampart("check --severity urgent proj");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("invalid value `urgent` for `--severity`"), std::string::npos) << r.err;
  r = Rampart("check --format xml proj");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("`--format`"), std::string::npos);
  r = Rampart("check --select NOPE123 proj");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown rule selector `NOPE123`"), std::string::npos) << r.err;
  EXPECT_EQ(Rampart("check --no-such-flag proj").code, 2);
  EXPECT_EQ(Rampart("check --threads many proj").code, 2);
  EXPECT_EQ(Rampart("check --config missing.toml proj").code, 2);
}

TEST_F(CliTest, ConfigErrorNamesFileAndLine) {
  Write("proj/app.py", "x = 1\n");
  Write("proj/pyproject.toml", "[project]\nname = 'x'\n\n[tool.rampart]\nselect = ['PY900']\nfial-on = 'high'\n");
  RunResult r = Rampart("check proj");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("pyproject.toml:6:1: unknown key `tool.rampart.fial-on`"), std::string::npos) << r.err;
}

TEST_F(CliTest, OutputFileAndJsonFormat) {
  Write("proj/app.py", "x = 1  # rampart: ignore\n");
  RunResult r = Rampart("check --report-unused-suppressions --format json -o report.json proj");
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_EQ(r.out, "") << "the report went to the file";
  nlohmann::json doc = nlohmann::json::parse(ReadFile(dir_ / "report.json"));
  EXPECT_EQ(doc["version"], 1);
  EXPECT_EQ(doc["findings"][0]["code"], "PY900");
  EXPECT_EQ(doc["findings"][0]["path"], "app.py");
  EXPECT_EQ(doc["summary"]["files_scanned"], 1);
  r = Rampart("check -o missing-dir/r.json proj");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("missing-dir/r.json"), std::string::npos) << r.err;
}

TEST_F(CliTest, SuppressedAndBaselineRoundTrip) {
  Write("proj/app.py", "x = 1  # nosec\n");
  EXPECT_EQ(Rampart("check --report-unused-suppressions --write-baseline base.json proj").code, 0);
  RunResult r = Rampart("check --report-unused-suppressions --baseline base.json proj");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("1 suppressed"), std::string::npos) << r.out;
  r = Rampart("check --report-unused-suppressions --baseline base.json --show-suppressed proj");
  EXPECT_NE(r.out.find("(suppressed: baseline)"), std::string::npos) << r.out;
  Write("base.json", "not json");
  r = Rampart("check --baseline base.json proj");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("base.json: baseline is not valid JSON"), std::string::npos) << r.err;
}

TEST_F(CliTest, StatisticsQuietAndGithub) {
  Write("proj/a.py", "x = 1  # nosec\ny = 2  # nosec\n");
  RunResult r = Rampart("check --report-unused-suppressions --statistics proj");
  EXPECT_NE(r.out.find("     2  PY900    unused-suppression [low]"), std::string::npos) << r.out;
  r = Rampart("check --report-unused-suppressions -q proj");
  EXPECT_EQ(r.out.find("found"), std::string::npos);
  r = Rampart("check --report-unused-suppressions --format github proj");
  EXPECT_NE(r.out.find("::notice file=a.py,line=1,col=8,endLine=1,endColumn=15,title=PY900 unused-suppression::"),
            std::string::npos)
      << r.out;
}

// Colour only on a terminal: `script` gives the binary a pseudo-terminal.
TEST_F(CliTest, ColourOnATerminalUnlessNoColor) {
  if (std::system("command -v script >/dev/null 2>&1") != 0) GTEST_SKIP() << "no `script` (bsdutils)";
  Write("proj/app.py", "x = 1  # nosec\n");
  const char* bin = std::getenv("RAMPART");
  std::string binary = bin && *bin ? bin : RAMPART_BINARY;
  std::string check = "'" + binary + "' check --report-unused-suppressions proj";
  auto run = [&](const std::string& env, const std::string& extra) {
    std::string cmd = "cd '" + dir_.string() + "' && env " + env + " script -qec \"" + check + extra +
                      "\" /dev/null < /dev/null > tty.txt 2>&1";
    std::system(cmd.c_str());
    return ReadFile(dir_ / "tty.txt");
  };
  EXPECT_NE(run("NO_COLOR=", "").find("\x1b["), std::string::npos) << "colour on a terminal";
  EXPECT_EQ(run("NO_COLOR=1", "").find("\x1b["), std::string::npos) << "NO_COLOR disables colour";
  EXPECT_EQ(run("NO_COLOR=", " --no-color").find("\x1b["), std::string::npos) << "--no-color";
}

TEST_F(CliTest, RulesAndExplain) {
  RunResult r = Rampart("rules --format json");
  EXPECT_EQ(r.code, 0);
  nlohmann::json rules = nlohmann::json::parse(r.out);
  bool has_py900 = false;
  for (const auto& rule : rules) has_py900 |= rule["code"] == "PY900";
  EXPECT_TRUE(has_py900);
  r = Rampart("rules --select PY900");
  EXPECT_NE(r.out.find("PY900    unused-suppression"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 rule\n"), std::string::npos);
  r = Rampart("rules --practice audits --severity critical");
  EXPECT_EQ(r.out.find("PY900"), std::string::npos) << "PY900 is low";
  r = Rampart("rules SUPPRESSION");
  EXPECT_NE(r.out.find("PY900"), std::string::npos) << "free text matches the name, any case";
  r = Rampart("rules ruf100");
  EXPECT_NE(r.out.find("PY900"), std::string::npos) << "free text matches aliases";
  r = Rampart("rules zzz-nothing-matches-this");
  EXPECT_EQ(r.out, "0 rules\n");
  EXPECT_EQ(Rampart("rules --practice 11").code, 2);
  EXPECT_EQ(Rampart("rules --severity nope").code, 2);
  r = Rampart("explain RUF100");
  EXPECT_EQ(r.code, 0);
  for (const char* part : {"# PY900 unused-suppression", "## What it does", "## Why is this bad?",
                           "## Example", "## Use instead", "## References", "CWE-1164", "`ruff:RUF100`"}) {
    EXPECT_NE(r.out.find(part), std::string::npos) << part;
  }
  r = Rampart("explain no-such-rule");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "rampart: error: unknown rule `no-such-rule` (see `rampart rules`)\n");
}

}  // namespace

namespace {

// `rampart check` runs the dependency audit when an advisory database exists,
// merges its findings into the same report, and skips it with `--no-deps` or
// when there is no database.
TEST_F(CliTest, CheckRunsTheDependencyAuditWhenADatabaseExists) {
  Write("proj/app.py", "import os\n");
  Write("proj/requirements.txt", "demo-pkg==1.1.0\nother-pkg==9.9\n");
  std::string osv = fs::absolute(fs::path(RAMPART_SOURCE_DIR) / "tests/deps/fixtures/osv/yaml").string();
  RunResult update = Rampart("db update --from '" + osv + "' --db db.sqlite3");
  ASSERT_EQ(update.code, 0) << update.err;

  RunResult with_db = Rampart("check proj --db db.sqlite3 --format json");
  EXPECT_EQ(with_db.code, 1) << with_db.err;
  nlohmann::json report = nlohmann::json::parse(with_db.out);
  int dep001 = 0;
  for (const auto& f : report["findings"]) {
    if (f.value("code", "") == "DEP001") {
      ++dep001;
      EXPECT_EQ(f.value("path", ""), "requirements.txt");
    }
  }
  EXPECT_GE(dep001, 1) << with_db.out;

  RunResult no_deps = Rampart("check proj --db db.sqlite3 --no-deps --format json");
  EXPECT_EQ(no_deps.code, 0) << no_deps.out << no_deps.err;
  EXPECT_EQ(no_deps.out.find("DEP001"), std::string::npos);

  RunResult no_db = Rampart("check proj --db missing.sqlite3 --format json");
  EXPECT_EQ(no_db.code, 0) << no_db.out << no_db.err;
  EXPECT_EQ(no_db.out.find("DEP001"), std::string::npos);
}

}  // namespace

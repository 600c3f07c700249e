// The audit: exact pins vs ranges, alias merging, withdrawn records, ignores
// with expiry, database age, fixes. Each rule has cases that must fire and
// cases that must stay silent. Advisory data: tests/deps/fixtures/osv.
#include "deps/audit.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "deps/fix.h"

namespace rampart::deps {
namespace {

namespace fs = std::filesystem;
const std::string kOsv = std::string(RAMPART_SOURCE_DIR) + "/tests/deps/fixtures/osv";

class AuditTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_dir_ = fs::path(::testing::TempDir()) / ("rampart_audit_db_" + std::to_string(::getpid()));
    fs::create_directories(db_dir_);
    ImportStats stats;
    std::string error;
    ASSERT_TRUE(BuildDatabase(kOsv, "fixtures", (db_dir_ / "a.sqlite3").string(), nullptr, &stats, &error)) << error;
  }
  static void TearDownTestSuite() { fs::remove_all(db_dir_); }

  void SetUp() override {
    root_ = fs::path(::testing::TempDir()) / ("rampart_audit_" + std::to_string(::getpid()) + "_" +
                                              ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
    options_.db_path = (db_dir_ / "a.sqlite3").string();
    options_.today = "2026-06-01";
    options_.read.environment.SetPythonVersion("3.11");
    options_.read.environment.SetPlatform("linux");
  }
  void TearDown() override { fs::remove_all(root_); }

  void WriteFile(const std::string& name, const std::string& text) {
    fs::create_directories((root_ / name).parent_path());
    std::ofstream(root_ / name, std::ios::binary) << text;
  }
  std::string ReadFile(const std::string& name) {
    std::ifstream in(root_ / name, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  // "CODE line id" for each finding, for compact expectations.
  std::vector<std::string> Audit(const std::string& requirements) {
    WriteFile("requirements.txt", requirements);
    result_ = AuditDirectory(root_.string(), options_);
    EXPECT_TRUE(result_.fatal_error.empty()) << result_.fatal_error;
    std::vector<std::string> out;
    for (size_t i = 0; i < result_.report.findings.size(); ++i) {
      const Finding& f = result_.report.findings[i];
      const auto& data = result_.report.vulnerability_data[i];
      out.push_back(f.rule_code + " " + std::to_string(f.range.start.line) + (data ? " " + data->id : ""));
    }
    return out;
  }

  static fs::path db_dir_;
  fs::path root_;
  AuditOptions options_;
  AuditResult result_;
};

fs::path AuditTest::db_dir_;

using V = std::vector<std::string>;

TEST_F(AuditTest, PinnedVulnerableVersionIsReportedOnceWithAliases) {
  EXPECT_EQ(Audit("demo-pkg==1.1.0\n"), (V{"DEP001 1 GHSA-aaaa-bbbb-cccc"}));
  const auto& data = *result_.report.vulnerability_data[0];
  EXPECT_EQ(data.aliases, (V{"PYSEC-2099-1", "CVE-2099-0001"}));
  EXPECT_EQ(data.fixed, "1.2.0");
  EXPECT_EQ(data.installed, "1.1.0");
  EXPECT_DOUBLE_EQ(data.cvss_score, 9.8);
  const Finding& f = result_.report.findings[0];
  EXPECT_EQ(f.severity, Severity::kCritical);
  EXPECT_EQ(f.path, "requirements.txt");
  EXPECT_EQ(f.range.start.column, 1u);
  EXPECT_EQ(f.range.end.column, 16u);
  EXPECT_NE(f.message.find("`demo-pkg==1.1.0` is affected by GHSA-aaaa-bbbb-cccc (PYSEC-2099-1, CVE-2099-0001)"),
            std::string::npos)
      << f.message;
  EXPECT_NE(f.message.find("fixed in 1.2.0"), std::string::npos) << f.message;
  ASSERT_EQ(result_.report.components.size(), 1u);
  EXPECT_EQ(result_.report.components[0].purl, "pkg:pypi/demo-pkg@1.1.0");
  EXPECT_EQ(f.fingerprint.size(), 16u);
  std::string fingerprint = f.fingerprint;
  // The fingerprint survives a moved line; another advisory on the line differs.
  EXPECT_EQ(Audit("# moved down\ndemo-pkg==1.1.0\n"), (V{"DEP001 2 GHSA-aaaa-bbbb-cccc"}));
  EXPECT_EQ(result_.report.findings[0].fingerprint, fingerprint);
  EXPECT_EQ(Audit("demo-pkg==1.1.0\n"), (V{"DEP001 1 GHSA-aaaa-bbbb-cccc"}));
  // The manifest's text is handed to the reporters for code frames.
  ASSERT_EQ(result_.report.sources.size(), 1u);
  EXPECT_EQ(result_.report.sources[0], (std::pair<std::string, std::string>{"requirements.txt", "demo-pkg==1.1.0\n"}));
}

TEST_F(AuditTest, FixedAndUnaffectedPinsAreSilent) {
  // The fixed version itself is not vulnerable (osv-scanner's mistake), nor is
  // a version between ranges; the withdrawn record (introduced 0, no fix) never fires.
  EXPECT_EQ(Audit("demo-pkg==1.2.0\ndemo-pkg==2.0.3\ndemo-pkg==2.3\ndemo-pkg==2.5.1\n"), V{});
}

TEST_F(AuditTest, LastAffectedAndNoFix) {
  EXPECT_EQ(Audit("demo-pkg==2.5.0\n"), (V{"DEP001 1 PYSEC-2099-2"}));
  EXPECT_EQ(Audit("demo-pkg>=2.0\n"), (V{"DEP002 1 GHSA-aaaa-bbbb-cccc", "DEP002 1 PYSEC-2099-2"}));
  EXPECT_NE(result_.report.findings[0].fingerprint, result_.report.findings[1].fingerprint);
  EXPECT_EQ(Audit("demo-pkg==2.5.0\n"), (V{"DEP001 1 PYSEC-2099-2"}));
  EXPECT_NE(result_.report.findings[0].message.find("no fixed version yet"), std::string::npos);
  EXPECT_TRUE(result_.fixes.empty());
}

TEST_F(AuditTest, ExplicitVersionListMatchesNormalisedVersions) {
  EXPECT_EQ(Audit("Other.Lib==1.0.0\n"), (V{"DEP001 1 PYSEC-2099-3"}));
  EXPECT_EQ(result_.report.findings[0].severity, Severity::kHigh);  // CVSS v2 7.5
  EXPECT_EQ(Audit("other-lib==1.1\n"), V{});
}

TEST_F(AuditTest, RangesAreNeverCalledVulnerable) {
  // `>=2.0` admits 2.0-2.0.2 and 2.4-2.5: two advisories, as DEP002 only.
  EXPECT_EQ(Audit("demo-pkg>=2.0\n"), (V{"DEP002 1 GHSA-aaaa-bbbb-cccc", "DEP002 1 PYSEC-2099-2"}));
  EXPECT_NE(result_.report.findings[0].message.find("(e.g. 2.0, 2.0.1, 2.0.2)"), std::string::npos)
      << result_.report.findings[0].message;
  EXPECT_NE(result_.report.findings[0].message.find("require `>=2.0.3`"), std::string::npos)
      << result_.report.findings[0].message;
  EXPECT_EQ(result_.report.vulnerability_data[0]->installed, ">=2.0");
  // Ranges that exclude every affected version stay silent.
  EXPECT_EQ(Audit("demo-pkg>=2.0.3,<2.4\n"), V{});
  EXPECT_EQ(Audit("demo-pkg~=1.2.0\n"), V{});
  EXPECT_EQ(Audit("demo-pkg>=1.2,!=2.0.*,<2.4\n"), V{});
  // An exclusive bound: `>2.0.2,<2.1` still admits 2.0.2.1, which is affected.
  EXPECT_EQ(Audit("demo-pkg>2.0.2,<2.1\n"), (V{"DEP002 1 GHSA-aaaa-bbbb-cccc"}));
  // `==2.0.*` is a range, not a pin.
  EXPECT_EQ(Audit("demo-pkg==2.0.*\n"), (V{"DEP002 1 GHSA-aaaa-bbbb-cccc"}));
}

TEST_F(AuditTest, PreReleaseRulesApplyToRanges) {
  // Only 3.0 pre-releases are affected: `>=2.0` does not admit them by default.
  EXPECT_EQ(Audit("prerel-lib>=2.0\n"), V{});
  EXPECT_EQ(Audit("prerel-lib>=3.0a1\n"), (V{"DEP002 1 PYSEC-2099-4"}));
  EXPECT_EQ(Audit("prerel-lib==3.0b2\n"), (V{"DEP001 1 PYSEC-2099-4"}));
  EXPECT_EQ(result_.report.findings[0].severity, Severity::kLow);  // database_specific label
}

TEST_F(AuditTest, UnconstrainedRequirement) {
  // DEP004 for a bare name, plus DEP002: any version includes affected ones.
  EXPECT_EQ(Audit("demo-pkg\nother-lib>=9\n"),
            (V{"DEP002 1 GHSA-aaaa-bbbb-cccc", "DEP002 1 PYSEC-2099-2", "DEP004 1"}));
  EXPECT_EQ(Audit("unknown-but-pinned==1.0\n"), V{});
  options_.enabled["DEP004"] = false;
  EXPECT_EQ(Audit("flask\n"), V{});
}

TEST_F(AuditTest, MarkersSelectTheTargetEnvironment) {
  EXPECT_EQ(Audit("demo-pkg==1.1.0; sys_platform == 'win32'\n"), V{});
  EXPECT_EQ(result_.skipped_by_marker, 1u);
  options_.read.environment.SetPlatform("win32");
  EXPECT_EQ(Audit("demo-pkg==1.1.0; sys_platform == 'win32'\n"), (V{"DEP001 1 GHSA-aaaa-bbbb-cccc"}));
  options_.read.environment.SetPythonVersion("3.7");
  EXPECT_EQ(Audit("demo-pkg==1.1.0; python_version >= '3.8'\n"), V{});
}

TEST_F(AuditTest, IgnoreListWithReasonAndExpiry) {
  WriteFile("pyproject.toml",
            "[tool.rampart.deps]\n"
            "ignore = [\n"
            "  { id = \"CVE-2099-0001\", reason = \"loader not used\", expires = 2026-12-31 },\n"
            "  { id = \"PYSEC-2099-2\", reason = \"old decision\", expires = \"2026-01-01\" },\n"
            "]\n");
  std::string error;
  ASSERT_TRUE(LoadDepsConfig(root_.string(), "", &options_.config, &error)) << error;
  ASSERT_EQ(options_.config.ignores.size(), 2u);
  EXPECT_EQ(Audit("demo-pkg==2.0.1\ndemo-pkg==2.4.0\n"),
            (V{"DEP001 1 GHSA-aaaa-bbbb-cccc", "DEP001 2 PYSEC-2099-2"}));
  const Finding& ignored = result_.report.findings[0];
  ASSERT_TRUE(ignored.suppressed());
  EXPECT_EQ(ignored.suppressions[0].kind, "config");
  EXPECT_EQ(ignored.suppressions[0].justification, "loader not used");
  EXPECT_FALSE(result_.report.findings[1].suppressed()) << "expired ignores stop applying";
  ASSERT_EQ(result_.warnings.size(), 1u);
  EXPECT_NE(result_.warnings[0].find("pyproject.toml:4: ignore of `PYSEC-2099-2` expired on 2026-01-01"),
            std::string::npos)
      << result_.warnings[0];
}

TEST_F(AuditTest, ConfigErrorsNameFileAndLine) {
  std::string error;
  DepsConfig config;
  WriteFile("pyproject.toml", "[tool.rampart.deps]\nignore = [\n  { id = \"X\" },\n]\n");
  EXPECT_FALSE(LoadDepsConfig(root_.string(), "", &config, &error));
  EXPECT_EQ(error, (root_ / "pyproject.toml").string() + ":3: `ignore` entry for `X` needs a `reason`");
  WriteFile("pyproject.toml", "[tool.rampart.deps]\nignore = [{ id = \"X\", reason = \"r\", expires = \"soon\" }]\n");
  EXPECT_FALSE(LoadDepsConfig(root_.string(), "", &config, &error));
  EXPECT_NE(error.find("pyproject.toml:2: `expires` must be a date"), std::string::npos) << error;
  WriteFile("rampart.toml", "[deps]\nmax-db-age = 3\n");
  EXPECT_FALSE(LoadDepsConfig(root_.string(), "", &config, &error));
  EXPECT_NE(error.find("rampart.toml:2: unknown key `max-db-age`"), std::string::npos) << error;
  WriteFile("rampart.toml", "[deps]\nmax-db-age-days = 3\nindex-url = \"http://127.0.0.1:1/simple\"\n");
  ASSERT_TRUE(LoadDepsConfig(root_.string(), "", &config, &error)) << error;
  EXPECT_EQ(config.max_db_age_days, 3);
  EXPECT_EQ(config.index_url, "http://127.0.0.1:1/simple");
  WriteFile("rampart.toml", "[deps\n");
  EXPECT_FALSE(LoadDepsConfig(root_.string(), "", &config, &error));
  EXPECT_NE(error.find("rampart.toml:1: invalid TOML"), std::string::npos) << error;
}

TEST_F(AuditTest, ConfigIsFoundWalkingUp) {
  WriteFile("pyproject.toml", "[tool.rampart.deps]\nmax-db-age-days = 2\n");
  WriteFile("services/api/requirements.txt", "flask==3.0.3\n");
  DepsConfig config;
  std::string error;
  ASSERT_TRUE(LoadDepsConfig((root_ / "services/api").string(), "", &config, &error)) << error;
  EXPECT_EQ(config.max_db_age_days, 2);
  EXPECT_EQ(config.path, (root_ / "pyproject.toml").string());
  // A nearer rampart.toml wins, even without a deps table.
  WriteFile("services/rampart.toml", "[deps]\nmax-db-age-days = 5\n");
  ASSERT_TRUE(LoadDepsConfig((root_ / "services/api").string(), "", &config, &error)) << error;
  EXPECT_EQ(config.max_db_age_days, 5);
  // --config names the file explicitly; a missing one is an error.
  EXPECT_FALSE(LoadDepsConfig(root_.string(), (root_ / "nope.toml").string(), &config, &error));
  EXPECT_NE(error.find("nope.toml: configuration file not found"), std::string::npos) << error;
}

TEST_F(AuditTest, CheckIntegrationIsSilentWithoutDatabase) {
  WriteFile("requirements.txt", "demo-pkg==1.1.0\nflask\n");
  AuditResult r = AuditForCheck(root_.string(), "", nullptr, (root_ / "none.sqlite3").string());
  EXPECT_TRUE(r.database_missing);
  EXPECT_TRUE(r.fatal_error.empty());
  EXPECT_TRUE(r.report.findings.empty());
  // With a database: findings, filtered by check's selection.
  r = AuditForCheck(root_.string(), "", [](std::string_view code) { return code != "DEP004"; },
                    options_.db_path);
  ASSERT_EQ(r.report.findings.size(), 1u);
  EXPECT_EQ(r.report.findings[0].rule_code, "DEP001");
  WriteFile("pyproject.toml", "[tool.rampart.deps]\nbogus = 1\n");
  r = AuditForCheck(root_.string(), "", nullptr, options_.db_path);
  EXPECT_NE(r.fatal_error.find("pyproject.toml:2: unknown key `bogus`"), std::string::npos) << r.fatal_error;
}

TEST_F(AuditTest, DatabaseMissingOrOld) {
  options_.db_path = (root_ / "none.sqlite3").string();
  WriteFile("requirements.txt", "demo-pkg==1.1.0\n");
  AuditResult r = AuditDirectory(root_.string(), options_);
  EXPECT_TRUE(r.database_missing);
  EXPECT_NE(r.fatal_error.find("run `rampart db update`"), std::string::npos) << r.fatal_error;
  options_.require_database = false;  // how `rampart check` calls it
  r = AuditDirectory(root_.string(), options_);
  EXPECT_TRUE(r.database_missing);
  EXPECT_TRUE(r.fatal_error.empty());
  EXPECT_TRUE(r.report.findings.empty());

  options_.db_path = (db_dir_ / "a.sqlite3").string();
  options_.config.max_db_age_days = 7;
  options_.now = static_cast<int64_t>(std::time(nullptr)) + 30 * 86400;
  r = AuditDirectory(root_.string(), options_);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("is 30 days old (limit 7)"), std::string::npos) << r.warnings[0];
  options_.now = 0;
  r = AuditDirectory(root_.string(), options_);
  EXPECT_TRUE(r.warnings.empty());
}

TEST_F(AuditTest, FixRewritesOnlyTheVersionAtomically) {
  const std::string original =
      "# pinned for reasons\n"
      "demo-pkg==1.1.0   # keep this comment\r\n"
      "other.lib==1.0 --hash=sha256:abc\n"
      "demo_pkg == 2.0.1 ; python_version >= '3'\n"
      "demo-pkg>=2.0\n";
  Audit(original);
  // other.lib has no fixed version; the range is not a pin: two candidates.
  ASSERT_EQ(result_.fixes.size(), 2u);
  FixOutcome dry = ApplyFixes(root_.string(), result_.fixes, /*dry_run=*/true);
  EXPECT_TRUE(dry.errors.empty());
  EXPECT_EQ(dry.applied, 2u);
  EXPECT_EQ(ReadFile("requirements.txt"), original) << "dry run writes nothing";
  EXPECT_EQ(dry.diff,
            "--- a/requirements.txt\n+++ b/requirements.txt\n"
            "@@ -2 +2 @@\n-demo-pkg==1.1.0   # keep this comment\n+demo-pkg==1.2.0   # keep this comment\n"
            "@@ -4 +4 @@\n-demo_pkg == 2.0.1 ; python_version >= '3'\n+demo_pkg == 2.0.3 ; python_version >= '3'\n")
      << dry.diff;
  FixOutcome real = ApplyFixes(root_.string(), result_.fixes, /*dry_run=*/false);
  EXPECT_TRUE(real.errors.empty());
  EXPECT_EQ(real.changed_files, (V{"requirements.txt"}));
  EXPECT_EQ(ReadFile("requirements.txt"),
            "# pinned for reasons\n"
            "demo-pkg==1.2.0   # keep this comment\r\n"
            "other.lib==1.0 --hash=sha256:abc\n"
            "demo_pkg == 2.0.3 ; python_version >= '3'\n"
            "demo-pkg>=2.0\n");
  // Re-applying stale candidates is refused, not guessed.
  FixOutcome stale = ApplyFixes(root_.string(), result_.fixes, false);
  EXPECT_EQ(stale.applied, 0u);
  EXPECT_EQ(stale.errors.size(), 2u);
}

TEST_F(AuditTest, FixInPyprojectKeepsFormatting) {
  WriteFile("pyproject.toml",
            "[project]\nname = \"x\"\ndependencies = [\n  \"demo-pkg==2.0.1\",  # pinned\n  'flask>=2',\n]\n");
  result_ = AuditDirectory(root_.string(), options_);
  ASSERT_EQ(result_.fixes.size(), 1u);
  FixOutcome out = ApplyFixes(root_.string(), result_.fixes, false);
  EXPECT_TRUE(out.errors.empty());
  EXPECT_EQ(ReadFile("pyproject.toml"),
            "[project]\nname = \"x\"\ndependencies = [\n  \"demo-pkg==2.0.3\",  # pinned\n  'flask>=2',\n]\n");
}

TEST_F(AuditTest, LockfilePinsAreAuditedButNotRewritten) {
  WriteFile("poetry.lock", "[[package]]\nname = \"demo-pkg\"\nversion = \"2.0.1\"\n");
  result_ = AuditDirectory(root_.string(), options_);
  ASSERT_EQ(result_.report.findings.size(), 1u);
  EXPECT_EQ(result_.report.findings[0].path, "poetry.lock");
  EXPECT_EQ(result_.report.findings[0].range.start.line, 2u);
  EXPECT_TRUE(result_.fixes.empty());
}

}  // namespace
}  // namespace rampart::deps

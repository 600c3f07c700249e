// Imports the whole PyPA advisory database (../shared/data/pypa-advisory-db,
// about 2,700 real OSV YAML records) and checks counts and a sample of
// matches against what the records say. Skips when the data is absent.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "deps/advisory_db.h"
#include "deps/audit.h"
#include "deps/rules/dep_rules.h"

namespace rampart::deps {
namespace {

namespace fs = std::filesystem;

const fs::path kPypa = fs::path(RAMPART_SOURCE_DIR) / ".." / "shared" / "data" / "pypa-advisory-db";

class PypaTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!fs::is_directory(kPypa / "vulns")) return;
    db_path_ = (fs::path(::testing::TempDir()) / ("rampart_pypa_" + std::to_string(::getpid()) + ".sqlite3")).string();
    std::string error;
    ok_ = BuildDatabase((kPypa / "vulns").string(), "pypa", db_path_, nullptr, &stats_, &error);
    error_ = error;
  }
  static void TearDownTestSuite() {
    if (!db_path_.empty()) fs::remove(db_path_);
  }
  void SetUp() override {
    if (!fs::is_directory(kPypa / "vulns")) GTEST_SKIP() << kPypa << " not found: PyPA advisory data absent";
    ASSERT_TRUE(ok_) << error_;
  }

  static std::string db_path_;
  static std::string error_;
  static bool ok_;
  static ImportStats stats_;
};

std::string PypaTest::db_path_;
std::string PypaTest::error_;
bool PypaTest::ok_ = false;
ImportStats PypaTest::stats_;

TEST_F(PypaTest, CountsMatchTheFiles) {
  // Expected counts are derived from the files, independently of the importer.
  size_t files = 0, withdrawn = 0;
  std::set<std::string> package_dirs;
  for (const auto& e : fs::recursive_directory_iterator(kPypa / "vulns")) {
    if (!e.is_regular_file() || e.path().extension() != ".yaml") continue;
    ++files;
    package_dirs.insert(e.path().parent_path().filename().string());
    std::ifstream in(e.path());
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("withdrawn:", 0) == 0) ++withdrawn;
    }
  }
  EXPECT_GT(files, 2500u);
  EXPECT_EQ(stats_.files, files);
  EXPECT_EQ(stats_.records, files);  // every record has a PyPI package
  EXPECT_EQ(stats_.withdrawn, withdrawn);
  std::string error;
  auto db = AdvisoryDb::Open(db_path_, &error);
  ASSERT_NE(db, nullptr) << error;
  EXPECT_EQ(db->status().records, files);
  // One folder per package, named after it (a few share a normalised name).
  EXPECT_LE(db->status().packages, package_dirs.size());
  EXPECT_GE(db->status().packages, package_dirs.size() * 95 / 100);
}

struct Sample {
  std::string requirement;
  std::string id;   // expected advisory (or alias) in the findings
  bool expected;
};

TEST_F(PypaTest, SampleOfMatches) {
  // Each row follows the text of the named record's ranges.
  const Sample samples[] = {
      {"jinja2==2.7.1", "PYSEC-2014-8", true},    // introduced 0, fixed 2.7.2
      {"jinja2==2.7.2", "PYSEC-2014-8", false},
      {"jinja2==2.7.2", "PYSEC-2014-82", true},   // 2.7.2 only, fixed 2.7.3
      {"django==4.2.1", "PYSEC-2023-100", true},  // 4.2 before 4.2.3
      {"django==4.2.3", "PYSEC-2023-100", false},
      {"flask==0.12.2", "PYSEC-2018-66", true},
      {"flask==0.12.3", "PYSEC-2018-66", false},
      {"requests==2.30.0", "PYSEC-2023-74", true},
      {"requests==2.31.0", "PYSEC-2023-74", false},
      {"PyYAML==5.3", "PYSEC-2020-96", true},     // PEP 503: PyYAML -> pyyaml
      {"pyyaml==5.3.1", "PYSEC-2020-96", false},
  };
  fs::path root = fs::path(::testing::TempDir()) / ("rampart_pypa_proj_" + std::to_string(::getpid()));
  fs::create_directories(root);
  AuditOptions options;
  options.db_path = db_path_;
  for (const Sample& s : samples) {
    std::ofstream(root / "requirements.txt") << s.requirement << "\n";
    AuditResult r = AuditDirectory(root.string(), options);
    ASSERT_TRUE(r.fatal_error.empty()) << r.fatal_error;
    bool found = false;
    for (const auto& data : r.report.vulnerability_data) {
      if (!data) continue;
      if (data->id == s.id) found = true;
      for (const std::string& a : data->aliases) found = found || a == s.id;
    }
    EXPECT_EQ(found, s.expected) << s.requirement << " / " << s.id;
  }
  // A merged finding shows PYSEC, GHSA and CVE ids once: jinja2 2.7.1 has
  // PYSEC-2014-8 whose aliases are CVE-2014-1402 and GHSA-8r7q-cvjq-x353.
  std::ofstream(root / "requirements.txt") << "jinja2==2.7.1\n";
  AuditResult r = AuditDirectory(root.string(), options);
  size_t mentions = 0;
  for (const Finding& f : r.report.findings) {
    if (f.message.find("CVE-2014-1402") != std::string::npos) ++mentions;
  }
  EXPECT_EQ(mentions, 1u);
  fs::remove_all(root);
}

// Each rule's documented Example fires on real advisory data and its
// "Use instead" does not. DEP003 needs an index: covered by deps_cli.
TEST_F(PypaTest, RuleDocsExamplesFireAndFixesStaySilent) {
  fs::path root = fs::path(::testing::TempDir()) / ("rampart_pypa_docs_" + std::to_string(::getpid()));
  for (const RuleInfo* rule : {&Dep001KnownVulnerablePin(), &Dep002RangeAllowsVulnerable(), &Dep004Unconstrained()}) {
    auto count = [&](std::string_view text) {
      fs::remove_all(root);
      fs::create_directories(root);
      // The first line names the file: "# requirements.txt".
      std::string name(text.substr(2, text.find_first_of(" \n", 2) - 2));
      std::ofstream(root / name) << text;
      AuditOptions options;
      options.db_path = db_path_;
      for (std::string_view code : {"DEP001", "DEP002", "DEP003", "DEP004"}) {
        options.enabled[std::string(code)] = code == rule->code;
      }
      AuditResult r = AuditDirectory(root.string(), options);
      EXPECT_TRUE(r.fatal_error.empty()) << r.fatal_error;
      EXPECT_TRUE(r.report.errors.empty()) << rule->code << ": " << r.report.errors[0];
      size_t n = 0;
      for (const Finding& f : r.report.findings) n += f.rule_code == rule->code;
      return n;
    };
    EXPECT_GT(count(rule->docs.example), 0u) << rule->code << " example does not fire";
    EXPECT_EQ(count(rule->docs.use_instead), 0u) << rule->code << " use_instead fires";
  }
  fs::remove_all(root);
}

}  // namespace
}  // namespace rampart::deps

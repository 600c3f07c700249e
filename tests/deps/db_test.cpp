// The SQLite advisory store: import from directories and zips, integrity, and
// the atomic swap (a failed import leaves the old database as it was).
#include "deps/advisory_db.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace rampart::deps {
namespace {

namespace fs = std::filesystem;
const std::string kOsv = std::string(RAMPART_SOURCE_DIR) + "/tests/deps/fixtures/osv";

std::string Read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void Write(const fs::path& path, std::string_view bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

class DbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("rampart_db_" + std::to_string(::getpid()) + "_" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A zip of the JSON fixtures, as OSV's export is laid out (flat *.json).
  std::string MakeZip() {
    std::string path = (dir_ / "all.zip").string();
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    EXPECT_NE(z, nullptr);
    for (const auto& entry : fs::directory_iterator(kOsv + "/json")) {
      std::string* text = new std::string(Read(entry.path()));
      zip_source_t* src = zip_source_buffer(z, text->data(), text->size(), 0);
      zip_file_add(z, entry.path().filename().c_str(), src, ZIP_FL_OVERWRITE);
      buffers_.emplace_back(text);
    }
    EXPECT_EQ(zip_close(z), 0);
    return path;
  }

  fs::path dir_;
  std::vector<std::unique_ptr<std::string>> buffers_;
};

TEST_F(DbTest, ImportDirectoryOfJsonAndYaml) {
  std::string db_path = (dir_ / "cache/rampart/advisories.sqlite3").string();
  ImportStats stats;
  std::string error;
  ASSERT_TRUE(BuildDatabase(kOsv, "fixtures", db_path, nullptr, &stats, &error)) << error;
  EXPECT_EQ(stats.files, 7u);
  EXPECT_EQ(stats.records, 6u);   // the npm-only record has no PyPI entry
  EXPECT_EQ(stats.skipped, 1u);
  EXPECT_EQ(stats.withdrawn, 1u);
  auto db = AdvisoryDb::Open(db_path, &error);
  ASSERT_NE(db, nullptr) << error;
  EXPECT_EQ(db->status().records, 6u);
  EXPECT_EQ(db->status().withdrawn, 1u);
  EXPECT_EQ(db->status().packages, 3u);
  EXPECT_EQ(db->status().source, "fixtures");
  EXPECT_GT(db->status().imported_at, 0);
  auto demo = db->ForPackage("demo-pkg");
  std::vector<std::string> ids;
  for (const auto& a : demo) ids.push_back(a.id);
  // The withdrawn record is stored but never matched.
  EXPECT_EQ(ids, (std::vector<std::string>{"GHSA-aaaa-bbbb-cccc", "PYSEC-2099-1", "PYSEC-2099-2"}));
  EXPECT_DOUBLE_EQ(demo[0].cvss_score, 9.8);
  EXPECT_EQ(demo[0].affected.ranges.size(), 2u);
  EXPECT_EQ(demo[1].affected.Listed().size(), 5u);
  EXPECT_EQ(demo[1].affected.Listed()[4], "2.0.2");
  EXPECT_TRUE(db->ForPackage("no-such-package").empty());
  EXPECT_FALSE(fs::exists(db_path + ".new-" + std::to_string(::getpid())));
}

TEST_F(DbTest, ImportZipAndFailuresKeepTheOldDatabase) {
  std::string db_path = (dir_ / "advisories.sqlite3").string();
  ImportStats stats;
  std::string error;
  std::string zip = MakeZip();
  ASSERT_TRUE(BuildDatabase(zip, "zip", db_path, nullptr, &stats, &error)) << error;
  EXPECT_EQ(stats.records, 2u);  // GHSA-aaaa-bbbb-cccc and the withdrawn one
  std::string before = Read(db_path);

  // Truncated download: half of a valid zip.
  std::string bytes = Read(zip);
  Write(dir_ / "truncated.zip", bytes.substr(0, bytes.size() / 2));
  EXPECT_FALSE(BuildDatabase((dir_ / "truncated.zip").string(), "t", db_path, nullptr, &stats, &error));
  EXPECT_NE(error.find("truncated.zip"), std::string::npos) << error;
  EXPECT_EQ(Read(db_path), before);

  // Corrupt zip: garbage bytes.
  Write(dir_ / "corrupt.zip", "PK\x03\x04 this is not really a zip archive");
  EXPECT_FALSE(BuildDatabase((dir_ / "corrupt.zip").string(), "c", db_path, nullptr, &stats, &error));
  EXPECT_EQ(Read(db_path), before);

  // A zip whose entry bytes were altered after the CRC was computed.
  std::string flipped = bytes;
  size_t at = flipped.find("Remote code execution");
  if (at != std::string::npos) {
    flipped[at] = 'X';  // stored uncompressed? then the CRC check must catch it
  } else {
    flipped[flipped.size() / 3] ^= 0x55;  // deflated: corrupt the stream
  }
  Write(dir_ / "flipped.zip", flipped);
  EXPECT_FALSE(BuildDatabase((dir_ / "flipped.zip").string(), "f", db_path, nullptr, &stats, &error));
  EXPECT_EQ(Read(db_path), before);

  // An unparseable record in a directory fails the whole import, naming the file.
  fs::create_directories(dir_ / "bad");
  fs::copy(kOsv + "/json/GHSA-aaaa-bbbb-cccc.json", dir_ / "bad/good.json");
  Write(dir_ / "bad/broken.json", "{\"id\": \"X\", ");
  EXPECT_FALSE(BuildDatabase((dir_ / "bad").string(), "b", db_path, nullptr, &stats, &error));
  EXPECT_NE(error.find("broken.json"), std::string::npos) << error;
  EXPECT_EQ(Read(db_path), before);

  // A source with nothing in it.
  fs::create_directories(dir_ / "empty");
  EXPECT_FALSE(BuildDatabase((dir_ / "empty").string(), "e", db_path, nullptr, &stats, &error));
  EXPECT_FALSE(BuildDatabase((dir_ / "missing").string(), "m", db_path, nullptr, &stats, &error));
  EXPECT_NE(error.find("no such file"), std::string::npos) << error;
  EXPECT_EQ(Read(db_path), before);
  // No temporary files are left behind.
  for (const auto& e : fs::directory_iterator(dir_)) {
    EXPECT_EQ(e.path().filename().string().find(".new-"), std::string::npos) << e.path();
  }
}

TEST_F(DbTest, OpenRejectsWhatIsNotADatabase) {
  std::string error;
  EXPECT_EQ(AdvisoryDb::Open((dir_ / "none.sqlite3").string(), &error), nullptr);
  EXPECT_NE(error.find("no advisory database"), std::string::npos);
  Write(dir_ / "text.sqlite3", "hello");
  EXPECT_EQ(AdvisoryDb::Open((dir_ / "text.sqlite3").string(), &error), nullptr);
  EXPECT_FALSE(error.empty());
}

TEST_F(DbTest, DefaultPathFollowsXdg) {
  const char* old = std::getenv("XDG_CACHE_HOME");
  std::string saved = old ? old : "";
  setenv("XDG_CACHE_HOME", "/tmp/xdg-test", 1);
  EXPECT_EQ(DefaultDatabasePath(), "/tmp/xdg-test/rampart/advisories.sqlite3");
  unsetenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  if (home) EXPECT_EQ(DefaultDatabasePath(), std::string(home) + "/.cache/rampart/advisories.sqlite3");
  if (old) setenv("XDG_CACHE_HOME", saved.c_str(), 1);
}

}  // namespace
}  // namespace rampart::deps

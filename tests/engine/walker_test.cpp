// The parallel file walker: which files, excludes, .gitignore, symlink loops,
// unreadable files, and output that does not depend on the thread count.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "rules/engine/file_walker.h"

namespace rampart::rules::engine {
namespace {

namespace fs = std::filesystem;

class WalkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("rampart-walker-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  void Write(const std::string& rel, const std::string& text = "x = 1\n") {
    fs::path p = root_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
  WalkResult Walk(unsigned threads = 2, std::vector<std::string> excludes = {}) {
    WalkOptions options;
    options.root = root_.string();
    options.targets = {root_.string()};
    options.threads = threads;
    options.excludes = std::move(excludes);
    return WalkProject(options);
  }
  static std::vector<std::string> Paths(const WalkResult& r) {
    std::vector<std::string> out;
    for (const SourceInput& f : r.files) out.push_back(f.path);
    return out;
  }
  fs::path root_;
};

TEST(IsAuditedFile, PythonAndTemplatesOnly) {
  EXPECT_TRUE(IsAuditedFile("app.py"));
  EXPECT_TRUE(IsAuditedFile("pkg/stubs.pyi"));
  EXPECT_TRUE(IsAuditedFile("templates/index.html"));
  EXPECT_TRUE(IsAuditedFile("app/templates/mail/x.j2"));
  EXPECT_TRUE(IsAuditedFile("app/templates/base.jinja2"));
  EXPECT_FALSE(IsAuditedFile("static/index.html")) << "html outside templates/";
  EXPECT_FALSE(IsAuditedFile("README.md"));
  EXPECT_FALSE(IsAuditedFile("app.pyc"));
  EXPECT_FALSE(IsAuditedFile("mytemplates/x.html"));
}

TEST_F(WalkerTest, FindsSourcesSortedAndReadsThem) {
  Write("b.py", "b = 2\n");
  Write("a/z.py");
  Write("a/templates/t.html", "<p>{{ x }}</p>");
  Write("notes.txt");
  WalkResult r = Walk();
  EXPECT_EQ(Paths(r), (std::vector<std::string>{"a/templates/t.html", "a/z.py", "b.py"}));
  EXPECT_EQ(r.files[2].bytes, "b = 2\n");
  EXPECT_EQ(r.files[2].abs_path, (root_ / "b.py").string());
  EXPECT_TRUE(r.errors.empty());
}

TEST_F(WalkerTest, DefaultExcludes) {
  for (const char* dir : {".git", ".venv", "venv", "node_modules", "__pycache__", "build", "dist", ".tox"}) {
    Write(std::string(dir) + "/x.py");
    Write(std::string("sub/") + dir + "/y.py");
  }
  Write("keep.py");
  Write("sub/keep.py");
  EXPECT_EQ(Paths(Walk()), (std::vector<std::string>{"keep.py", "sub/keep.py"}));
}

TEST_F(WalkerTest, GitignoreNestedAndNegated) {
  Write(".gitignore", "generated/\n*_pb2.py\n!keep_pb2.py\n");
  Write("generated/x.py");
  Write("api_pb2.py");
  Write("keep_pb2.py");
  Write("pkg/.gitignore", "/local.py\n");
  Write("pkg/local.py");
  Write("pkg/sub/local.py");
  Write("local.py");
  EXPECT_EQ(Paths(Walk()), (std::vector<std::string>{"keep_pb2.py", "local.py", "pkg/sub/local.py"}));
  WalkOptions no_gitignore;
  no_gitignore.root = root_.string();
  no_gitignore.targets = {root_.string()};
  no_gitignore.respect_gitignore = false;
  EXPECT_EQ(WalkProject(no_gitignore).files.size(), 6u);
}

TEST_F(WalkerTest, ConfiguredExcludes) {
  Write("tests/test_a.py");
  Write("migrations/0001.py");
  Write("app/migrations/0002.py");
  Write("app/views.py");
  EXPECT_EQ(Paths(Walk(2, {"tests/", "migrations"})), (std::vector<std::string>{"app/views.py"}));
}

TEST_F(WalkerTest, TargetBelowRootSeesParentGitignore) {
  Write(".gitignore", "secret.py\n");
  Write("app/secret.py");
  Write("app/views.py");
  WalkOptions options;
  options.root = root_.string();
  options.targets = {(root_ / "app").string()};
  EXPECT_EQ(Paths(WalkProject(options)), (std::vector<std::string>{"app/views.py"}));
}

TEST_F(WalkerTest, ExplicitFileIsAuditedEvenIfExcluded) {
  Write("build/gen.py");
  Write("script");
  WalkOptions options;
  options.root = root_.string();
  options.targets = {(root_ / "build/gen.py").string(), (root_ / "script").string()};
  EXPECT_EQ(Paths(WalkProject(options)), (std::vector<std::string>{"build/gen.py", "script"}));
}

TEST_F(WalkerTest, SymlinkLoopIsAnErrorNotAHang) {
  Write("pkg/a.py");
  fs::create_directory_symlink(root_ / "pkg", root_ / "pkg/loop");
  fs::create_symlink(root_ / "nowhere.py", root_ / "broken.py");
  fs::create_symlink(root_ / "self.py", root_ / "self.py");
  WalkResult r = Walk();
  EXPECT_EQ(Paths(r), (std::vector<std::string>{"pkg/a.py"}));
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_NE(r.errors[0].find("broken.py: broken symlink"), std::string::npos) << r.errors[0];
  EXPECT_NE(r.errors[1].find("pkg/loop: symlink loop"), std::string::npos) << r.errors[1];
  EXPECT_NE(r.errors[2].find("self.py: symlink loop"), std::string::npos) << r.errors[2];
}

TEST_F(WalkerTest, SymlinkedFileAndDirectoryAreFollowed) {
  Write("real/a.py");
  fs::create_directory_symlink(root_ / "real", root_ / "alias");
  fs::create_symlink(root_ / "real/a.py", root_ / "link.py");
  EXPECT_EQ(Paths(Walk()), (std::vector<std::string>{"alias/a.py", "link.py", "real/a.py"}));
}

TEST_F(WalkerTest, UnreadableFileIsReported) {
  Write("ok.py");
  // Reading /proc/self/mem at offset 0 fails with EIO even for root, which
  // stands in for any unreadable file.
  fs::create_symlink("/proc/self/mem", root_ / "mem.py");
  // A FIFO must be skipped, not opened (opening it would block forever).
  ASSERT_EQ(::mkfifo((root_ / "pipe.py").c_str(), 0600), 0);
  WalkResult r = Walk();
  EXPECT_EQ(Paths(r), (std::vector<std::string>{"ok.py"}));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("mem.py: cannot read file"), std::string::npos) << r.errors[0];
  if (::geteuid() != 0) {
    Write("locked.py");
    ::chmod((root_ / "locked.py").c_str(), 0);
    EXPECT_EQ(Walk().errors.size(), 2u);
  }
}

TEST_F(WalkerTest, HugeFileIsReportedAndSkipped) {
  Write("small.py");
  {
    std::ofstream big(root_ / "big.py");
    big.seekp((32 << 20) + 1);  // sparse: cheap to create
    big << "x";
  }
  WalkResult r = Walk();
  EXPECT_EQ(Paths(r), (std::vector<std::string>{"small.py"}));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "big.py: cannot read file: larger than 32 MiB, skipped");
}

TEST_F(WalkerTest, SameResultWithAnyThreadCount) {
  for (int d = 0; d < 20; ++d) {
    for (int f = 0; f < 15; ++f) {
      std::string path = "d";
      path.append(std::to_string(d)).append("/sub/f").append(std::to_string(f)).append(".py");
      Write(path);
    }
  }
  std::vector<std::string> one = Paths(Walk(1));
  EXPECT_EQ(one.size(), 300u);
  for (unsigned threads : {2u, 4u, 8u, 0u}) EXPECT_EQ(Paths(Walk(threads)), one) << threads;
}

}  // namespace
}  // namespace rampart::rules::engine

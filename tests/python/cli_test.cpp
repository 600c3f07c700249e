// `rampart debug ast` and `rampart debug parse` as a user runs them: output,
// stderr and exit codes (0 clean, 1 syntax errors, 2 usage errors).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace {

struct RunResult {
  int code = -1;
  std::string out;
  std::string err;
};

RunResult RunRampart(const std::string& args) {
  const char* bin = std::getenv("RAMPART");
  std::string binary = bin ? bin : RAMPART_BINARY;
  std::string err_path = ::testing::TempDir() + "rampart_cli_test.err";
  std::string command = binary + " " + args + " 2>" + err_path;
  RunResult run;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return run;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, n);
  int status = pclose(pipe);
  run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_path);
  run.err.assign(std::istreambuf_iterator<char>(err), std::istreambuf_iterator<char>());
  return run;
}

std::string WriteTemp(const std::string& name, const std::string& content) {
  std::string path = ::testing::TempDir() + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

TEST(DebugAst, PrintsCanonicalJson) {
  std::string path = WriteTemp("ok.py", "x = 1\n");
  RunResult r = RunRampart("debug ast " + path);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("{\"_type\": \"Module\", \"body\": [{\"_type\": \"Assign\"", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("{\"int\": \"1\"}"), std::string::npos);
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(DebugAst, SyntaxErrorsGoToStderrWithExitCode1) {
  std::string path = WriteTemp("bad.py", "x = 1\ny = (\n");
  RunResult r = RunRampart("debug ast " + path);
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, path + ":2:5: '(' was never closed\n");
  EXPECT_FALSE(r.out.empty());  // the recovered tree is still printed
}

TEST(DebugAst, MissingFileIsExitCode2) {
  RunResult r = RunRampart("debug ast /nonexistent/missing.py");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("/nonexistent/missing.py"), std::string::npos) << r.err;
}

TEST(DebugAst, JsonlBatchModeOneLinePerFile) {
  std::string a = WriteTemp("a.py", "a\n");
  std::string b = WriteTemp("b.py", "b = \n");
  RunResult r = RunRampart("debug ast --jsonl " + a + " " + b);
  EXPECT_EQ(r.code, 1);
  size_t first_newline = r.out.find('\n');
  ASSERT_NE(first_newline, std::string::npos);
  EXPECT_EQ(r.out.find('\n', first_newline + 1), r.out.size() - 1);
  EXPECT_NE(r.out.find("\"errors\": []"), std::string::npos);
  EXPECT_NE(r.out.find("\"message\": \"invalid syntax\""), std::string::npos);
}

TEST(DebugParse, CountsFilesBytesAndErrors) {
  std::string dir = ::testing::TempDir() + "rampart_parse_tree";
  std::system(("rm -rf " + dir + " && mkdir -p " + dir + "/pkg").c_str());
  std::ofstream(dir + "/pkg/good.py") << "def f():\n    return 1\n";
  std::ofstream(dir + "/pkg/bad.py") << "def f(:\n";
  std::ofstream(dir + "/pkg/notes.txt") << "not python";
  RunResult r = RunRampart("debug parse " + dir);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("\"files\": 2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"bytes\": 30"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"files_with_errors\": 1"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("bad.py:1:6: '(' was never closed"), std::string::npos) << r.err;
  RunResult missing = RunRampart("debug parse /nonexistent/dir");
  EXPECT_EQ(missing.code, 2);
}

}  // namespace

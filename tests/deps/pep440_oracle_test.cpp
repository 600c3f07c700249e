// Differential test: rampart's PEP 440 implementation against pip's own
// `packaging` library. The golden file fixtures/pep440_oracle.tsv is produced
// by gen_pep440_oracle.py (run it to regenerate); every line is one case.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "deps/pep440.h"
#include "deps/pep508.h"

namespace rampart::deps {
namespace {

std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string field;
  while (std::getline(ss, field, '\t')) out.push_back(field);
  if (!line.empty() && line.back() == '\t') out.push_back("");
  return out;
}

// The same three environments as gen_pep440_oracle.py's ENVS.
MarkerEnvironment Environment(const std::string& name) {
  MarkerEnvironment env;
  if (name == "linux311") {
    env.values = {{"python_version", "3.11"}, {"python_full_version", "3.11.4"}, {"sys_platform", "linux"},
                  {"platform_system", "Linux"}, {"os_name", "posix"}, {"platform_machine", "x86_64"},
                  {"platform_python_implementation", "CPython"}, {"implementation_name", "cpython"},
                  {"implementation_version", "3.11.4"}, {"platform_release", "6.1.0"},
                  {"platform_version", "#1 SMP"}, {"extra", ""}};
  } else if (name == "win38") {
    env.values = {{"python_version", "3.8"}, {"python_full_version", "3.8.10"}, {"sys_platform", "win32"},
                  {"platform_system", "Windows"}, {"os_name", "nt"}, {"platform_machine", "AMD64"},
                  {"platform_python_implementation", "CPython"}, {"implementation_name", "cpython"},
                  {"implementation_version", "3.8.10"}, {"platform_release", "10"},
                  {"platform_version", "10.0.19041"}, {"extra", ""}};
  } else if (name == "mac312") {
    env.values = {{"python_version", "3.12"}, {"python_full_version", "3.12.0"}, {"sys_platform", "darwin"},
                  {"platform_system", "Darwin"}, {"os_name", "posix"}, {"platform_machine", "arm64"},
                  {"platform_python_implementation", "PyPy"}, {"implementation_name", "pypy"},
                  {"implementation_version", "7.3.13"}, {"platform_release", "23.1.0"},
                  {"platform_version", "Darwin"}, {"extra", ""}};
  } else {
    ADD_FAILURE() << "unknown environment " << name;
  }
  return env;
}

TEST(Pep440Oracle, MatchesPackaging) {
  std::ifstream in(std::string(RAMPART_SOURCE_DIR) + "/tests/deps/fixtures/pep440_oracle.tsv");
  ASSERT_TRUE(in) << "missing oracle file";
  std::string line;
  size_t cases = 0, failures = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto f = Split(line);
    ++cases;
    bool ok = true;
    std::string got;
    if (f[0] == "normalize") {
      auto v = Version::Parse(f[1]);
      got = v ? v->ToString() : "<invalid>";
      ok = got == f[2];
    } else if (f[0] == "compare") {
      auto a = Version::Parse(f[1]), b = Version::Parse(f[2]);
      int c = (a && b) ? Compare(*a, *b) : 99;
      c = c < 0 ? -1 : (c > 0 ? 1 : 0);
      got = std::to_string(c);
      ok = a && b && got == f[3];
    } else if (f[0] == "contains") {
      std::string error;
      auto set = SpecifierSet::Parse(f[1], &error);
      auto v = Version::Parse(f[2]);
      if (!set || !v) {
        ok = false;
        got = "<parse error: " + error + ">";
      } else {
        got = std::to_string(set->Contains(*v)) + "\t" + std::to_string(set->Contains(*v, true));
        ok = got == f[3] + "\t" + f[4];
      }
    } else if (f[0] == "marker") {
      MarkerEnvironment env = Environment(f[1]);
      std::string error;
      size_t column = 0;
      auto marker = Marker::Parse(f[2], &error, &column);
      got = marker ? std::to_string(marker->Evaluate(env)) : "<parse error: " + error + ">";
      ok = got == f[3];
    } else {
      ADD_FAILURE() << "unknown oracle line: " << line;
    }
    if (!ok) {
      ++failures;
      if (failures <= 30) ADD_FAILURE() << line << "  -> rampart: " << got;
    }
  }
  EXPECT_GT(cases, 5000u);
  EXPECT_EQ(failures, 0u) << "of " << cases << " cases";
}

}  // namespace
}  // namespace rampart::deps

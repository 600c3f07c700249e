// PEP 508 requirements, PEP 503 names and marker evaluation.
#include "deps/pep508.h"

#include <gtest/gtest.h>

namespace rampart::deps {
namespace {

TEST(Pep503, Normalize) {
  EXPECT_EQ(NormalizeName("Friendly-Bard"), "friendly-bard");
  EXPECT_EQ(NormalizeName("FRIENDLY-BARD"), "friendly-bard");
  EXPECT_EQ(NormalizeName("friendly.bard"), "friendly-bard");
  EXPECT_EQ(NormalizeName("friendly_bard"), "friendly-bard");
  EXPECT_EQ(NormalizeName("friendly--bard"), "friendly-bard");
  EXPECT_EQ(NormalizeName("FrIeNdLy-._.-bArD"), "friendly-bard");
  EXPECT_TRUE(IsValidName("zope.interface"));
  EXPECT_FALSE(IsValidName("-bad"));
  EXPECT_FALSE(IsValidName("bad-"));
}

TEST(Pep508, Forms) {
  Requirement r;
  RequirementError e;
  ASSERT_TRUE(ParseRequirement("requests[security,socks] >= 2.8.1, == 2.8.* ; python_version < \"2.7\"", &r, &e))
      << e.message;
  EXPECT_EQ(r.normalized_name, "requests");
  EXPECT_EQ(r.extras, (std::vector<std::string>{"security", "socks"}));
  EXPECT_EQ(r.specifier_text, ">= 2.8.1, == 2.8.*");
  EXPECT_EQ(r.specifier.specifiers().size(), 2u);
  ASSERT_TRUE(r.marker.has_value());

  ASSERT_TRUE(ParseRequirement("name (>=1.0)", &r, &e)) << e.message;
  EXPECT_EQ(r.specifier_text, ">=1.0");
  ASSERT_TRUE(ParseRequirement("pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee ; python_version >= '3'", &r, &e))
      << e.message;
  EXPECT_EQ(r.url, "https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee");
  EXPECT_TRUE(r.specifier.empty());
  ASSERT_TRUE(r.marker.has_value());

  ASSERT_TRUE(ParseRequirement("Django==4.2.1", &r, &e));
  EXPECT_EQ(r.specifier_begin, 6u);
  EXPECT_EQ(r.specifier_end, 13u);
  EXPECT_EQ(r.specifier.PinnedVersion()->ToString(), "4.2.1");
}

TEST(Pep508, ErrorsCarryColumns) {
  Requirement r;
  RequirementError e;
  EXPECT_FALSE(ParseRequirement("flask >= ", &r, &e));
  EXPECT_NE(e.message.find("missing version"), std::string::npos) << e.message;
  EXPECT_FALSE(ParseRequirement("flask[extra", &r, &e));
  EXPECT_EQ(e.column, 5u);
  EXPECT_FALSE(ParseRequirement("flask ; python_versio < '3'", &r, &e));
  EXPECT_NE(e.message.find("`python_versio`"), std::string::npos) << e.message;
  EXPECT_EQ(e.column, 8u);
  EXPECT_FALSE(ParseRequirement("flask 2.0", &r, &e));
  EXPECT_FALSE(ParseRequirement("", &r, &e));
}

bool Eval(std::string_view marker, const MarkerEnvironment& env) {
  std::string error;
  size_t column = 0;
  auto m = Marker::Parse(marker, &error, &column);
  EXPECT_TRUE(m.has_value()) << marker << ": " << error;
  return m && m->Evaluate(env);
}

TEST(Pep508Markers, Evaluation) {
  MarkerEnvironment env;
  env.SetPythonVersion("3.11.4");
  ASSERT_TRUE(env.SetPlatform("linux"));
  env.values["platform_machine"] = "x86_64";
  env.values["platform_python_implementation"] = "CPython";
  EXPECT_TRUE(Eval("python_version >= '3.8'", env));
  EXPECT_FALSE(Eval("python_version < '3.8'", env));
  // Version comparison, not string comparison: "3.11" > "3.9".
  EXPECT_TRUE(Eval("python_version > '3.9'", env));
  EXPECT_TRUE(Eval("python_full_version == '3.11.4'", env));
  EXPECT_TRUE(Eval("python_version == '3.11.*'", env));
  EXPECT_TRUE(Eval("sys_platform == 'linux' and platform_machine == 'x86_64'", env));
  EXPECT_FALSE(Eval("sys_platform == 'win32'", env));
  EXPECT_TRUE(Eval("sys_platform == 'win32' or (os_name == 'posix' and python_version ~= '3.10')", env));
  EXPECT_TRUE(Eval("'linux' in sys_platform", env));
  EXPECT_TRUE(Eval("platform_machine not in 'arm64 aarch64'", env));
  EXPECT_TRUE(Eval("'3.6' < python_version", env));
  EXPECT_FALSE(Eval("extra == 'test'", env));
  EXPECT_TRUE(Eval("os.name == 'posix'", env));  // legacy spelling
  ASSERT_TRUE(env.SetPlatform("win32"));
  EXPECT_TRUE(Eval("sys_platform == 'win32' and os_name == 'nt'", env));
  env.SetPythonVersion("3.7");
  EXPECT_TRUE(Eval("python_version < '3.8'", env));
  EXPECT_EQ(env.values["python_full_version"], "3.7.0");
}

TEST(Pep508Markers, ParseErrors) {
  std::string error;
  size_t column = 0;
  EXPECT_FALSE(Marker::Parse("python_version >= '3.8' and", &error, &column).has_value());
  EXPECT_FALSE(Marker::Parse("python_version >= '3.8", &error, &column).has_value());
  EXPECT_FALSE(Marker::Parse("(python_version >= '3.8'", &error, &column).has_value());
  EXPECT_FALSE(Marker::Parse("python_version is '3.8'", &error, &column).has_value());
  EXPECT_FALSE(Marker::Parse("python_version >= '3.8' junk", &error, &column).has_value());
}

TEST(Pep508Markers, MachineDefaults) {
  auto env = MarkerEnvironment::ForThisMachine();
  EXPECT_FALSE(env.values["python_version"].empty());
  EXPECT_EQ(env.values["sys_platform"], "linux");
}

}  // namespace
}  // namespace rampart::deps

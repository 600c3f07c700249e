// Tests for the general and injection rule families beyond their fixtures:
// path-dependent behaviour (PY101 skips test code), raw-text positions (PY613),
// the shared name/value helpers, and that every rule of the family survives
// hostile input (syntax errors, deep nesting, huge literals) without crashing,
// hanging or reporting garbage.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "rules/analyze.h"
#include "rules/general/support.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

// The family's codes (src/rules/general/ and src/rules/injection/, minus PY602/PY608).
const std::vector<std::string>& FamilyCodes() {
  static const std::vector<std::string> codes = {
      "PY101", "PY102", "PY103", "PY104", "PY106", "PY107", "PY108", "PY110", "PY112",
      "PY113", "PY202", "PY601", "PY603", "PY604", "PY605", "PY606", "PY607", "PY609",
      "PY610", "PY611", "PY612", "PY613", "PY614", "PY615", "PY910", "PY911", "PY912",
      "PY913", "PY914"};
  return codes;
}

ProjectResult Analyze(const std::vector<std::string>& codes, const std::string& path,
                      const std::string& source) {
  ProjectInput input;
  input.root = "/project";
  input.files.push_back({path, path, source});
  input.enabled = [codes](std::string_view code) {
    for (const std::string& c : codes) {
      if (c == code) return true;
    }
    return false;
  };
  input.threads = 1;
  return AnalyzeProject(input);
}

size_t CountFor(const std::string& code, const std::string& path, const std::string& source) {
  return Analyze({code}, path, source).findings.size();
}

TEST(FamilyRegistry, EveryCodeIsRegistered) {
  for (const std::string& code : FamilyCodes()) {
    const Rule* rule = FindRule(code);
    ASSERT_NE(rule, nullptr) << code;
    EXPECT_EQ(rule->info.code, code);
  }
}

constexpr const char* kAssertSource = "def check(x):\n    assert x > 0\n    return x\n";

TEST(AssertUsed, ReportsApplicationCode) {
  EXPECT_EQ(CountFor("PY101", "app/views.py", kAssertSource), 1u);
  EXPECT_EQ(CountFor("PY101", "views.py", kAssertSource), 1u);
  EXPECT_EQ(CountFor("PY101", "contests/scoring.py", kAssertSource), 1u);
  EXPECT_EQ(CountFor("PY101", "app/latest.py", kAssertSource), 1u);
  // Sample application code kept as test data is audited like application code.
  EXPECT_EQ(CountFor("PY101", "tests/fixtures/app/views.py", kAssertSource), 1u);
}

TEST(AssertUsed, SkipsTestCode) {
  EXPECT_EQ(CountFor("PY101", "tests/test_views.py", kAssertSource), 0u);
  EXPECT_EQ(CountFor("PY101", "app/tests/helpers.py", kAssertSource), 0u);
  EXPECT_EQ(CountFor("PY101", "test/util.py", kAssertSource), 0u);
  EXPECT_EQ(CountFor("PY101", "test_models.py", kAssertSource), 0u);
  EXPECT_EQ(CountFor("PY101", "app/models_test.py", kAssertSource), 0u);
  EXPECT_EQ(CountFor("PY101", "conftest.py", kAssertSource), 0u);
  EXPECT_EQ(CountFor("PY101", "polls/tests.py", kAssertSource), 0u);
}

TEST(AssertUsed, ReportsTheKeywordOnly) {
  ProjectResult result = Analyze({"PY101"}, "app.py", kAssertSource);
  ASSERT_EQ(result.findings.size(), 1u);
  const Finding& finding = result.findings[0];
  EXPECT_EQ(finding.range.start.line, 2u);
  EXPECT_EQ(finding.range.start.column, 5u);
  EXPECT_EQ(finding.range.end.column, 11u);  // `assert` is 6 bytes
}

TEST(Trojansource, ReportsEachControlAtItsByteColumn) {
  // "é" is two bytes, so the U+202E after `x = "é` starts at byte column 8.
  std::string source = "x = \"\xC3\xA9\xE2\x80\xAE\"\ny = 1  # \xE2\x81\xA6 and \xE2\x81\xA9\n";
  ProjectResult result = Analyze({"PY613"}, "app.py", source);
  ASSERT_EQ(result.findings.size(), 3u);
  EXPECT_EQ(result.findings[0].range.start.line, 1u);
  EXPECT_EQ(result.findings[0].range.start.column, 8u);
  EXPECT_EQ(result.findings[0].range.end.column, 11u);
  EXPECT_NE(result.findings[0].message.find("U+202E"), std::string::npos);
  EXPECT_EQ(result.findings[1].range.start.line, 2u);
  EXPECT_NE(result.findings[1].message.find("U+2066"), std::string::npos);
  EXPECT_NE(result.findings[2].message.find("U+2069"), std::string::npos);
}

TEST(Trojansource, RightToLeftMarkIsLowSeverity) {
  ProjectResult result = Analyze({"PY613"}, "formats.py", "F = 'd\xE2\x80\x8F/m'\n");
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].severity, Severity::kLow);
  EXPECT_NE(result.findings[0].message.find("U+200F"), std::string::npos);
}

TEST(Trojansource, SilentOnOtherUnicodeAndEscapes) {
  // Arabic letters, an em dash (E2 80 94, same lead bytes) and an escaped override.
  std::string source = "a = \"\xD9\x85\xD8\xB1\" \n# \xE2\x80\x94 dash\nb = \"\\u202e\"\n";
  EXPECT_EQ(CountFor("PY613", "app.py", source), 0u);
}

TEST(PasswordNames, FollowPy105Vocabulary) {
  using general::IsPasswordName;
  for (const char* name : {"password", "db_password", "DB_PASSWORD", "dbPassword", "passwd", "pwd",
                           "api_token", "secret", "client_secret", "api_key", "db_pass", "pasword"}) {
    EXPECT_TRUE(IsPasswordName(name)) << name;
  }
  for (const char* name : {"token_type", "password_field", "token_url", "secret_name", "passenger",
                           "pass_through", "user", "keyboard", "compass"}) {
    EXPECT_FALSE(IsPasswordName(name)) << name;
  }
}

TEST(PasswordValues, SkipPlaceholders) {
  using general::IsPasswordLikeValue;
  for (const char* value : {"hunter2-prod", "s3cr3t!", "changeme", "tok_live_123"}) {
    EXPECT_TRUE(IsPasswordLikeValue(value)) << value;
  }
  for (const char* value : {"", "  ", "ab", "********", "xxxx", "<password>", "${DB_PASSWORD}",
                            "{{ token }}", "%(pw)s", "{password}", "DB_PASSWORD", "password", "none",
                            "your-api-key", ":****", "Bearer", "(?:[^\\s]+)"}) {
    EXPECT_FALSE(IsPasswordLikeValue(value)) << value;
  }
}

// Every rule of the family on inputs that stress the parser's recovery and the
// model's bounds: no crash, no hang, findings only with valid positions.
TEST(FamilyRobustness, HostileInputs) {
  std::vector<std::string> inputs = {
      "",
      "\n\n\n",
      "import os\nos.system(\n",
      "def f(password=\n",
      "app.run(host=\"0.0.0.0\"\n",
      "subprocess.run([\"ls\", , shell=True)\n",
      "try:\n    pass\nexcept\n",
      "assert\n",
      "os.chmod(p, stat.S_IRWXU | )\n",
      "x = \"\xE2\x80\xAE",  // unterminated string with an override
      "\xFF\xFE garbage \x00 bytes\n",
      "tar.extractall(\n",
      "jwt.decode(token, options={**opts, \"verify_signature\": False})\n",
      "qs.extra(select={**other})\n",
      "os.execve()\nos.spawnl()\nos.system()\n",
  };
  // Deep nesting and long chains (the parser caps depth; the rules must not recurse with it).
  std::string deep = "import os\nos.system(" + std::string(3000, '(') + "x" + std::string(3000, ')') + ")\n";
  inputs.push_back(deep);
  std::string chain = "import os\nMODE = 0o700\n";
  for (int i = 0; i < 2000; ++i) chain += "M" + std::to_string(i + 1) + " = " + (i == 0 ? std::string("MODE") : "M" + std::to_string(i)) + "\n";
  chain += "os.chmod(p, M2000 | 0o002)\n";
  inputs.push_back(chain);
  std::string concat = "import os\ncmd = \"ls\"\n";
  for (int i = 0; i < 3000; ++i) concat += "cmd = cmd + \" x\"\n";
  concat += "os.system(cmd + \" *\")\n";
  inputs.push_back(concat);
  inputs.push_back("import os\nos.system(\"chmod 600 *\" + \"" + std::string(200000, 'a') + "\")\n");

  for (const std::string& input : inputs) {
    auto start = std::chrono::steady_clock::now();
    ProjectResult result = Analyze(FamilyCodes(), "app.py", input);
    auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_LT(std::chrono::duration_cast<std::chrono::seconds>(elapsed).count(), 5)
        << "slow on input of " << input.size() << " bytes";
    for (const Finding& finding : result.findings) {
      EXPECT_GE(finding.range.start.line, 1u) << finding.rule_code;
      EXPECT_GE(finding.range.start.column, 1u) << finding.rule_code;
      EXPECT_FALSE(finding.message.empty());
    }
  }
}

// A realistic module with several problems: each rule reports its own line and
// nothing else, and running the whole family gives the sum of the single runs.
TEST(FamilyInteraction, RulesDoNotOverlap) {
  const std::string source =
      "import os\n"
      "import subprocess\n"
      "import requests\n"
      "from flask import Flask, request, render_template_string\n"
      "app = Flask(__name__)\n"
      "@app.route('/x')\n"
      "def x():\n"
      "    name = request.args['n']\n"
      "    os.system('ls ' + name)\n"
      "    subprocess.run(['convert', name])\n"
      "    requests.get(name)\n"
      "    return render_template_string('<p>' + name)\n"
      "if __name__ == '__main__':\n"
      "    app.run(host='0.0.0.0', use_debugger=True)\n";
  size_t sum = 0;
  for (const std::string& code : FamilyCodes()) sum += CountFor(code, "app.py", source);
  ProjectResult all = Analyze(FamilyCodes(), "app.py", source);
  EXPECT_EQ(all.findings.size(), sum);
  EXPECT_EQ(CountFor("PY605", "app.py", source), 1u);  // os.system with a built command
  EXPECT_EQ(CountFor("PY603", "app.py", source), 1u);  // subprocess.run with a variable
  EXPECT_EQ(CountFor("PY607", "app.py", source), 2u);  // `ls`, `convert` by name
  EXPECT_EQ(CountFor("PY113", "app.py", source), 1u);
  EXPECT_EQ(CountFor("PY912", "app.py", source), 1u);
  EXPECT_EQ(CountFor("PY104", "app.py", source), 1u);
  EXPECT_EQ(CountFor("PY913", "app.py", source), 1u);
  EXPECT_EQ(CountFor("PY604", "app.py", source), 0u);
  EXPECT_EQ(CountFor("PY101", "app.py", source), 0u);
}

}  // namespace
}  // namespace rampart::rules

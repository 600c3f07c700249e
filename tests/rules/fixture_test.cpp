// The fixture runner and the metadata test for every registered code rule.
//
// Fixture contract (closed world, machine-checked): for a rule named N, the file
// tests/fixtures/<area>/N.py is analysed with only that rule enabled.
//   `# ruleid: N`      the rule must report on the next code line
//   `# ok: N`          the rule must not report on the next code line
//   `# todoruleid: N`  known false negative: not checked (noted when it starts passing)
//   `# todook: N`      known false positive: not checked
// An annotation may list several names separated by commas; it applies to the
// next line that is neither blank nor an annotation comment. Any finding on a
// line that is not announced fails; a rule without a fixture fails; a fixture
// without at least one `ruleid` and one `ok` fails; a fixture with syntax
// errors fails (it would test the parser's recovery, not the rule).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "base/rule_families.h"
#include "rules/analyze.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

namespace fs = std::filesystem;

fs::path FixtureRoot() { return fs::path(RAMPART_SOURCE_DIR) / "tests" / "fixtures"; }

std::optional<fs::path> FindFixture(std::string_view name) {
  std::error_code error;
  std::string file_name = std::string(name) + ".py";
  for (fs::recursive_directory_iterator it(FixtureRoot(), error), end; !error && it != end;
       it.increment(error)) {
    if (it->is_regular_file() && it->path().filename() == file_name) return it->path();
  }
  return std::nullopt;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

ProjectResult AnalyzeOne(const Rule& rule, const std::string& path, const std::string& bytes) {
  ProjectInput input;
  input.root = "/fixture";
  input.files.push_back({path, path, bytes});
  std::string code(rule.info.code);
  input.enabled = [code](std::string_view c) { return c == code; };
  input.threads = 1;
  return AnalyzeProject(input);
}

struct Annotations {
  std::set<uint32_t> ruleid, ok, todoruleid, todook;
};

// Parses the annotations for `name`; lines are 1-based.
Annotations ParseAnnotations(const std::string& text, std::string_view name) {
  static const std::regex kAnnotation(R"(^\s*#\s*(ruleid|ok|todoruleid|todook)\s*:\s*(.*?)\s*$)");
  std::vector<std::string> lines;
  std::stringstream stream(text);
  for (std::string line; std::getline(stream, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  Annotations result;
  std::vector<std::string> pending;  // kinds waiting for their code line
  for (size_t i = 0; i < lines.size(); ++i) {
    std::smatch match;
    if (std::regex_match(lines[i], match, kAnnotation)) {
      std::stringstream names(match[2].str());
      for (std::string item; std::getline(names, item, ',');) {
        item.erase(0, item.find_first_not_of(" \t"));
        item.erase(item.find_last_not_of(" \t") + 1);
        if (item == name) pending.push_back(match[1].str());
      }
      continue;
    }
    if (lines[i].find_first_not_of(" \t") == std::string::npos) continue;
    uint32_t line_number = static_cast<uint32_t>(i + 1);
    for (const std::string& kind : pending) {
      if (kind == "ruleid") result.ruleid.insert(line_number);
      if (kind == "ok") result.ok.insert(line_number);
      if (kind == "todoruleid") result.todoruleid.insert(line_number);
      if (kind == "todook") result.todook.insert(line_number);
    }
    pending.clear();
  }
  return result;
}

std::vector<std::string> RuleNames() {
  std::vector<std::string> names;
  for (const Rule* rule : AllRules()) names.emplace_back(rule->info.name);
  return names;
}

std::string TestName(const testing::TestParamInfo<std::string>& info) {
  std::string out;
  for (char c : info.param) out += (c == '-') ? '_' : c;
  return out;
}

class RuleFixture : public testing::TestWithParam<std::string> {};

TEST_P(RuleFixture, AnnotationsHold) {
  const Rule* rule = FindRule(GetParam());
  ASSERT_NE(rule, nullptr);
  std::optional<fs::path> fixture = FindFixture(rule->info.name);
  ASSERT_TRUE(fixture.has_value()) << "no fixture tests/fixtures/<area>/" << rule->info.name << ".py";
  std::string text = ReadFile(*fixture);
  std::string relative = fs::relative(*fixture, RAMPART_SOURCE_DIR).generic_string();
  Annotations annotations = ParseAnnotations(text, rule->info.name);
  EXPECT_FALSE(annotations.ruleid.empty()) << relative << ": no `# ruleid: " << rule->info.name << "` line";
  EXPECT_FALSE(annotations.ok.empty()) << relative << ": no `# ok: " << rule->info.name << "` line";

  // Every annotation must name a registered rule: a typo would silently
  // turn a `ruleid` into a comment.
  static const std::regex kAnyAnnotation(R"(#\s*(?:ruleid|ok|todoruleid|todook)\s*:\s*([^\n]*))");
  for (std::sregex_iterator it(text.begin(), text.end(), kAnyAnnotation), end; it != end; ++it) {
    std::stringstream names((*it)[1].str());
    for (std::string item; std::getline(names, item, ',');) {
      item.erase(0, item.find_first_not_of(" \t"));
      item.erase(item.find_last_not_of(" \t\r") + 1);
      EXPECT_NE(FindRule(item), nullptr) << relative << ": annotation names an unknown rule `" << item << "`";
    }
  }

  ProjectResult result = AnalyzeOne(*rule, relative, text);
  ASSERT_EQ(result.files.size(), 1u);
  for (const std::string& error : result.files[0].errors) ADD_FAILURE() << "fixture does not parse: " << error;

  std::map<uint32_t, std::vector<const Finding*>> by_line;
  for (const Finding& finding : result.findings) {
    EXPECT_EQ(finding.rule_code, rule->info.code);
    EXPECT_FALSE(finding.message.empty());
    EXPECT_FALSE(finding.snippet.empty()) << relative << ":" << finding.range.start.line;
    by_line[finding.range.start.line].push_back(&finding);
  }
  for (uint32_t line : annotations.ruleid) {
    EXPECT_TRUE(by_line.count(line)) << relative << ":" << line << ": `ruleid` but the rule did not fire";
  }
  for (uint32_t line : annotations.ok) {
    if (by_line.count(line))
      ADD_FAILURE() << relative << ":" << line << ": `ok` but the rule fired: " << by_line[line][0]->message;
  }
  for (uint32_t line : annotations.todoruleid) {
    if (by_line.count(line))
      std::cout << "[ note ] " << relative << ":" << line << ": todoruleid now fires; promote it to ruleid\n";
  }
  for (const auto& [line, findings] : by_line) {
    bool announced = annotations.ruleid.count(line) || annotations.todoruleid.count(line) ||
                     annotations.todook.count(line);
    if (!announced)
      ADD_FAILURE() << relative << ":" << line << ": unannounced finding: " << findings[0]->message;
  }
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleFixture, testing::ValuesIn(RuleNames()), TestName);

class RuleMetadata : public testing::TestWithParam<std::string> {};

TEST_P(RuleMetadata, DocsExampleFiresAndUseInsteadDoesNot) {
  const Rule* rule = FindRule(GetParam());
  ASSERT_NE(rule, nullptr);
  const RuleInfo& info = rule->info;
  ASSERT_FALSE(info.docs.example.empty());
  ASSERT_FALSE(info.docs.use_instead.empty());
  ProjectResult example = AnalyzeOne(*rule, "example.py", std::string(info.docs.example));
  EXPECT_TRUE(example.files[0].errors.empty()) << example.files[0].errors[0];
  EXPECT_FALSE(example.findings.empty()) << info.code << ": the docs' Example does not fire";
  ProjectResult fixed = AnalyzeOne(*rule, "example.py", std::string(info.docs.use_instead));
  EXPECT_TRUE(fixed.files[0].errors.empty()) << fixed.files[0].errors[0];
  for (const Finding& finding : fixed.findings)
    ADD_FAILURE() << info.code << ": the docs' Use instead fires on line " << finding.range.start.line << ": "
                  << finding.message;
}

TEST_P(RuleMetadata, FieldsAreComplete) {
  const Rule* rule = FindRule(GetParam());
  ASSERT_NE(rule, nullptr);
  const RuleInfo& info = rule->info;
  EXPECT_TRUE(std::regex_match(std::string(info.code), std::regex("(PY|TNT|CFG|SEC)[0-9]{3}"))) << info.code;
  EXPECT_TRUE(std::regex_match(std::string(info.name), std::regex("[a-z0-9]+(-[a-z0-9]+)*"))) << info.name;
  EXPECT_FALSE(info.summary.empty());
  EXPECT_FALSE(info.fix_hint.empty());
  EXPECT_FALSE(info.cwe.empty()) << info.code << ": no CWE";
  EXPECT_FALSE(info.owasp.empty());
  EXPECT_FALSE(info.docs.what_it_does.empty());
  EXPECT_FALSE(info.docs.why_bad.empty());
  EXPECT_FALSE(info.docs.references.empty());
  // Messages style: the summary is lowercase-initial and has no trailing period.
  EXPECT_FALSE(info.summary.back() == '.') << info.code;
  EXPECT_FALSE(info.summary.front() >= 'A' && info.summary.front() <= 'Z') << info.code;
  for (std::string_view alias : info.aliases) {
    EXPECT_NE(alias.find(':'), std::string_view::npos) << info.code << ": alias without tool prefix: " << alias;
  }
  EXPECT_TRUE(rule->check != nullptr || rule->check_module != nullptr || rule->check_text != nullptr)
      << info.code << ": a rule without a check";
  if (rule->check != nullptr) EXPECT_FALSE(rule->node_kinds.empty()) << info.code;
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleMetadata, testing::ValuesIn(RuleNames()), TestName);

TEST(RuleRegistry, DefLinesMatchTheirRules) {
  std::set<std::string_view> codes, names;
  for (const RegisteredRule& registered : RegisteredRules()) {
    EXPECT_EQ(registered.def_code, registered.rule->info.code)
        << "rules.def names " << registered.def_code << " but the rule's RuleInfo says " << registered.rule->info.code;
    EXPECT_TRUE(codes.insert(registered.rule->info.code).second) << "duplicate code " << registered.rule->info.code;
    EXPECT_TRUE(names.insert(registered.rule->info.name).second) << "duplicate name " << registered.rule->info.name;
  }
  EXPECT_FALSE(codes.empty());
}

TEST(RuleRegistry, CatalogueListsEveryRule) {
  std::vector<const RuleInfo*> infos = CodeRuleInfos();
  EXPECT_EQ(infos.size(), AllRules().size());
  for (const Rule* rule : AllRules()) {
    const RuleInfo* found = RuleCatalogue::Get().FindByCode(rule->info.code);
    EXPECT_EQ(found, &rule->info) << rule->info.code;
  }
  for (size_t i = 1; i < AllRules().size(); ++i) EXPECT_LT(AllRules()[i - 1]->info.code, AllRules()[i]->info.code);
}

TEST(RuleRegistry, FindRuleByCodeAndName) {
  const Rule* by_code = FindRule("PY602");
  ASSERT_NE(by_code, nullptr);
  EXPECT_EQ(FindRule("subprocess-popen-with-shell-equals-true"), by_code);
  EXPECT_EQ(FindRule("PY999999"), nullptr);
}

// Every fixture belongs to a registered rule (a typo in a file name would
// otherwise leave a fixture silently unused).
TEST(RuleFixtures, EveryFixtureHasARule) {
  std::set<std::string> names;
  for (const Rule* rule : AllRules()) names.insert(std::string(rule->info.name));
  std::error_code error;
  for (fs::recursive_directory_iterator it(FixtureRoot(), error), end; !error && it != end; it.increment(error)) {
    if (!it->is_regular_file() || it->path().extension() != ".py") continue;
    std::string stem = it->path().stem().string();
    std::string text = ReadFile(it->path());
    // Only fixtures that use annotations are rule fixtures (other areas keep
    // helper files here too).
    if (text.find("# ruleid:") == std::string::npos) continue;
    EXPECT_TRUE(names.count(stem)) << it->path() << " has annotations but no rule is named " << stem;
  }
}

}  // namespace
}  // namespace rampart::rules

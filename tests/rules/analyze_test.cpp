// Tests of the analysis pipeline (AnalyzeProject / AnalyzeWithRules): dispatch
// by node kind, module and text hooks, disabled rules, syntax and decoding
// errors, comments, cross-file resolution, determinism across thread counts.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "rules/analyze.h"
#include "rules/rule.h"

namespace rampart::rules {
namespace {

const RuleInfo kTestInfo{.code = "PY990",
                         .name = "test-call-rule",
                         .summary = "test",
                         .fix_hint = "test",
                         .severity = Severity::kLow,
                         .confidence = Confidence::kHigh,
                         .cwe = {1},
                         .owasp = "",
                         .practice = Practice::kAudits,
                         .aliases = {},
                         .docs = {}};
const RuleInfo kModuleInfo{.code = "PY991",
                           .name = "test-module-rule",
                           .summary = "test",
                           .fix_hint = "test",
                           .severity = Severity::kMedium,
                           .confidence = Confidence::kHigh,
                           .cwe = {1},
                           .owasp = "",
                           .practice = Practice::kAudits,
                           .aliases = {},
                           .docs = {}};
const RuleInfo kTextInfo{.code = "PY992",
                         .name = "test-template-rule",
                         .summary = "test",
                         .fix_hint = "test",
                         .severity = Severity::kHigh,
                         .confidence = Confidence::kHigh,
                         .cwe = {1},
                         .owasp = "",
                         .practice = Practice::kXss,
                         .aliases = {},
                         .docs = {}};

std::atomic<int> g_module_calls{0};

// Reports every call whose callee resolves, with the qualified name as message.
void CheckCall(const python::Node& node, RuleContext& context) {
  const auto* call = node.As<python::Call>();
  ASSERT_NE(call, nullptr) << "dispatched a non-call";
  std::optional<std::string> callee = context.model().CalleeName(call);
  if (callee) context.Report(call->func, *callee);
}
void CheckModule(RuleContext& context) {
  ++g_module_calls;
  ReportOptions options;
  options.severity = Severity::kCritical;
  context.Report(SourceRange{{1, 1}, {1, 2}}, "module " + std::string(context.model().module_name()), options);
}
void CheckText(TextContext& context) {
  size_t at = context.text().find("|safe");
  if (at == std::string_view::npos) return;
  uint32_t line = 1 + static_cast<uint32_t>(std::count(context.text().begin(), context.text().begin() + at, '\n'));
  context.Report(SourceRange{{line, 1}, {line, 2}}, "`|safe` in a template");
}

const Rule kCallRule{.info = kTestInfo, .node_kinds = {python::NodeKind::kCall}, .check = CheckCall};
const Rule kModuleRule{.info = kModuleInfo, .check_module = CheckModule};
const Rule kTextRule{.info = kTextInfo, .text_kinds = kTemplateFile, .check_text = CheckText};
const Rule* const kRules[] = {&kCallRule, &kModuleRule, &kTextRule};

ProjectInput Input(std::vector<SourceInput> files) {
  ProjectInput input;
  input.root = "/project";
  input.files = std::move(files);
  input.enabled = [](std::string_view) { return true; };
  return input;
}

TEST(Analyze, DispatchAndCrossFileResolution) {
  ProjectInput input = Input({
      {"app/helpers.py", "/p/app/helpers.py", "import subprocess as sp\ndef run(c):\n    return sp.run(c)\n"},
      {"app/main.py", "/p/app/main.py", "from .helpers import *\nrun('x')\nsp.call('y')\n"},
  });
  ProjectResult result = AnalyzeWithRules(input, kRules);
  ASSERT_EQ(result.files.size(), 2u);
  EXPECT_EQ(result.files[0].path, "app/helpers.py");
  std::vector<std::string> messages;
  for (const Finding& f : result.findings) messages.push_back(f.path + ":" + std::to_string(f.range.start.line) + " " + f.message);
  std::vector<std::string> expected = {
      "app/helpers.py:3 subprocess.run", "app/helpers.py:1 module app.helpers",
      "app/main.py:2 app.helpers.run",  "app/main.py:3 subprocess.call",
      "app/main.py:1 module app.main"};
  EXPECT_EQ(messages, expected);
  // Defaults and overrides of severity, the framework-filled fields.
  EXPECT_EQ(result.findings[0].rule_code, "PY990");
  EXPECT_EQ(result.findings[0].severity, Severity::kLow);
  EXPECT_EQ(result.findings[0].snippet, "    return sp.run(c)");
  EXPECT_EQ(result.findings[0].range.start.column, 12u);
  EXPECT_EQ(result.findings[0].range.end.column, 18u);
  EXPECT_EQ(result.findings[1].severity, Severity::kCritical);
}

TEST(Analyze, DisabledRulesDoNotRun) {
  ProjectInput input = Input({{"a.py", "/p/a.py", "print(1)\n"}});
  input.enabled = [](std::string_view code) { return code == "PY990"; };
  g_module_calls = 0;
  ProjectResult result = AnalyzeWithRules(input, kRules);
  EXPECT_EQ(g_module_calls.load(), 0);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].message, "builtins.print");
}

TEST(Analyze, TemplatesGoToTextRulesOnly) {
  ProjectInput input = Input({
      {"templates/index.html", "/p/templates/index.html", "<p>\n{{ body|safe }}\n</p>\n"},
      {"setup.cfg", "/p/setup.cfg", "x = {{ body|safe }}\n"},
  });
  g_module_calls = 0;
  ProjectResult result = AnalyzeWithRules(input, kRules);
  EXPECT_EQ(g_module_calls.load(), 0);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].path, "templates/index.html");
  EXPECT_EQ(result.findings[0].range.start.line, 2u);
  EXPECT_EQ(result.findings[0].snippet, "{{ body|safe }}");
  EXPECT_EQ(result.files[0].source_utf8, "<p>\n{{ body|safe }}\n</p>\n");
  EXPECT_EQ(TextFileKindForPath("a/b.JINJA2"), kTemplateFile);
  EXPECT_EQ(TextFileKindForPath("settings.toml"), kOtherTextFile);
}

TEST(Analyze, SyntaxErrorsAreReportedAndTheRecoveredTreeAnalysed) {
  ProjectInput input = Input({{"bad.py", "/p/bad.py", "import os\nx = = 1\nos.system('x')  # trailing\n"}});
  ProjectResult result = AnalyzeWithRules(input, kRules);
  ASSERT_EQ(result.files.size(), 1u);
  const FileResult& file = result.files[0];
  ASSERT_FALSE(file.errors.empty());
  EXPECT_EQ(file.errors[0].rfind("bad.py:2:", 0), 0u) << file.errors[0];
  bool found = false;
  for (const Finding& f : result.findings) found = found || f.message == "os.system";
  EXPECT_TRUE(found) << "the statement after the error was not analysed";
  ASSERT_EQ(file.comments.size(), 1u);
  EXPECT_EQ(file.comments[0].line, 3u);
  EXPECT_EQ(file.comments[0].column, 17u);
  EXPECT_EQ(file.comments[0].text, "# trailing");
}

TEST(Analyze, InvalidBytesDoNotCrash) {
  ProjectInput input = Input({
      {"bin.py", "/p/bin.py", std::string("\x00\xff\xfe import\x80 os\n", 16)},
      {"t.html", "/p/t.html", std::string("ok\n\xff\xfe\n")},
      {"empty.py", "/p/empty.py", ""},
  });
  ProjectResult result = AnalyzeWithRules(input, kRules);
  ASSERT_EQ(result.files.size(), 3u);
  EXPECT_FALSE(result.files[0].errors.empty());
  ASSERT_EQ(result.files[1].errors.size(), 1u);
  EXPECT_EQ(result.files[1].errors[0], "t.html:2:1: invalid UTF-8, replaced with U+FFFD");
  EXPECT_TRUE(result.files[2].errors.empty());
}

TEST(Analyze, OutputDoesNotDependOnThreadCount) {
  // Every fixture and the demo app as one project.
  std::vector<SourceInput> files;
  namespace fs = std::filesystem;
  for (const char* dir : {"tests/fixtures", "examples"}) {
    fs::path root = fs::path(RAMPART_SOURCE_DIR) / dir;
    std::vector<fs::path> paths;
    for (const auto& entry : fs::recursive_directory_iterator(root))
      if (entry.is_regular_file()) paths.push_back(entry.path());
    std::sort(paths.begin(), paths.end());
    for (const fs::path& path : paths) {
      std::ifstream in(path, std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      files.push_back({fs::relative(path, RAMPART_SOURCE_DIR).generic_string(), path.string(), buffer.str()});
    }
  }
  ASSERT_GT(files.size(), 5u);
  ProjectInput input = Input(files);
  input.threads = 1;
  ProjectResult one = AnalyzeProject(input);
  input.threads = 4;
  ProjectResult four = AnalyzeProject(input);
  ASSERT_EQ(one.findings.size(), four.findings.size());
  EXPECT_GT(one.findings.size(), 10u);
  for (size_t i = 0; i < one.findings.size(); ++i) {
    EXPECT_EQ(one.findings[i].path, four.findings[i].path);
    EXPECT_EQ(one.findings[i].range, four.findings[i].range);
    EXPECT_EQ(one.findings[i].rule_code, four.findings[i].rule_code);
    EXPECT_EQ(one.findings[i].message, four.findings[i].message);
  }
}

}  // namespace
}  // namespace rampart::rules

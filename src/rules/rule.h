// The rule API: what one code rule is and how it reports.
//
// A rule is one file, src/rules/<area>/<rule_name>.cpp, holding its RuleInfo
// (metadata + docs, see base/rule_info.h) and its check, and ONE line in
// src/rules/rules.def:
//
//   RAMPART_RULE(PY602, SubprocessPopenWithShellEqualsTrue)
//
// where `const Rule& SubprocessPopenWithShellEqualsTrue()` is defined in the rule's
// file (outside any anonymous namespace, in rampart::rules). From that line come
// the registry (AllRules), CodeRuleInfos() and so `rampart rules`, `rampart
// explain`, the docs pages and SARIF descriptors. Fixture:
// tests/fixtures/<area>/<rule-name>.py (see tests/rules/fixture_test.cpp).
//
// Dispatch: AnalyzeProject walks each module's tree once and calls `check` for
// every node whose kind is in `node_kinds`, in source (pre-)order; `check_module`
// runs once per Python file (whole-file checks); `check_text` runs once per
// non-Python input of a kind in `text_kinds` (templates). Disabled rules are not
// run at all.
//
// What rules may rely on / must do:
//   - The model (context.model()) answers every name question: qualified names,
//     constants, string shapes, scopes. Rules never resolve names themselves.
//   - Report the narrowest range (the `shell=True` keyword, not the whole call);
//     the framework fills path, snippet, default severity/confidence and the code.
//   - Rules never throw, print, read files or keep state between calls; a check
//     may be called concurrently for different files.
//   - The tree may contain InvalidExpr / InvalidStmt (syntax errors are analysed
//     on the recovered tree); required pointer fields are still non-null.
//
// Template for a rule file:
//
//   namespace rampart::rules {
//   namespace {
//   const RuleInfo kInfo{.code = "PY602", .name = "subprocess-popen-with-shell-equals-true", ...};
//   void Check(const python::Node& node, RuleContext& context) {
//     const auto* call = node.As<python::Call>();
//     ... early returns ...
//     context.Report(keyword, "`shell=True` runs the command through the shell");
//   }
//   }  // namespace
//   const Rule& SubprocessPopenWithShellEqualsTrue() {
//     static const Rule rule{.info = kInfo, .node_kinds = {python::NodeKind::kCall}, .check = Check};
//     return rule;
//   }
//   }  // namespace rampart::rules
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/finding.h"
#include "base/rule_info.h"
#include "python/ast.h"
#include "python/parser.h"
#include "sema/model.h"

namespace rampart::rules {

// Kinds of non-Python inputs a rule can ask for (bit flags for Rule::text_kinds).
enum TextFileKind : uint8_t {
  kTemplateFile = 1,   // .html .htm .jinja .jinja2 .j2 .djhtml
  kOtherTextFile = 2,  // any other non-.py input (settings files, .cfg, .ini, .toml, .env ...)
};
// The kind of a non-.py path, by its extension.
TextFileKind TextFileKindForPath(std::string_view path);

// Optional per-finding overrides.
struct ReportOptions {
  std::optional<Severity> severity;      // default: the rule's
  std::optional<Confidence> confidence;  // default: the rule's
  std::vector<TraceStep> trace;          // data-flow rules only
};

// Where a rule's findings go. Created by the framework for one (rule, file).
class FindingSink {
 public:
  FindingSink(const RuleInfo& info, std::string_view path, std::string_view source,
              std::vector<Finding>* out)
      : info_(info), path_(path), source_(source), out_(out) {}
  const RuleInfo& info() const { return info_; }
  std::string_view path() const { return path_; }
  std::string_view source() const { return source_; }
  // `range` in Finding coordinates (1-based lines and columns, end exclusive).
  void Report(SourceRange range, std::string message, const ReportOptions& options = {});

 private:
  const RuleInfo& info_;
  std::string_view path_;
  std::string_view source_;
  std::vector<Finding>* out_;
};

// What a Python check sees: the file, its tree and its semantic model.
class RuleContext : public FindingSink {
 public:
  RuleContext(const RuleInfo& info, std::string_view path, const python::ParseResult& parse,
              const sema::ModuleModel& model, std::vector<Finding>* out)
      : FindingSink(info, path, parse.source, out), parse_(parse), model_(model) {}
  const python::ParseResult& parse() const { return parse_; }
  const sema::ModuleModel& model() const { return model_; }
  using FindingSink::Report;
  // Reports at the node's exact range.
  void Report(const python::Node* node, std::string message, const ReportOptions& options = {});

 private:
  const python::ParseResult& parse_;
  const sema::ModuleModel& model_;
};

// What a template / text check sees: the decoded text of one non-.py input.
class TextContext : public FindingSink {
 public:
  TextContext(const RuleInfo& info, std::string_view path, std::string_view text,
              TextFileKind kind, std::vector<Finding>* out)
      : FindingSink(info, path, text, out), kind_(kind) {}
  std::string_view text() const { return source(); }
  TextFileKind kind() const { return kind_; }

 private:
  TextFileKind kind_;
};

struct Rule {
  const RuleInfo& info;
  // Node kinds `check` is called for (empty: none).
  std::vector<python::NodeKind> node_kinds;
  void (*check)(const python::Node& node, RuleContext& context) = nullptr;
  // Called once per Python file, after the node checks.
  void (*check_module)(RuleContext& context) = nullptr;
  // Bit set of TextFileKind; `check_text` is called for those inputs.
  uint8_t text_kinds = 0;
  void (*check_text)(TextContext& context) = nullptr;
};

#define RAMPART_RULE(code, function) const Rule& function();
#include "rules/rules.def"
#undef RAMPART_RULE

// Every registered rule, sorted by code. Stable for the process lifetime.
std::span<const Rule* const> AllRules();
// By code ("PY602") or kebab-case name; null when unknown.
const Rule* FindRule(std::string_view code_or_name);
// The code each rules.def line names, paired with its rule, in file order (the
// registry test checks that it equals the rule's own RuleInfo::code).
struct RegisteredRule {
  std::string_view def_code;
  const Rule* rule;
};
std::vector<RegisteredRule> RegisteredRules();

// AnalyzeProject (rules/analyze.h) with an explicit rule set instead of the
// registry: `input.enabled` still applies. For tests of the framework itself.
struct ProjectInput;
struct ProjectResult;
ProjectResult AnalyzeWithRules(const ProjectInput& input, std::span<const Rule* const> rules);

}  // namespace rampart::rules

// The registry generated from rules.def, and the reporting half of the rule API.
#include <algorithm>
#include <array>

#include "base/rule_families.h"
#include "rules/rule.h"
#include "sema/model.h"

namespace rampart::rules {
namespace {

const std::vector<const Rule*>& SortedRules() {
  static const std::vector<const Rule*> rules = [] {
    std::vector<const Rule*> list;
    for (const RegisteredRule& registered : RegisteredRules()) list.push_back(registered.rule);
    std::sort(list.begin(), list.end(),
              [](const Rule* a, const Rule* b) { return a->info.code < b->info.code; });
    return list;
  }();
  return rules;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

std::vector<RegisteredRule> RegisteredRules() {
  return {
#define RAMPART_RULE(code, function) RegisteredRule{#code, &function()},
#include "rules/rules.def"
#undef RAMPART_RULE
  };
}

std::span<const Rule* const> AllRules() { return SortedRules(); }

const Rule* FindRule(std::string_view code_or_name) {
  for (const Rule* rule : SortedRules()) {
    if (rule->info.code == code_or_name || rule->info.name == code_or_name) return rule;
  }
  return nullptr;
}

TextFileKind TextFileKindForPath(std::string_view path) {
  std::string lower(path);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  static constexpr std::array<std::string_view, 6> kTemplateSuffixes = {
      ".html", ".htm", ".jinja", ".jinja2", ".j2", ".djhtml"};
  for (std::string_view suffix : kTemplateSuffixes) {
    if (EndsWith(lower, suffix)) return kTemplateFile;
  }
  return kOtherTextFile;
}

void FindingSink::Report(SourceRange range, std::string message, const ReportOptions& options) {
  Finding& finding = out_->emplace_back();
  finding.rule_code = std::string(info_.code);
  finding.path = std::string(path_);
  finding.range = range;
  finding.message = std::move(message);
  finding.severity = options.severity.value_or(info_.severity);
  finding.confidence = options.confidence.value_or(info_.confidence);
  finding.trace = options.trace;
  // Snippet: the full text of the flagged lines (what fingerprints and code
  // frames use), capped so a minified one-line file cannot bloat reports.
  if (range.start.line > 0) {
    uint32_t line = 1;
    size_t begin = std::string_view::npos;
    size_t end = source_.size();
    for (size_t i = 0; i <= source_.size(); ++i) {
      if (line == range.start.line && begin == std::string_view::npos) begin = i;
      if (i == source_.size()) break;
      if (source_[i] == '\n') {
        if (line == std::max(range.start.line, range.end.line)) {
          end = i;
          break;
        }
        ++line;
      }
    }
    if (begin != std::string_view::npos && begin <= end) {
      std::string_view text = source_.substr(begin, std::min<size_t>(end - begin, 4096));
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      finding.snippet = std::string(text);
    }
  }
}

void RuleContext::Report(const python::Node* node, std::string message,
                         const ReportOptions& options) {
  FindingSink::Report(sema::RangeOf(node), std::move(message), options);
}

}  // namespace rampart::rules

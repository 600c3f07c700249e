// RuleHelpMarkdown: the one Markdown rendering of a rule's docs, shared by the
// generated docs pages, SARIF `help.markdown` and `rampart explain`.
#include "report/report_internal.h"

namespace rampart::report {
namespace {

// Code rules show Python examples; the other families show their own text.
std::string_view ExampleLanguage(std::string_view code) {
  for (std::string_view prefix : {"PY", "TNT", "CFG", "SEC"}) {
    if (code.substr(0, prefix.size()) == prefix) return "python";
  }
  return "text";
}

void Section(std::string& out, std::string_view title, std::string_view body) {
  if (body.empty()) return;
  out += "## ";
  out += title;
  out += "\n\n";
  out += body;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  out += "\n\n";
}

void CodeSection(std::string& out, std::string_view title, std::string_view code,
                 std::string_view language) {
  if (code.empty()) return;
  std::string block = "```" + std::string(language) + "\n" + std::string(code);
  while (!block.empty() && block.back() == '\n') block.pop_back();
  block += "\n```";
  Section(out, title, block);
}

}  // namespace

std::string RuleHelpMarkdown(const RuleInfo& rule) {
  std::string out = "# " + std::string(rule.code) + " " + std::string(rule.name) + "\n\n";
  if (!rule.summary.empty()) out += std::string(rule.summary) + "\n\n";
  out += "| | |\n|---|---|\n";
  out += "| Severity | " + std::string(SeverityName(rule.severity)) + " |\n";
  out += "| Confidence | " + std::string(ConfidenceName(rule.confidence)) + " |\n";
  out += "| Practice | " + std::to_string(static_cast<int>(rule.practice)) + ". " +
         std::string(PracticeTitle(rule.practice)) + " (`" + std::string(PracticeName(rule.practice)) +
         "`) |\n";
  if (!rule.cwe.empty()) {
    out += "| CWE |";
    for (size_t i = 0; i < rule.cwe.size(); ++i) {
      std::string id = std::to_string(rule.cwe[i]);
      out += (i ? ", " : " ") + std::string("[CWE-") + id +
             "](https://cwe.mitre.org/data/definitions/" + id + ".html)";
    }
    out += " |\n";
  }
  if (!rule.owasp.empty()) out += "| OWASP | " + std::string(rule.owasp) + " |\n";
  if (!rule.aliases.empty()) {
    out += "| Aliases |";
    for (size_t i = 0; i < rule.aliases.size(); ++i) {
      out += (i ? ", `" : " `") + std::string(rule.aliases[i]) + "`";
    }
    out += " |\n";
  }
  out += "\n";
  std::string_view language = ExampleLanguage(rule.code);
  Section(out, "What it does", rule.docs.what_it_does);
  Section(out, "Why is this bad?", rule.docs.why_bad);
  CodeSection(out, "Example", rule.docs.example, language);
  CodeSection(out, "Use instead", rule.docs.use_instead, language);
  Section(out, "How to fix", rule.fix_hint);
  Section(out, "References", rule.docs.references);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  out += "\n";
  return out;
}

}  // namespace rampart::report

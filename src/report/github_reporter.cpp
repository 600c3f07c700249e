// `--format github`: GitHub Actions workflow commands, one line per finding:
//   ::error file=app.py,line=3,col=5,endLine=3,endColumn=9,title=PY602 name::message
// Levels: critical/high -> error, medium -> warning, low -> notice. Escaping as
// the Actions toolkit does it: in the message %, \r, \n; in property values
// additionally : and , (they delimit properties).
#include "report/report_internal.h"

namespace rampart::report::internal {
namespace {

std::string EscapeData(std::string_view raw) {
  std::string out;
  for (char ch : ValidUtf8(raw)) {
    switch (ch) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string EscapeProperty(std::string_view raw) {
  std::string out;
  for (char ch : EscapeData(raw)) {
    switch (ch) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string_view Command(Severity s) {
  switch (s) {
    case Severity::kCritical:
    case Severity::kHigh: return "error";
    case Severity::kMedium: return "warning";
    case Severity::kLow: return "notice";
  }
  return "warning";
}

}  // namespace

void WriteGithub(const ReportInput& input, std::ostream& out) {
  RuleLookup rules(input);
  for (const Finding& f : input.findings) {
    if (f.suppressed() && !input.show_suppressed) continue;
    const RuleInfo& rule = rules.Get(f.rule_code);
    out << "::" << Command(f.severity) << " file=" << EscapeProperty(f.path);
    if (f.range.start.line > 0) {
      out << ",line=" << f.range.start.line;
      if (f.range.start.column > 0) out << ",col=" << f.range.start.column;
      if (f.range.end.line > 0) {
        out << ",endLine=" << f.range.end.line;
        if (f.range.end.column > 0) out << ",endColumn=" << f.range.end.column;
      }
    }
    std::string title = TitleOf(f, rule);
    if (f.suppressed()) title += " (suppressed)";
    out << ",title=" << EscapeProperty(title) << "::" << EscapeData(f.message);
    if (!rule.fix_hint.empty()) out << EscapeData("\nhelp: " + std::string(rule.fix_hint));
    out << "\n";
  }
  for (const std::string& e : input.errors) out << "::error::" << EscapeData(e) << "\n";
}

}  // namespace rampart::report::internal

// `--format junit`: JUnit XML for CI systems that show test reports. One
// <testcase> per finding (a <failure>) and one per engine error (an <error>);
// a clean run has a single passing testcase so the suite is never empty.
// Suppressed findings appear only with show_suppressed, as <skipped>.
#include <cstdio>

#include "report/report_internal.h"

namespace rampart::report::internal {

void WriteJunit(const ReportInput& input, std::ostream& out) {
  RuleLookup rules(input);
  size_t tests = 0, failures = 0, skipped = 0;
  for (const Finding& f : input.findings) {
    if (f.suppressed()) {
      if (!input.show_suppressed) continue;
      ++skipped;
    } else {
      ++failures;
    }
    ++tests;
  }
  size_t errors = input.errors.size();
  tests += errors;
  bool clean = tests == 0;
  if (clean) tests = 1;
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.3f", input.seconds);
  std::string suite = "rampart " + input.tool_command;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"rampart\" tests=\"" << tests << "\" failures=\"" << failures
      << "\" errors=\"" << errors << "\" skipped=\"" << skipped << "\" time=\"" << seconds << "\">\n";
  out << "  <testsuite name=\"" << XmlEscape(suite) << "\" tests=\"" << tests << "\" failures=\""
      << failures << "\" errors=\"" << errors << "\" skipped=\"" << skipped << "\" time=\""
      << seconds << "\">\n";
  for (const Finding& f : input.findings) {
    if (f.suppressed() && !input.show_suppressed) continue;
    const RuleInfo& rule = rules.Get(f.rule_code);
    std::string location = f.path;
    if (f.range.start.line > 0) {
      location.append(":").append(std::to_string(f.range.start.line));
      location.append(":").append(std::to_string(f.range.start.column));
    }
    out << "    <testcase classname=\"" << XmlEscape(f.path) << "\" name=\""
        << XmlEscape(TitleOf(f, rule) + " at " + location) << "\" file=\"" << XmlEscape(f.path)
        << "\"";
    if (f.range.start.line > 0) out << " line=\"" << f.range.start.line << "\"";
    out << ">\n";
    if (f.suppressed()) {
      std::string kinds;
      for (const Suppression& s : f.suppressions) kinds += (kinds.empty() ? "" : ", ") + s.kind;
      out << "      <skipped message=\"" << XmlEscape("suppressed: " + kinds) << "\"/>\n";
    } else {
      out << "      <failure type=\"" << XmlEscape(f.rule_code) << "\" message=\""
          << XmlEscape(f.message) << "\">";
      std::string body = location + ": " + std::string(rule.code) + " [" +
                         std::string(SeverityName(f.severity)) + "] " + f.message;
      if (!f.snippet.empty()) body += "\n" + f.snippet;
      if (!f.evidence.empty()) body += "\nevidence: " + f.evidence;
      if (!rule.fix_hint.empty()) body += "\nhelp: " + std::string(rule.fix_hint);
      out << XmlEscape(body) << "</failure>\n";
    }
    out << "    </testcase>\n";
  }
  for (const std::string& e : input.errors) {
    out << "    <testcase classname=\"rampart\" name=\"" << XmlEscape(e) << "\">\n"
        << "      <error message=\"" << XmlEscape(e) << "\"/>\n    </testcase>\n";
  }
  if (clean) out << "    <testcase classname=\"rampart\" name=\"" << XmlEscape(suite) << "\"/>\n";
  out << "  </testsuite>\n</testsuites>\n";
}

}  // namespace rampart::report::internal

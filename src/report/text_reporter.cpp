// `--format text`: one Ruff/rustc-style block per finding, then a summary line.
//
//   app.py:12:27: PY602 subprocess-popen-with-shell-equals-true [high] message
//      |
//   12 |     subprocess.Popen(cmd, shell=True)
//      |                           ^^^^^^^^^^
//      = help: fix hint
//
// Findings without source text (URLs, manifests not passed as sources) print the
// header and, when present, their evidence. Colour only when input.color is set
// (the CLI decides: a TTY and no NO_COLOR).
#include <algorithm>
#include <cstdio>
#include <map>

#include "report/report_internal.h"

namespace rampart::report::internal {
namespace {

constexpr size_t kMaxFrameLines = 6;  // longer ranges show their first lines and "..."

struct Palette {
  bool on;
  std::string_view Bold() const { return on ? "\x1b[1m" : ""; }
  std::string_view Reset() const { return on ? "\x1b[0m" : ""; }
  std::string_view Gutter() const { return on ? "\x1b[1;34m" : ""; }
  std::string_view Dim() const { return on ? "\x1b[2m" : ""; }
  std::string_view ForSeverity(Severity s) const {
    if (!on) return "";
    switch (s) {
      case Severity::kCritical: return "\x1b[1;35m";
      case Severity::kHigh: return "\x1b[1;31m";
      case Severity::kMedium: return "\x1b[1;33m";
      case Severity::kLow: return "\x1b[1;36m";
    }
    return "";
  }
};

// The display prefix under `line` up to byte column `column` (1-based): tabs are
// kept so the carets line up in any tab width; one space per code point.
std::string Indent(std::string_view line, uint32_t column) {
  std::string out;
  size_t limit = std::min<size_t>(column > 0 ? column - 1 : 0, line.size());
  for (size_t i = 0; i < limit; ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;
    out += c == '\t' ? '\t' : ' ';
  }
  return out;
}

size_t CodePoints(std::string_view text) {
  size_t n = 0;
  for (char ch : text) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return n;
}

std::string Plural(size_t n, std::string_view word) {
  std::string out = std::to_string(n) + " " + std::string(word);
  if (n != 1) out += "s";
  return out;
}

void WriteFrame(const Finding& f, SourceLines& sources, const Palette& p, std::ostream& out) {
  uint32_t first = f.range.start.line;
  uint32_t last = std::max(f.range.end.line, first);
  uint32_t shown_last = std::min<uint32_t>(last, first + kMaxFrameLines - 1);
  std::string_view probe;
  if (!sources.Line(f.path, first, &probe)) return;
  size_t width = std::to_string(shown_last).size();
  std::string pad(width, ' ');
  out << p.Gutter() << pad << " |" << p.Reset() << "\n";
  for (uint32_t n = first; n <= shown_last; ++n) {
    std::string_view line;
    if (!sources.Line(f.path, n, &line)) break;
    std::string number = std::to_string(n);
    number.insert(0, width - number.size(), ' ');
    std::string text = ValidUtf8(line);
    out << p.Gutter() << number << " |" << p.Reset() << (text.empty() ? "" : " ") << text << "\n";
    // The underlined part of this line: from the start column on the first line
    // (else from the first non-blank), to the end column on the last line (else
    // to the end of the line).
    uint32_t from = 1;
    if (n == first) {
      from = std::max<uint32_t>(f.range.start.column, 1);
    } else {
      size_t nonblank = line.find_first_not_of(" \t");
      from = nonblank == std::string_view::npos ? 1 : static_cast<uint32_t>(nonblank + 1);
    }
    uint32_t to = static_cast<uint32_t>(line.size()) + 1;  // exclusive
    if (n == last && f.range.end.line != 0) to = std::min(to, std::max<uint32_t>(f.range.end.column, 1));
    size_t carets = 1;
    if (to > from && from <= line.size()) {
      carets = std::max<size_t>(1, CodePoints(line.substr(from - 1, to - from)));
    }
    out << p.Gutter() << pad << " |" << p.Reset() << " " << Indent(line, from)
        << p.ForSeverity(f.severity) << std::string(carets, '^') << p.Reset() << "\n";
  }
  if (shown_last < last) out << p.Gutter() << pad << " |" << p.Reset() << " ...\n";
}

void WriteFinding(const Finding& f, RuleLookup& rules, SourceLines& sources, const Palette& p,
                  std::ostream& out) {
  const RuleInfo& rule = rules.Get(f.rule_code);
  out << p.Bold() << ValidUtf8(f.path);
  if (f.range.start.line > 0) {
    out << ":" << f.range.start.line;
    if (f.range.start.column > 0) out << ":" << f.range.start.column;
  }
  out << ":" << p.Reset() << " " << p.ForSeverity(f.severity) << rule.code << p.Reset();
  if (rule.name != rule.code) out << " " << rule.name;
  out << " [" << SeverityName(f.severity) << "] " << ValidUtf8(f.message);
  if (f.suppressed()) {
    out << " " << p.Dim() << "(suppressed: ";
    for (size_t i = 0; i < f.suppressions.size(); ++i) {
      out << (i ? ", " : "") << f.suppressions[i].kind;
    }
    out << ")" << p.Reset();
  }
  out << "\n";
  if (f.range.start.line > 0) WriteFrame(f, sources, p, out);
  std::string pad = "   ";
  if (f.range.start.line > 0) {
    std::string_view probe;
    if (sources.Line(f.path, f.range.start.line, &probe)) {
      uint32_t last = std::min<uint32_t>(std::max(f.range.end.line, f.range.start.line),
                                         f.range.start.line + kMaxFrameLines - 1);
      pad = std::string(std::to_string(last).size() + 1, ' ');
    }
  }
  if (!f.evidence.empty()) {
    std::string evidence = ValidUtf8(f.evidence);
    std::string indented;
    for (char ch : evidence) {
      indented += ch;
      if (ch == '\n') indented += pad + "            ";
    }
    while (!indented.empty() && (indented.back() == ' ' || indented.back() == '\n')) indented.pop_back();
    out << p.Gutter() << pad << "=" << p.Reset() << " evidence: " << indented << "\n";
  }
  if (!f.trace.empty()) {
    out << p.Gutter() << pad << "=" << p.Reset() << " trace:\n";
    for (const TraceStep& step : f.trace) {
      out << pad << "    " << ValidUtf8(step.path) << ":" << step.range.start.line << ":"
          << step.range.start.column << ": " << ValidUtf8(step.note) << "\n";
    }
  }
  if (!rule.fix_hint.empty()) {
    out << p.Gutter() << pad << "=" << p.Reset() << " help: " << rule.fix_hint << "\n";
  }
  out << "\n";
}

void WriteStatistics(const ReportInput& input, RuleLookup& rules, std::ostream& out) {
  std::map<std::string, size_t> per_rule;
  for (const Finding& f : input.findings) {
    if (f.suppressed() && !input.show_suppressed) continue;
    ++per_rule[f.rule_code];
  }
  std::vector<std::pair<std::string, size_t>> rows(per_rule.begin(), per_rule.end());
  // Most frequent first; ties by code, so the table is deterministic.
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [code, count] : rows) {
    const RuleInfo& rule = rules.Get(code);
    char line[64];
    std::snprintf(line, sizeof line, "%6zu  %-8s ", count, code.c_str());
    out << line << rule.name << " [" << SeverityName(rule.severity) << "]\n";
  }
}

}  // namespace

void WriteText(const ReportInput& input, std::ostream& out) {
  Palette p{input.color};
  RuleLookup rules(input);
  SourceLines sources(input);
  if (input.statistics) {
    WriteStatistics(input, rules, out);
  } else {
    for (const Finding& f : input.findings) {
      if (f.suppressed() && !input.show_suppressed) continue;
      WriteFinding(f, rules, sources, p, out);
    }
  }
  for (const std::string& error : input.errors) {
    out << p.ForSeverity(Severity::kHigh) << "error" << p.Reset() << ": " << ValidUtf8(error)
        << "\n";
  }
  if (input.quiet) return;
  Counts counts = CountFindings(input);
  std::string summary;
  if (counts.total == 0) {
    summary = "no findings";
  } else {
    summary = "found " + Plural(counts.total, "finding") + " (";
    bool first = true;
    for (int s = 3; s >= 0; --s) {
      if (counts.by_severity[s] == 0) continue;
      if (!first) summary += ", ";
      first = false;
      summary += std::to_string(counts.by_severity[s]) + " " +
                 std::string(SeverityName(static_cast<Severity>(s)));
    }
    summary += ")";
  }
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2fs", input.seconds);
  summary += " in " + Plural(input.files_scanned, "file") + " in " + seconds;
  if (counts.suppressed > 0) summary += "; " + std::to_string(counts.suppressed) + " suppressed";
  if (!input.errors.empty()) summary += "; " + Plural(input.errors.size(), "error");
  out << p.Bold() << summary << p.Reset() << "\n";
}

}  // namespace rampart::report::internal

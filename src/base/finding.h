// Findings are the one currency every analysis produces and every reporter
// consumes. They are plain data: an analysis fills them in, the engine sorts and
// de-duplicates them (see SortAndDeduplicate), reporters only format them.
//
// Positions: lines are 1-based; columns are 1-based and count UTF-8 bytes, so a
// column can always be mapped back into the file. `end` is exclusive of the last
// column (as in CPython's end_col_offset + 1). For findings about a URL (live
// scans) `path` holds the URL and the range is empty.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rampart {

enum class Severity : uint8_t { kLow = 0, kMedium = 1, kHigh = 2, kCritical = 3 };
enum class Confidence : uint8_t { kLow = 0, kMedium = 1, kHigh = 2 };

std::string_view SeverityName(Severity severity);      // "low" ... "critical"
std::string_view ConfidenceName(Confidence confidence);  // "low" ... "high"
// Parse a level name (case-insensitive). Returns false on an unknown name.
bool ParseSeverity(std::string_view text, Severity* out);
bool ParseConfidence(std::string_view text, Confidence* out);

struct SourcePoint {
  uint32_t line = 0;    // 1-based; 0 means "no position" (a whole file or a URL)
  uint32_t column = 0;  // 1-based, in UTF-8 bytes
  friend bool operator==(const SourcePoint&, const SourcePoint&) = default;
  friend auto operator<=>(const SourcePoint&, const SourcePoint&) = default;
};

struct SourceRange {
  SourcePoint start;
  SourcePoint end;
  friend bool operator==(const SourceRange&, const SourceRange&) = default;
  friend auto operator<=>(const SourceRange&, const SourceRange&) = default;
};

// One step of a data-flow trace: "request.args.get('q') flows into `sql`".
struct TraceStep {
  std::string path;
  SourceRange range;
  std::string note;
  friend bool operator==(const TraceStep&, const TraceStep&) = default;
};

// How a finding was suppressed, when it was.
struct Suppression {
  std::string kind;           // "nosec", "noqa", "rampart-ignore", "baseline", "config"
  std::string justification;  // free text after the marker, or the ignore reason
  friend bool operator==(const Suppression&, const Suppression&) = default;
};

struct Finding {
  std::string rule_code;  // catalogue code, e.g. "PY602"; looked up in the RuleCatalogue
  std::string path;       // path relative to the scan root (forward slashes), or a URL
  SourceRange range;
  std::string message;    // lowercase, no trailing period, constructs in backticks
  // Severity and confidence start as the rule's defaults; an analysis may raise or
  // lower them for one finding (a CVSS score, a constant argument).
  Severity severity = Severity::kMedium;
  Confidence confidence = Confidence::kMedium;
  std::vector<TraceStep> trace;  // empty for non-taint rules
  // Live scans: the request line and the header or body snippet that proves it.
  std::string evidence;
  // The text of the flagged line(s), used for fingerprints and code frames.
  std::string snippet;
  // Stable identity for baselines and SARIF partialFingerprints; computed by the
  // engine (ComputeFingerprints), not by rules.
  std::string fingerprint;
  std::vector<Suppression> suppressions;  // empty: not suppressed

  bool suppressed() const { return !suppressions.empty(); }
};

// Orders by (path, start, end, rule_code, message) and removes exact duplicates.
// Every producer of findings calls this before handing them to a reporter, so
// output never depends on thread timing.
void SortAndDeduplicate(std::vector<Finding>& findings);

}  // namespace rampart

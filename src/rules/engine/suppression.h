// Inline suppression comments and how they apply to findings.
//
// Recognised markers, anywhere in a comment, case-insensitive:
//   # nosec                      Bandit: every finding on the line
//   # nosec B602, B607           Bandit: those rules (Bandit ids, rampart codes,
//                                names or aliases); other words are the
//                                justification
//   # noqa / # noqa: S602,PY602  Ruff/flake8 style; codes of other tools (E501)
//                                are ignored
//   # rampart: ignore            every finding on the line
//   # rampart: ignore[rule-name, PY602]
// Text after ` -- ` is the justification (`# nosec B602 -- input is a constant`).
//
// Which line counts: a comment suppresses findings whose range starts or ends
// on the comment's line. Bandit uses the line where the finding starts; the end
// line is also accepted so that a comment after the closing parenthesis of a
// multi-line call works (the common place formatters leave it). Callers may
// rely on parsing never failing: malformed markers are treated as blanket ones.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/finding.h"
#include "base/rule_info.h"
#include "rules/analyze.h"

namespace rampart::rules::engine {

struct SuppressionComment {
  uint32_t line = 0;
  uint32_t column = 0;
  uint32_t end_column = 0;            // exclusive end of the comment
  std::string kind;                   // "nosec", "noqa", "rampart-ignore"
  bool blanket = true;                // no codes: every rule
  std::vector<std::string> codes;     // resolved rampart codes
  std::vector<std::string> unknown;   // tokens that look like rampart selectors but name no rule
  std::string justification;
  // Filled while applying: which codes (or the blanket) suppressed something.
  std::vector<bool> code_used;
  bool blanket_used = false;
};

// Parses the markers in one comment (text includes the leading '#'); a comment
// may carry several (`# noqa: E501  # nosec`).
std::vector<SuppressionComment> ParseSuppressions(const RuleCatalogue& catalogue,
                                                  const rules::Comment& comment);

// Marks findings suppressed by the comments of their file (matched by path).
// `comments_by_path` is modified to record which suppressions were used.
void ApplySuppressions(std::vector<Finding>& findings,
                       std::map<std::string, std::vector<SuppressionComment>>& comments_by_path);

// PY900 findings for suppressions that suppressed nothing. Codes of rules that
// are not enabled are skipped (they could not have fired), and so is a bare
// `# noqa`, which other linters share.
std::vector<Finding> UnusedSuppressionFindings(
    const std::map<std::string, std::vector<SuppressionComment>>& comments_by_path,
    const std::function<bool(std::string_view)>& enabled);

}  // namespace rampart::rules::engine

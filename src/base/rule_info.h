// Rule metadata: the single source for `rampart rules`, `rampart explain`, the
// generated docs pages and the SARIF rule descriptors. Every finding names a rule
// by `code`; code rules, dependency rules, secret rules and live-scan rules all
// live in one RuleCatalogue.
//
// Code scheme (decided here, documented in docs/rules.md):
//   PYnnn  Python code rules; nnn follows Bandit's number where one exists
//          (PY602 ~ B602), 9nn for checks Bandit does not have
//   TNTnnn taint (data-flow) rules      CFGnnn framework settings rules
//   SECnnn secrets                       DEPnnn dependency rules
//   WEBnnn live-scan rules
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/finding.h"

namespace rampart {

// The ten practices from README.md, in order; a rule serves one of them.
enum class Practice : uint8_t {
  kFrameworkSecurity = 1,
  kInputValidation = 2,
  kHttps = 3,
  kSessions = 4,
  kDependencies = 5,
  kXss = 6,
  kSecrets = 7,
  kRateLimiting = 8,
  kLogging = 9,
  kAudits = 10,
};
std::string_view PracticeName(Practice practice);  // "https", "secrets", ...
std::string_view PracticeTitle(Practice practice);  // "HTTPS everywhere, with HSTS"

// The rule's documentation, in Ruff's fixed sections. Each is Markdown.
// `example` and `use_instead` are Python source (or config text) shown in code
// blocks; for code rules a metadata test checks that `example` fires and
// `use_instead` does not.
struct RuleDocs {
  std::string_view what_it_does;
  std::string_view why_bad;
  std::string_view example;
  std::string_view use_instead;
  std::string_view references;  // Markdown list of links
};

struct RuleInfo {
  std::string_view code;   // "PY602"
  std::string_view name;   // kebab-case, "subprocess-popen-with-shell-equals-true"
  std::string_view summary;  // one line, shown in listings and SARIF shortDescription
  std::string_view fix_hint;  // one line, shown under the code frame
  Severity severity;
  Confidence confidence;
  std::vector<int> cwe;            // CWE ids
  std::string_view owasp;          // "A03:2021-Injection"
  Practice practice;
  std::vector<std::string_view> aliases;  // "bandit:B602", "ruff:S602"
  RuleDocs docs;
};

// All rules known to this build, sorted by code. Families register their lists
// in src/rules/catalogue.cpp.
class RuleCatalogue {
 public:
  static const RuleCatalogue& Get();
  std::span<const RuleInfo* const> all() const { return rules_; }
  // Finds by code ("PY602"), name, or alias with or without its tool prefix
  // ("bandit:B602", "B602", "S602"); case-insensitive. Null when unknown.
  const RuleInfo* Find(std::string_view code_name_or_alias) const;
  const RuleInfo* FindByCode(std::string_view code) const;

  // Used by the catalogue's registration; not for rules.
  explicit RuleCatalogue(std::vector<const RuleInfo*> rules);

 private:
  std::vector<const RuleInfo*> rules_;
};

}  // namespace rampart

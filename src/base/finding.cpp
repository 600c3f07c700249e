#include "base/finding.h"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace rampart {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

constexpr std::string_view kSeverityNames[] = {"low", "medium", "high", "critical"};
constexpr std::string_view kConfidenceNames[] = {"low", "medium", "high"};

auto SortKey(const Finding& f) {
  return std::tie(f.path, f.range, f.rule_code, f.message);
}

}  // namespace

std::string_view SeverityName(Severity severity) {
  return kSeverityNames[static_cast<int>(severity)];
}

std::string_view ConfidenceName(Confidence confidence) {
  return kConfidenceNames[static_cast<int>(confidence)];
}

bool ParseSeverity(std::string_view text, Severity* out) {
  for (int i = 0; i < 4; ++i) {
    if (EqualsIgnoreCase(text, kSeverityNames[i])) {
      *out = static_cast<Severity>(i);
      return true;
    }
  }
  return false;
}

bool ParseConfidence(std::string_view text, Confidence* out) {
  for (int i = 0; i < 3; ++i) {
    if (EqualsIgnoreCase(text, kConfidenceNames[i])) {
      *out = static_cast<Confidence>(i);
      return true;
    }
  }
  return false;
}

void SortAndDeduplicate(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding& a, const Finding& b) { return SortKey(a) < SortKey(b); });
  findings.erase(std::unique(findings.begin(), findings.end(),
                             [](const Finding& a, const Finding& b) {
                               return SortKey(a) == SortKey(b);
                             }),
                 findings.end());
}

}  // namespace rampart

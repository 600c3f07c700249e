#include "base/rule_info.h"

#include <algorithm>
#include <cctype>

namespace rampart {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

struct PracticeText {
  std::string_view name;
  std::string_view title;
};

constexpr PracticeText kPractices[] = {
    {"framework-security", "Use the framework's security features"},
    {"input-validation", "Validate and sanitize input"},
    {"https", "HTTPS everywhere, with HSTS"},
    {"sessions", "Secure sessions"},
    {"dependencies", "Dependencies without known vulnerabilities"},
    {"xss", "No cross-site scripting"},
    {"secrets", "Secrets from the environment, never in code"},
    {"rate-limiting", "Rate limiting on logins and APIs"},
    {"logging", "Logging and monitoring"},
    {"audits", "Regular audits"},
};

}  // namespace

std::string_view PracticeName(Practice practice) {
  return kPractices[static_cast<int>(practice) - 1].name;
}

std::string_view PracticeTitle(Practice practice) {
  return kPractices[static_cast<int>(practice) - 1].title;
}

RuleCatalogue::RuleCatalogue(std::vector<const RuleInfo*> rules) : rules_(std::move(rules)) {
  std::sort(rules_.begin(), rules_.end(),
            [](const RuleInfo* a, const RuleInfo* b) { return a->code < b->code; });
}

const RuleInfo* RuleCatalogue::FindByCode(std::string_view code) const {
  auto it = std::lower_bound(rules_.begin(), rules_.end(), code,
                             [](const RuleInfo* rule, std::string_view c) { return rule->code < c; });
  if (it != rules_.end() && (*it)->code == code) return *it;
  return nullptr;
}

const RuleInfo* RuleCatalogue::Find(std::string_view key) const {
  for (const RuleInfo* rule : rules_) {
    if (EqualsIgnoreCase(rule->code, key) || EqualsIgnoreCase(rule->name, key)) return rule;
  }
  for (const RuleInfo* rule : rules_) {
    for (std::string_view alias : rule->aliases) {
      if (EqualsIgnoreCase(alias, key)) return rule;
      size_t colon = alias.find(':');
      if (colon != std::string_view::npos && EqualsIgnoreCase(alias.substr(colon + 1), key)) {
        return rule;
      }
    }
  }
  return nullptr;
}

}  // namespace rampart

#include "rules/engine/selection.h"

#include <cctype>

namespace rampart::rules::engine {
namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// "PY", "PY6", "TNT10": letters of a known family, then digits.
bool IsFamilyPrefix(std::string_view upper) {
  for (std::string_view family : {"PY", "TNT", "CFG", "SEC", "DEP", "WEB"}) {
    if (upper.substr(0, family.size()) != family) continue;
    std::string_view digits = upper.substr(family.size());
    bool all_digits = true;
    for (char c : digits) all_digits &= std::isdigit(static_cast<unsigned char>(c)) != 0;
    if (all_digits && digits.size() <= 3) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> SplitSelectors(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const std::string& value : values) {
    size_t pos = 0;
    while (pos <= value.size()) {
      size_t comma = value.find(',', pos);
      if (comma == std::string::npos) comma = value.size();
      std::string_view item(value.data() + pos, comma - pos);
      while (!item.empty() && std::isspace(static_cast<unsigned char>(item.front()))) item.remove_prefix(1);
      while (!item.empty() && std::isspace(static_cast<unsigned char>(item.back()))) item.remove_suffix(1);
      if (!item.empty()) out.emplace_back(item);
      pos = comma + 1;
    }
  }
  return out;
}

std::set<std::string> ResolveSelectors(const RuleCatalogue& catalogue,
                                       const std::vector<std::string>& selectors,
                                       std::vector<std::string>* unknown) {
  std::set<std::string> codes;
  for (const std::string& selector : selectors) {
    std::string upper = Upper(selector);
    if (upper == "ALL") {
      for (const RuleInfo* rule : catalogue.all()) codes.emplace(rule->code);
      continue;
    }
    if (const RuleInfo* rule = catalogue.Find(selector)) {
      codes.emplace(rule->code);
      continue;
    }
    if (IsFamilyPrefix(upper)) {
      for (const RuleInfo* rule : catalogue.all()) {
        if (rule->code.substr(0, upper.size()) == upper) codes.emplace(rule->code);
      }
      continue;
    }
    if (unknown) unknown->push_back(selector);
  }
  return codes;
}

std::string RuleSelection::Init(const RuleCatalogue& catalogue, const std::vector<std::string>& select,
                                const std::vector<std::string>& ignore) {
  std::vector<std::string> unknown;
  std::set<std::string> selected;
  if (select.empty()) {
    for (const RuleInfo* rule : catalogue.all()) selected.emplace(rule->code);
  } else {
    selected = ResolveSelectors(catalogue, select, &unknown);
  }
  std::set<std::string> ignored = ResolveSelectors(catalogue, ignore, &unknown);
  if (!unknown.empty()) {
    return "unknown rule selector `" + unknown.front() +
           "` (expected a rule code, name, alias or code prefix; see `rampart rules`)";
  }
  enabled_.clear();
  for (const std::string& code : selected) {
    if (!ignored.count(code)) enabled_.insert(code);
  }
  return "";
}

}  // namespace rampart::rules::engine

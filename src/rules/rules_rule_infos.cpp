// The code rules' metadata, generated from rules.def: every registered rule's
// RuleInfo. The engine's own rules (PY900) are joined in catalogue.cpp.
#include "base/rule_families.h"
#include "rules/rule.h"

namespace rampart {

std::vector<const RuleInfo*> CodeRuleInfos() {
  std::vector<const RuleInfo*> infos;
  for (const rules::Rule* rule : rules::AllRules()) infos.push_back(&rule->info);
  return infos;
}

}  // namespace rampart

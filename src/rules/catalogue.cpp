// The catalogue of every rule in this build: the families' lists joined and
// sorted by code. The engine's own rules (PY900 unused-suppression) come from
// src/rules/engine/.
#include "base/rule_families.h"
#include "rules/engine/engine_rule_infos.h"

namespace rampart {

const RuleCatalogue& RuleCatalogue::Get() {
  static const RuleCatalogue catalogue = [] {
    std::vector<const RuleInfo*> rules = CodeRuleInfos();
    for (const RuleInfo* rule : rules::engine::EngineRuleInfos()) rules.push_back(rule);
    for (const RuleInfo* rule : DepsRuleInfos()) rules.push_back(rule);
    for (const RuleInfo* rule : LiveRuleInfos()) rules.push_back(rule);
    return RuleCatalogue(std::move(rules));
  }();
  return catalogue;
}

}  // namespace rampart

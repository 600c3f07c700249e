// The DEP family's rule list for the catalogue (see base/rule_families.h).
#include "base/rule_families.h"
#include "deps/rules/dep_rules.h"

namespace rampart {

std::vector<const RuleInfo*> DepsRuleInfos() {
  return {&deps::Dep001KnownVulnerablePin(), &deps::Dep002RangeAllowsVulnerable(), &deps::Dep003OutdatedPin(),
          &deps::Dep004Unconstrained()};
}

}  // namespace rampart

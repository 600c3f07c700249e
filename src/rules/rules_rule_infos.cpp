// Placeholder list; the family's rules register here as they land.
#include "base/rule_families.h"

namespace rampart {

std::vector<const RuleInfo*> CodeRuleInfos() { return {}; }

}  // namespace rampart

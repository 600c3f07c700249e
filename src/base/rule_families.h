// Each family of rules exposes its RuleInfo list here; RuleCatalogue::Get()
// (src/rules/catalogue.cpp) joins them. A family's list is defined in its own
// area so that deps and live-scan rules sit next to the code that raises them.
#pragma once

#include <vector>

#include "base/rule_info.h"

namespace rampart {

std::vector<const RuleInfo*> CodeRuleInfos();  // src/rules  (PY, TNT, CFG, SEC)
std::vector<const RuleInfo*> DepsRuleInfos();  // src/deps   (DEP)
std::vector<const RuleInfo*> LiveRuleInfos();  // src/live   (WEB)

}  // namespace rampart

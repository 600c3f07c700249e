// The live-scan family's rule list for the catalogue, taken from the rules
// themselves (src/live/rules/rules.def) so metadata has a single source.
#include <algorithm>

#include "base/rule_families.h"
#include "live/live_rules.h"

namespace rampart {
namespace live {

std::span<const LiveRule* const> AllLiveRules() {
  static const std::vector<const LiveRule*> rules = [] {
    std::vector<const LiveRule*> list = {
#define RAMPART_LIVE_RULE(function) &function(),
#include "live/rules/rules.def"
#undef RAMPART_LIVE_RULE
    };
    std::sort(list.begin(), list.end(),
              [](const LiveRule* a, const LiveRule* b) { return a->info.code < b->info.code; });
    return list;
  }();
  return rules;
}

}  // namespace live

std::vector<const RuleInfo*> LiveRuleInfos() {
  std::vector<const RuleInfo*> infos;
  for (const live::LiveRule* rule : live::AllLiveRules()) infos.push_back(&rule->info);
  return infos;
}

}  // namespace rampart

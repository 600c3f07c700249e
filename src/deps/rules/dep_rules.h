// The DEP rule family's metadata. Each rule's RuleInfo (docs included) lives in
// its own file under src/deps/rules/; the checks themselves are in audit.cpp,
// because all four come out of one pass over the dependencies.
#pragma once

#include "base/rule_info.h"

namespace rampart::deps {

const RuleInfo& Dep001KnownVulnerablePin();
const RuleInfo& Dep002RangeAllowsVulnerable();
const RuleInfo& Dep003OutdatedPin();
const RuleInfo& Dep004Unconstrained();

}  // namespace rampart::deps

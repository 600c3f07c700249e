// Rules the check engine itself raises (not an analysis): PY900
// `unused-suppression`. Joined into the catalogue by src/rules/catalogue.cpp.
#pragma once

#include <vector>

#include "base/rule_info.h"

namespace rampart::rules::engine {

inline constexpr std::string_view kUnusedSuppressionCode = "PY900";

std::vector<const RuleInfo*> EngineRuleInfos();

}  // namespace rampart::rules::engine

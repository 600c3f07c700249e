// The live-scan rules. Each rule is one file under src/live/rules/ holding its
// metadata, its documentation and its check; rules/rules.def lists them once.
// Rules run in phase order, then code order:
//   kPassive  reads what the crawl fetched, may make read-only GET requests
//   kActive   submits data (canaries, form replays, the login burst); skipped
//             with --passive
//   kReview   runs last and reads every response the scan saw (stack traces,
//             debug pages produced by the probes)
#pragma once

#include <span>

#include "base/rule_info.h"
#include "live/scan.h"

namespace rampart::live {

enum class Phase { kPassive, kActive, kReview };

struct LiveRule {
  const RuleInfo& info;
  Phase phase;
  void (*check)(ScanContext& context, const RuleInfo& info);
};

#define RAMPART_LIVE_RULE(function) const LiveRule& function();
#include "live/rules/rules.def"
#undef RAMPART_LIVE_RULE

// Every rule, sorted by code.
std::span<const LiveRule* const> AllLiveRules();

}  // namespace rampart::live

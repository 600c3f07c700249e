// The generated rule documentation (docs/rules/): one Markdown page per rule,
// named `<CODE>.md`, plus `README.md`, an index grouped by practice. The text
// comes from RuleInfo through report::RuleHelpMarkdown, the same source as
// `rampart explain` and SARIF help, so the three never disagree. Output is a
// pure function of the catalogue (sorted, no dates), which lets a test diff a
// fresh generation against the committed pages.
#pragma once

#include <map>
#include <string>

#include "base/rule_info.h"

namespace rampart::rules::engine {

// file name -> content.
std::map<std::string, std::string> GenerateRuleDocs(const RuleCatalogue& catalogue);

// Writes the pages into `dir` (created if missing) and removes other `*.md`
// files directly in it, so a removed rule's page does not linger. Returns "" or
// an error message.
std::string WriteRuleDocs(const RuleCatalogue& catalogue, const std::string& dir);

}  // namespace rampart::rules::engine

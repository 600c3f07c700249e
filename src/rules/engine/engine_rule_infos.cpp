#include "rules/engine/engine_rule_infos.h"

namespace rampart::rules::engine {
namespace {

const RuleInfo kUnusedSuppression{
    .code = kUnusedSuppressionCode,
    .name = "unused-suppression",
    .summary = "a suppression comment that suppresses nothing",
    .fix_hint = "remove the comment, or the codes in it that no longer match a finding",
    .severity = Severity::kLow,
    .confidence = Confidence::kHigh,
    .cwe = {1164},
    .owasp = "A09:2021-Security Logging and Monitoring Failures",
    .practice = Practice::kAudits,
    .aliases = {"ruff:RUF100"},
    .docs =
        {
            .what_it_does =
                "Reports `# nosec` and `# rampart: ignore[...]` comments, and rampart codes in "
                "`# noqa: CODE` comments, that did not suppress any finding in this run, and "
                "rule names in `# rampart: ignore[...]` that rampart does not know. A bare "
                "`# noqa` is left alone: flake8 or Ruff may be using it. Enabled with "
                "`--report-unused-suppressions`.",
            .why_bad =
                "A stale suppression hides the next real problem on that line: when the code "
                "changes, a new finding is silenced without anyone reviewing it. Suppressions "
                "should be rare, specific and current, so an audit can trust each one.",
            .example = "import subprocess\n"
                       "subprocess.run([\"ls\", path])  # nosec B602\n",
            .use_instead = "import subprocess\n"
                           "subprocess.run([\"ls\", path])\n",
            .references =
                "- [Bandit: excluding lines with `# nosec`](https://bandit.readthedocs.io/en/latest/config.html#exclusions)\n"
                "- [Ruff: unused-noqa (RUF100)](https://docs.astral.sh/ruff/rules/unused-noqa/)\n"
                "- [CWE-1164: Irrelevant Code](https://cwe.mitre.org/data/definitions/1164.html)",
        },
};

}  // namespace

std::vector<const RuleInfo*> EngineRuleInfos() { return {&kUnusedSuppression}; }

}  // namespace rampart::rules::engine

#include "deps/rules/dep_rules.h"

namespace rampart::deps {

const RuleInfo& Dep003OutdatedPin() {
  static const RuleInfo info{
      .code = "DEP003",
      .name = "outdated-pin",
      .summary = "a pinned dependency is older than the latest release on the index",
      .fix_hint = "update the pin (and re-run the tests)",
      .severity = Severity::kLow,
      .confidence = Confidence::kHigh,
      .cwe = {1104},
      .owasp = "A06:2021-Vulnerable and Outdated Components",
      .practice = Practice::kDependencies,
      .aliases = {"pip:outdated"},
      .docs = {
          .what_it_does =
              "Only with `--index-url URL` (or `index-url` in `[tool.rampart.deps]`): asks that PEP 691 "
              "JSON simple index for each pinned package and reports pins older than the newest final, "
              "non-yanked release.",
          .why_bad =
              "Security fixes often land without an advisory, and the further a pin falls behind, the "
              "harder the upgrade becomes when a fix is urgent.",
          .example = "# requirements.txt (index has requests 2.32.3)\nrequests==2.25.0\n",
          .use_instead = "# requirements.txt\nrequests==2.32.3\n",
          .references =
              "- [PEP 691: JSON simple API](https://peps.python.org/pep-0691/)\n"
              "- [PEP 592: yanked files](https://peps.python.org/pep-0592/)\n",
      }};
  return info;
}

}  // namespace rampart::deps

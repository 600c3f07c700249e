#include "deps/rules/dep_rules.h"

namespace rampart::deps {

const RuleInfo& Dep002RangeAllowsVulnerable() {
  static const RuleInfo info{
      .code = "DEP002",
      .name = "range-allows-vulnerable-versions",
      .summary = "a version range admits versions with known vulnerabilities",
      .fix_hint = "raise the lower bound above the last fixed version",
      .severity = Severity::kMedium,
      .confidence = Confidence::kMedium,
      .cwe = {1395},
      .owasp = "A06:2021-Vulnerable and Outdated Components",
      .practice = Practice::kDependencies,
      .aliases = {},
      .docs = {
          .what_it_does =
              "For a dependency declared with a range (`>=2.0`, `~=2.2`, `^1.4`, or no constraint at "
              "all), reports each advisory with at least one affected version the range admits, under "
              "PEP 440's rules (pre-releases only when the range names one). It never claims the project "
              "*is* vulnerable: which version gets installed depends on the resolver and the lockfile.",
          .why_bad =
              "A fresh install, a CI job without a lockfile, or a downgrade by another dependency can "
              "land on an affected version the range still allows.",
          .example = "# pyproject.toml\n[project]\ndependencies = [\"jinja2>=2.6\"]\n",
          .use_instead = "# pyproject.toml\n[project]\ndependencies = [\"jinja2>=3.1.6\"]\n",
          .references =
              "- [PEP 440 version specifiers](https://peps.python.org/pep-0440/#version-specifiers)\n"
              "- [OSV schema: affected ranges](https://ossf.github.io/osv-schema/#affectedranges-field)\n",
      }};
  return info;
}

}  // namespace rampart::deps

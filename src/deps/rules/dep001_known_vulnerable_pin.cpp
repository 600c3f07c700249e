#include "deps/rules/dep_rules.h"

namespace rampart::deps {

const RuleInfo& Dep001KnownVulnerablePin() {
  static const RuleInfo info{
      .code = "DEP001",
      .name = "known-vulnerable-pin",
      .summary = "a pinned dependency version has a known vulnerability",
      .fix_hint = "upgrade the pin to the fixed version (`rampart deps --fix`)",
      .severity = Severity::kHigh,
      .confidence = Confidence::kHigh,
      .cwe = {1395},
      .owasp = "A06:2021-Vulnerable and Outdated Components",
      .practice = Practice::kDependencies,
      .aliases = {"pip-audit:vulnerable", "osv-scanner:vulnerable"},
      .docs = {
          .what_it_does =
              "Matches every exactly pinned version (`==1.2.3`, `===1.2.3`, lockfile entries, installed "
              "distributions) against the local OSV advisory database and reports each advisory that "
              "affects that exact version. Advisories that are the same vulnerability under several ids "
              "(PYSEC, GHSA, CVE) are reported once. The severity comes from the advisory's CVSS vector.",
          .why_bad =
              "The version that gets installed has a published vulnerability, often with a public "
              "exploit. Attackers scan for known-vulnerable components first (OWASP A06).",
          .example = "# requirements.txt\njinja2==2.7.1\n",
          .use_instead = "# requirements.txt\njinja2==3.1.6\n",
          .references =
              "- [OSV schema](https://ossf.github.io/osv-schema/)\n"
              "- [PyPA advisory database](https://github.com/pypa/advisory-database)\n"
              "- [OWASP A06:2021](https://owasp.org/Top10/A06_2021-Vulnerable_and_Outdated_Components/)\n",
      }};
  return info;
}

}  // namespace rampart::deps

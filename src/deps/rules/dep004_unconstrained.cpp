#include "deps/rules/dep_rules.h"

namespace rampart::deps {

const RuleInfo& Dep004Unconstrained() {
  static const RuleInfo info{
      .code = "DEP004",
      .name = "unconstrained-requirement",
      .summary = "a requirements file names a package without any version constraint",
      .fix_hint = "pin the version (`name==X.Y.Z`), ideally with `--hash`",
      .severity = Severity::kLow,
      .confidence = Confidence::kHigh,
      .cwe = {1357},
      .owasp = "A08:2021-Software and Data Integrity Failures",
      .practice = Practice::kDependencies,
      .aliases = {},
      .docs = {
          .what_it_does =
              "Reports requirements-file entries with no version specifier and no URL (`flask`). Only "
              "requirements files are checked: they describe an application's installs, while library "
              "metadata (`[project] dependencies`) is rightly loose.",
          .why_bad =
              "Every install can pick a different version, including a vulnerable or malicious new "
              "release; builds are not reproducible and audits of the file say nothing.",
          .example = "# requirements.txt\nflask\n",
          .use_instead = "# requirements.txt\nflask==3.0.3\n",
          .references =
              "- [pip: repeatable installs](https://pip.pypa.io/en/stable/topics/repeatable-installs/)\n",
      }};
  return info;
}

}  // namespace rampart::deps

// A fixed set of findings and test-only rules for the golden-file and SARIF
// validation tests, so they do not depend on which real rules have landed.
// Covers: a code finding with a frame, a multi-line range, a non-ASCII line, a
// taint trace, a suppressed finding, a dependency finding with vulnerability
// data, a live-scan URL finding with evidence, characters that need escaping,
// and an engine error.
#pragma once

#include "base/rule_info.h"
#include "report/report.h"

namespace rampart::testing {

inline const RuleInfo kShellRule{
    .code = "PY602",
    .name = "subprocess-popen-with-shell-equals-true",
    .summary = "`subprocess` call with `shell=True`",
    .fix_hint = "pass the arguments as a list and drop `shell=True`",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {78},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kInputValidation,
    .aliases = {"bandit:B602", "ruff:S602"},
    .docs = {.what_it_does = "Checks for `subprocess` calls with `shell=True`.",
             .why_bad = "The shell interprets metacharacters in the command.",
             .example = "subprocess.Popen(cmd, shell=True)",
             .use_instead = "subprocess.Popen([\"ls\", path])",
             .references = "- [Bandit B602](https://bandit.readthedocs.io/)"},
};

inline const RuleInfo kSqlRule{
    .code = "TNT101",
    .name = "sql-injection",
    .summary = "request data flows into a SQL query",
    .fix_hint = "use query parameters",
    .severity = Severity::kCritical,
    .confidence = Confidence::kMedium,
    .cwe = {89},
    .owasp = "A03:2021-Injection",
    .practice = Practice::kInputValidation,
    .aliases = {},
    .docs = {.what_it_does = "Tracks request data into SQL strings.",
             .why_bad = "Attackers rewrite the query.",
             .example = "cur.execute(\"select \" + q)",
             .use_instead = "cur.execute(\"select %s\", (q,))",
             .references = "- [CWE-89](https://cwe.mitre.org/data/definitions/89.html)"},
};

inline const RuleInfo kDepRule{
    .code = "DEP001",
    .name = "vulnerable-dependency",
    .summary = "a dependency has a known vulnerability",
    .fix_hint = "upgrade to the fixed version",
    .severity = Severity::kHigh,
    .confidence = Confidence::kHigh,
    .cwe = {1104},
    .owasp = "A06:2021-Vulnerable and Outdated Components",
    .practice = Practice::kDependencies,
    .aliases = {},
    .docs = {.what_it_does = "Looks up pinned versions.",
             .why_bad = "Known holes get exploited.",
             .example = "flask==0.12",
             .use_instead = "flask==3.0.3",
             .references = "- [OSV](https://osv.dev)"},
};

inline const RuleInfo kHstsRule{
    .code = "WEB001",
    .name = "missing-hsts",
    .summary = "no `Strict-Transport-Security` header",
    .fix_hint = "send `Strict-Transport-Security: max-age=31536000`",
    .severity = Severity::kLow,
    .confidence = Confidence::kHigh,
    .cwe = {319},
    .owasp = "A05:2021-Security Misconfiguration",
    .practice = Practice::kHttps,
    .aliases = {},
    .docs = {.what_it_does = "Checks the HSTS header.",
             .why_bad = "Downgrade attacks.",
             .example = "HTTP/1.1 200 OK",
             .use_instead = "Strict-Transport-Security: max-age=31536000",
             .references = "- [MDN](https://developer.mozilla.org/)"},
};

inline const RuleCatalogue& TestCatalogue() {
  static const RuleCatalogue catalogue({&kShellRule, &kSqlRule, &kDepRule, &kHstsRule});
  return catalogue;
}

inline report::ReportInput FixedInput() {
  report::ReportInput in;
  in.tool_command = "check";
  in.root = "/home/dev/my app";
  in.tool_version = "0.1.0";
  in.catalogue = &TestCatalogue();
  in.files_scanned = 3;
  in.seconds = 0.25;
  in.sources = {
      {"app.py",
       "import subprocess\n"
       "def run(cmd):\n"
       "\tsubprocess.Popen(cmd, shell=True)\n"
       "    x = \"caf\xc3\xa9\"; subprocess.call(x,\n"
       "        shell=True)\n"
       "    cur.execute(\"select \" + q)  # nosec: reviewed, 100% safe\n"},
  };
  Finding shell;
  shell.rule_code = "PY602";
  shell.path = "app.py";
  shell.range = {{3, 23}, {3, 33}};
  shell.message = "`subprocess.Popen` with `shell=True` runs `cmd` through a shell";
  shell.severity = Severity::kHigh;
  shell.confidence = Confidence::kHigh;
  shell.snippet = "\tsubprocess.Popen(cmd, shell=True)";
  shell.fingerprint = "1111111111111111";
  Finding multi = shell;
  multi.range = {{4, 18}, {5, 19}};
  multi.message = "`subprocess.call` with `shell=True`, 100%: bad, really";
  multi.snippet = "subprocess.call(x,\n        shell=True)";
  multi.fingerprint = "2222222222222222";
  Finding sql;
  sql.rule_code = "TNT101";
  sql.path = "app.py";
  sql.range = {{6, 5}, {6, 32}};
  sql.message = "request data flows into `cur.execute`";
  sql.severity = Severity::kCritical;
  sql.confidence = Confidence::kMedium;
  sql.snippet = "cur.execute(\"select \" + q)";
  sql.fingerprint = "3333333333333333";
  sql.trace = {{"app.py", {{2, 9}, {2, 12}}, "`cmd` comes from the request"},
               {"app.py", {{6, 5}, {6, 32}}, "flows into `cur.execute`"}};
  sql.suppressions = {{"nosec", "reviewed, 100% safe"}};
  Finding dep;
  dep.rule_code = "DEP001";
  dep.path = "requirements.txt";
  dep.range = {{1, 1}, {1, 12}};
  dep.message = "`flask` 0.12 has a known vulnerability GHSA-5wv5-4vpf-pj6m";
  dep.severity = Severity::kHigh;
  dep.confidence = Confidence::kHigh;
  dep.fingerprint = "4444444444444444";
  Finding web;
  web.rule_code = "WEB001";
  web.path = "https://example.test/login";
  web.message = "the response has no `Strict-Transport-Security` header";
  web.severity = Severity::kLow;
  web.confidence = Confidence::kHigh;
  web.evidence = "GET /login\nHTTP/1.1 200 OK";
  web.fingerprint = "5555555555555555";
  in.findings = {shell, multi, sql, dep, web};
  SortAndDeduplicate(in.findings);
  in.vulnerability_data.resize(in.findings.size());
  for (size_t i = 0; i < in.findings.size(); ++i) {
    if (in.findings[i].rule_code != "DEP001") continue;
    report::VulnerabilityData v;
    v.id = "GHSA-5wv5-4vpf-pj6m";
    v.aliases = {"CVE-2018-1000656", "PYSEC-2018-66"};
    v.package = "flask";
    v.installed = "0.12";
    v.fixed = "0.12.3";
    v.cvss_score = 7.5;
    v.cvss_vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H";
    v.summary = "denial of service via crafted JSON";
    in.vulnerability_data[i] = v;
  }
  in.components = {{"flask", "0.12", "pkg:pypi/flask@0.12", "requirements.txt", 1}};
  in.errors = {"broken.py:3:1: invalid syntax"};
  return in;
}

}  // namespace rampart::testing

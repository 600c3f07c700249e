#!/usr/bin/env python3
"""Differential test: rampart's blacklist rules against Bandit 1.6.2 (Debian's
`bandit` package) on the same fixtures, in the same run.

For every fixture of the family (tests/fixtures/calls, tests/fixtures/imports)
the rule's Bandit ids come from its `bandit:Bnnn` alias (plus B303 for PY324:
Bandit 1.6.2 reports `hashlib.md5` under B303). Then, line by line:

  - `# ruleid:` lines that Bandit also flags       -> parity
  - `# ruleid:` lines that Bandit does not flag    -> rampart is stricter
  - lines Bandit flags that rampart does not       -> rampart is quieter
  - `# ok:` lines Bandit does not flag either      -> parity

Every difference must be declared on its code line with a trailing
`# bandit-differs: <reason>` comment, and every such comment must mark a real
difference, so the documented differences (docs/bandit-comparison.md) cannot
drift from the behaviour. Each rule must also agree with Bandit on at least one
line (the tables really are Bandit's). Prints a per-rule summary.

usage: bandit_parity.py RAMPART_BINARY     (run from the repository root)
exit: 0 pass, 1 mismatch, 77 Bandit not installed (skipped)
"""
import json
import os
import re
import shutil
import subprocess
import sys

FIXTURE_DIRS = ["tests/fixtures/calls", "tests/fixtures/imports"]
EXTRA_IDS = {"PY324": {"B303"}}
# Checks Bandit 1.6.2 does not have yet: every reported line is a declared difference.
NOT_IN_BANDIT_162 = {"B415"}
ANNOTATION = re.compile(r"^\s*#\s*(ruleid|ok|todoruleid|todook)\s*:\s*(.*?)\s*$")
DIFFERS = re.compile(r"#\s*bandit-differs:\s*\S")


def annotations(lines, name):
    """{line_number: kind} for the rule `name` (same contract as tests/rules)."""
    result, pending = {}, []
    for number, line in enumerate(lines, start=1):
        match = ANNOTATION.match(line)
        if match:
            names = [item.strip() for item in match.group(2).split(",")]
            if name in names:
                pending.append(match.group(1))
            continue
        if not line.strip():
            continue
        for kind in pending:
            result[number] = kind
        pending = []
    return result


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary = sys.argv[1]
    bandit = shutil.which("bandit")
    if bandit is None:
        print("bandit_parity: bandit is not installed (scripts/bootstrap installs it); skipped")
        return 77
    rules = json.loads(subprocess.run([binary, "rules", "--format", "json"], check=True, stdout=subprocess.PIPE,
                                      text=True).stdout)
    if isinstance(rules, dict):
        rules = rules.get("rules", [])
    by_name = {}
    for rule in rules:
        ids = {alias.split(":", 1)[1] for alias in rule.get("aliases", []) if alias.startswith("bandit:")}
        by_name[rule["name"]] = (rule["code"], ids | EXTRA_IDS.get(rule["code"], set()))

    proc = subprocess.run([bandit, "-q", "-f", "json", "-r"] + FIXTURE_DIRS, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True)
    report = json.loads(proc.stdout)
    if report.get("errors"):
        print(f"bandit_parity: bandit could not read fixtures: {report['errors']}", file=sys.stderr)
        return 1
    flagged = {}  # (path, test_id) -> set of lines
    for result in report["results"]:
        path = os.path.normpath(result["filename"])
        flagged.setdefault((path, result["test_id"]), set()).add(result["line_number"])

    failures, fixtures = [], 0
    print(f"{'rule':<8} {'bandit':<10} {'parity':>6} {'stricter':>8} {'quieter':>7}")
    for directory in FIXTURE_DIRS:
        for file_name in sorted(os.listdir(directory)):
            if not file_name.endswith(".py"):
                continue
            name = file_name[:-3]
            if name not in by_name:
                failures.append(f"{directory}/{file_name}: no rule named `{name}`")
                continue
            code, ids = by_name[name]
            if not ids:
                continue
            fixtures += 1
            path = os.path.normpath(os.path.join(directory, file_name))
            with open(path, encoding="utf-8") as handle:
                lines = handle.read().split("\n")
            marks = annotations(lines, name)
            bandit_lines = set()
            for test_id in ids:
                bandit_lines |= flagged.get((path, test_id), set())
            parity = stricter = quieter = 0
            for number in sorted(set(marks) | bandit_lines):
                kind = marks.get(number)
                fires = kind in ("ruleid", "todook")
                declared = bool(DIFFERS.search(lines[number - 1]))
                differs = fires != (number in bandit_lines)
                where = f"{path}:{number}"
                if kind in ("todoruleid",):
                    continue
                if differs and not declared:
                    what = "rampart reports it and Bandit does not" if fires else "Bandit reports it and rampart does not"
                    failures.append(f"{where}: {what}; declare it with `# bandit-differs: <reason>`")
                elif declared and not differs:
                    failures.append(f"{where}: `bandit-differs` on a line where rampart and Bandit agree")
                if not differs and fires:
                    parity += 1
                elif differs and fires:
                    stricter += 1
                elif differs:
                    quieter += 1
            if parity == 0 and not ids <= NOT_IN_BANDIT_162:
                failures.append(f"{path}: rampart and Bandit ({', '.join(sorted(ids))}) agree on no reported line")
            print(f"{code:<8} {','.join(sorted(ids)):<10} {parity:>6} {stricter:>8} {quieter:>7}")
    for failure in failures:
        print(f"bandit_parity: {failure}", file=sys.stderr)
    print(f"bandit_parity: {fixtures} fixtures compared, {len(failures)} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/bin/sh
# SARIF written by the built binary validates against the SARIF 2.1.0 schema:
# a project with findings (PY900, raised by the engine itself) and the example
# app. Exit 77 (ctest SKIP) when ../shared is absent.
set -eu
rampart="$1"
schema="$2"
if [ ! -f "$schema" ]; then
  echo "skip: SARIF schema $schema not found (../shared is absent)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/my proj/pkg"
printf 'x = 1  # nosec\ny = "caf\303\251"  # nosec B602\n' > "$tmp/my proj/pkg/app.py"
status=0
"$rampart" check --report-unused-suppressions --format sarif -o "$tmp/a.sarif" "$tmp/my proj" || status=$?
[ "$status" -eq 1 ] || { echo "expected exit 1 with findings, got $status"; exit 1; }
status=0
"$rampart" check --format sarif -o "$tmp/b.sarif" examples/flask-app || status=$?
[ "$status" -le 1 ] || { echo "check examples/flask-app failed with $status"; exit 1; }
python3 tests/report/validate_sarif.py "$schema" "$tmp/a.sarif" "$tmp/b.sarif"
python3 - "$tmp/a.sarif" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
results = doc["runs"][0]["results"]
assert len(results) == 2, results
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
assert uris == {"pkg/app.py"}, uris
assert doc["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/my%20proj/"), doc["runs"][0]["originalUriBaseIds"]
print("binary SARIF: 2 results, relative uris, %SRCROOT% set")
PY

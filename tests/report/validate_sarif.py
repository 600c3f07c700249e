#!/usr/bin/env python3
"""Validates SARIF files against the SARIF 2.1.0 JSON schema (Draft-07) and
checks the GitHub code scanning requirements rampart promises.

usage: validate_sarif.py SCHEMA FILE...
Exit 0 valid, 1 invalid, 77 (ctest SKIP) when the schema is absent (no ../shared).
"""
import json
import os
import sys


def main():
    schema_path, files = sys.argv[1], sys.argv[2:]
    if not os.path.exists(schema_path):
        print(f"skip: SARIF schema {schema_path} not found (../shared is absent)")
        return 77
    try:
        import jsonschema
    except ImportError:
        print("skip: python3-jsonschema is not installed")
        return 77
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft7Validator(schema)
    failed = False
    for path in files:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        for e in errors:
            print(f"{path}: {'/'.join(map(str, e.path))}: {e.message}")
            failed = True
        # GitHub code scanning expectations.
        for run in doc["runs"]:
            rules = run["tool"]["driver"].get("rules", [])
            for rule in rules:
                props = rule.get("properties", {})
                tags = props.get("tags", [])
                if "security" not in tags:
                    print(f"{path}: rule {rule['id']}: no `security` tag"); failed = True
                if not any(t.startswith("external/cwe/cwe-") for t in tags):
                    print(f"{path}: rule {rule['id']}: no cwe tag"); failed = True
                if "security-severity" not in props:
                    print(f"{path}: rule {rule['id']}: no security-severity"); failed = True
                if not rule.get("help", {}).get("markdown"):
                    print(f"{path}: rule {rule['id']}: no help markdown"); failed = True
            for result in run.get("results", []):
                if "partialFingerprints" not in result:
                    print(f"{path}: result {result['ruleId']}: no partialFingerprints"); failed = True
                for loc in result.get("locations", []):
                    art = loc["physicalLocation"]["artifactLocation"]
                    uri = art["uri"]
                    if "://" not in uri and (uri.startswith("/") or art.get("uriBaseId") != "%SRCROOT%"):
                        print(f"{path}: {uri}: file uri must be relative to %SRCROOT%"); failed = True
        print(f"{path}: {'invalid' if failed else 'valid'} SARIF 2.1.0")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/bin/sh
# Fails when docs/rules/ is stale: regenerates the pages into a temp folder and
# diffs them against the committed ones. Fix with:
#   build/rampart rules --write-docs docs/rules
set -eu
rampart="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$rampart" rules --write-docs "$tmp/rules" 2>/dev/null
if ! diff -ru docs/rules "$tmp/rules"; then
  echo "docs/rules is stale: run \`rampart rules --write-docs docs/rules\` and commit the result" >&2
  exit 1
fi
echo "docs/rules is up to date"

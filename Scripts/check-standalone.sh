#!/usr/bin/env bash
# Fails when the repository depends on anything beside it: a tracked file that names the development
# checkout's sibling folder of shared material, or real data the tests and the demo read but git does not track.
set -euo pipefail
cd "$(dirname "$0")/.."
sibling='\.\./'"shared"
refs=$(git grep -l -I -e "$sibling" -- . || true)
if [ -n "$refs" ]; then
  echo "check-standalone: these tracked files refer to a folder beside the repository:" >&2
  echo "$refs" >&2
  exit 1
fi
untracked=$(git ls-files --others --exclude-standard -- GeoData || true)
if [ -n "$untracked" ]; then
  echo "check-standalone: GeoData holds files git does not track (a clone would lack them):" >&2
  echo "$untracked" >&2
  exit 1
fi
echo "check-standalone: the repository stands alone"

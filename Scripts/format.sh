#!/usr/bin/env bash
# Formats every tracked Swift file in place with the checked-in .swift-format, then lists what the
# formatter cannot fix (documentation-comment style) as warnings.
set -euo pipefail
cd "$(dirname "$0")/.."
git ls-files -z '*.swift' | xargs -0 swift format format --in-place
git ls-files -z '*.swift' | xargs -0 swift format lint

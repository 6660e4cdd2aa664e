#!/usr/bin/env bash
# Fuzzes the GeoJSON, CSV and WKB readers (CoverageFormats) with libFuzzer and
# AddressSanitizer for a bounded time. Not part of CI.
#
#   Scripts/fuzz.sh [seconds] [libFuzzer flags…]     e.g. Scripts/fuzz.sh 600 -jobs=2 -workers=2
#
# Seeds come from Fuzz/Corpus/ (kept small and curated); inputs libFuzzer finds go to a working
# corpus in Fuzz/.build-fuzz/corpus/ that persists between runs. A crash, hang or leak is written
# to Fuzz/Crashes/ and the script exits non-zero: fix the reader, then add the input as a
# regression test in Tests/CoverageFormatsTests/FuzzRegressionTests.swift.
set -euo pipefail
cd "$(dirname "$0")/../Fuzz"
seconds=${1:-300}
shift || true
flags=(-c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)
swift build "${flags[@]}" 2>&1 | grep -v "Cannot export local symbol" >&2
bin="$(swift build "${flags[@]}" --show-bin-path)/ReadersFuzzer"
mkdir -p .build-fuzz/corpus Crashes
# libFuzzer and ASan report crashes themselves; Swift's backtracer would only slow them down.
export SWIFT_BACKTRACE=enable=no
echo "fuzz: ${seconds}s on $(ls Corpus | wc -l) seeds + $(ls .build-fuzz/corpus | wc -l) saved inputs" >&2
"$bin" .build-fuzz/corpus Corpus \
    -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=Crashes/ -print_final_stats=1 "$@"

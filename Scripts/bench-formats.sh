#!/bin/sh
# Release-mode throughput check for CoverageFormats without touching Package.swift.
# Usage: Scripts/bench-formats.sh [data-dir] [rows]   (generated files are cached in data-dir)
set -eu
cd "$(dirname "$0")/.."
out=.build-formats/bench
data=${1:-/tmp/covaudit-bench}
mkdir -p "$out" "$data"
swiftc -O -wmo -parse-as-library -emit-library -static -module-name CoverageModel \
    -emit-module-path "$out/CoverageModel.swiftmodule" -o "$out/libCoverageModel.a" $(find Sources/CoverageModel -name "*.swift")
swiftc -O -wmo -parse-as-library -emit-library -static -module-name CoverageFormats -I "$out" -I Sources/CCrypto \
    -emit-module-path "$out/CoverageFormats.swiftmodule" -o "$out/libCoverageFormats.a" Sources/CoverageFormats/*.swift
swiftc -O -I "$out" -I Sources/CCrypto -L "$out" -lCoverageFormats -lCoverageModel -lcrypto Scripts/FormatsBench/main.swift \
    -o "$out/formats-bench"
"$out/formats-bench" "$data" "${2:-5000000}"

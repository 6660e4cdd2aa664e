#!/usr/bin/env bash
# Fuzzes the readers with libFuzzer and AddressSanitizer for a bounded time. Not part of CI.
#
#   Scripts/fuzz.sh [--gdal] [seconds] [libFuzzer flags…]     e.g. Scripts/fuzz.sh 600 -jobs=2 -workers=2
#
# Without --gdal: the GeoJSON, CSV and WKB readers (CoverageFormats), seeds from Fuzz/Corpus/.
# With --gdal: GDAL through GDALVector on in-memory files (/vsimem/): GeoJSONSeq, FlatGeobuf, GPKG and
# Shapefile sets, seeds written by ogr2ogr from the GeoJSON seeds (an input's first byte picks the
# format; a Shapefile set is .shp and .shx lengths as UInt16 little-endian, then .shp, .shx, .dbf).
# Inputs libFuzzer finds go to a working corpus in Fuzz/.build-fuzz/ that persists between runs.
# A crash, hang or leak is written to Fuzz/Crashes/ and the script exits non-zero: fix the reader,
# then add the input as a regression test (Tests/CoverageFormatsTests/FuzzRegressionTests.swift; for
# GDAL, a test in Tests/CoverageStoreTests opening it with VectorFile(memoryFiles:) as the fuzzer does).
# libFuzzer's coverage is that of the Swift code only (GDAL is not instrumented).
set -euo pipefail
cd "$(dirname "$0")/../Fuzz"
fuzzer=ReadersFuzzer
if [[ "${1:-}" == "--gdal" ]]; then fuzzer=GDALFuzzer; shift; fi
seconds=${1:-300}
shift || true
flags=(-c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)
swift build "${flags[@]}" --product "$fuzzer" 2>&1 | grep -v "Cannot export local symbol" >&2
bin="$(swift build "${flags[@]}" --show-bin-path)/$fuzzer"
corpus=.build-fuzz/corpus
seeds=Corpus
limits=(-max_len=16384)
if [[ $fuzzer == GDALFuzzer ]]; then
    corpus=.build-fuzz/corpus-gdal
    seeds=.build-fuzz/seeds-gdal
    # A GeoPackage is an SQLite file of a few pages; GDAL keeps caches for the process (no leak check).
    limits=(-max_len=262144 -detect_leaks=0)
    if [[ ! -d $seeds ]]; then
        mkdir -p "$seeds.tmp"
        for src in Corpus/*.geojson; do
            base=$(basename "$src" .geojson)
            ogr2ogr -q -f GeoJSONSeq "$seeds.tmp/$base.geojsons" "$src" -nln "$base" 2>/dev/null || continue
            ogr2ogr -q -f FlatGeobuf "$seeds.tmp/$base.fgb" "$src" -nln "$base" 2>/dev/null || true
            ogr2ogr -q -f GPKG "$seeds.tmp/$base.gpkg" "$src" -nln "$base" 2>/dev/null || true
            ogr2ogr -q -f "ESRI Shapefile" "$seeds.tmp/$base.shp" "$src" -nln "$base" 2>/dev/null || true
            for ext in geojsons:0 fgb:1 gpkg:2; do
                [[ -f "$seeds.tmp/$base.${ext%:*}" ]] || continue
                { printf "\\x0${ext#*:}"; cat "$seeds.tmp/$base.${ext%:*}"; } >"$seeds.tmp/$base-${ext%:*}.seed"
            done
            for shp in "$seeds.tmp/$base"*.shp; do  # one set per geometry type
                [[ -f $shp ]] || continue
                stem=${shp%.shp}
                shpsize=$(stat -c %s "$shp") shxsize=$(stat -c %s "$stem.shx")
                ((shpsize < 65536 && shxsize < 65536)) || continue
                {
                    printf "\\x03\\x$(printf %02x $((shpsize & 255)))\\x$(printf %02x $((shpsize >> 8)))"
                    printf "\\x$(printf %02x $((shxsize & 255)))\\x$(printf %02x $((shxsize >> 8)))"
                    cat "$shp" "$stem.shx" "$stem.dbf"
                } >"$stem-shp.seed"
            done
        done
        mkdir -p "$seeds"
        mv "$seeds.tmp"/*.seed "$seeds"/
        rm -rf "$seeds.tmp"
    fi
fi
mkdir -p "$corpus" Crashes
# libFuzzer and ASan report crashes themselves; Swift's backtracer would only slow them down.
export SWIFT_BACKTRACE=enable=no
echo "fuzz $fuzzer: ${seconds}s on $(ls "$seeds" | wc -l) seeds + $(ls "$corpus" | wc -l) saved inputs" >&2
"$bin" "$corpus" "$seeds" \
    -max_total_time="$seconds" "${limits[@]}" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=Crashes/ -print_final_stats=1 "$@"

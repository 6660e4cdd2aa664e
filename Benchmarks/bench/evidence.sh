#!/usr/bin/env bash
# Measured evidence at national scale (issue 17): 10 M tests, ~500k Ookla tiles, `covaudit evidence` timed.
#
#   Benchmarks/run.sh evidence        (or Benchmarks/bench/evidence.sh)
#
# 1. Workload: `covaudit generate --scale national --measurements N --speed-tiles` (seeded, kept until the
#    generator's version or N changes), plus `speed-tiles-national.csv`: the generated tiles topped up to
#    EVIDENCE_TILES with tiles drawn over the whole country (bench/speed_tiles.py; Ookla's columns).
# 2. Store: communes, province, coverage, then the timed imports of the measurements and the tiles
#    (`/usr/bin/time -v`: wall seconds, rows/s, peak memory). Kept for reruns with EVIDENCE_REUSE_STORE=1.
# 3. `covaudit evidence --timings -f json` BENCH_REPEAT times (default 3): whole process (wall, peak RSS)
#    and stages (read, classify, tally, downloads, cells, tiles, rows) on stderr; the medians are printed.
#
# Environment: BENCH_WORK (default Benchmarks/.work), BENCH_NO_BUILD=1, BENCH_REPEAT, EVIDENCE_TESTS
# (default 10000000), EVIDENCE_TILES (default 500000), EVIDENCE_REUSE_STORE=1, COVAUDIT (a covaudit binary
# to run instead of this checkout's release build, e.g. an earlier commit's for a before/after).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
repo=$(cd "$here/.." && pwd)
say() { echo "== $*" >&2; }

tests=${EVIDENCE_TESTS:-10000000}
tiles=${EVIDENCE_TILES:-500000}
repeat=${BENCH_REPEAT:-3}
work=$(realpath -m "${BENCH_WORK:-$here/.work}")
data=$work/data/evidence-national-$tests
store=$work/evidence/store-$tests.sqlite
results=$work/results/evidence-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$work/evidence" "$results"

if [ -n "${COVAUDIT:-}" ]; then
  covaudit=$COVAUDIT
else
  if [ "${BENCH_NO_BUILD:-}" != 1 ]; then
    say "building covaudit (swift build -c release)"
    (cd "$repo" && swift build -c release --product covaudit >&2)
  fi
  covaudit=$(cd "$repo" && swift build -c release --show-bin-path)/covaudit
fi
[ -x "$covaudit" ] || { echo "evidence.sh: $covaudit not found" >&2; exit 1; }

# timed LABEL COMMAND...: runs COMMAND under /usr/bin/time -v; appends "LABEL wall_s peak_mib" to timings.txt.
timed() {
  local label=$1; shift
  /usr/bin/time -v -o "$results/$label.time" "$@"
  local wall peak
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$results/$label.time")
  peak=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$results/$label.time")
  echo "$label $wall $peak" >> "$results/timings.txt"
  say "$label: $wall s, peak $peak MiB"
}

# 1. Workload
stamp="generate --scale national --measurements $tests --speed-tiles ($("$covaudit" --version 2>/dev/null || echo '?'))"
if [ "$(cat "$data/.stamp" 2>/dev/null)" != "$stamp" ]; then
  say "generating the national territory with $tests measurements (several minutes)"
  rm -rf "$data"
  "$covaudit" generate --scale national --measurements "$tests" --speed-tiles --out "$data" -q >&2
  echo "$stamp" > "$data/.stamp"
fi
if [ "$(cat "$data/.tiles" 2>/dev/null)" != "$tiles" ]; then
  say "speed tiles: the generated ones topped up to $tiles over the whole country"
  python3 "$here/bench/speed_tiles.py" "$data/speed-tiles.csv" "$tiles" "$data/speed-tiles-national.csv" >&2
  echo "$tiles" > "$data/.tiles"
fi

# 2. Store
if [ "${EVIDENCE_REUSE_STORE:-}" != 1 ] || [ ! -f "$store" ]; then
  rm -f "$store" "$store-wal" "$store-shm"
  "$covaudit" init --db "$store" >&2
  for f in synthetic_province.geojson synthetic_communes.geojson; do
    level=commune; [ "$f" = synthetic_province.geojson ] && level=province
    "$covaudit" import communes "$data/$f" --db "$store" --level "$level" --synthetic -q >&2
  done
  "$covaudit" import coverage "$data/synthetic_coverage.geojson" --db "$store" --source predicted --synthetic -q >&2
  timed import-measurements "$covaudit" import measurements "$data/measurements.csv" --db "$store" --synthetic -q
  timed import-speed-tiles "$covaudit" import speed-tiles "$data/speed-tiles-national.csv" --db "$store" \
    --tile-kind mobile --as-of 2025-01-01 --synthetic -q
fi

# 3. covaudit evidence
for i in $(seq 1 "$repeat"); do
  timed "evidence-$i" "$covaudit" evidence --db "$store" --timings -f json -q \
    > "$results/evidence-$i.json" 2> "$results/evidence-$i.stages"
  cat "$results/evidence-$i.stages" >&2
done
python3 "$here/bench/evidence_report.py" "$results" "$tests" "$tiles"
echo "results: $results" >&2

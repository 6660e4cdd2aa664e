#!/usr/bin/env bash
# Instructions per stage of `covaudit bench --kind peer` (import of the workload, then the coverage
# run), counted by callgrind: repeatable on a busy machine, unlike seconds.
#
#   Benchmarks/profile.sh [province|national|national27]   (default: province)
#
# 1. The workload and the release build, as run.sh makes them (common.sh).
# 2. `covaudit bench --workload DATA --kind peer` into a fresh store, under valgrind --tool=callgrind
#    with --dump-after=*BenchRecorder*stageEnded*: one profile part per stage, all threads.
# 3. bench/profile.py: instructions per stage, and each stage's top functions (demangled).
# Under callgrind the run is ~50x slower: province takes 2-4 min; national about an hour.
#
# Environment: as run.sh (BENCH_WORK, BENCH_VENV, BENCH_PYTHON, BENCH_NO_BUILD=1), and
# PROFILE_BASELINE (another covaudit binary, e.g. the release build of an earlier commit: profiled
# the same way first, then the two are compared stage by stage), PROFILE_TOP (functions listed per
# stage, default 5), PROFILE_SKIP_AREAS=1 (bench --skip-areas).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; }
case "${1:-}" in -h|--help) usage; exit 0 ;; esac
scale=${1:-province}
case "$scale" in province|national|national27) ;; *) echo "profile.sh: unknown scale '$scale'" >&2; usage >&2; exit 2 ;; esac
command -v valgrind > /dev/null || { echo "profile.sh: valgrind not found (apt-get install valgrind)" >&2; exit 1; }

cd "$here"  # python -m puts the current folder first on sys.path: keep it Benchmarks/
. "$here/common.sh"
prepare_python
prepare_workload "$scale"
release_covaudit

stamp=$(date -u +%Y%m%dT%H%M%SZ)
skip=()
[ "${PROFILE_SKIP_AREAS:-}" != 1 ] || skip=(--skip-areas)

# Profiles one binary into $1: a fresh store, every stage a callgrind part, bench.json beside them.
profile() {
  local out=$1 binary=$2
  mkdir -p "$out"
  rm -rf "$out/store"
  say "callgrind: $binary bench --workload $data --kind peer (into $out)"
  valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" \
    --dump-after='*BenchRecorder*stageEnded*' --dump-instr=no --collect-jumps=no \
    "$binary" bench --workload "$data" --kind peer --work "$out/store" ${skip[@]+"${skip[@]}"} -f json \
    > "$out/bench.json" 2> "$out/valgrind.log" ||
    { tail -20 "$out/valgrind.log" >&2; echo "profile.sh: the profiled run failed" >&2; exit 1; }
  rm -rf "$out/store"
  local commit=baseline
  if [ "$binary" = "$covaudit" ]; then
    commit=$(cd "$here/.." && git rev-parse --short HEAD 2>/dev/null || echo unknown)
    [ -z "$(cd "$here/.." && git status --porcelain -- Sources Package.swift 2>/dev/null)" ] || commit="$commit+changes"
  fi
  echo "{\"date\": \"$(date -u '+%Y-%m-%d %H:%M UTC')\", \"binary\": \"$binary\", \"commit\": \"$commit\"}" > "$out/run.json"
}

results=$work/profile/$scale-$stamp
if [ -n "${PROFILE_BASELINE:-}" ]; then
  [ -x "$PROFILE_BASELINE" ] || { echo "profile.sh: PROFILE_BASELINE=$PROFILE_BASELINE is not an executable" >&2; exit 2; }
  profile "$results/baseline" "$PROFILE_BASELINE"
fi
profile "$results/this" "$covaudit"
if [ -n "${PROFILE_BASELINE:-}" ]; then
  py -m bench.profile "$results/this" "$results/baseline" --top "${PROFILE_TOP:-5}"
else
  py -m bench.profile "$results/this" --top "${PROFILE_TOP:-5}"
fi
echo "results: $results" >&2

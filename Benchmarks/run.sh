#!/usr/bin/env bash
# covaudit against its peers on the same workload, in one run, per query, with a per-commune cross-check.
#
#   Benchmarks/run.sh [province|national|national27] [peer ...|none]  (default: province geopandas duckdb)
#   Benchmarks/run.sh evidence   (measured evidence: 10 M tests, 500k tiles; see bench/evidence.sh)
#
# 1. Python environment: a venv with Benchmarks/requirements.txt (reinstalled when that file changes).
# 2. Workload: generated once per scale (deterministic, seeded) and kept until the generator changes.
# 3. covaudit: `swift build -c release`, then `covaudit bench --kind peer` on the workload.
# 4. Each peer in its own process, then a lon/lat recount of Q0/Q1, then the table and the cross-check.
# Exits 1 when the cross-check fails. See Benchmarks/README.md.
#
# Environment: BENCH_WORK (workloads and results; default Benchmarks/.work), BENCH_VENV (default
# Benchmarks/.venv), BENCH_PYTHON (the Python 3.11 for the venv; default python3.11, else python3),
# BENCH_TIMEOUT (seconds per peer; default 3600), BENCH_NO_BUILD=1 (use the existing release build),
# BENCH_BASELINE (another covaudit binary, e.g. the release build of an earlier commit: both are run
# BENCH_REPEAT times, default 3, alternating, and the medians are compared before the peers run).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }
case "${1:-}" in -h|--help) usage; exit 0 ;; evidence) exec "$here/bench/evidence.sh" ;; esac
scale=${1:-province}; shift || true
case "$scale" in province|national|national27) ;; *) echo "run.sh: unknown scale '$scale'" >&2; usage >&2; exit 2 ;; esac
peers=("$@"); [ ${#peers[@]} -gt 0 ] || peers=(geopandas duckdb)
[ "${peers[*]}" != none ] || peers=()  # `none`: covaudit only (e.g. with BENCH_BASELINE)
for p in ${peers[@]+"${peers[@]}"}; do
  [ -f "$here/bench/peers/$p.py" ] || { echo "run.sh: unknown peer '$p' (have: $(cd "$here/bench/peers" && ls [a-z]*.py | sed 's/\.py$//' | tr '\n' ' '))" >&2; exit 2; }
done

cd "$here"  # python -m puts the current folder first on sys.path: keep it Benchmarks/
timeout_s=${BENCH_TIMEOUT:-3600}
. "$here/common.sh"

# 1. Python environment
prepare_python

# 2. Workload
prepare_workload "$scale"

# 3. covaudit
release_covaudit

results=$work/results/$scale-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$results"
commit=$(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -z "$(cd "$repo" && git status --porcelain -- Sources Package.swift 2>/dev/null)" ] || commit="$commit+changes"
cat > "$results/run.json" <<EOF
{"date": "$(date -u '+%Y-%m-%d %H:%M UTC')", "commit": "$commit", "cores": $(nproc), "load": "$(cut -d' ' -f1-3 /proc/loadavg)"}
EOF

say "covaudit bench --kind peer ($scale)"
"$covaudit" bench --workload "$data" --kind peer --peer-csv "$results/covaudit.csv" -f json > "$results/covaudit.json"

# 3b. Before/after: this build against a baseline binary, alternating, on the same workload
if [ -n "${BENCH_BASELINE:-}" ]; then
  [ -x "$BENCH_BASELINE" ] || { echo "run.sh: BENCH_BASELINE=$BENCH_BASELINE is not an executable" >&2; exit 2; }
  for i in $(seq 1 "${BENCH_REPEAT:-3}"); do
    say "before/after run $i: baseline, then this build"
    "$BENCH_BASELINE" bench --workload "$data" --kind peer -f json > "$results/baseline-$i.json"
    "$covaudit" bench --workload "$data" --kind peer -f json > "$results/candidate-$i.json"
  done
  py -m bench.compare "$results" "$BENCH_BASELINE"
fi

# 4. Peers, one process each, then the recount and the report
for p in ${peers[@]+"${peers[@]}"}; do
  say "peer $p ($scale)"
  timeout "$timeout_s" env PYTHONPATH="$here" "$venv/bin/python" -m bench.peer "$p" "$data" "$results" >&2 ||
    echo "run.sh: peer $p failed or ran out of time (${timeout_s} s)" >&2
done
say "recount of Q0/Q1 in lon/lat (cross-check)"
py -m bench.recount "$data" "$results"
status=0
py -m bench.report "$results" "$data" ${peers[@]+"${peers[@]}"} || status=$?
echo "results: $results" >&2
exit $status

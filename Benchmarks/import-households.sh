#!/usr/bin/env bash
# Households CSV import, two covaudit binaries alternating: rows/s per run, with the load average.
#
#   Benchmarks/import-households.sh BASELINE [CANDIDATE] [province|national|national27] [RUNS]
#
# CANDIDATE defaults to this checkout's release build, the scale to national, RUNS to 3. Each run:
# a fresh store (`covaudit init`) in $BENCH_WORK/import-households/, then
# `/usr/bin/time covaudit import households households.csv -f json`. Prints the import's own seconds
# (to its commit) and rows/s, then the whole process's wall, user and sys seconds and peak KiB (which
# include closing the store: the WAL checkpoint), and the medians of each binary.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }
case "${1:-}" in -h|--help|"") usage; exit 0 ;; esac
baseline=$(realpath "$1")
candidate=${2:+$(realpath "$2")}
cd "$here"
. "$here/common.sh"
if [ -z "$candidate" ]; then BENCH_NO_BUILD=${BENCH_NO_BUILD:-1} release_covaudit; candidate=$covaudit; fi
scale=${3:-national}
runs=${4:-3}
prepare_python
prepare_workload "$scale"
csv=$data/households.csv
store=$work/import-households/store.sqlite
mkdir -p "$(dirname "$store")"
log=$work/import-households/runs.txt
: > "$log"
for i in $(seq 1 "$runs"); do
  for side in baseline candidate; do
    binary=$baseline
    [ "$side" = baseline ] || binary=$candidate
    rm -f "$store" "$store-wal" "$store-shm"
    "$binary" init --db "$store" > /dev/null 2>&1
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    out=$({ /usr/bin/time -f "TIME %e %U %S %M" "$binary" import households "$csv" --db "$store" -f json; } 2>&1)
    seconds=$(echo "$out" | sed -n 's/.*"seconds" : \([0-9.]*\).*/\1/p')
    rows=$(echo "$out" | sed -n 's/.*"rows" : \([0-9]*\).*/\1/p')
    echo "$i $side $rows $seconds $(echo "$out" | grep '^TIME' | cut -d' ' -f2-) $load" | tee -a "$log" >&2
  done
done
rm -f "$store" "$store-wal" "$store-shm"
python3 - "$log" <<'EOF'
import statistics, sys
runs = [line.split() for line in open(sys.argv[1])]
print(f"{'':10} {'import s':>9} {'rows/s':>10} {'wall':>7} {'user':>7} {'sys':>6} {'peak KiB':>9}   (medians)")
for side in ("baseline", "candidate"):
    r = [x for x in runs if x[1] == side]
    med = lambda k: statistics.median(float(x[k]) for x in r)
    rows = int(r[0][2])
    print(f"{side:10} {med(3):9.2f} {rows / med(3):10,.0f} {med(4):7.2f} {med(5):7.2f} {med(6):6.2f} {med(7):9,.0f}")
EOF

#!/usr/bin/env bash
# Benchmarks covaudit against the peers of ../shared/bench on the same workload, in one run.
#   Scripts/bench-peers.sh [province|national] [peer ...]     (default: province geopandas duckdb)
# Needs the peers' Python environment (see ../shared/bench/BASELINES.md "Reproduce"): /tmp/perfenv.
# Prints covaudit's stage table, the peers' stage times and the per-commune cross-check.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-province}; shift || true
peers=${*:-geopandas duckdb}
bench=../shared/bench
py=/tmp/perfenv/bin/python
[ -x "$py" ] || { echo "bench-peers: create the peers' environment first (see $bench/BASELINES.md)" >&2; exit 1; }
extra=()
[ "$scale" = national ] && extra=(--households 5000000)
[ -f "/tmp/perfdata/$scale/households.csv" ] || (cd "$bench" && "$py" gen_workload.py "$scale" "${extra[@]}")
swift build -c release --product covaudit >&2
echo "== covaudit $scale $(date +%T) load: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "covaudit wall %e s, peak RSS %M KiB" .build/release/covaudit bench --workload "/tmp/perfdata/$scale" \
  --kind peer --peer-csv "/tmp/perfout/covaudit_$scale.csv"
(cd "$bench" && bash run_peers.sh "$scale" 1 $peers)
"$py" - "$scale" $peers <<'PY'
import csv, sys
scale, peers = sys.argv[1], sys.argv[2:]
load = lambda p: {r["id"]: r for r in csv.DictReader(open(f"/tmp/perfout/{p}_{scale}.csv"))}
us = load("covaudit")
for p in peers:
    ref = load(p)
    out = [f"covaudit vs {p}:"]
    for col in ("n_hh", "hh4g", "hh5g", "hh_fib"):
        d = [abs(int(ref[i][col]) - int(us[i][col])) for i in ref]
        out.append(f"{col} {sum(x > 0 for x in d)} communes differ (sum |diff| {sum(d)} of {sum(int(ref[i][col]) for i in ref)})")
    for col in ("frac4g", "frac5g", "dist_m"):
        out.append(f"{col} max|diff| {max(abs(float(ref[i][col]) - float(us[i][col])) for i in ref):.2e}")
    print("; ".join(out))
PY

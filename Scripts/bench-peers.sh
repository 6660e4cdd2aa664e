#!/usr/bin/env bash
# Benchmarks covaudit against the peers of ../shared/bench on the same workload, in one run.
#   Scripts/bench-peers.sh [province|national] [peer ...]     (default: province geopandas duckdb)
# Needs the peers' Python environment (see ../shared/bench/BASELINES.md "Reproduce"): /tmp/perfenv.
# Prints covaudit's stage table, the peers' stage times, the ratios peer ÷ covaudit per query group
# and the per-commune cross-check.
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
mkdir -p /tmp/perfout
/usr/bin/time -f "covaudit wall %e s, peak RSS %M KiB" .build/release/covaudit bench --workload "/tmp/perfdata/$scale" \
  --kind peer --peer-csv "/tmp/perfout/covaudit_$scale.csv" -f json > "/tmp/perfout/covaudit_$scale.json"
"$py" - "$scale" <<'PY'
import json, sys
for s in json.load(open(f"/tmp/perfout/covaudit_{sys.argv[1]}.json"))["stages"]:
    print(f"{s['name']:<42} {s['seconds']:>8.3f} s  {s.get('items_per_second') or 0:>12,.0f}/s  {s['peak_rss_mib']:>6.0f} MiB")
PY
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

# Ratios per query group, same session: the peer's seconds ÷ covaudit's.
import json, re
stages = {s["name"]: s["seconds"] for s in json.load(open(f"/tmp/perfout/covaudit_{scale}.json"))["stages"]}
ours = {
    "load": sum(v for k, v in stages.items() if k.startswith("import") or k == "create store"),
    "Q0+Q1+Q3": stages.get("coverage: classify locations", 0),
    "Q2": stages.get("coverage: areas", 0),
    "Q4": stages.get("coverage: unit facts", 0),
    "Q0–Q4 (whole coverage run)": stages.get("coverage (total)", 0),
}
print(f"\n{'query group':<28} {'covaudit':>9}" + "".join(f" {p:>12} {'ratio':>7}" for p in peers))
for group, mine in ours.items():
    row = f"{group:<28} {mine:>8.2f}s"
    for p in peers:
        txt = open(f"/tmp/perfout/logs/{p}_{scale}_r1.log").read()
        m = re.search(r"^RESULT (.*)$", txt, re.M)
        if not m:
            row += f" {'(failed)':>12} {'':>7}"
            continue
        t = json.loads(m.group(1))["times"]
        theirs = {
            "load": t["load"], "Q0+Q1+Q3": t["q0_assign"] + t["q1_hh_coverage"] + t["q3_hh_fibre500"],
            "Q2": t["q2_area_fraction"], "Q4": t["q4_centroid_fibre"],
            "Q0–Q4 (whole coverage run)": sum(t[k] for k in ("q0_assign", "q1_hh_coverage", "q2_area_fraction",
                                                             "q3_hh_fibre500", "q4_centroid_fibre")),
        }[group]
        row += f" {theirs:>11.2f}s {theirs / mine if mine > 0 else float('inf'):>6.1f}×"
    print(row)
PY

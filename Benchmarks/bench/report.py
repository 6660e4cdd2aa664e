"""Prints covaudit against each peer, per query, and cross-checks the per-commune answers.

    python -m bench.report RESULTS_DIR WORKLOAD_DIR PEER...

RESULTS_DIR holds covaudit.json (`covaudit bench -f json`), covaudit.csv (`--peer-csv`), PEER.json and
PEER.csv (bench.peer) and, when present, recount.csv (bench.recount). Writes RESULTS_DIR/differences.csv
(every commune where covaudit and the first peer differ) and exits 1 when a check fails.

The checks (see Benchmarks/README.md, "Cross-check"):
  peers among themselves  they share one geometry model (UTM 48N): counts identical in every commune,
                          area shares within 1e-6, distances within 1 mm
  covaudit vs recount     Q0/Q1 counts in lon/lat, covaudit's geometry model: identical in every
                          commune (at most 1 household in 100,000 tolerated per column for exact ties)
  covaudit vs peers       lon/lat + local ellipsoidal metric against UTM 48N: per column, the households
                          that differ (summed over communes) at most 0.05% of all households; area
                          shares within 1e-3; centroid distances within 2 m + 1%
"""
from __future__ import annotations

import csv
import json
import os
import sys

from bench.peer import COUNTS

PEER_TIE = dict(count=0, share=1e-6, dist=1e-3)
RECOUNT_TIE = 1e-5          # of all households, per column
COUNT_BOUND = 5e-4          # of all households, per column
SHARE_BOUND = 1e-3
DIST_BOUND = (2.0, 0.01)    # metres + relative

QUERY_ROWS = [
    # label, covaudit stage(s), peer stage(s)
    ("load: files → ready to query", "import", ["load"]),
    ("Q0 assign households to communes", None, ["q0"]),
    ("Q1 households in 4G / in 5G cells", None, ["q1"]),
    ("Q3 households ≤ 500 m of fibre", None, ["q3"]),
    ("Q0+Q1+Q3 (covaudit: one location pass)", ["coverage: classify locations"], ["q0", "q1", "q3"]),
    ("Q2 4G / 5G area share", ["coverage: areas"], ["q2"]),
    ("Q4 centroid → nearest fibre", ["coverage: unit facts"], ["q4"]),
    ("Q0–Q4 (covaudit: whole coverage run¹)", ["coverage (total)"], ["q0", "q1", "q2", "q3", "q4"]),
    ("end to end (load + Q0–Q4)", "all", ["load", "q0", "q1", "q2", "q3", "q4"]),
]


def read_answers(path):
    with open(path, newline="") as f:
        return {r["id"]: r for r in csv.DictReader(f)}


def covaudit_seconds(stages, which):
    if which == "import":
        return sum(s for n, s in stages.items() if n.startswith("import ") or n == "create store")
    if which == "all":
        return covaudit_seconds(stages, "import") + stages.get("coverage (total)", 0.0)
    if not all(n in stages for n in which):
        return None
    return sum(stages[n] for n in which)


def fmt_s(v):
    return "—" if v is None else f"{v:.2f}"


def times_table(results, peers, out):
    with open(os.path.join(results, "covaudit.json")) as f:
        cov = {s["name"]: s["seconds"] for s in json.load(f)["stages"]}
    with open(os.path.join(results, "covaudit.json")) as f:
        cov_rss = max(s.get("peak_rss_mib", 0) for s in json.load(f)["stages"])
    runs = {}
    for p in peers:
        path = os.path.join(results, f"{p}.json")
        if os.path.exists(path):
            with open(path) as f:
                runs[p] = json.load(f)
    head = f"{'query':<40} {'covaudit':>9}" + "".join(f" {p:>10} {'ratio':>7}" for p in peers)
    out(head)
    out("-" * len(head))
    for label, ours, theirs in QUERY_ROWS:
        mine = None if ours is None else covaudit_seconds(cov, ours)
        row = f"{label:<40} {fmt_s(mine):>9}"
        for p in peers:
            if p not in runs:
                row += f" {'failed':>10} {'':>7}"
                continue
            t = sum(runs[p]["stages"][s] for s in theirs)
            ratio = f"{t / mine:.1f}×" if mine else ""
            row += f" {t:>10.2f} {ratio:>7}"
        out(row)
    row = f"{'peak RSS (MiB)':<40} {cov_rss:>9.0f}"
    for p in peers:
        row += f" {runs[p]['peak_rss_mib']:>10.0f} {'':>7}" if p in runs else f" {'':>10} {'':>7}"
    out(row)
    out("Seconds of wall time; ratio = peer ÷ covaudit (above 1: covaudit is faster). covaudit answers Q0, Q1")
    out("and Q3 in one pass over the households, so only their sum compares. ¹ covaudit's coverage run also")
    out("reads the layers from its store and indexes them, aggregates, finds gaps and writes its results:")
    stage_list = ", ".join(f"{n.removeprefix('coverage: ')} {s:.2f}" for n, s in cov.items() if n.startswith("coverage: "))
    out(f"  {stage_list}.")
    notes = "; ".join(f"{p}: {runs[p].get('notes', '')}" for p in runs)
    out(f"  Threads: covaudit both cores; {notes}.")
    return runs


def compare(a, b, columns):
    """Per column: (communes differing, sum |diff|, max |diff|, id of the max) over the communes of a."""
    stats = {}
    for c in columns:
        n_diff = total = 0
        worst, worst_id = 0.0, None
        for i, ra in a.items():
            rb = b.get(i)
            if rb is None:
                continue
            if c in COUNTS:
                d = abs(int(ra[c]) - int(rb[c]))
            else:
                d = abs(float(ra[c]) - float(rb[c]))
            if d > 0:
                n_diff += 1; total += d
            if d > worst:
                worst, worst_id = d, i
        stats[c] = (n_diff, total, worst, worst_id)
    return stats


def cross_check(results, peers, out):
    answers = {p: read_answers(os.path.join(results, f"{p}.csv")) for p in ["covaudit", *peers]
               if os.path.exists(os.path.join(results, f"{p}.csv"))}
    failures = []
    present = [p for p in peers if p in answers]
    if not present:
        out("no peer answers to compare")
        return ["no peer answers"]
    ref_name = present[0]
    ref = answers[ref_name]
    households = sum(int(r["n_hh"]) for r in ref.values())
    out(f"{len(ref):,} communes, {households:,} households assigned by {ref_name}.")
    totals = {c: sum(int(r[c]) for r in ref.values()) for c in COUNTS}
    out("Totals (" + ref_name + "): " + ", ".join(
        f"{c} {totals[c]:,} ({100 * totals[c] / households:.2f}%)" for c in COUNTS[1:]))

    for p in [*present[1:], "covaudit"]:
        if p not in answers:
            continue
        ids_a, ids_b = set(ref), set(answers[p])
        if ids_a != ids_b:
            failures.append(f"{p}: commune ids differ from {ref_name} ({len(ids_a ^ ids_b)} not in both)")
            out(f"FAIL {p}: {len(ids_a ^ ids_b)} commune ids not in both")

    # 1. the peers agree with each other
    for p in present[1:]:
        s = compare(ref, answers[p], COUNTS + ["frac4g", "frac5g", "dist_m"])
        bad = [c for c in COUNTS if s[c][0] > PEER_TIE["count"]]
        bad += [c for c in ("frac4g", "frac5g") if s[c][2] > PEER_TIE["share"]]
        bad += ["dist_m"] if s["dist_m"][2] > PEER_TIE["dist"] else []
        verdict = "OK" if not bad else "FAIL (" + ", ".join(bad) + ")"
        out(f"{p} vs {ref_name} (same UTM 48N model): counts differ in "
            f"{sum(s[c][0] for c in COUNTS)} commune columns; area shares within "
            f"{max(s['frac4g'][2], s['frac5g'][2]):.1e}; distances within {s['dist_m'][2]:.1e} m — {verdict}")
        if bad:
            failures.append(f"{p} vs {ref_name}: {', '.join(bad)}")

    if "covaudit" not in answers:
        out("FAIL covaudit wrote no answers")
        return failures + ["covaudit: no answers"]
    ours = answers["covaudit"]

    # 2. covaudit against the recount in its own geometry model (lon/lat)
    recount_path = os.path.join(results, "recount.csv")
    if os.path.exists(recount_path):
        rec = read_answers(recount_path)
        s = compare(rec, ours, ["n_hh", "hh4g", "hh5g"])
        limit = RECOUNT_TIE * households
        bad = [c for c in s if s[c][1] > limit]
        out("covaudit vs GEOS recount in lon/lat (covaudit's geometry model): " + "; ".join(
            f"{c} {s[c][1]} households in {s[c][0]} communes" for c in s)
            + (" — OK" if not bad else f" — FAIL (over {limit:.0f})"))
        if bad:
            failures.append("covaudit vs recount: " + ", ".join(bad))

    # 3. covaudit against each peer: bounded differences
    for p in present:
        s = compare(ref if p == ref_name else answers[p], ours, COUNTS + ["frac4g", "frac5g", "dist_m"])
        out(f"covaudit vs {p} (lon/lat + ellipsoidal metric vs UTM 48N):")
        out(f"  {'column':<8} {'communes differing':>18} {'households':>11} {'of all':>8} {'largest in one':>15} {'bound':>9}  check")
        for c in COUNTS:
            n_diff, total, worst, wid = s[c]
            bound = COUNT_BOUND * households
            ok = total <= bound
            out(f"  {c:<8} {n_diff:>18} {total:>11,} {100 * total / households:>7.3f}% "
                f"{int(worst):>9}{'' if wid is None else ' (' + wid + ')':>6} {bound:>9.0f}  {'OK' if ok else 'FAIL'}")
            if not ok:
                failures.append(f"covaudit vs {p}: {c} {total} > {bound:.0f}")
        for c in ("frac4g", "frac5g"):
            n_diff, _, worst, wid = s[c]
            ok = worst <= SHARE_BOUND
            out(f"  {c:<8} {n_diff:>18} {'':>11} {'':>8} {worst:>9.1e}{'' if wid is None else ' (' + wid + ')':>6} "
                f"{SHARE_BOUND:>9.0e}  {'OK' if ok else 'FAIL'}")
            if not ok:
                failures.append(f"covaudit vs {p}: {c} max {worst:.2e}")
        base = ref if p == ref_name else answers[p]
        over = [i for i in base if i in ours and abs(float(base[i]["dist_m"]) - float(ours[i]["dist_m"]))
                > DIST_BOUND[0] + DIST_BOUND[1] * float(base[i]["dist_m"])]
        n_diff, _, worst, wid = s["dist_m"]
        out(f"  {'dist_m':<8} {n_diff:>18} {'':>11} {'':>8} {worst:>8.2f}m{'' if wid is None else ' (' + wid + ')':>6} "
            f"{'2m + 1%':>9}  {'OK' if not over else 'FAIL (' + str(len(over)) + ' communes)'}")
        if over:
            failures.append(f"covaudit vs {p}: dist_m over the bound in {len(over)} communes")

    with open(os.path.join(results, "differences.csv"), "w", newline="") as f:
        w = csv.writer(f)
        cols = COUNTS + ["frac4g", "frac5g", "dist_m"]
        w.writerow(["id"] + [f"{c}_{who}" for c in cols for who in ("covaudit", ref_name)])
        for i in sorted(ref, key=lambda k: (len(k), k)):
            if i not in ours:
                continue
            if any(ref[i][c] != ours[i][c] for c in COUNTS):
                w.writerow([i] + [v for c in cols for v in (ours[i][c], ref[i][c])])
    return failures


def main(argv):
    results, workload, *peers = argv
    with open(os.path.join(workload, "manifest.json")) as f:
        man = json.load(f)
    with open(os.path.join(results, "run.json")) as f:
        run = json.load(f)

    lines = []

    def out(s=""):
        print(s, flush=True)
        lines.append(s)

    out()
    out(f"== covaudit peer benchmark: {man['workload']} — {man['communes']:,} communes, {man['households']:,} households, "
        f"{man['cells4g']:,} 4G + {man['cells5g']:,} 5G cells, {man['routes']:,} fibre routes")
    out(f"   {run['date']}, covaudit {run['commit']}, {run['cores']} cores, load average at start {run['load']}")
    out()
    runs = times_table(results, peers, out)
    out()
    out("== Cross-check, per commune")
    failures = cross_check(results, peers, out)
    failures += [f"{p} failed (no answers)" for p in peers if p not in runs]
    versions = {}
    for r in runs.values():
        versions.update(r.get("versions", {}))
    out()
    out("Peers: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    out("CROSS-CHECK " + ("PASSED" if not failures else "FAILED: " + "; ".join(failures)))
    with open(os.path.join(results, "report.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

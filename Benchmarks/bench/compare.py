"""Prints this build against a baseline binary: the median of each stage over alternating runs.

  python -m bench.compare RESULTS_DIR BASELINE_PATH

RESULTS_DIR holds baseline-N.json and candidate-N.json (`covaudit bench -f json`, run by run.sh with
BENCH_BASELINE set). Ratio = candidate ÷ baseline (below 1: this build is faster).
"""
import glob
import json
import os
import statistics
import sys


def stages(path):
    with open(path) as f:
        run = json.load(f)["stages"]
    return {s["name"]: s["seconds"] for s in run}, max(s.get("peak_rss_mib", 0) for s in run)


def main(results, baseline):
    lines = []

    def out(line):
        print(line)
        lines.append(line)

    runs = {}
    for side in ("baseline", "candidate"):
        runs[side] = [stages(p) for p in sorted(glob.glob(os.path.join(results, f"{side}-*.json")))]
    if not runs["baseline"] or not runs["candidate"]:
        print("compare: no runs found", file=sys.stderr)
        return 1
    names = [n for n in runs["candidate"][0][0] if all(n in r[0] for r in runs["baseline"] + runs["candidate"])]
    out(f"before/after, median of {len(runs['candidate'])} alternating runs; baseline: {baseline}")
    head = f"{'stage':<44} {'baseline':>9} {'this':>9} {'ratio':>7}"
    out(head)
    out("-" * len(head))
    for n in names:
        b = statistics.median(r[0][n] for r in runs["baseline"])
        c = statistics.median(r[0][n] for r in runs["candidate"])
        ratio = f"{c / b:.3f}" if b > 0 else ""
        out(f"{n:<44} {b:>9.2f} {c:>9.2f} {ratio:>7}")
    b = statistics.median(r[1] for r in runs["baseline"])
    c = statistics.median(r[1] for r in runs["candidate"])
    out(f"{'peak RSS (MiB)':<44} {b:>9.0f} {c:>9.0f} {c / b if b else 0:>7.3f}")
    out("each run (coverage total, baseline/this, s): " + ", ".join(
        f"{b[0].get('coverage (total)', 0):.2f}/{c[0].get('coverage (total)', 0):.2f}"
        for b, c in zip(runs["baseline"], runs["candidate"])))
    with open(os.path.join(results, "compare.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))

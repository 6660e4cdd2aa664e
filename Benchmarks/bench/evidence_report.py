"""The evidence benchmark's table: medians of the runs of `covaudit evidence --timings`, and the imports.

    python3 bench/evidence_report.py RESULTS TESTS TILES

Reads RESULTS/timings.txt (`LABEL wall_s peak_mib` per timed process) and RESULTS/evidence-*.stages
(stderr of `covaudit evidence --timings`: lines `evidence: stage NAME SECONDS s`); prints a Markdown table
and writes it to RESULTS/summary.md. Stdlib only.
"""
from __future__ import annotations

import glob
import os
import re
import statistics
import sys

STAGE = re.compile(r"^evidence: stage (.+?) ([0-9.]+) s$")


def main(results: str, tests: int, tiles: int) -> None:
    timed = {}
    with open(os.path.join(results, "timings.txt")) as f:
        for line in f:
            label, wall, peak = line.split()
            timed[label] = (float(wall), float(peak))
    stages: dict[str, list[float]] = {}
    for path in sorted(glob.glob(os.path.join(results, "evidence-*.stages"))):
        with open(path) as f:
            for line in f:
                m = STAGE.match(line.strip())
                if m:
                    stages.setdefault(m.group(1), []).append(float(m.group(2)))
    lines = ["| what | median s | runs (s) | peak RSS MiB |", "|---|---:|---|---:|"]
    for label, rows in (("import-measurements", tests), ("import-speed-tiles", tiles)):
        if label in timed:
            wall, peak = timed[label]
            lines.append(f"| {label} ({rows:,} rows: {rows / wall:,.0f} rows/s) | {wall:.1f} | | {peak:.0f} |")
    runs = sorted(k for k in timed if k.startswith("evidence-"))
    if runs:
        walls = [timed[k][0] for k in runs]
        peaks = [timed[k][1] for k in runs]
        lines.append(f"| **covaudit evidence, whole process** | **{statistics.median(walls):.2f}** | "
                     f"{', '.join(f'{w:.2f}' for w in walls)} | {max(peaks):.0f} |")
    for name, values in stages.items():
        lines.append(f"| stage: {name} | {statistics.median(values):.2f} | "
                     f"{', '.join(f'{v:.2f}' for v in values)} | |")
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    text = "\n".join(lines) + f"\n\nload average at the end: {load}\n"
    with open(os.path.join(results, "summary.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))

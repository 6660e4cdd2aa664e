"""Runs one peer on a workload and records its stage times and per-commune answers.

    python -m bench.peer NAME WORKLOAD_DIR OUT_DIR        # NAME: geopandas | duckdb

Every peer answers the same five queries, all metric work in UTM 48N (EPSG:32648):
    load  read the files, project every layer to EPSG:32648, build the indexes the peer needs
    q0    assign each household to the commune that contains it (kept for q1 and q3)
    q1    per commune: households inside the union of the 4G cells, and of the 5G cells
    q2    per commune: area(commune ∩ union of cells) / area(commune), for 4G and for 5G
    q3    per commune: households within 500 m of a fibre route (exact distance, no buffer approximation)
    q4    per commune: distance from its centroid to the nearest fibre route
No query reuses another's unions. Writes OUT_DIR/NAME.csv (the answers, in the layout of
`covaudit bench --peer-csv`) and OUT_DIR/NAME.json (stage seconds, peak RSS, versions).
"""
from __future__ import annotations

import importlib
import json
import os
import resource
import sys
import time
from contextlib import contextmanager

import numpy as np

# The per-commune answer layout shared with `covaudit bench --peer-csv`.
COLUMNS = ["id", "n_hh", "hh4g", "hh5g", "frac4g", "frac5g", "hh_fib", "dist_m"]
COUNTS = ["n_hh", "hh4g", "hh5g", "hh_fib"]
STAGES = ["load", "q0", "q1", "q2", "q3", "q4"]
UTM = 32648
FIBRE_DISTANCE_M = 500.0


class Timer:
    def __init__(self, name):
        self.name, self.seconds = name, {}

    @contextmanager
    def stage(self, stage):
        start = time.perf_counter()
        yield
        self.seconds[stage] = time.perf_counter() - start
        print(f"  {self.name:<10} {stage:<4} {self.seconds[stage]:9.3f} s", flush=True)


def write_answers(path, ids, answers):
    """ids: commune ids; answers: column -> array aligned with ids (missing columns are 0)."""
    order = np.argsort(np.asarray([str(i) for i in ids]))  # covaudit sorts by the code, as text
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(COLUMNS) + "\n")
        for k in order:
            row = [str(ids[k])]
            for c in COLUMNS[1:]:
                v = answers.get(c)
                v = 0 if v is None else v[k]
                row.append(str(int(v)) if c in COUNTS else f"{float(v):.9f}")
            f.write(",".join(row) + "\n")


def main(argv):
    name, workload, out = argv
    module = importlib.import_module(f"bench.peers.{name}")
    timer = Timer(name)
    started = time.perf_counter()
    ids, answers = module.run(workload, timer)
    wall = time.perf_counter() - started
    os.makedirs(out, exist_ok=True)
    write_answers(os.path.join(out, f"{name}.csv"), ids, answers)
    record = dict(peer=name, stages=timer.seconds, wall_s=wall,
                  peak_rss_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  versions=module.versions(), notes=getattr(module, "NOTES", ""))
    with open(os.path.join(out, f"{name}.json"), "w") as f:
        json.dump(record, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])

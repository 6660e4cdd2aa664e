"""Ookla-style zoom-16 mobile tiles for the whole country: the generator's tiles topped up to a count.

    python3 bench/speed_tiles.py GENERATED.csv COUNT OUT.csv

Keeps every tile of GENERATED.csv (`covaudit generate --speed-tiles`: averaged from the crowd-app tests)
and adds tiles drawn uniformly among the zoom-16 tiles whose centre lies inside the territory's outline
(`parameters.region.outline` of the generator.json beside GENERATED.csv), until COUNT tiles; writes Ookla's columns
`quadkey,tile,avg_d_kbps,avg_u_kbps,avg_lat_ms,tests,devices`, ordered by quadkey. Seeded, stdlib only.
"""
from __future__ import annotations

import bisect
import csv
import json
import math
import os
import random
import sys

ZOOM = 16
SIZE = 1 << ZOOM
SEED = 20261202



def tile_lat(row: float) -> float:
    """The latitude of a tile row edge (Web Mercator)."""
    return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * row / SIZE))))


def tile_row(lat: float) -> int:
    r = math.radians(lat)
    return int((1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * SIZE)


def tile_col(lon: float) -> int:
    return int((lon + 180) / 360 * SIZE)


def quadkey(x: int, y: int) -> str:
    return "".join(str(((x >> b) & 1) | (((y >> b) & 1) << 1)) for b in range(ZOOM - 1, -1, -1))


def wkt(x: int, y: int) -> str:
    """The tile polygon as Ookla writes it: corners counter-clockwise from south-west, 7 decimals."""
    w, e = x / SIZE * 360 - 180, (x + 1) / SIZE * 360 - 180
    s, n = tile_lat(y + 1), tile_lat(y)
    corners = [(w, s), (e, s), (e, n), (w, n), (w, s)]
    return "POLYGON((" + ", ".join(f"{a:.7f} {b:.7f}" for a, b in corners) + "))"


def inside_spans(outline):
    """Per tile row, the column ranges whose centres lie inside the outline (scanline of the polygon)."""
    edges = list(zip(outline, outline[1:] + outline[:1]))
    top = tile_row(max(lat for _, lat in outline))
    bottom = tile_row(min(lat for _, lat in outline))
    for y in range(top, bottom + 1):
        lat = (tile_lat(y) + tile_lat(y + 1)) / 2
        xs = sorted(
            a[0] + (lat - a[1]) * (b[0] - a[0]) / (b[1] - a[1])
            for a, b in edges if (a[1] > lat) != (b[1] > lat)
        )
        for lon0, lon1 in zip(xs[0::2], xs[1::2]):
            # columns whose centre lies in [lon0, lon1)
            first, last = math.ceil((lon0 + 180) / 360 * SIZE - 0.5), math.ceil((lon1 + 180) / 360 * SIZE - 0.5) - 1
            if last >= first:
                yield y, first, last


def main(generated: str, count: int, out: str) -> None:
    rng = random.Random(SEED)
    with open(generated, newline="") as f:
        rows = {r["quadkey"]: r for r in csv.DictReader(f)}
    with open(os.path.join(os.path.dirname(generated), "generator.json")) as f:
        outline = [tuple(p) for p in json.load(f)["parameters"]["region"]["outline"]]
    spans = list(inside_spans(outline))
    total = sum(last - first + 1 for _, first, last in spans)
    wanted = max(0, count - len(rows))
    drawn = 0
    offsets = []
    acc = 0
    for _, first, last in spans:
        offsets.append(acc)
        acc += last - first + 1
    # Enough draws that, after skipping the generated tiles among them, `wanted` remain.
    draws = min(total, int(wanted * total / max(1, total - len(rows)) * 1.05) + 1000)
    for k in rng.sample(range(total), draws):
        if drawn == wanted:
            break
        i = bisect.bisect_right(offsets, k) - 1
        y, first, _ = spans[i]
        x = first + k - offsets[i]
        key = quadkey(x, y)
        if key in rows:
            continue
        tests = 1 + int(rng.expovariate(1 / 6))
        rows[key] = {
            "quadkey": key, "tile": wkt(x, y),
            "avg_d_kbps": round(rng.lognormvariate(math.log(30_000), 0.8)),
            "avg_u_kbps": round(rng.lognormvariate(math.log(12_000), 0.8)),
            "avg_lat_ms": round(rng.lognormvariate(math.log(30), 0.5)),
            "tests": tests, "devices": rng.randint(1, tests),
        }
        drawn += 1
    columns = ["quadkey", "tile", "avg_d_kbps", "avg_u_kbps", "avg_lat_ms", "tests", "devices"]
    with open(out, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        for key in sorted(rows):
            w.writerow(rows[key])
    print(f"speed tiles: {len(rows) - drawn} generated + {drawn} drawn = {len(rows)} "
          f"(of {total} zoom-16 tiles in the outline) -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])

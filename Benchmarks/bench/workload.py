"""The peer benchmark's workload: a deterministic, Vietnam-like telecom territory.

    python -m bench.workload SCALE DIR      # writes DIR (or keeps it when DIR already holds this workload)

Scales (see SCALES): `province` (about 3,900 km², 400 k households), `national` (Vietnam, 5 M households)
and `national27` (the same territory as `national` with 27 M households). Everything is drawn from one
seed; each part of the territory has its own random stream, so `national` and `national27` share their
communes, cells and routes and differ only in their households.

Files (the layout `covaudit bench --kind peer` reads; lon/lat EPSG:4326, 7 decimals):
    communes.geojson   MultiPolygon  id                Voronoi cells of seed points, clipped to the region
    cov4g.geojson      Polygon       id, site, radius_m  tri-sector wedges (three 120° sectors) or omni circles
    cov5g.geojson      Polygon       id, site, radius_m
    fibre.geojson      LineString    id, kind          backbone (spanning tree), ring links, feeders
    households.csv     id,lon,lat                      clustered: towns, villages, a few remote
    manifest.json      parameters, counts, vertex totals (the cache key: see `is_current`)

Geometry is drawn in UTM 48N metres (EPSG:32648) and written in lon/lat.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import time
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

# Bump when the output changes for the same seed: cached workloads of another version are regenerated.
GENERATOR_VERSION = 1
DEFAULT_SEED = 20261202


@dataclass(frozen=True)
class Scale:
    region: str  # "province" or "vietnam"
    communes: int
    households: int
    cells4g: int
    cells5g: int
    routes: int


SCALES = {
    "province": Scale("province", communes=180, households=400_000, cells4g=1_500, cells5g=200, routes=2_500),
    "national": Scale("vietnam", communes=10_000, households=5_000_000, cells4g=100_000, cells5g=15_000, routes=60_000),
    "national27": Scale("vietnam", communes=10_000, households=27_000_000, cells4g=100_000, cells5g=15_000,
                        routes=60_000),
}

# A coarse outline of mainland Vietnam (lon, lat), clockwise from the north-west corner; about 330,000 km².
VIETNAM_OUTLINE = [
    (102.15, 22.40), (102.60, 22.70), (103.30, 22.65), (103.95, 22.55), (104.40, 22.80), (105.00, 23.10),
    (105.55, 23.30), (106.10, 22.95), (106.70, 22.85), (106.70, 22.35), (107.35, 21.70), (108.00, 21.55),
    (107.40, 21.00), (106.75, 20.70), (106.30, 20.25), (105.95, 19.70), (105.70, 18.95), (106.25, 18.20),
    (106.65, 17.55), (107.30, 16.85), (108.20, 16.10), (108.85, 15.30), (109.20, 14.20), (109.35, 13.00),
    (109.25, 12.00), (108.95, 11.30), (108.10, 10.90), (107.20, 10.40), (106.75, 10.10), (106.40, 9.55),
    (105.40, 8.60), (104.75, 8.60), (104.85, 9.70), (104.50, 10.40), (105.10, 10.90), (106.10, 11.35),
    (106.45, 11.75), (107.50, 12.25), (107.55, 12.90), (107.45, 13.90), (107.55, 14.70), (107.45, 15.40),
    (107.05, 16.05), (106.60, 16.55), (106.45, 17.10), (105.85, 17.65), (105.10, 18.50), (104.20, 19.10),
    (104.35, 19.70), (104.05, 20.40), (103.20, 20.80), (102.75, 21.60), (102.20, 21.90),
]

TO_UTM = Transformer.from_crs(4326, 32648, always_xy=True)
TO_LONLAT = Transformer.from_crs(32648, 4326, always_xy=True)


# ---------------------------------------------------------------------------------------------- sampling

class Sampler:
    """Draws points inside the region (rejection sampling against the prepared region polygon)."""

    def __init__(self, region: shapely.Polygon):
        self.region = region
        shapely.prepare(region)
        self.x0, self.y0, self.x1, self.y1 = region.bounds

    def _keep(self, n, draw):
        xs, ys, have = [], [], 0
        while have < n:
            x, y = draw(int((n - have) * 1.25) + 32)
            inside = shapely.contains_xy(self.region, x, y)
            xs.append(x[inside]); ys.append(y[inside]); have += int(inside.sum())
        return np.concatenate(xs)[:n], np.concatenate(ys)[:n]

    def uniform(self, rng, n):
        return self._keep(n, lambda k: (rng.uniform(self.x0, self.x1, k), rng.uniform(self.y0, self.y1, k)))

    def clustered(self, rng, n, cx, cy, sigma, weight):
        """n points around the centres: centre i is picked with probability weight[i], spread N(0, sigma[i])."""
        def draw(k):
            i = rng.choice(len(cx), size=k, p=weight)
            return cx[i] + sigma[i] * rng.standard_normal(k), cy[i] + sigma[i] * rng.standard_normal(k)
        return self._keep(n, draw)


def region_of(scale: Scale, rng) -> shapely.Polygon:
    if scale.region == "vietnam":
        lon, lat = np.array(VIETNAM_OUTLINE).T
    else:
        # a smooth irregular blob centred on 105.9 E, 21.65 N (about Thái Nguyên's size)
        t = np.linspace(0.0, 2 * np.pi, 120, endpoint=False)
        r = 0.88 + sum(rng.uniform(0.02, 0.06) * np.cos(k * t + rng.uniform(0, 2 * np.pi)) for k in range(2, 7))
        lon, lat = 105.9 + 0.40 * r * np.cos(t), 21.65 + 0.35 * r * np.sin(t)
    return shapely.Polygon(np.column_stack(TO_UTM.transform(lon, lat)))


def normalised(w):
    w = np.asarray(w, dtype=float)
    return w / w.sum()


# ------------------------------------------------------------------------------------------------ layers

def arc(cx, cy, r, a0, a1, n):
    a = np.linspace(a0, a1, n)
    return np.column_stack([cx + r * np.cos(a), cy + r * np.sin(a)])


def cell_polygons(rng, sx, sy, radius, count, p_sectored):
    """Coverage polygons, site after site (cycling) until `count`: three 120° sectors with probability
    p_sectored, otherwise one omni circle. 32–64 arc vertices each. Returns polygons, site index, radius."""
    polys, site, rad = [], [], []
    s = 0
    while len(polys) < count:
        i = s % len(sx); s += 1
        if rng.random() < p_sectored:
            azimuth = rng.uniform(0, 2 * np.pi)
            for k in range(3):
                r = radius[i] * rng.uniform(0.9, 1.1)
                a0 = azimuth + k * 2 * np.pi / 3
                ring = np.vstack([[sx[i], sy[i]], arc(sx[i], sy[i], r, a0, a0 + 2 * np.pi / 3, int(rng.integers(32, 65)))])
                polys.append(shapely.Polygon(ring)); site.append(i); rad.append(r)
        else:
            n = int(rng.integers(32, 65))
            ring = arc(sx[i], sy[i], radius[i], 0, 2 * np.pi, n + 1)[:-1]
            polys.append(shapely.Polygon(ring)); site.append(i); rad.append(radius[i])
    return polys[:count], np.array(site[:count]), np.array(rad[:count])


def spanning_tree(x, y):
    """Kruskal's minimum spanning tree over the Delaunay edges of the points; also returns the other edges."""
    index = {xy: i for i, xy in enumerate(zip(x.tolist(), y.tolist()))}
    edges = shapely.get_parts(shapely.delaunay_triangles(shapely.multipoints(np.column_stack([x, y])), only_edges=True))
    ends = shapely.get_coordinates(edges).reshape(-1, 2, 2)
    a = np.array([index[(p[0], p[1])] for p in ends[:, 0].tolist()])
    b = np.array([index[(p[0], p[1])] for p in ends[:, 1].tolist()])
    order = np.lexsort((b, a, np.hypot(x[a] - x[b], y[a] - y[b])))
    parent = np.arange(len(x))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    tree, other = [], []
    for e in order:
        ra, rb = root(a[e]), root(b[e])
        if ra == rb:
            other.append((a[e], b[e]))
        else:
            parent[ra] = rb
            tree.append((a[e], b[e]))
    return tree, other


def road(rng, ax, ay, bx, by):
    """A road-like line from A to B: a vertex every ~80 m (8–400), a smooth sideways meander, ends fixed."""
    length = float(np.hypot(bx - ax, by - ay))
    n = int(np.clip(length / 80, 8, 400))
    t = np.linspace(0.0, 1.0, n)
    side = np.zeros(n)
    for k in (1, 2, 3, 5):
        side += rng.normal(0, 0.05 * length / k) * np.sin(k * np.pi * t + rng.uniform(0, 2 * np.pi))
    side = side * np.sin(np.pi * t) + rng.normal(0, 3.0, n) * np.sin(np.pi * t)
    ux, uy = (bx - ax) / max(length, 1e-9), (by - ay) / max(length, 1e-9)
    return shapely.LineString(np.column_stack([ax + t * (bx - ax) - side * uy, ay + t * (by - ay) + side * ux]))


# ------------------------------------------------------------------------------------------------ output

def lonlat_coordinates(geoms):
    """All the geometries' coordinates, in order, in lon/lat rounded to 7 decimals."""
    xy = shapely.get_coordinates(geoms)
    lon, lat = TO_LONLAT.transform(xy[:, 0], xy[:, 1])
    return np.round(lon, 7), np.round(lat, 7)


def write_geojson(path, geoms, properties):
    """A FeatureCollection with the geometries in lon/lat (7 decimals). Returns the vertex count."""
    geoms = shapely.orient_polygons(np.asarray(geoms, dtype=object))  # exteriors counter-clockwise (RFC 7946)
    lon, lat = lonlat_coordinates(geoms)
    text = [f"[{a:.7f},{b:.7f}]" for a, b in zip(lon.tolist(), lat.tolist())]
    cursor = 0

    def take(n):
        nonlocal cursor
        part = ",".join(text[cursor:cursor + n]); cursor += n
        return "[" + part + "]"

    def polygon_json(p):
        rings = [p.exterior, *p.interiors]
        return "[" + ",".join(take(len(r.coords)) for r in rings) + "]"

    names = list(properties)
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"type":"FeatureCollection","features":[\n')
        for k, g in enumerate(geoms):
            kind = g.geom_type
            if kind == "LineString":
                coords = take(len(g.coords))
            elif kind == "Polygon":
                coords = polygon_json(g)
            else:  # MultiPolygon
                coords = "[" + ",".join(polygon_json(p) for p in g.geoms) + "]"
            props = ",".join(f'"{n}":{json.dumps(properties[n][k].item())}' for n in names)
            sep = ",\n" if k + 1 < len(geoms) else "\n"
            f.write(f'{{"type":"Feature","properties":{{{props}}},"geometry":{{"type":"{kind}","coordinates":{coords}}}}}{sep}')
        f.write("]}\n")
    assert cursor == len(text)
    return len(text)


def write_households(path, x, y, chunk=2_000_000):
    lon, lat = TO_LONLAT.transform(x, y)
    with open(path, "w", encoding="utf-8") as f:
        f.write("id,lon,lat\n")
        for s in range(0, len(x), chunk):
            e = min(s + chunk, len(x))
            pd.DataFrame({"id": np.arange(s + 1, e + 1), "lon": lon[s:e], "lat": lat[s:e]}).to_csv(
                f, header=False, index=False, float_format="%.7f", lineterminator="\n")


# -------------------------------------------------------------------------------------------- generation

def generate(name: str, out: str, seed: int = DEFAULT_SEED) -> dict:
    scale = SCALES[name]
    t0 = time.perf_counter()
    streams = np.random.SeedSequence([seed, GENERATOR_VERSION]).spawn(8)
    r_region, r_towns, r_communes, r_villages, r_cells4g, r_cells5g, r_fibre, r_households = map(
        np.random.default_rng, streams)

    region = region_of(scale, r_region)
    draw = Sampler(region)

    # towns: Zipf-like sizes; the bigger the town, the wider it spreads (σ 1–5 km)
    n_towns = max(6, scale.communes // 18)
    tx, ty = draw.uniform(r_towns, n_towns)
    town_w = normalised(1.0 / np.arange(1, n_towns + 1) ** 0.9)
    town_sigma = 1000 + 4000 * np.sqrt(town_w / town_w.max())

    # communes: Voronoi cells of seeds, 3/4 uniform and 1/4 around towns (small urban wards)
    n_uniform = scale.communes * 3 // 4
    ux, uy = draw.uniform(r_communes, n_uniform)
    wx, wy = draw.clustered(r_communes, scale.communes - n_uniform, tx, ty, town_sigma, town_w)
    seed_x, seed_y = np.concatenate([ux, wx]), np.concatenate([uy, wy])
    cells = shapely.get_parts(shapely.voronoi_polygons(
        shapely.multipoints(np.column_stack([seed_x, seed_y])), extend_to=region, ordered=True))
    communes = []
    for g in shapely.intersection(cells, region):
        parts = [p for p in shapely.get_parts(g) if p.geom_type == "Polygon" and p.area > 0]
        if parts:
            communes.append(shapely.MultiPolygon(parts))

    # villages (hamlets): 12 per commune, log-normal sizes, σ 150–400 m
    n_villages = scale.communes * 12
    vx, vy = draw.uniform(r_villages, n_villages)
    village_w = normalised(r_villages.lognormal(0.0, 0.8, n_villages))
    village_sigma = r_villages.uniform(150, 400, n_villages)

    # 4G: 40% of sites in and around towns (radius 1–2.5 km), 60% at villages (1.5–4 km); ~2.2 cells a site
    n_sites = scale.cells4g * 10 // 22 + 1
    n_urban = n_sites * 2 // 5
    ax, ay = draw.clustered(r_cells4g, n_urban, tx, ty, 1.5 * town_sigma, town_w)
    at = r_cells4g.choice(n_villages, n_sites - n_urban, p=village_w)
    sx = np.concatenate([ax, vx[at] + r_cells4g.normal(0, 300, len(at))])
    sy = np.concatenate([ay, vy[at] + r_cells4g.normal(0, 300, len(at))])
    s_radius = np.concatenate([r_cells4g.uniform(1000, 2500, n_urban), r_cells4g.uniform(1500, 4000, len(at))])
    cov4g, site4g, radius4g = cell_polygons(r_cells4g, sx, sy, s_radius, scale.cells4g, 0.7)

    # 5G: small cells in towns only, weighted towards the biggest (radius 300–800 m)
    w5 = normalised(town_w ** 1.2)
    n5 = scale.cells5g // 2 + 1
    fx, fy = draw.clustered(r_cells5g, n5, tx, ty, 0.6 * town_sigma, w5)
    cov5g, site5g, radius5g = cell_polygons(r_cells5g, fx, fy, r_cells5g.uniform(300, 800, n5), scale.cells5g, 0.5)

    # fibre: spanning tree over commune seeds and towns, ring links, then feeders from sites/villages
    nx, ny = np.concatenate([seed_x, tx]), np.concatenate([seed_y, ty])
    tree, other = spanning_tree(nx, ny)
    rings = [other[i] for i in np.sort(r_fibre.choice(len(other), min(len(other), scale.communes // 2), replace=False))]
    routes, kinds = [], []
    for kind, edges in (("backbone", tree), ("ring", rings)):
        for i, j in edges:
            routes.append(road(r_fibre, nx[i], ny[i], nx[j], ny[j])); kinds.append(kind)
    feeders = scale.routes - len(routes)
    ex, ey = np.concatenate([sx, vx]), np.concatenate([sy, vy])
    start = r_fibre.choice(len(ex), feeders, replace=feeders > len(ex))
    nearest = shapely.STRtree(shapely.points(nx, ny)).nearest(shapely.points(ex[start], ey[start]))
    for s, j in zip(start, nearest):
        routes.append(road(r_fibre, ex[s], ey[s], nx[j], ny[j])); kinds.append("feeder")

    # households: 35% in towns, 60% in villages, 5% anywhere; shuffled so the file has no spatial order
    n = scale.households
    n_town, n_village = n * 35 // 100, n * 60 // 100
    parts = [draw.clustered(r_households, n_town, tx, ty, town_sigma, town_w),
             draw.clustered(r_households, n_village, vx, vy, village_sigma, village_w),
             draw.uniform(r_households, n - n_town - n_village)]
    hx = np.concatenate([p[0] for p in parts]); hy = np.concatenate([p[1] for p in parts])
    order = r_households.permutation(n)
    hx, hy = hx[order], hy[order]
    t_draw = time.perf_counter() - t0

    tmp = out.rstrip("/") + ".partial"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    man = dict(generator=GENERATOR_VERSION, workload=name, seed=seed, scale=asdict(scale),
               region_km2=round(region.area / 1e6, 1), towns=n_towns, villages=n_villages,
               communes=len(communes), households=n, cells4g=len(cov4g), cells5g=len(cov5g), routes=len(routes))
    man["communes_vertices"] = write_geojson(f"{tmp}/communes.geojson", communes,
                                             {"id": np.arange(1, len(communes) + 1)})
    for layer, polys, site, radius in (("cov4g", cov4g, site4g, radius4g), ("cov5g", cov5g, site5g, radius5g)):
        man[layer + "_vertices"] = write_geojson(f"{tmp}/{layer}.geojson", polys, {
            "id": np.arange(1, len(polys) + 1), "site": site + 1, "radius_m": np.round(radius, 1)})
    man["fibre_vertices"] = write_geojson(f"{tmp}/fibre.geojson", routes,
                                          {"id": np.arange(1, len(routes) + 1), "kind": np.array(kinds)})
    write_households(f"{tmp}/households.csv", hx, hy)
    man["seconds"] = dict(draw=round(t_draw, 1), total=round(time.perf_counter() - t0, 1))
    with open(f"{tmp}/manifest.json", "w") as f:
        json.dump(man, f, indent=1)
    shutil.rmtree(out, ignore_errors=True)
    os.replace(tmp, out)
    return man


def is_current(name: str, out: str, seed: int = DEFAULT_SEED) -> bool:
    """True when `out` holds a complete workload of this scale, seed and generator version."""
    try:
        with open(os.path.join(out, "manifest.json")) as f:
            man = json.load(f)
    except (OSError, ValueError):
        return False
    want = dict(generator=GENERATOR_VERSION, workload=name, seed=seed, scale=asdict(SCALES[name]))
    return all(man.get(k) == v for k, v in want.items())


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(prog="python -m bench.workload", description=__doc__.split("\n")[0])
    ap.add_argument("scale", choices=sorted(SCALES))
    ap.add_argument("out", help="the workload folder")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--force", action="store_true", help="regenerate even when the folder is current")
    a = ap.parse_args(argv)
    if not a.force and is_current(a.scale, a.out, a.seed):
        print(f"workload {a.scale}: cached in {a.out}")
        return
    print(f"workload {a.scale}: generating into {a.out} (seed {a.seed}) ...", flush=True)
    man = generate(a.scale, a.out, a.seed)
    print(f"workload {a.scale}: {man['communes']:,} communes, {man['households']:,} households, "
          f"{man['cells4g']:,} 4G + {man['cells5g']:,} 5G cells, {man['routes']:,} routes "
          f"in {man['seconds']['total']} s")


if __name__ == "__main__":
    main(sys.argv[1:])

"""GeoPandas + Shapely 2 (GEOS), vectorised, one thread.

    load  pyogrio reads the GeoJSON, pandas the CSV; pyproj projects all of it; STRtree on the communes
    q0    STRtree(communes).query(points, "within")
    q1    union_all of the cells, prepared once; contains_xy for every household; bincount per commune
    q2    cell/commune pairs from the STRtree, clip each cell to its commune, union per commune, area
    q3    union_all of the routes buffered by 500 m (16 segments a quarter circle) answers "inside" for
          most households; a buffer's arcs are chords, so the households outside it are tested exactly
          with STRtree(routes).query(..., "dwithin", 500)
    q4    STRtree(routes).query_nearest(commune centroids)
"""
import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyproj
import shapely

from bench.peer import FIBRE_DISTANCE_M, UTM

NOTES = "one thread"


def versions():
    return {"geopandas": gpd.__version__, "shapely": shapely.__version__, "GEOS": shapely.geos_version_string,
            "pyogrio": pyogrio.__version__, "GDAL": pyogrio.__gdal_version_string__, "pyproj": pyproj.__version__,
            "PROJ": pyproj.proj_version_str, "pandas": pd.__version__, "numpy": np.__version__}


def run(d, timer):
    with timer.stage("load"):
        def layer(name):
            return gpd.read_file(f"{d}/{name}.geojson", engine="pyogrio").to_crs(UTM)
        communes, cov4g, cov5g, fibre = (layer(n) for n in ("communes", "cov4g", "cov5g", "fibre"))
        hh = pd.read_csv(f"{d}/households.csv", dtype={"id": "int64", "lon": "float64", "lat": "float64"})
        x, y = pyproj.Transformer.from_crs(4326, UTM, always_xy=True).transform(hh["lon"].to_numpy(), hh["lat"].to_numpy())
        points = gpd.points_from_xy(x, y, crs=UTM)
        C = communes.geometry.values
        commune_tree = communes.sindex
        commune_tree.query(C[:1])  # the tree is built on first use: build it here
    n = len(C)

    with timer.stage("q0"):
        point_i, commune_i = commune_tree.query(points, predicate="within")
        home = np.full(len(x), -1, dtype=np.int64)
        home[point_i] = commune_i
        assigned = home >= 0
        n_hh = np.bincount(home[assigned], minlength=n)

    def per_commune(hit):
        return np.bincount(home[hit & assigned], minlength=n)

    answers = {"n_hh": n_hh}
    with timer.stage("q1"):
        for column, cells in (("hh4g", cov4g), ("hh5g", cov5g)):
            union = shapely.union_all(cells.geometry.values)
            shapely.prepare(union)
            answers[column] = per_commune(shapely.contains_xy(union, x, y))

    with timer.stage("q2"):
        commune_area = shapely.area(C)
        for column, cells in (("frac4g", cov4g), ("frac5g", cov5g)):
            G = cells.geometry.values
            cell_i, commune_i = commune_tree.query(G, predicate="intersects")
            order = np.lexsort((cell_i, commune_i))
            cell_i, commune_i = cell_i[order], commune_i[order]
            pieces = shapely.intersection(G[cell_i], C[commune_i])
            starts = np.flatnonzero(np.r_[True, commune_i[1:] != commune_i[:-1]])
            covered = np.zeros(n)
            for s, e in zip(starts, np.r_[starts[1:], len(pieces)]):
                covered[commune_i[s]] = shapely.union_all(pieces[s:e]).area
            answers[column] = covered / commune_area

    with timer.stage("q3"):
        F = fibre.geometry.values
        inner = shapely.union_all(shapely.buffer(F, FIBRE_DISTANCE_M, quad_segs=16))
        shapely.prepare(inner)
        near = shapely.contains_xy(inner, x, y)
        rest = np.flatnonzero(~near)
        route_tree = shapely.STRtree(F)
        hit = route_tree.query(points[rest], predicate="dwithin", distance=FIBRE_DISTANCE_M)[0]
        near[rest[np.unique(hit)]] = True
        answers["hh_fib"] = per_commune(near)

    with timer.stage("q4"):
        (commune_i, _), distance = route_tree.query_nearest(shapely.centroid(C), return_distance=True, all_matches=False)
        answers["dist_m"] = np.zeros(n)
        answers["dist_m"][commune_i] = distance

    return communes["id"].to_numpy(), answers

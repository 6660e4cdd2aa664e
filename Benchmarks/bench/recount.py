"""The cross-check's explanation step: Q0 and Q1 recounted with GEOS in the files' own lon/lat coordinates.

    python -m bench.recount WORKLOAD_DIR OUT_DIR      # writes OUT_DIR/recount.csv (n_hh, hh4g, hh5g)

The peers project everything to UTM 48N, where an edge between two vertices is a straight line in
metres; covaudit keeps lon/lat, where the same edge is straight in degrees. The two lines part by
centimetres to metres, so a household very close to a commune or cell edge can fall on different sides.
Point in polygon needs no metric, so GEOS on the unprojected coordinates uses covaudit's geometry model:
when covaudit agrees with this recount and the peers agree with each other, every difference between
covaudit and the peers in n_hh, hh4g and hh5g comes from the projection, not from either side's code.
"""
import sys

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from bench.peer import write_answers


def main(workload, out):
    communes = gpd.read_file(f"{workload}/communes.geojson", engine="pyogrio")
    hh = pd.read_csv(f"{workload}/households.csv", dtype={"id": "int64", "lon": "float64", "lat": "float64"})
    x, y = hh["lon"].to_numpy(), hh["lat"].to_numpy()
    C = communes.geometry.values
    point_i, commune_i = shapely.STRtree(C).query(shapely.points(x, y), predicate="within")
    home = np.full(len(x), -1, dtype=np.int64)
    home[point_i] = commune_i
    inside = home >= 0
    n = len(C)
    answers = {"n_hh": np.bincount(home[inside], minlength=n)}
    for column, layer in (("hh4g", "cov4g"), ("hh5g", "cov5g")):
        union = shapely.union_all(gpd.read_file(f"{workload}/{layer}.geojson", engine="pyogrio").geometry.values)
        shapely.prepare(union)
        hit = shapely.contains_xy(union, x, y) & inside
        answers[column] = np.bincount(home[hit], minlength=n)
    write_answers(f"{out}/recount.csv", communes["id"].to_numpy(), answers)


if __name__ == "__main__":
    main(*sys.argv[1:])

"""DuckDB + its spatial extension, in memory, all cores (DuckDB's own threads).

The extension is loaded from the duckdb-extension-spatial wheel (no download at run time).
    load  ST_Read of each GeoJSON and read_csv of the households, ST_Transform to EPSG:32648 (always_xy)
    q0    hh JOIN communes ON ST_Contains → a household → commune table (a SPATIAL_JOIN)
    q1    count of households with EXISTS (a cell that ST_Contains it), grouped by commune
    q2    ST_Union_Agg(ST_Intersection(commune, cell)) over the intersecting pairs, area ÷ commune area
    q3    count of households with EXISTS (a route ST_DWithin 500 m), grouped by commune (exact distance)
    q4    DuckDB has no nearest-neighbour operator: MIN(ST_Distance) over an ST_DWithin join with a growing
          radius (5 km, 50 km, then everything) for the centroids still without an answer
"""
import os
from importlib import metadata

import duckdb
import duckdb_extension_spatial
import numpy as np

from bench.peer import FIBRE_DISTANCE_M, UTM

NOTES = "all cores"
TRANSFORM = f"'EPSG:4326', 'EPSG:{UTM}', always_xy := true"


def versions():
    return {"duckdb": duckdb.__version__, "duckdb-extension-spatial": metadata.version("duckdb-extension-spatial")}


def connect():
    con = duckdb.connect()
    extension = os.path.join(os.path.dirname(duckdb_extension_spatial.__file__), "extensions",
                             f"v{duckdb.__version__}", "spatial.duckdb_extension")
    con.execute(f"LOAD '{extension}'")
    return con


def run(d, timer):
    con = connect()
    with timer.stage("load"):
        for name in ("communes", "cov4g", "cov5g", "fibre"):
            con.execute(f"CREATE TABLE {name} AS SELECT id, ST_Transform(geom, {TRANSFORM}) AS geom "
                        f"FROM ST_Read('{d}/{name}.geojson')")
        con.execute(f"""CREATE TABLE hh AS SELECT id, ST_Transform(ST_Point(lon, lat), {TRANSFORM}) AS geom
                        FROM read_csv('{d}/households.csv', header = true,
                                      columns = {{'id': 'BIGINT', 'lon': 'DOUBLE', 'lat': 'DOUBLE'}})""")
    ids = [r[0] for r in con.sql("SELECT id FROM communes ORDER BY id").fetchall()]
    row = {c: k for k, c in enumerate(ids)}
    answers = {c: np.zeros(len(ids)) for c in ("n_hh", "hh4g", "hh5g", "frac4g", "frac5g", "hh_fib", "dist_m")}

    def fill(column, sql):
        for commune, value in con.sql(sql).fetchall():
            answers[column][row[commune]] = value

    with timer.stage("q0"):
        con.execute("CREATE TABLE home AS SELECT h.id AS hid, c.id AS cid "
                    "FROM hh h JOIN communes c ON ST_Contains(c.geom, h.geom)")
        fill("n_hh", "SELECT cid, count(*) FROM home GROUP BY cid")

    def households_where(column, condition):
        fill(column, f"SELECT home.cid, count(*) FROM hh h JOIN home ON home.hid = h.id WHERE {condition} GROUP BY home.cid")

    with timer.stage("q1"):
        for column, cells in (("hh4g", "cov4g"), ("hh5g", "cov5g")):
            households_where(column, f"EXISTS (SELECT 1 FROM {cells} v WHERE ST_Contains(v.geom, h.geom))")

    with timer.stage("q2"):
        for column, cells in (("frac4g", "cov4g"), ("frac5g", "cov5g")):
            fill(column, f"""SELECT c.id, ST_Area(ST_Union_Agg(ST_Intersection(c.geom, v.geom))) / ST_Area(any_value(c.geom))
                             FROM communes c JOIN {cells} v ON ST_Intersects(c.geom, v.geom) GROUP BY c.id""")

    with timer.stage("q3"):
        households_where("hh_fib", f"EXISTS (SELECT 1 FROM fibre f WHERE ST_DWithin(h.geom, f.geom, {FIBRE_DISTANCE_M}))")

    with timer.stage("q4"):
        con.execute("CREATE TEMP TABLE centre AS SELECT id, ST_Centroid(geom) AS geom FROM communes")
        for radius in (5_000, 50_000, None):
            join = "TRUE" if radius is None else f"ST_DWithin(c.geom, f.geom, {radius})"
            got = con.sql(f"SELECT c.id, min(ST_Distance(c.geom, f.geom)) FROM centre c JOIN fibre f ON {join} "
                          f"GROUP BY c.id").fetchall()
            for commune, value in got:
                answers["dist_m"][row[commune]] = value
            con.execute("DELETE FROM centre WHERE id IN (SELECT unnest(?))", [[c for c, _ in got]])
            if con.sql("SELECT count(*) FROM centre").fetchone()[0] == 0:
                break
    return ids, answers

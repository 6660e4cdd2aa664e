-- Finding the households in a box at 5 M rows, three ways (PERFORMANCE.md, 2026-12-07; D18).
-- Usage: /usr/bin/time -v sqlite3 NEW-FILE.sqlite < Benchmarks/household-box-lookup.sql
-- (the sqlite3 shell's generate_series; about 1 GB; the R*Tree fill takes minutes of CPU).
.timer on
PRAGMA journal_mode=OFF;
PRAGMA cache_size=-400000;
-- Rows shaped like `households` (ext_id, counts, kind, lon, lat, dataset id, a 60-byte point BLOB).
CREATE TABLE hh (id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL, households INTEGER NOT NULL, persons INTEGER,
  kind TEXT NOT NULL, lon REAL NOT NULL, lat REAL NOT NULL, dataset_id INTEGER NOT NULL, geom BLOB);
INSERT INTO hh SELECT value, 'H' || value, 1, 4, 'residential',
  102.5 + (abs(random()) % 1000000) / 1000000.0 * 6.5, 8.5 + (abs(random()) % 1000000) / 1000000.0 * 14.5, 1,
  randomblob(60) FROM generate_series(1, 5000000);
-- (a) no index: scan every row's lon/lat for a 0.1 x 0.1 degree box.
SELECT count(*) FROM hh WHERE lon BETWEEN 105.8 AND 105.9 AND lat BETWEEN 21.5 AND 21.6;
-- (b) a 0.01-degree grid key (row-major) with a covering index.
CREATE TABLE cells (household_id INTEGER PRIMARY KEY, cell INTEGER NOT NULL);
INSERT INTO cells SELECT id, CAST((lat + 90) * 100 AS INTEGER) * 36000 + CAST((lon + 180) * 100 AS INTEGER) FROM hh;
CREATE INDEX cells_cell ON cells(cell, household_id);
WITH k AS MATERIALIZED (
  SELECT c.household_id FROM generate_series(CAST((21.5 + 90) * 100 AS INTEGER), CAST((21.6 + 90) * 100 AS INTEGER)) r
    CROSS JOIN cells c
  WHERE c.cell BETWEEN r.value * 36000 + CAST((105.8 + 180) * 100 AS INTEGER)
    AND r.value * 36000 + CAST((105.9 + 180) * 100 AS INTEGER))
SELECT count(*) FROM k CROSS JOIN hh ON hh.id = k.household_id
WHERE lon BETWEEN 105.8 AND 105.9 AND lat BETWEEN 21.5 AND 21.6;
-- (c) an R*Tree over the points, filled in id order.
CREATE VIRTUAL TABLE hh_rtree USING rtree(id, xmin, xmax, ymin, ymax);
INSERT INTO hh_rtree SELECT id, lon, lon, lat, lat FROM hh;
SELECT count(*) FROM hh WHERE id IN (
  SELECT id FROM hh_rtree WHERE xmin <= 105.9 AND xmax >= 105.8 AND ymin <= 21.6 AND ymax >= 21.5);
-- The warm figures: run the three SELECTs again.

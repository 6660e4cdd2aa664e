#!/usr/bin/env bash
# Byte comparison of two covaudit binaries' outputs on the fictional province (GeoData/fictional),
# before and after importing a small routes change (one planned, one active route):
#
#   Benchmarks/compare-outputs.sh BASELINE CANDIDATE OUTDIR
#
# Compares `coverage -f json|csv|table`, `export unit_coverage|location_coverage|gap_clusters`, an
# export made while the stored run is stale, and the SHA-256 of ordered dumps of the result tables.
set -euo pipefail
[ $# -eq 3 ] || { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 64; }
BASE=$1; NEW=$2; OUT=$3
G=$(cd "$(dirname "$0")/.." && pwd)/GeoData/fictional
rm -rf "$OUT"; mkdir -p "$OUT"
planned="$OUT/planned.geojson"
cat > "$planned" <<'J'
{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"P1","operator":"VNPT","status":"planned"},"geometry":{"type":"LineString","coordinates":[[105.78,21.69],[105.80,21.71],[105.83,21.72]]}},
{"type":"Feature","properties":{"id":"P2","operator":"Viettel","status":"active"},"geometry":{"type":"LineString","coordinates":[[105.70,21.60],[105.72,21.63]]}}
]}
J
for who in base new; do
  bin=$BASE; [ $who = new ] && bin=$NEW
  db="$OUT/$who.sqlite"
  $bin init --db "$db" >/dev/null
  $bin import communes "$G/synthetic_province.geojson" --db "$db" --level province --synthetic -q
  for f in communes:synthetic_communes.geojson hamlets:synthetic_hamlets.geojson households:synthetic_households.csv \
           institutions:synthetic_institutions.csv routes:synthetic_routes.geojson nodes:synthetic_nodes.geojson \
           sites:synthetic_sites.geojson; do
    $bin import ${f%%:*} "$G/${f#*:}" --db "$db" --synthetic -q
  done
  $bin import coverage "$G/synthetic_coverage.geojson" --db "$db" --source predicted --synthetic -q
  for step in before after; do
    if [ $step = after ]; then
      $bin import routes "$planned" --db "$db" -q
      $bin export unit_coverage --db "$db" --out "$OUT/$who-stale-unit_coverage.geojson" 2> "$OUT/$who-stale-export.err"
    fi
    $bin coverage --db "$db" -f json --gap-areas --operator-areas > "$OUT/$who-$step.json" 2> "$OUT/$who-$step.json.err"
    $bin coverage --db "$db" -f csv --include-planned > "$OUT/$who-$step.csv" 2> "$OUT/$who-$step.csv.err"
    $bin coverage --db "$db" --by hamlet > "$OUT/$who-$step.table" 2> "$OUT/$who-$step.table.err"
    for layer in unit_coverage location_coverage gap_clusters; do
      $bin export $layer --db "$db" --out "$OUT/$who-$step-$layer.geojson" 2> "$OUT/$who-$step-$layer.err"
    done
    sqlite3 "$db" "SELECT tool_version, parameters FROM coverage_runs; SELECT * FROM unit_coverage ORDER BY 2,3,5,6;
      SELECT * FROM location_results ORDER BY 1; SELECT * FROM location_units; SELECT * FROM location_hamlets;
      SELECT id, technology, unit_code, locations, households, persons, radius_m, hex(geom) FROM gap_clusters ORDER BY id;" \
      | sha256sum > "$OUT/$who-$step.tables.sha"
  done
done
cd "$OUT"
for f in before.json before.csv before.table after.json after.csv after.table \
         before-unit_coverage.geojson before-location_coverage.geojson before-gap_clusters.geojson \
         after-unit_coverage.geojson after-location_coverage.geojson after-gap_clusters.geojson \
         before.tables.sha after.tables.sha stale-unit_coverage.geojson; do
  if cmp -s "base-$f" "new-$f"; then echo "identical  $f ($(wc -c < base-$f) bytes)"; else echo "DIFFERENT  $f"; fi
done
echo "--- new stderr after the change:"; grep -h "stored coverage run" new-after*.err new-stale-export.err | sort | uniq -c || true
echo "--- new stderr before the change (expect nothing):"; grep -h "stored coverage run" new-before*.err | sort | uniq -c || true

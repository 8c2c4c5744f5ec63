#!/usr/bin/env bash
# Builds geodata/layers/control.geojson (coarse areas of control) and the geometry of the `golan` and `syria` regions
# in geodata/regions.geojson from the committed basemap and scripts/control/areas.json, on a throw-away PostGIS database.
#   MAP_PG_PORT=55432 scripts/control/build.sh        (the cluster of ./map db start; nothing else is touched)
# Needs psql, jq and python3 (standard library only). Re-running gives byte-identical output; see scripts/control/README.md.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PORT="${MAP_PG_PORT:-55432}"
DB="map_control_build_$$"
PSQL=(psql -h 127.0.0.1 -p "$PORT" -U postgres -X -q -v ON_ERROR_STOP=1)
WORK="$(mktemp -d)"

cleanup() { "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
"${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB" >/dev/null
"${PSQL[@]}" -d "$DB" -c "CREATE EXTENSION postgis; CREATE TABLE raw (src text, j jsonb); CREATE TABLE area_json (j jsonb);"

# The basemap files, one feature per row (CSV with a quote character that JSON never contains).
for f in countries governorates rivers towns; do
  jq -c --arg s "$f" '.features[] | [$s, tojson] | @csv' -r "$REPO/geodata/basemap/$f.geojson" \
    | "${PSQL[@]}" -d "$DB" -c "\copy raw (src, j) FROM stdin WITH (FORMAT csv)"
done
jq -c '[tojson] | @csv' -r "$HERE/areas.json" | "${PSQL[@]}" -d "$DB" -c "\copy area_json (j) FROM stdin WITH (FORMAT csv)"

"${PSQL[@]}" -d "$DB" -f "$HERE/cells.sql" >/dev/null
"${PSQL[@]}" -d "$DB" -f "$HERE/build.sql" >/dev/null
"${PSQL[@]}" -d "$DB" -At -c "SELECT j FROM output ORDER BY n" > "$WORK/geometries.jsonl"
"${PSQL[@]}" -d "$DB" -At -c "SELECT j FROM region_output ORDER BY id" > "$WORK/regions.jsonl"
"${PSQL[@]}" -d "$DB" -At -c "SELECT json_build_object('name', name, 'note', note) FROM cell ORDER BY name" > "$WORK/cells.jsonl"
python3 "$HERE/write.py" "$HERE/areas.json" "$WORK" "$REPO/geodata"

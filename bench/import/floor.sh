#!/usr/bin/env bash
# The server's share of a replace import, alone: what PostgreSQL must do for the layer that #9 asks for, with no client
# at all, against ogr2ogr's whole run on the same file, in the same minutes. The rows an import wrote are put back by a
# server-side COPY FREEZE from a file (no parsing of the shapefile, no network, no .NET), then the table gets what an
# import gives it: the primary key and valid-time btree indexes on one session beside the GiST index on another, the
# key, the actor foreign key, ANALYZE (with the statistics targets of features). If this alone takes as long as ogr2ogr, no client makes a replace import faster
# than ogr2ogr without dropping one of those. Usage (from the repository root, with MAP_PG_PORT as for ./map):
#   flock /tmp/map-bench.lock bench/import/floor.sh [runs]
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PGPASSFILE="${PGPASSFILE:-$REPO/.local/pgpass}"
RUNS="${1:-5}"
PG_PORT="${MAP_PG_PORT:-55432}"; DB=map_bench_floor
DATA="${MAP_BENCH_DATA:-/tmp/map-bench-import}"
CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$DB"
PG="PG:host=127.0.0.1 port=$PG_PORT user=postgres dbname=$DB"
PSQL=(/usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qtAX -v ON_ERROR_STOP=1 -d "$DB")
ROWS_FILE=/tmp/map-bench-floor.bin
say() { printf '[floor] %s\n' "$*" >&2; }

"$REPO/map" db start
"$REPO/bench/import/make-data.sh" "$DATA" 200000 20000
dotnet build "$REPO/src/Map.Cli" -c Release -v q -nologo >/dev/null
CLI="$REPO/src/Map.Cli/bin/Release/net10.0/map-cli"
/usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qtAX -d postgres \
  -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
trap '/usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qtAX -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"; rm -f "$ROWS_FILE"' EXIT
"$CLI" import "$DATA/points-4326.shp" --layer warmup --dry-run --connection "$CS" --confidence 0.5 >/dev/null 2>&1 || true
"${PSQL[@]}" -c "INSERT INTO actors (id, name, name_ar, colour) VALUES ('us','US-led coalition','التحالف الدولي','#1f5fbf'),
  ('ru','Russia','روسيا','#c0392b'),('tr','Turkey','تركيا','#e67e22'),('sy','Syrian government','الحكومة السورية','#7f8c8d'),('sdf','SDF','قسد','#f1c40f')"
say "importing the rows once, and writing them to $ROWS_FILE"
"$CLI" import "$DATA/points-4326.shp" --layer floor --connection "$CS" --confidence-field confidence >/dev/null
"${PSQL[@]}" -c "COPY (SELECT * FROM features WHERE layer_id = 'floor') TO '$ROWS_FILE' (FORMAT binary)"

now() { date +%s.%N; }
index_session() { "${PSQL[@]}" -c "SET maintenance_work_mem = '128MB'" -c "SET max_parallel_maintenance_workers = 0" "$@" >/dev/null; }
floor_times=(); ogr_times=()
for run in $(seq 1 "$RUNS"); do
  say "run $run/$RUNS"
  "${PSQL[@]}" -c "DROP TABLE IF EXISTS floor_copy" >/dev/null
  start=$(now)
  "${PSQL[@]}" -c "BEGIN" -c "CREATE TABLE floor_copy (LIKE features INCLUDING DEFAULTS INCLUDING CONSTRAINTS)" \
    -c "SELECT layer_storage.copy_statistics_targets('floor_copy'::regclass)" \
    -c "COPY floor_copy FROM '$ROWS_FILE' (FORMAT binary, FREEZE)" -c "COMMIT" >/dev/null
  loaded=$(now)
  index_session -c "CREATE UNIQUE INDEX floor_copy_key ON floor_copy (layer_id, id)" -c "CREATE INDEX ON floor_copy (valid_from, valid_to)" &
  index_session -c "CREATE INDEX ON floor_copy USING gist (geometry)" &
  wait
  indexed=$(now)
  "${PSQL[@]}" -c "ALTER TABLE floor_copy ADD PRIMARY KEY USING INDEX floor_copy_key" \
    -c "ALTER TABLE floor_copy ADD FOREIGN KEY (actor_id) REFERENCES actors (id)" -c "ANALYZE floor_copy" >/dev/null
  done_at=$(now)
  floor_times+=("$(echo "$done_at - $start" | bc)")
  printf '[floor]   copy %.2f s, indexes %.2f s, key + foreign key + analyze %.2f s\n' \
    "$(echo "$loaded - $start" | bc)" "$(echo "$indexed - $loaded" | bc)" "$(echo "$done_at - $indexed" | bc)" >&2
  start=$(now)
  ogr2ogr --config PG_USE_COPY YES -f PostgreSQL "$PG" "$DATA/points-4326.shp" -nln ogr_floor -lco GEOMETRY_NAME=geometry -overwrite
  ogr_times+=("$(echo "$(now) - $start" | bc)")
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
f=$(median "${floor_times[@]}"); o=$(median "${ogr_times[@]}")
printf 'server share alone, 200,000 points: %s s (median of %s: %s) | ogr2ogr -overwrite, whole run: %s s (%s) | ogr2ogr / server share = %.2f | load %s\n' \
  "$(printf '%.2f' "$f")" "$RUNS" "$(printf '%.2f ' "${floor_times[@]}")" "$(printf '%.2f' "$o")" "$(printf '%.2f ' "${ogr_times[@]}")" \
  "$(echo "$o / $f" | bc -l)" "$(cut -d' ' -f1-3 /proc/loadavg)"

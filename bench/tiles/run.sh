#!/usr/bin/env bash
# The tiles benchmark: the tile endpoint under wrk against the ST_AsMVT ceiling under pgbench, in the same run, at
# zoom 8 (aggregated points) and zoom 12 (every point), and the size of tiles per zoom.
#   flock /tmp/map-bench.lock bench/tiles/run.sh
# Needs the PostGIS cluster of ./map (port $MAP_PG_PORT, default 55432), wrk and pgbench (Debian). Uses the database
# map_bench_tiles (created, migrated, seeded and filled with a 200,000-point layer when missing); never touches `map`.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# ./map's cluster asks for passwords over TCP: postgres's is in .local/pgpass (psql, pgbench and Npgsql read it).
export PGPASSFILE="${PGPASSFILE:-$REPO/.local/pgpass}"
HERE="$REPO/bench/tiles"
PG_PORT="${MAP_PG_PORT:-55432}"
DB=map_bench_tiles
PORT="${BENCH_PORT:-5951}"
SECONDS_PER_RUN="${BENCH_SECONDS:-15}"
CONNECTIONS=16
THREADS=2
POINTS=200000
OUT="$REPO/.local/bench-tiles"
PSQL=(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q)
PGBENCH=/usr/lib/postgresql/15/bin/pgbench
# The API's sessions run with these (FeatureStore.SessionOptions); the ceiling gets the same.
export PGOPTIONS="-c jit=off -c max_parallel_workers_per_gather=0"
CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$DB"

say() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }
command -v wrk >/dev/null || { say "wrk is missing: apt-get install -y wrk"; exit 1; }
rm -rf "$OUT"; mkdir -p "$OUT"

say "building the app (Release)"
dotnet build "$REPO/src/Map.Web" -c Release -v quiet -nologo >/dev/null
APP="$REPO/src/Map.Web/bin/Release/net10.0/Map.Web.dll"

"${PSQL[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" postgres | grep -q 1 \
  || "${PSQL[@]}" -c "CREATE DATABASE $DB" postgres

APP_PID=""
start_app() { # extra environment as arguments
  env ConnectionStrings__Map="$CONNECTION" Logging__LogLevel__Default=Warning "$@" \
    dotnet "$APP" --urls "http://127.0.0.1:$PORT" >"$OUT/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && return 0; sleep 0.5; done
  cat "$OUT/app.log"; exit 1
}
stop_app() { [ -n "$APP_PID" ] && kill "$APP_PID" && wait "$APP_PID" 2>/dev/null || true; APP_PID=""; }
trap stop_app EXIT

say "migrating and seeding $DB"
start_app
have="$("${PSQL[@]}" -tAc "SELECT count(*) FROM features WHERE layer_id = 'dense'" "$DB")"
if [ "$have" != "$POINTS" ]; then
  say "generating the dense layer ($POINTS points)"
  "${PSQL[@]}" -v layer=dense -v features="$POINTS" -f "$HERE/generate.sql" "$DB" >/dev/null
fi
stop_app
# The ceiling's table: the same rows with only a primary key and a GiST index.
"${PSQL[@]}" "$DB" <<'SQL'
DROP TABLE IF EXISTS ceiling_points;
CREATE TABLE ceiling_points AS SELECT * FROM features WHERE layer_id = 'dense' ORDER BY id;
ALTER TABLE ceiling_points ADD PRIMARY KEY (id);
CREATE INDEX ON ceiling_points USING gist (geometry);
VACUUM ANALYZE ceiling_points;
VACUUM ANALYZE features;
SQL

start_app Map__SeedOnStart=false Map__MigrateOnStart=false
BASE="http://127.0.0.1:$PORT"
for z in 8 12; do python3 "$HERE/tiles.py" equivalence "$BASE" "psql -h 127.0.0.1 -p $PG_PORT -U postgres $DB" "$z" 8; done
python3 "$HERE/tiles.py" sizes "$BASE" 4,6,8,10,11,12,14,16 >"$OUT/sizes.json"

: >"$OUT/results.jsonl"
for z in 8 12; do
  count=$([ "$z" = 8 ] && echo 12 || echo 64)
  python3 "$HERE/tiles.py" prepare "$z" "$count" "$OUT" ceiling_points
  say "zoom $z: API (wrk, $CONNECTIONS connections, ${SECONDS_PER_RUN}s, $count tiles)"
  export PATHS="$OUT/paths-$z.txt"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -s "$HERE/cycle.lua" "$BASE" >/dev/null   # warm-up
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s "$HERE/cycle.lua" "$BASE" >"$OUT/wrk-$z.txt"
  api="$(python3 "$REPO/bench/api/measure.py" wrk "$OUT/wrk-$z.txt")"
  say "zoom $z: ceiling (pgbench, $CONNECTIONS clients)"
  scripts=(); for f in "$OUT"/pgbench-"$z"-*.sql; do scripts+=(-f "$f"); done
  "$PGBENCH" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c "$CONNECTIONS" -j "$THREADS" -T 3 "${scripts[@]}" "$DB" >/dev/null 2>&1
  (cd "$OUT" && "$PGBENCH" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c "$CONNECTIONS" -j "$THREADS" -T "$SECONDS_PER_RUN" \
    -l --log-prefix="pgbench-$z" "${scripts[@]}" "$DB" >"$OUT/pgbench-$z.txt" 2>&1)
  ceiling="$(python3 "$REPO/bench/api/measure.py" pgbench "$OUT/pgbench-$z.txt" "$OUT/pgbench-$z.")"
  echo "{\"zoom\":$z,\"tiles\":$count,\"api\":$api,\"ceiling\":$ceiling}" >>"$OUT/results.jsonl"
  rm -f "$OUT"/pgbench-"$z".[0-9]*
done
stop_app

{
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end;"
  echo "wrk -t$THREADS -c$CONNECTIONS, pgbench -c$CONNECTIONS -j$THREADS, ${SECONDS_PER_RUN}s per run; datetime=2020-08-25."
  echo
  python3 "$HERE/tiles.py" table "$OUT/results.jsonl" "$OUT/sizes.json"
} >"$OUT/results.md"
cat "$OUT/results.md"

#!/usr/bin/env bash
# The API benchmark: the items endpoint under wrk against the ceiling under pgbench, in the same run.
#   flock /tmp/map-bench.lock bench/api/run.sh [--million]
# Needs the PostGIS cluster of ./map (MAP_PG_PORT / MAP_PG_DATA as for ./map), wrk, pgbench and GDAL (Debian). Uses the
# database map_bench (created, migrated and seeded by the app when missing); never touches `map`. The benchmark's layers
# are imported through the importer (map-cli import): two overlapping 200,000-point layers (the same rows as an EPSG:4326
# and a UTM 37N shapefile) and a 20,000-polygon layer. The ceiling is one SQL query building the same FeatureCollection
# over a plain table of the same rows with only a primary key and a GiST index (bboxes.py). Writes the table between the
# markers of bench/api/RESULTS.md and README.md.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# ./map's cluster asks for passwords over TCP: postgres's is in .local/pgpass (psql, pgbench and Npgsql read it).
export PGPASSFILE="${PGPASSFILE:-$REPO/.local/pgpass}"
HERE="$REPO/bench/api"
PG_PORT="${MAP_PG_PORT:-55432}"
DB=map_bench
PORT="${BENCH_PORT:-5949}"
SECONDS_PER_RUN="${BENCH_SECONDS:-15}"
CONNECTIONS=16
THREADS=2
POINTS=200000
POLYGONS=20000
DATA="${MAP_BENCH_DATA:-/tmp/map-bench-import}"
OUT="$REPO/.local/bench-api"
PSQL=(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q)
PGBENCH=/usr/lib/postgresql/15/bin/pgbench
# The API's sessions run with these (FeatureStore.SessionOptions); the ceiling gets the same.
export PGOPTIONS="-c jit=off -c max_parallel_workers_per_gather=0"
CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$DB"

say() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }
rm -rf "$OUT"; mkdir -p "$OUT"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

say "building the app (Release) and map-cli (ReadyToRun)"
dotnet build "$REPO/src/Map.Web" -c Release -v quiet -nologo >/dev/null
APP="$REPO/src/Map.Web/bin/Release/net10.0/Map.Web.dll"
dotnet publish "$REPO/src/Map.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$REPO/.local/bench-cli" -v q -nologo >/dev/null
CLI="$REPO/.local/bench-cli/map-cli"

"${PSQL[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" postgres | grep -q 1 \
  || "${PSQL[@]}" -c "CREATE DATABASE $DB" postgres

APP_PID=""
start_app() { # extra environment as arguments
  env ConnectionStrings__Map="$CONNECTION" Logging__LogLevel__Default=Warning "$@" \
    dotnet "$APP" --urls "http://127.0.0.1:$PORT" >"$OUT/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && return 0; sleep 0.5; done
  cat "$OUT/app.log"; exit 1
}
stop_app() { [ -n "$APP_PID" ] && kill "$APP_PID" && wait "$APP_PID" 2>/dev/null || true; APP_PID=""; }
trap stop_app EXIT
rss_mb() { awk -v key="$1" '$1 == key":" { printf "%.1f", $2 / 1024 }' "/proc/$APP_PID/status"; }

say "migrating and seeding $DB"
start_app   # migrates and seeds geodata/ (idempotent) on start
stop_app

"$REPO/bench/import/make-data.sh" "$DATA" "$POINTS" "$POLYGONS"
"${PSQL[@]}" -c "INSERT INTO actors (id, name, name_ar, colour) VALUES ('us','US-led coalition','التحالف الدولي','#1f5fbf'),
  ('ru','Russia','روسيا','#c0392b'),('tr','Turkey','تركيا','#e67e22'),('sy','Syrian government','الحكومة السورية','#7f8c8d'),
  ('sdf','SDF','قسد','#f1c40f') ON CONFLICT (id) DO NOTHING" "$DB"
for pair in bench-points:points-4326 bench-points-utm:points-32637 bench-polygons:polygons-4326; do
  say "importing ${pair#*:} into ${pair%%:*} (map-cli import --mode replace)"
  "$CLI" import "$DATA/${pair#*:}.shp" --layer "${pair%%:*}" --mode replace --publish --connection "$CONNECTION" --confidence-field confidence >/dev/null
done

say "the ceiling: plain tables of the same rows, with a primary key and a GiST index only"
for kind in points polygons; do
  "${PSQL[@]}" "$DB" <<SQL
DROP TABLE IF EXISTS ceiling_$kind;
CREATE TABLE ceiling_$kind AS SELECT * FROM features WHERE layer_id = 'bench-$kind';
ALTER TABLE ceiling_$kind ADD PRIMARY KEY (id);
CREATE INDEX ON ceiling_$kind USING gist (geometry);
SQL
done
# The imports analysed their layers; the ceiling gets the same: fresh statistics, and a vacuum for both.
"${PSQL[@]}" -c "VACUUM features" -c "VACUUM ANALYZE ceiling_points, ceiling_polygons" "$DB"

python3 "$HERE/bboxes.py" "$OUT" ceiling
start_app Map__SeedOnStart=false Map__MigrateOnStart=false
for kind in points polygons; do
  for size in city governorate region; do
    python3 "$HERE/equivalence.py" "http://127.0.0.1:$PORT/collections/bench-$kind/items" "psql -h 127.0.0.1 -p $PG_PORT -U postgres $DB" \
      "$OUT/boxes/pgbench-$kind-$size-1000/box03.sql" | tee -a "$OUT/equivalence.txt"
  done
done

say "warming the app up: 3 s of every case (tiered JIT and dynamic PGO settle; a cold first case measured half its steady rate)"
for kind in points polygons; do
  for size in city governorate region; do
    for limit in 100 1000; do
      BBOXES="$OUT/boxes/$size.txt" LIMIT="$limit" ITEMS_PATH="/collections/bench-$kind/items" \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d3s --timeout 10s -s "$HERE/cycle.lua" "http://127.0.0.1:$PORT" >/dev/null
    done
  done
done

: >"$OUT/results.jsonl"
for kind in points polygons; do
  for size in city governorate region; do
    for limit in 100 1000; do
      case="$kind-$size-$limit"
      say "case $case: API (wrk, $CONNECTIONS connections, ${SECONDS_PER_RUN}s)"
      export BBOXES="$OUT/boxes/$size.txt" LIMIT="$limit" ITEMS_PATH="/collections/bench-$kind/items"
      wrk -t"$THREADS" -c"$CONNECTIONS" -d3s --timeout 10s -s "$HERE/cycle.lua" "http://127.0.0.1:$PORT" >/dev/null   # warm-up
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --timeout 10s --latency -s "$HERE/cycle.lua" "http://127.0.0.1:$PORT" >"$OUT/wrk-$case.txt"
      api="$(python3 "$HERE/measure.py" wrk "$OUT/wrk-$case.txt")"
      rss="$(rss_mb VmRSS)"
      say "case $case: ceiling (pgbench, $CONNECTIONS clients)"
      scripts=(); for f in "$OUT/boxes/pgbench-$case"/*.sql; do scripts+=(-f "$f"); done
      "$PGBENCH" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c "$CONNECTIONS" -j "$THREADS" -T 3 "${scripts[@]}" "$DB" >/dev/null 2>&1
      (cd "$OUT" && "$PGBENCH" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c "$CONNECTIONS" -j "$THREADS" -T "$SECONDS_PER_RUN" \
        -l --log-prefix="pgbench-$case" "${scripts[@]}" "$DB" >"$OUT/pgbench-$case.txt" 2>&1)
      ceiling="$(python3 "$HERE/measure.py" pgbench "$OUT/pgbench-$case.txt" "$OUT/pgbench-$case.")"
      echo "{\"kind\":\"$kind\",\"size\":\"$size\",\"limit\":$limit,\"api\":$api,\"ceiling\":$ceiling,\"rss_mb\":$rss}" >>"$OUT/results.jsonl"
      rm -f "$OUT"/pgbench-"$case".[0-9]*
    done
  done
done
PEAK_LOAD="$(rss_mb VmHWM)"
stop_app

{
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, commit \`$(git -C "$REPO" rev-parse --short HEAD)\`; wrk -t$THREADS -c$CONNECTIONS, pgbench -c$CONNECTIONS -j$THREADS, ${SECONDS_PER_RUN}s per run."
  echo "Load average (1/5/15 min) before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg). Command: \`flock /tmp/map-bench.lock bench/api/run.sh\`."
  echo
  python3 "$HERE/measure.py" table "$OUT/results.jsonl"
  echo
  echo "Server peak RSS under this load (VmHWM): **$PEAK_LOAD MB**. Same answers: $(grep -c equivalent "$OUT/equivalence.txt") of 6 boxes checked (API = ceiling)."
} >"$OUT/results.md"

if [ "${1:-}" = "--million" ]; then
  have="$("${PSQL[@]}" -tAc "SELECT feature_count FROM layers WHERE id = 'synthetic_million'" "$DB")"
  [ "$have" = 1000000 ] || "${PSQL[@]}" -v layer=synthetic_million -v features=1000000 -f "$HERE/generate.sql" "$DB" >/dev/null
  start_app Map__SeedOnStart=false Map__MigrateOnStart=false Map__MaxLimit=1000000
  say "downloading the million-feature layer in one response"
  before="$(rss_mb VmRSS)"
  ( while kill -0 "$APP_PID" 2>/dev/null; do rss_mb VmRSS; echo; sleep 0.5; done ) >"$OUT/million-rss.txt" &
  sampler=$!
  curl -s -o "$OUT/million.json" -w '%{http_code} %{size_download} %{time_total}\n' \
    "http://127.0.0.1:$PORT/collections/synthetic_million/items?limit=1000000" >"$OUT/million-curl.txt"
  kill "$sampler"
  read -r code bytes seconds <"$OUT/million-curl.txt"
  features="$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d['numberReturned'], len(d['features']))" "$OUT/million.json")"
  peak="$(rss_mb VmHWM)"; max_sample="$(sort -n "$OUT/million-rss.txt" | tail -1)"
  rm -f "$OUT/million.json"
  {
    echo
    echo "Full-layer download: \`limit=1000000\` on a 1,000,000-feature layer (Map__MaxLimit=1000000): HTTP $code,"
    echo "$((bytes / 1048576)) MB in ${seconds}s, numberReturned/features: $features. Server RSS: $before MB before,"
    echo "at most $max_sample MB while streaming (sampled every 0.5 s), peak $peak MB."
  } >>"$OUT/results.md"
  stop_app
fi

python3 "$REPO/bench/replace-between-markers.py" "$HERE/RESULTS.md" bench-api-table "$OUT/results.md"
python3 "$REPO/bench/replace-between-markers.py" "$REPO/README.md" bench-api-table "$OUT/results.md"
cat "$OUT/results.md"

#!/usr/bin/env bash
# The API benchmark: the items endpoint under wrk against the database's own ceiling under pgbench, same run.
#   flock /tmp/map-bench.lock bench/api/run.sh [--million]
# Needs the PostGIS cluster of ./map (port $MAP_PG_PORT, default 55432), wrk and pgbench (Debian). Uses the database
# map_bench (created, migrated, seeded and filled with the synthetic layer when missing); never touches `map`.
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
OUT="$REPO/.local/bench-api"
PSQL=(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q)
PGBENCH=/usr/lib/postgresql/15/bin/pgbench
# The API's sessions run with these (FeatureStore.SessionOptions); the ceiling gets the same.
export PGOPTIONS="-c jit=off -c max_parallel_workers_per_gather=0"
CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$DB"

say() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }
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
rss_mb() { awk -v key="$1" '$1 == key":" { printf "%.1f", $2 / 1024 }' "/proc/$APP_PID/status"; }

ensure_layer() { # layer, feature count
  local have; have="$("${PSQL[@]}" -tAc "SELECT count(*) FROM features WHERE layer_id = '$1'" "$DB")"
  if [ "$have" != "$2" ]; then
    say "generating layer $1 ($2 features)"
    "${PSQL[@]}" -v layer="$1" -v features="$2" -f "$HERE/generate.sql" "$DB" >/dev/null
  fi
}

say "migrating and seeding $DB"
start_app   # migrates and seeds geodata/ (idempotent) on start
ensure_layer synthetic 220000
stop_app
"${PSQL[@]}" -c "VACUUM ANALYZE features" "$DB"

python3 "$HERE/bboxes.py" "$OUT/boxes" synthetic
start_app Map__SeedOnStart=false Map__MigrateOnStart=false
ITEMS="http://127.0.0.1:$PORT/collections/synthetic/items"
for size in city governorate region; do
  python3 "$HERE/equivalence.py" "$ITEMS" "psql -h 127.0.0.1 -p $PG_PORT -U postgres $DB" "$OUT/boxes/pgbench-$size-100/box03.sql"
done

: >"$OUT/results.jsonl"
for size in city governorate region; do
  for limit in 100 1000; do
    case="$size-$limit"
    say "case $case: API (wrk, $CONNECTIONS connections, ${SECONDS_PER_RUN}s)"
    export BBOXES="$OUT/boxes/$size.txt" LIMIT="$limit" ITEMS_PATH="/collections/synthetic/items"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -s "$HERE/cycle.lua" "http://127.0.0.1:$PORT" >/dev/null   # warm-up
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s "$HERE/cycle.lua" "http://127.0.0.1:$PORT" >"$OUT/wrk-$case.txt"
    api="$(python3 "$HERE/measure.py" wrk "$OUT/wrk-$case.txt")"
    rss="$(rss_mb VmRSS)"
    say "case $case: ceiling (pgbench, $CONNECTIONS clients)"
    scripts=(); for f in "$OUT/boxes/pgbench-$case"/*.sql; do scripts+=(-f "$f"); done
    "$PGBENCH" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c "$CONNECTIONS" -j "$THREADS" -T 3 "${scripts[@]}" "$DB" >/dev/null 2>&1
    (cd "$OUT" && "$PGBENCH" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c "$CONNECTIONS" -j "$THREADS" -T "$SECONDS_PER_RUN" \
      -l --log-prefix="pgbench-$case" "${scripts[@]}" "$DB" >"$OUT/pgbench-$case.txt" 2>&1)
    ceiling="$(python3 "$HERE/measure.py" pgbench "$OUT/pgbench-$case.txt" "$OUT/pgbench-$case.")"
    echo "{\"size\":\"$size\",\"limit\":$limit,\"api\":$api,\"ceiling\":$ceiling,\"rss_mb\":$rss}" >>"$OUT/results.jsonl"
    rm -f "$OUT"/pgbench-"$case".[0-9]*
  done
done
PEAK_LOAD="$(rss_mb VmHWM)"
stop_app

{
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores; wrk -t$THREADS -c$CONNECTIONS, pgbench -c$CONNECTIONS -j$THREADS, ${SECONDS_PER_RUN}s per run."
  echo
  python3 "$HERE/measure.py" table "$OUT/results.jsonl"
  echo
  echo "Server peak RSS under this load (VmHWM): **$PEAK_LOAD MB**."
} >"$OUT/results.md"

if [ "${1:-}" = "--million" ]; then
  ensure_layer synthetic_million 1000000
  "${PSQL[@]}" -c "ANALYZE features" "$DB"
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

cat "$OUT/results.md"

#!/usr/bin/env bash
# The scale-out benchmark (docs/scaling.md): requests/s of the read path through the app reading from a streaming
# standby (items and a vector tile, under wrk), of the standby alone running the very statements the app sent (under
# pgbench), and of the write side on the primary (edits under pgbench, with the standby's replay lag meanwhile).
#   flock /tmp/map-bench.lock bench/scaling/run.sh
# Uses the cluster of ./map (MAP_PG_PORT, MAP_PG_DATA) and its standby (./map db replica start, started if needed),
# and a database map_bench_scaling holding the real dataset (geodata/); never touches `map`.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$REPO/bench/scaling"
PG_PORT="${MAP_PG_PORT:-55432}"
REPLICA_PORT="${MAP_REPLICA_PORT:-$((PG_PORT + 1))}"
DB=map_bench_scaling
PORT="${BENCH_PORT:-5961}"
SECONDS_PER_RUN="${BENCH_SECONDS:-15}"
CONNECTIONS=16
THREADS=2
OUT="$REPO/.local/bench-scaling"
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q -tA)
PGBENCH=/usr/lib/postgresql/15/bin/pgbench
WRITE="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$DB"
READ="Host=127.0.0.1;Port=$REPLICA_PORT;Username=postgres;Database=$DB"
# What the map asks for on the default date: a layer's features, and a vector tile of the areas of control over Syria.
ITEMS="/collections/bases/items?datetime=2020-08-25&limit=100"
TILE="/collections/control/tiles/WebMercatorQuad/6/25/38?datetime=2020-08-25"

# CPU seconds, so that "per core" holds on a shared machine: a process's own (utime + stime), and a cluster's = its
# postmaster's own and its reaped children's (cutime + cstime) plus its live backends'.
TICKS=$(getconf CLK_TCK)
cpu_of() { awk -v t="$TICKS" '{s += $14 + $15} END {printf "%.2f", s / t}' "/proc/$1/stat"; }
cluster_cpu() { # data directory
  local pm; pm=$(head -1 "$1/postmaster.pid")
  # shellcheck disable=SC2046
  cat /proc/"$pm"/stat $(pgrep -P "$pm" | sed 's|.*|/proc/&/stat|') 2>/dev/null \
    | awk -v t="$TICKS" -v pm="$pm" '$1 == pm {s += $16 + $17} {s += $14 + $15} END {printf "%.2f", s / t}'
}
say() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }
command -v wrk >/dev/null || { say "wrk is missing: apt-get install -y wrk"; exit 1; }
rm -rf "$OUT"; mkdir -p "$OUT"

"$REPO/map" db replica start
STANDBY_DIR="$(psql -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -tAc "SELECT current_setting('data_directory')" postgres)"
PRIMARY_DIR="$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "SELECT current_setting('data_directory')" postgres)"
PRIMARY_LOG="$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "SELECT current_setting('data_directory')" postgres).log"
"${PSQL[@]}" -p "$PG_PORT" -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" postgres | grep -q 1 \
  || "${PSQL[@]}" -p "$PG_PORT" -c "CREATE DATABASE $DB" postgres

say "building the app (Release)"
dotnet build "$REPO/src/Map.Web" -c Release -v quiet -nologo >/dev/null
APP="$REPO/src/Map.Web/bin/Release/net10.0/Map.Web.dll"
APP_PID=""
start_app() { # extra environment as arguments
  env ConnectionStrings__Map="$WRITE" Map__GeodataPath="$REPO/geodata" Map__WebRootPath="$REPO/wwwroot" Logging__LogLevel__Default=Warning "$@" \
    dotnet "$APP" --urls "http://127.0.0.1:$PORT" >"$OUT/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && return 0; sleep 0.5; done
  cat "$OUT/app.log"; exit 1
}
stop_app() { [ -n "$APP_PID" ] && kill "$APP_PID" && wait "$APP_PID" 2>/dev/null || true; APP_PID=""; }
trap stop_app EXIT
BASE="http://127.0.0.1:$PORT"

say "migrating and seeding $DB on the primary; capturing the statements of one items and one tile request"
start_app "ConnectionStrings__MapRead=" "Map__Database__ReadPoolSize=1"
curl -sf "$BASE$ITEMS" >/dev/null; curl -sf "$BASE$TILE" >/dev/null   # the pool's first session loads types
stop_app
# Log every statement of a second run's read sessions (Options on its connection string), one request at a time.
start_app "ConnectionStrings__MapRead=" "ConnectionStrings__Map=$WRITE;Options=-c log_min_duration_statement=0"
curl -sf "$BASE$ITEMS" >/dev/null; curl -sf "$BASE$TILE" >/dev/null
for name in items tile; do
  path=$([ "$name" = items ] && echo "$ITEMS" || echo "$TILE")
  sleep 0.5; from=$(stat -c %s "$PRIMARY_LOG")
  status=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
  [ "$status" = 200 ] || { say "$path answered $status"; exit 1; }
  sleep 0.5; to=$(stat -c %s "$PRIMARY_LOG")
  python3 "$HERE/statements.py" "$PRIMARY_LOG" "$from" "$to" >"$OUT/$name.sql"
done
stop_app

say "waiting for the standby to replay the seed"
target=$("${PSQL[@]}" -p "$PG_PORT" -c "SELECT pg_current_wal_lsn()" postgres)
until [ "$("${PSQL[@]}" -p "$REPLICA_PORT" -c "SELECT pg_last_wal_replay_lsn() >= '$target'" postgres)" = t ]; do sleep 0.2; done

: >"$OUT/results.txt"
# name, requests (or transactions) per second, seconds, CPU seconds of the app, CPU seconds of the database
record() {
  local per_core; per_core=$(awk -v r="$2" -v d="$3" -v a="$4" -v b="$5" 'BEGIN {printf "%.0f", r * d / (a + b)}')
  echo "$1 $2 $4 $5 $per_core" >>"$OUT/results.txt"; say "$1: $2/s, CPU app $4 s + database $5 s, $per_core per CPU-second"
}
wrk_rate() { awk '/Requests\/sec/ {print $2}' "$1"; }
pgbench_rate() { awk '/^tps = / {print $3}' "$1"; }

say "read path: the app reading from the standby"
start_app "ConnectionStrings__MapRead=$READ"
for name in items tile; do
  path=$([ "$name" = items ] && echo "$ITEMS" || echo "$TILE")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "$BASE$path" >/dev/null   # warm-up
  app0=$(cpu_of "$APP_PID"); db0=$(cluster_cpu "$STANDBY_DIR")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$BASE$path" >"$OUT/wrk-$name.txt"
  app1=$(cpu_of "$APP_PID"); db1=$(cluster_cpu "$STANDBY_DIR")
  record "app_$name" "$(wrk_rate "$OUT/wrk-$name.txt")" "$SECONDS_PER_RUN" "$(echo "$app1 - $app0" | bc)" "$(echo "$db1 - $db0" | bc)"
done
# A browser revalidating what it has (If-None-Match): what a CDN or the browser cache turns a request into.
etag=$(curl -sI "$BASE$ITEMS" | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
app0=$(cpu_of "$APP_PID"); db0=$(cluster_cpu "$STANDBY_DIR")
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -H "If-None-Match: $etag" "$BASE$ITEMS" >"$OUT/wrk-items-304.txt"
app1=$(cpu_of "$APP_PID"); db1=$(cluster_cpu "$STANDBY_DIR")
record app_items_304 "$(wrk_rate "$OUT/wrk-items-304.txt")" "$SECONDS_PER_RUN" "$(echo "$app1 - $app0" | bc)" "$(echo "$db1 - $db0" | bc)"
stop_app

say "database alone: the standby running the same statements (pgbench)"
export PGOPTIONS="-c jit=off -c max_parallel_workers_per_gather=0"   # as the app's read sessions
for name in items tile; do
  "$PGBENCH" -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -n -c "$CONNECTIONS" -j "$THREADS" -T 3 -f "$OUT/$name.sql" "$DB" >/dev/null
  db0=$(cluster_cpu "$STANDBY_DIR")
  "$PGBENCH" -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -n -c "$CONNECTIONS" -j "$THREADS" -T "$SECONDS_PER_RUN" -f "$OUT/$name.sql" "$DB" \
    >"$OUT/pgbench-$name.txt" 2>&1
  db1=$(cluster_cpu "$STANDBY_DIR")
  record "db_$name" "$(pgbench_rate "$OUT/pgbench-$name.txt")" "$SECONDS_PER_RUN" 0 "$(echo "$db1 - $db0" | bc)"
done
unset PGOPTIONS

say "write side: edits on the primary (pgbench), the standby's replay lag sampled meanwhile"
"${PSQL[@]}" -p "$PG_PORT" "$DB" <<'SQL'
DROP TABLE IF EXISTS bench_edit_ids;
CREATE TABLE bench_edit_ids AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM features WHERE layer_id IN ('bases', 'control');
ALTER TABLE bench_edit_ids ADD PRIMARY KEY (n);
SQL
rows=$("${PSQL[@]}" -p "$PG_PORT" -c "SELECT count(*) FROM bench_edit_ids" "$DB")
# One edit: a feature's properties change and its layer's stamp moves (what ETags follow), in one transaction.
cat >"$OUT/edit.sql" <<SQL
\set n random(1, $rows)
BEGIN;
UPDATE features SET properties = properties || jsonb_build_object('bench_edit', now()::text) WHERE id = (SELECT id FROM bench_edit_ids WHERE n = :n);
UPDATE layers SET updated_at = now() WHERE id = (SELECT layer_id FROM features WHERE id = (SELECT id FROM bench_edit_ids WHERE n = :n));
COMMIT;
SQL
lag_max=0
( while sleep 0.5; do
    "${PSQL[@]}" -p "$PG_PORT" -c "SELECT coalesce(max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)), 0)::bigint FROM pg_stat_replication" postgres
  done ) >"$OUT/lag.txt" &
LAG_PID=$!
db0=$(cluster_cpu "$PRIMARY_DIR")
"$PGBENCH" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c "$CONNECTIONS" -j "$THREADS" -T "$SECONDS_PER_RUN" -f "$OUT/edit.sql" "$DB" >"$OUT/pgbench-edit.txt" 2>&1
db1=$(cluster_cpu "$PRIMARY_DIR")
kill "$LAG_PID"; wait "$LAG_PID" 2>/dev/null || true
record db_edits "$(pgbench_rate "$OUT/pgbench-edit.txt")" "$SECONDS_PER_RUN" 0 "$(echo "$db1 - $db0" | bc)"
echo "$(sort -n "$OUT/lag.txt" | tail -1)" >"$OUT/lag-max.txt"
"${PSQL[@]}" -p "$PG_PORT" -c "DROP TABLE bench_edit_ids" "$DB"

{
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores shared by the app, PostgreSQL and the load generator;"
  echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg); wrk -t$THREADS -c$CONNECTIONS, pgbench -c$CONNECTIONS -j$THREADS, ${SECONDS_PER_RUN}s per run."
  echo
  echo "| what | req/s (tps) | CPU s app | CPU s database | per CPU-second |"
  echo "|---|---:|---:|---:|---:|"
  while read -r name rate app db per_core; do echo "| $name | $rate | $app | $db | $per_core |"; done <"$OUT/results.txt"
  echo
  echo "Largest replay lag of the standby during the edits: $(cat "$OUT/lag-max.txt") bytes."
} >"$OUT/results.md"
cat "$OUT/results.md"

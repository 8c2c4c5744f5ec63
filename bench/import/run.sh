#!/usr/bin/env bash
# Import benchmark: our `map-cli import` against `ogr2ogr -f PostgreSQL` (PG_USE_COPY=YES) on the same shapefiles, into
# the same database, in the same run. Writes bench/import/RESULTS.md. Usage (from the repository root):
#   MAP_PG_DATA=/work/main/.local/pgdata flock /tmp/map-bench.lock bench/import/run.sh [points] [polygons] [runs]
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# ./map's cluster asks for passwords over TCP: postgres's is in .local/pgpass (psql, pgbench and Npgsql read it).
export PGPASSFILE="${PGPASSFILE:-$REPO/.local/pgpass}"
POINTS="${1:-200000}"; POLYGONS="${2:-20000}"; RUNS="${3:-3}"
PG_PORT="${MAP_PG_PORT:-55432}"; DB=map_bench_import
DATA="${MAP_BENCH_DATA:-/tmp/map-bench-import}"
CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$DB"
PG="PG:host=127.0.0.1 port=$PG_PORT user=postgres dbname=$DB"
PSQL=(/usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qtAX)
say() { printf '[bench] %s\n' "$*" >&2; }

"$REPO/map" db start
# Published ReadyToRun (precompiled), as one would deploy a CLI: saves ~0.25 s of JIT at start-up.
say "publishing map-cli (Release, ReadyToRun)"
dotnet publish "$REPO/src/Map.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$REPO/.local/bench-cli" -v q -nologo >/dev/null
CLI="$REPO/.local/bench-cli/map-cli"

mkdir -p "$DATA"
if [ ! -f "$DATA/.made-$POINTS-$POLYGONS" ]; then
  say "generating $POINTS points and $POLYGONS polygons with GDAL"
  rm -f "$DATA"/*
  python3 "$REPO/bench/import/generate.py" "$DATA" "$POINTS" "$POLYGONS"
  for kind in points polygons; do
    ogr2ogr -f "ESRI Shapefile" -a_srs EPSG:4326 -lco ENCODING=UTF-8 "$DATA/$kind-4326.shp" "$DATA/$kind.csv" -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO
    ogr2ogr -f "ESRI Shapefile" -t_srs EPSG:32637 -lco ENCODING=UTF-8 "$DATA/$kind-32637.shp" "$DATA/$kind-4326.shp"
  done
  touch "$DATA/.made-$POINTS-$POLYGONS"
fi

say "fresh database $DB"
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
"$CLI" hash-key warm-up >/dev/null
# The first import migrates the database; the actors it names must exist.
"$CLI" import "$DATA/points-4326.shp" --layer warmup --dry-run --connection "$CS" --confidence 0.5 --actor-field kind >/dev/null 2>&1 || true
"${PSQL[@]}" -d "$DB" -c "INSERT INTO actors (id, name, name_ar, colour) VALUES ('us','US-led coalition','التحالف الدولي','#1f5fbf'),
  ('ru','Russia','روسيا','#c0392b'),('tr','Turkey','تركيا','#e67e22'),('sy','Syrian government','الحكومة السورية','#7f8c8d'),('sdf','SDF','قسد','#f1c40f')"

# Runs a command under /usr/bin/time -v; prints "seconds max_rss_kb".
measure() {
  local log; log="$(mktemp)"
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || { cat "$log" >&2; rm -f "$log"; return 1; }
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  rm -f "$log"; echo "$wall $rss"
}
median() { sort -n | awk '{ a[NR]=$1 } END { print a[int((NR+1)/2)] }'; }
cleanup_ours() { "${PSQL[@]}" -d "$DB" -c "DELETE FROM features WHERE layer_id = '$1'" -c "VACUUM features" >/dev/null; }

ROWS=()
for case in points-4326 points-32637 polygons-4326 polygons-32637; do
  src="$DATA/$case.shp"; kind="${case%%-*}"; count=$([ "$kind" = points ] && echo "$POINTS" || echo "$POLYGONS")
  ogr_extra=(); [ "${case##*-}" = 32637 ] && ogr_extra+=(-t_srs EPSG:4326); [ "$kind" = polygons ] && ogr_extra+=(-nlt PROMOTE_TO_MULTI)
  ours=(); staging=(); ogr=(); ours_rss=0; staging_rss=0; ogr_rss=0
  for run in $(seq 1 "$RUNS"); do
    say "$case run $run/$RUNS"
    read -r t m < <(measure "$CLI" import "$src" --layer "bench-$case" --connection "$CS" --confidence-field confidence)
    ours+=("$t"); [ "$m" -gt "$ours_rss" ] && ours_rss=$m; cleanup_ours "bench-$case"
    read -r t m < <(measure "$CLI" import "$src" --layer "bench-$case" --connection "$CS" --confidence-field confidence --copy-strategy staging)
    staging+=("$t"); [ "$m" -gt "$staging_rss" ] && staging_rss=$m; cleanup_ours "bench-$case"
    read -r t m < <(measure ogr2ogr --config PG_USE_COPY YES -f PostgreSQL "$PG" "$src" -nln "ogr_${case//-/_}" -overwrite -lco GEOMETRY_NAME=geometry "${ogr_extra[@]}")
    ogr+=("$t"); [ "$m" -gt "$ogr_rss" ] && ogr_rss=$m
  done
  to=$(printf '%s\n' "${ours[@]}" | median); ts=$(printf '%s\n' "${staging[@]}" | median); tg=$(printf '%s\n' "${ogr[@]}" | median)
  ROWS+=("$(awk -v c="$case" -v n="$count" -v to="$to" -v ts="$ts" -v tg="$tg" -v mo="$ours_rss" -v ms="$staging_rss" -v mg="$ogr_rss" 'BEGIN {
    printf "| %s | %d | %.2f s | %.0f | %.2f s (%.0f/s) | %.2f s | %.0f | **%.2f×** | %.0f MB | %.0f MB | %.0f MB |",
      c, n, to, n/to, ts, n/ts, tg, n/tg, tg/to, mo/1024, ms/1024, mg/1024 }')")
done

"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
{
  echo "# Import benchmark"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, PostgreSQL $("${PSQL[@]}" -d postgres -c 'SHOW server_version'), $(ogr2ogr --version | cut -d, -f1)."
  echo "Median of $RUNS runs; wall-clock time of the whole process (start-up included), peak memory = max RSS from \`/usr/bin/time -v\`."
  echo "Load average at the end of the run: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared; both tools ran under the same load)."
  echo "Ratio = ogr2ogr time / our time (above 1 = we are faster). Command: \`flock /tmp/map-bench.lock bench/import/run.sh $POINTS $POLYGONS $RUNS\`."
  echo
  echo "| case | features | ours (direct COPY) | ours features/s | ours via staging table + ST_GeomFromWKB | ogr2ogr | ogr2ogr features/s | ratio | ours peak RSS | staging peak RSS | ogr2ogr peak RSS |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
} > "$REPO/bench/import/RESULTS.md"
cat "$REPO/bench/import/RESULTS.md"

#!/usr/bin/env bash
# Import benchmark: `map-cli import` against `ogr2ogr -f PostgreSQL` (PG_USE_COPY=YES) on the same shapefiles, into the
# same database, in the same run, for a new layer, replace and append. Writes the results between the markers of
# bench/import/RESULTS.md and README.md. Usage (from the repository root, with MAP_PG_PORT / MAP_PG_DATA as for ./map):
#   flock /tmp/map-bench.lock bench/import/run.sh [points] [polygons] [runs]
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$REPO/bench/import"
# ./map's cluster asks for passwords over TCP: postgres's is in .local/pgpass (psql, pgbench and Npgsql read it).
export PGPASSFILE="${PGPASSFILE:-$REPO/.local/pgpass}"
POINTS="${1:-200000}"; POLYGONS="${2:-20000}"; RUNS="${3:-3}"
PG_PORT="${MAP_PG_PORT:-55432}"; DB=map_bench_import
DATA="${MAP_BENCH_DATA:-/tmp/map-bench-import}"
OUT="$REPO/.local/bench-import"
CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$DB"
PG="PG:host=127.0.0.1 port=$PG_PORT user=postgres dbname=$DB"
PSQL=(/usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qtAX -v ON_ERROR_STOP=1)
say() { printf '[bench] %s\n' "$*" >&2; }
rm -rf "$OUT"; mkdir -p "$OUT"

"$REPO/map" db start
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
# Published ReadyToRun (precompiled), as one would deploy a CLI: saves ~0.25 s of JIT at start-up.
say "publishing map-cli (Release, ReadyToRun)"
dotnet publish "$REPO/src/Map.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$REPO/.local/bench-cli" -v q -nologo >/dev/null
CLI="$REPO/.local/bench-cli/map-cli"

"$HERE/make-data.sh" "$DATA" "$POINTS" "$POLYGONS"

say "fresh database $DB"
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
"$CLI" hash-key warm-up >/dev/null
# The first call migrates the database; then the actors the files name.
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
median() { tr ' ' '\n' | grep . | sort -n | awk '{ a[NR]=$1 } END { print a[int((NR+1)/2)] }'; }

ROWS=()
for case in points-4326 points-32637 polygons-4326; do
  src="$DATA/$case.shp"; kind="${case%%-*}"; count=$([ "$kind" = points ] && echo "$POINTS" || echo "$POLYGONS")
  ours=("$CLI" import "$src" --layer "bench-$case" --connection "$CS" --confidence-field confidence)
  ogr=(ogr2ogr --config PG_USE_COPY YES -f PostgreSQL "$PG" "$src" -nln "ogr_${case//-/_}" -lco GEOMETRY_NAME=geometry)
  [ "${case##*-}" = 32637 ] && ogr+=(-t_srs EPSG:4326)
  [ "$kind" = polygons ] && ogr+=(-nlt PROMOTE_TO_MULTI)
  ours_new=""; ogr_new=""; ours_replace=""; ogr_replace=""; ours_append=""; ogr_append=""; rss=0
  for run in $(seq 1 "$RUNS"); do
    say "$case run $run/$RUNS"
    # A new layer (nothing replaced, so no history to keep); ogr2ogr into a new table.
    read -r t m < <(measure "${ours[@]/#bench-$case/bench-$case-new-$run}" --mode replace); ours_new+="$t "; [ "$m" -gt "$rss" ] && rss=$m
    read -r t m < <(measure "${ogr[@]/#ogr_${case//-/_}/ogr_${case//-/_}_new_$run}"); ogr_new+="$t "
    # Replace a layer that holds the same file (a re-import); ogr2ogr -overwrite drops and recreates its table.
    "${ours[@]}" --mode replace >/dev/null; "${ogr[@]}" -overwrite
    read -r t m < <(measure "${ours[@]}" --mode replace); ours_replace+="$t "; [ "$m" -gt "$rss" ] && rss=$m
    read -r t m < <(measure "${ogr[@]}" -overwrite); ogr_replace+="$t "
    # Append the file to a layer that holds it once already (twice the rows after); ogr2ogr -append to its table.
    read -r t m < <(measure "${ours[@]}" --mode append); ours_append+="$t "; [ "$m" -gt "$rss" ] && rss=$m
    read -r t m < <(measure "${ogr[@]}" -append); ogr_append+="$t "
  done
  method="$("${PSQL[@]}" -d "$DB" -c "SELECT report->>'writeMethod' FROM imports WHERE layer_id = 'bench-$case' AND mode = 'Append' ORDER BY started_at DESC LIMIT 1")"
  for mode in new replace append; do
    ours_times="ours_$mode"; ogr_times="ogr_$mode"
    to=$(median <<<"${!ours_times}"); tg=$(median <<<"${!ogr_times}")
    label="$mode"; [ "$mode" = append ] && label="append ($method)"; [ "$mode" = new ] && label="new layer"
    ROWS+=("$(awk -v c="$case" -v mo="$label" -v n="$count" -v to="$to" -v tg="$tg" -v m="$rss" 'BEGIN {
      printf "| %s | %s | %d | %.2f s | %.0f | %.2f s | %.0f | **%.2f×** | %.0f MB |", c, mo, n, to, n/to, tg, n/tg, tg/to, m/1024 }')")
  done
  echo "$case (s): ours new layer $ours_new| ogr2ogr new table $ogr_new| ours replace $ours_replace| ogr2ogr -overwrite $ogr_replace| ours append $ours_append| ogr2ogr -append $ogr_append" >>"$OUT/raw.txt"
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"

{
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, PostgreSQL $("${PSQL[@]}" -d postgres -c 'SHOW server_version'), $(ogr2ogr --version | cut -d, -f1)."
  echo "Median of $RUNS runs; wall-clock time of the whole process (start-up included); peak memory = max RSS of ours from \`/usr/bin/time -v\`."
  echo "Load average (1/5/15 min) before: $LOAD_BEFORE, after: $LOAD_AFTER (the machine is shared; both tools ran under the same load)."
  echo "Ratio = ogr2ogr time / our time (above 1 = we are faster). Command: \`flock /tmp/map-bench.lock bench/import/run.sh $POINTS $POLYGONS $RUNS\`."
  echo
  echo "| case | mode | features | ours | ours features/s | ogr2ogr | ogr2ogr features/s | ratio | ours peak RSS |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "Every run, in seconds:"
  echo
  sed 's/^/    /' "$OUT/raw.txt"
} >"$OUT/results.md"
python3 "$REPO/bench/replace-between-markers.py" "$HERE/RESULTS.md" bench-import-table "$OUT/results.md"
python3 "$REPO/bench/replace-between-markers.py" "$REPO/README.md" bench-import-table "$OUT/results.md"
cat "$OUT/results.md"

#!/usr/bin/env bash
# How an append should be written, by the sizes involved: COPY into the live partition (inPlace) against rebuilding
# the layer apart (its rows and the file's into a new table, then a swap), for files of several sizes appended to a
# layer of 200,000 points. The crossover sets ImportPipeline.RebuildWhileLayerRowsPerRecordBelow.
#   flock /tmp/map-bench.lock bench/import/append-methods.sh [runs]
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$REPO/bench/import"
RUNS="${1:-2}"; BASE=200000
PG_PORT="${MAP_PG_PORT:-55432}"; DB=map_bench_append
DATA="${MAP_BENCH_DATA:-/tmp/map-bench-import}"
CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$DB"
PSQL=(/usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qtAX -v ON_ERROR_STOP=1)
say() { printf '[bench] %s\n' "$*" >&2; }

"$REPO/map" db start
dotnet publish "$REPO/src/Map.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$REPO/.local/bench-cli" -v q -nologo >/dev/null
CLI="$REPO/.local/bench-cli/map-cli"
"$HERE/make-data.sh" "$DATA" "$BASE" 20000
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
"$CLI" import "$DATA/points-4326.shp" --layer warmup --dry-run --connection "$CS" --confidence 0.5 --actor-field kind >/dev/null 2>&1 || true
"${PSQL[@]}" -d "$DB" -c "INSERT INTO actors (id, name, name_ar, colour) VALUES ('us','US','','#000'),('ru','RU','','#000'),('tr','TR','','#000'),
  ('sy','SY','','#000'),('sdf','SDF','','#000')"
seconds() { local start; start=$(date +%s.%N); "$@" >/dev/null; echo "$(date +%s.%N) - $start" | bc; }
median() { sort -n | awk '{ a[NR]=$1 } END { print a[int((NR+1)/2)] }'; }
import() { "$CLI" import "$1" --layer base --connection "$CS" --confidence-field confidence "${@:2}"; }

RESULT="$REPO/.local/bench-append-methods.md"; mkdir -p "$REPO/.local"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "| appended | file ÷ layer | in place | rebuilt | faster |" >"$RESULT"
echo "|---:|---:|---:|---:|---|" >>"$RESULT"
for size in 2000 10000 25000 50000 100000 200000; do
  file="$DATA/append-$size.shp"
  [ -f "$file" ] || ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 -limit "$size" "$file" "$DATA/points-4326.shp"
  declare -a in_place=() rebuilt=()
  for run in $(seq 1 "$RUNS"); do
    say "append $size, run $run/$RUNS"
    import "$DATA/points-4326.shp" --mode replace >/dev/null
    in_place+=("$(seconds import "$file" --mode append --append-method inPlace)")
    import "$DATA/points-4326.shp" --mode replace >/dev/null
    rebuilt+=("$(seconds import "$file" --mode append --append-method rebuild)")
  done
  a=$(printf '%s\n' "${in_place[@]}" | median); b=$(printf '%s\n' "${rebuilt[@]}" | median)
  awk -v s="$size" -v base="$BASE" -v a="$a" -v b="$b" 'BEGIN { printf "| %d | %.3f | %.2f s | %.2f s | %s |\n", s, s/base, a, b, (a < b ? "in place" : "rebuilt") }' \
    >>"$RESULT"
done
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
{
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ), median of $RUNS; a layer of $BASE points (EPSG:4326); load average before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)."
} >>"$RESULT"
cat "$RESULT"
python3 "$REPO/bench/replace-between-markers.py" "$HERE/RESULTS.md" bench-append-table "$RESULT"

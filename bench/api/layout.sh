#!/usr/bin/env bash
# Layout choice: Map's items query of one layer on (a) features, partitioned by layer, and (b) one table holding every
# layer with a composite GiST index on (layer_id, geometry) (btree_gist), the alternative the issue names, on the same
# rows (everything in map_bench after bench/api/run.sh: the seeded layers and the three benchmark layers). pgbench with
# the API's session settings; EXPLAIN (ANALYZE, BUFFERS) of a city box on each. Writes between the markers of RESULTS.md.
#   flock /tmp/map-bench.lock bench/api/layout.sh
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$REPO/bench/api"
PG_PORT="${MAP_PG_PORT:-55432}"
DB=map_bench
SECONDS_PER_RUN="${BENCH_SECONDS:-10}"
OUT="$REPO/.local/bench-layout"
PSQL=(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q)
PGBENCH=/usr/lib/postgresql/15/bin/pgbench
export PGOPTIONS="-c jit=off -c max_parallel_workers_per_gather=0"
say() { printf '\033[1m[layout]\033[0m %s\n' "$*" >&2; }
rm -rf "$OUT"; mkdir -p "$OUT"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

say "one table for every layer, with a composite GiST (layer_id, geometry)"
"${PSQL[@]}" "$DB" <<SQL
CREATE EXTENSION IF NOT EXISTS btree_gist;
DROP TABLE IF EXISTS layout_single;
CREATE TABLE layout_single (LIKE features INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
INSERT INTO layout_single SELECT * FROM features;
ALTER TABLE layout_single ADD PRIMARY KEY (layer_id, id);
CREATE INDEX layout_single_layer_geometry ON layout_single USING gist (layer_id, geometry);
CREATE INDEX layout_single_layer_valid ON layout_single (layer_id, valid_from, valid_to);
VACUUM ANALYZE layout_single;
SQL
rows="$("${PSQL[@]}" -tAc "SELECT count(*) FROM layout_single" "$DB")"

for table in features layout_single; do
  python3 "$HERE/bboxes.py" "$OUT" layout "$table" bench-points points
  python3 "$HERE/bboxes.py" "$OUT" layout "$table" bench-polygons polygons
done
run() { # folder -> "tps p50 p99"
  local scripts=(); for f in "$1"/*.sql; do scripts+=(-f "$f"); done
  "$PGBENCH" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c 16 -j 2 -T 2 "${scripts[@]}" "$DB" >/dev/null 2>&1
  (cd "$OUT" && "$PGBENCH" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c 16 -j 2 -T "$SECONDS_PER_RUN" -l --log-prefix=run \
    "${scripts[@]}" "$DB" >"$OUT/run.txt" 2>&1)
  python3 "$HERE/measure.py" pgbench "$OUT/run.txt" "$OUT/run." | python3 -c \
    "import json,sys; d=json.load(sys.stdin); print(f\"{d['rps']:.0f} {d['p50']:.1f} {d['p99']:.1f}\")"
  rm -f "$OUT"/run.[0-9]*
}
{
  echo "| layer | bbox | limit | partitioned: q/s | p50 / p99 (ms) | one table + GiST (layer_id, geometry): q/s | p50 / p99 (ms) | partitioned ÷ one table |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
} >"$OUT/table.md"
for kind in points polygons; do
  for size in city governorate region; do
    for limit in 100 1000; do
      say "$kind $size $limit"
      read -r pt p50 p99 < <(run "$OUT/layout-features-$kind-$size-$limit")
      read -r st s50 s99 < <(run "$OUT/layout-layout_single-$kind-$size-$limit")
      awk -v k="$kind" -v s="$size" -v l="$limit" -v pt="$pt" -v p50="$p50" -v p99="$p99" -v st="$st" -v s50="$s50" -v s99="$s99" \
        'BEGIN { printf "| %s | %s | %d | %d | %.1f / %.1f | %d | %.1f / %.1f | **%.2f** |\n", k, s, l, pt, p50, p99, st, s50, s99, pt/st }' >>"$OUT/table.md"
    done
  done
done

plan() { # table
  sed "s/^SELECT /EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT /" "$OUT/layout-$1-points-city-100/box03.sql" | "${PSQL[@]}" -tA "$DB" \
    | grep -v "^ *Output:" | sed 's/^/    /'
}
{
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ), commit \`$(git -C "$REPO" rev-parse --short HEAD)\`: $rows rows in both layouts; pgbench -c16 -j2, ${SECONDS_PER_RUN}s per case."
  echo "Load average (1/5/15 min) before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg). Command: \`flock /tmp/map-bench.lock bench/api/layout.sh\`."
  echo
  cat "$OUT/table.md"
  echo
  echo "The plan of a city box (limit 100) on the partitioned table:"
  echo
  plan features
  echo
  echo "The same on one table with the composite GiST:"
  echo
  plan layout_single
} >"$OUT/results.md"
"${PSQL[@]}" -c "DROP TABLE layout_single" "$DB"
python3 "$REPO/bench/replace-between-markers.py" "$HERE/RESULTS.md" bench-layout-table "$OUT/results.md"
cat "$OUT/results.md"

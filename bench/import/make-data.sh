#!/usr/bin/env bash
# The benchmarks' shapefiles, made once per size with GDAL from generate.py's CSV: points and polygons in northeastern
# Syria with UTF-8 Arabic text, each in EPSG:4326 and in EPSG:32637 (the same rows).
#   bench/import/make-data.sh <folder> <points> <polygons>
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA="$1"; POINTS="$2"; POLYGONS="$3"
mkdir -p "$DATA"
[ -f "$DATA/.made-$POINTS-$POLYGONS" ] && exit 0
printf '[bench] generating %s points and %s polygons with GDAL in %s\n' "$POINTS" "$POLYGONS" "$DATA" >&2
rm -f "$DATA"/*
python3 "$HERE/generate.py" "$DATA" "$POINTS" "$POLYGONS"
for kind in points polygons; do
  ogr2ogr -f "ESRI Shapefile" -a_srs EPSG:4326 -lco ENCODING=UTF-8 "$DATA/$kind-4326.shp" "$DATA/$kind.csv" -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO
  ogr2ogr -f "ESRI Shapefile" -t_srs EPSG:32637 -lco ENCODING=UTF-8 "$DATA/$kind-32637.shp" "$DATA/$kind-4326.shp"
done
touch "$DATA/.made-$POINTS-$POLYGONS"

#!/usr/bin/env python3
"""Tiles for the benchmark (run.sh): which tiles, the ceiling's SQL for each, and the results table.

The ceiling SQL is TileSql's (src/Map.Data/Queries/TileSql.cs) with the parameters written in; `equivalence`
checks, tile by tile, that the API's bytes are the bytes of this SQL on the same table, so the two never drift.
"""
import hashlib, json, math, random, subprocess, sys, urllib.request

LAYER = "dense"
AREA = (38.5, 35.0, 42.3, 37.3)   # where generate.sql puts the points
DATE = "2020-08-25"
ATTRIBUTES = ('f.id AS "id", f.name AS "name", {actor} AS "actor", f.kind AS "kind", '
              "to_char(f.valid_from, 'YYYY-MM-DD') AS \"validFrom\", to_char(f.valid_to, 'YYYY-MM-DD') AS \"validTo\", "
              'f.confidence AS "confidence", f.approximate AS "approximate"')


def tile_of(lon, lat, z):
    n = 2 ** z
    r = math.radians(lat)
    return int((lon + 180) / 360 * n), int((1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * n)


def tiles(z, count, seed=12):
    (x0, y1), (x1, y0) = tile_of(AREA[0], AREA[1], z), tile_of(AREA[2], AREA[3], z)
    every = [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]
    random.Random(seed).shuffle(every)
    return sorted(every[:count])


def sql(z, x, y, table="features", date=DATE, aggregate_below=12, cell_pixels=32):
    where = f"f.layer_id = '{LAYER}' AND f.geometry && b.area AND f.valid_from <= DATE '{date}' " \
            f"AND (f.valid_to IS NULL OR f.valid_to >= DATE '{date}')"
    pixel = repr(360 / 2 ** z / 256)
    geometry = (f"ST_AsMVTGeom(ST_Transform(CASE WHEN ST_Dimension(f.geometry) = 0 THEN f.geometry "
                f"ELSE ST_Simplify(f.geometry, {pixel}, true) END, 3857), b.tile, 4096, 256, true)")
    if z >= aggregate_below:
        return (f"WITH bounds AS (SELECT ST_TileEnvelope({z}, {x}, {y}) AS tile, "
                f"ST_Transform(ST_TileEnvelope({z}, {x}, {y}, margin => 0.0625), 4326) AS area) "
                f"SELECT ST_AsMVT(t, '{LAYER}', 4096, 'geom') FROM (SELECT {geometry} AS geom, {ATTRIBUTES.format(actor='f.actor_id')} "
                f"FROM {table} f, bounds b WHERE {where}) t")
    per_tile = 256 // cell_pixels
    cells = 2 ** z * per_tile
    kind = f"(SELECT geometry_kind FROM layers WHERE id = '{LAYER}')"
    return (f"WITH bounds AS (SELECT ST_TileEnvelope({z}, {x}, {y}) AS tile, "
            f"ST_Transform(ST_TileEnvelope({z}, {x}, {y}, margin => {repr(1 / per_tile)}), 4326) AS area) "
            f"SELECT ST_AsMVT(t, '{LAYER}', 4096, 'geom') FROM ("
            f"SELECT {geometry} AS geom, {ATTRIBUTES.format(actor='f.actor_id')}, NULL::integer AS count "
            f"FROM {table} f, bounds b WHERE {where} AND ST_Dimension(f.geometry) > 0 AND {kind} <> 'Point' "
            f"UNION ALL "
            f"SELECT ST_AsMVTGeom(ST_Transform(CASE WHEN c.n = 1 THEN f.geometry ELSE ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326) END, 3857), "
            f"b.tile, 4096, {4096 // per_tile}, true), {ATTRIBUTES.format(actor='coalesce(f.actor_id, c.actor)')}, "
            f"CASE WHEN c.n > 1 THEN c.n END "
            f"FROM (SELECT sum(g.n)::integer AS n, (array_agg(g.actor ORDER BY g.n DESC, g.actor))[1] AS actor, min(g.one) AS one, "
            f"sum(g.lon) / sum(g.n) AS lon, sum(g.lat) / sum(g.n) AS lat "
            f"FROM (SELECT count(*) AS n, f.actor_id AS actor, min(f.id) AS one, sum(ST_X(f.geometry)) AS lon, "
            f"sum(ST_Y(f.geometry)) AS lat, floor((ST_X(f.geometry) + 180) * {repr(cells / 360)}) AS cx, "
            f"floor(ln(tan(radians(45 + ST_Y(f.geometry) / 2))) * {repr(cells / (2 * math.pi))}) AS cy "
            f"FROM {table} f, bounds b WHERE {where} AND ST_Dimension(f.geometry) = 0 AND {kind} NOT IN ('Line', 'Polygon') "
            f"GROUP BY cx, cy, f.actor_id) g GROUP BY g.cx, g.cy) c "
            f"CROSS JOIN bounds b LEFT JOIN {table} f ON c.n = 1 AND f.layer_id = '{LAYER}' AND f.id = c.one) t")


def path(z, x, y, date=DATE):
    return f"/collections/{LAYER}/tiles/WebMercatorQuad/{z}/{y}/{x}" + (f"?datetime={date}" if date else "")


def prepare(z, count, out, table):
    """One line per tile for wrk (paths), one pgbench script per tile (the ceiling's SQL on `table`)."""
    chosen = tiles(z, count)
    with open(f"{out}/paths-{z}.txt", "w") as f:
        f.writelines(path(z, x, y) + "\n" for x, y in chosen)
    for i, (x, y) in enumerate(chosen):
        with open(f"{out}/pgbench-{z}-{i:03d}.sql", "w") as f:
            f.write(sql(z, x, y, table) + ";\n")


def equivalence(base, psql, z, count):
    """The API's tile bytes equal the ceiling SQL's on the features table, for `count` tiles of zoom z."""
    for x, y in tiles(z, count):
        with urllib.request.urlopen(base + path(z, x, y)) as response:
            api = hashlib.md5(response.read()).hexdigest()
        ceiling = subprocess.run(psql.split() + ["-tAc", f"SELECT md5(({sql(z, x, y)}))"], check=True,
                                 capture_output=True, text=True).stdout.strip()
        if api != ceiling:
            raise SystemExit(f"tile {z}/{y}/{x}: the API's bytes differ from the ceiling SQL's ({api} vs {ceiling})")
    print(f"zoom {z}: {count} tiles identical")


def sizes(base, zooms):
    """Largest tile (bytes, features) among the tiles of each zoom over the area's densest town, with and without a date."""
    rows = []
    for z in zooms:
        for date in (None, DATE):
            x, y = tile_of(40.45, 36.35, z)
            largest = 0
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    try:
                        with urllib.request.urlopen(base + path(z, x + dx, y + dy, date)) as response:
                            largest = max(largest, len(response.read()))
                    except urllib.error.HTTPError:
                        pass
            rows.append({"zoom": z, "date": date or "all dates", "largest_bytes": largest})
    return rows


def table(results_path, sizes_path):
    rows = [json.loads(line) for line in open(results_path)]
    print("| zoom | tiles | API tiles/s | API p50 / p99 (ms) | ceiling tiles/s | ceiling p50 / p99 (ms) | ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        a, c = r["api"], r["ceiling"]
        print(f"| {r['zoom']} | {r['tiles']} | {a['rps']:.0f} | {a['p50']:.1f} / {a['p99']:.1f} | {c['rps']:.0f} | "
              f"{c['p50']:.1f} / {c['p99']:.1f} | **{a['rps'] / c['rps']:.2f}** |")
    print()
    print("Largest tile around the densest area (3 × 3 tiles), bytes:")
    print()
    by_zoom = {}
    for s in json.load(open(sizes_path)):
        by_zoom.setdefault(s["zoom"], {})[s["date"]] = s["largest_bytes"]
    print(f"| zoom | all 200,000 points | on {DATE} |")
    print("|---:|---:|---:|")
    for z, v in sorted(by_zoom.items()):
        print(f"| {z} | {v.get('all dates', 0):,} | {v.get(DATE, 0):,} |")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "prepare":
        prepare(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5])
    elif command == "equivalence":
        equivalence(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    elif command == "sizes":
        print(json.dumps(sizes(sys.argv[2], [int(z) for z in sys.argv[3].split(",")])))
    elif command == "table":
        table(sys.argv[2], sys.argv[3])

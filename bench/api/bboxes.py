#!/usr/bin/env python3
"""The API benchmark's boxes (deterministic) and, per box, a pgbench script of one SQL query.

    bboxes.py <out> ceiling                       boxes/<size>.txt and pgbench-<kind>-<size>-<limit>/boxNN.sql
    bboxes.py <out> layout <table> <layer> <kind> layout-<table>-<kind>-<size>-<limit>/boxNN.sql

Sizes: city 0.1 x 0.08 deg (about 9 km), governorate 1.5 x 1.2 deg (about 130 km), region = the whole northeast
(38.5-42.3 E, 35.0-37.3 N). The queries build Map's own feature text (the expression of
src/Map.Data/Queries/FeatureSql.cs: every property, the sources array, string ids) ordered by id:
- ceiling: over ceiling_<kind>, a plain table of the same rows with only a primary key and a GiST index;
- layout: Map's items query itself (with its layer condition) over another table, to compare layouts.
run.sh checks that the ceiling and the API answer the same features for a box of each size.
"""
import pathlib
import random
import sys

SIZES = {"city": (0.1, 0.08), "governorate": (1.5, 1.2), "region": (3.8, 2.3)}
AREA = (38.5, 35.0, 42.3, 37.3)
LIMITS = (100, 1000)
KINDS = ("points", "polygons")
FEATURE = ("'{\"type\":\"Feature\",\"id\":' || to_json(f.id)::text || ',\"geometry\":' || ST_AsGeoJSON(f.geometry, 9, 0) || "
           "',\"properties\":' || (CASE WHEN f.properties = '{}'::jsonb OR (f.properties - '{%s}'::text[]) = '{}'::jsonb THEN %s "
           "ELSE left(%s, -1) || ', ' || substr((f.properties - '{%s}'::text[])::text, 2) END) || '}'")
PROPS = [("layer", "f.layer_id"), ("name", "f.name"), ("nameAr", "f.name_ar"), ("actor", "f.actor_id"), ("kind", "f.kind"),
         ("validFrom", "f.valid_from"), ("validTo", "f.valid_to"), ("datePrecision", "lower(f.date_precision)"),
         ("confidence", "f.confidence"), ("approximate", "f.approximate"), ("accuracyMeters", "f.accuracy_meters"),
         ("sources", "f.sources"), ("notes", "f.notes"), ("predecessor", "f.predecessor_id"),
         ("lastConfirmed", "f.last_confirmed"), ("parties", "f.parties")]
NAMES = ",".join(n for n, _ in PROPS)
MODEL = "json_build_object(%s)::text" % ", ".join("'%s', %s" % p for p in PROPS)
FEATURE_SQL = FEATURE % (NAMES, MODEL, MODEL, NAMES)


def boxes():
    rng = random.Random(42)
    result = {}
    for size, (w, h) in SIZES.items():
        result[size] = []
        for _ in range(16):
            x = rng.uniform(AREA[0], AREA[2] - w) if w < AREA[2] - AREA[0] else AREA[0]
            y = rng.uniform(AREA[1], AREA[3] - h) if h < AREA[3] - AREA[1] else AREA[1]
            result[size].append((round(x, 3), round(y, 3), round(x + w, 3), round(y + h, 3)))
    return result


def collection(table, condition, box, limit):
    return ("SELECT '{\"type\":\"FeatureCollection\",\"features\":[' || coalesce(string_agg(json, ','), '') || ']}' FROM ("
            f"SELECT {FEATURE_SQL} AS json FROM {table} f WHERE {condition}"
            f"ST_Intersects(f.geometry, ST_MakeEnvelope({box[0]}, {box[1]}, {box[2]}, {box[3]}, 4326)) "
            f"ORDER BY f.id LIMIT {limit}) page;\n")


def write(folder, queries):
    folder.mkdir(parents=True, exist_ok=True)
    for i, sql in enumerate(queries):
        (folder / f"box{i:02}.sql").write_text(sql)


if __name__ == "__main__":
    out, mode = pathlib.Path(sys.argv[1]), sys.argv[2]
    all_boxes = boxes()
    if mode == "ceiling":
        (out / "boxes").mkdir(parents=True, exist_ok=True)
        for size, bs in all_boxes.items():
            (out / "boxes" / f"{size}.txt").write_text("".join("%s,%s,%s,%s\n" % b for b in bs))
            for kind in KINDS:
                for limit in LIMITS:
                    write(out / "boxes" / f"pgbench-{kind}-{size}-{limit}", [collection(f"ceiling_{kind}", "", b, limit) for b in bs])
    elif mode == "layout":
        table, layer, kind = sys.argv[3], sys.argv[4], sys.argv[5]
        for size, bs in all_boxes.items():
            for limit in LIMITS:
                write(out / f"layout-{table}-{kind}-{size}-{limit}",
                      [collection(table, f"f.layer_id = '{layer}' AND ", b, limit) for b in bs])
    else:
        raise SystemExit(__doc__)

#!/usr/bin/env python3
"""Writes the bench's bboxes (deterministic) and, per box, a pgbench script running the ceiling query.

Sizes: city (0.1 deg, about 10 km), governorate (1 deg, about 100 km), region (3.6 x 2.1 deg, all of NE Syria).
The ceiling builds the same FeatureCollection text inside PostgreSQL: the same feature expression (copied from
src/Map.Data/Queries/FeatureSql.cs, and checked against the API's answer by run.sh), the same filter, order and limit.
"""
import random, sys, pathlib

out = pathlib.Path(sys.argv[1])
layer = sys.argv[2]
SIZES = {"city": (0.1, 0.1), "governorate": (1.0, 1.0), "region": (3.6, 2.1)}
AREA = (38.5, 35.0, 42.3, 37.3)
FEATURE = ("'{\"type\":\"Feature\",\"id\":' || to_json(f.id)::text || ',\"geometry\":' || ST_AsGeoJSON(f.geometry, 9, 0) || "
           "',\"properties\":' || (CASE WHEN f.properties = '{}'::jsonb OR (f.properties - '{%s}'::text[]) = '{}'::jsonb THEN %s "
           "ELSE left(%s, -1) || ', ' || substr((f.properties - '{%s}'::text[])::text, 2) END) || '}'")
PROPS = [("layer", "f.layer_id"), ("name", "f.name"), ("nameAr", "f.name_ar"), ("actor", "f.actor_id"), ("kind", "f.kind"),
         ("validFrom", "f.valid_from"), ("validTo", "f.valid_to"), ("datePrecision", "lower(f.date_precision)"),
         ("confidence", "f.confidence"), ("approximate", "f.approximate"), ("accuracyMeters", "f.accuracy_meters"),
         ("sources", "f.sources"), ("notes", "f.notes"), ("predecessor", "f.predecessor_id")]
names = ",".join(n for n, _ in PROPS)
model = "json_build_object(%s)::text" % ", ".join("'%s', %s" % p for p in PROPS)
feature = FEATURE % (names, model, model, names)

out.mkdir(parents=True, exist_ok=True)
rng = random.Random(42)
for size, (w, h) in SIZES.items():
    boxes = []
    for _ in range(16):
        x = rng.uniform(AREA[0], AREA[2] - w) if w < AREA[2] - AREA[0] else AREA[0] + 0.05
        y = rng.uniform(AREA[1], AREA[3] - h) if h < AREA[3] - AREA[1] else AREA[1] + 0.05
        boxes.append((round(x, 3), round(y, 3), round(x + w, 3), round(y + h, 3)))
    (out / f"{size}.txt").write_text("".join("%s,%s,%s,%s\n" % b for b in boxes))
    for limit in (100, 1000):
        folder = out / f"pgbench-{size}-{limit}"
        folder.mkdir(parents=True, exist_ok=True)
        for i, b in enumerate(boxes):
            sql = ("SELECT '{\"type\":\"FeatureCollection\",\"features\":[' || coalesce(string_agg(json, ','), '') || ']}' FROM ("
                   f"SELECT {feature} AS json FROM features f WHERE f.layer_id = '{layer}' "
                   f"AND ST_Intersects(f.geometry, ST_MakeEnvelope({b[0]}, {b[1]}, {b[2]}, {b[3]}, 4326)) "
                   f"ORDER BY f.id LIMIT {limit}) page;\n")
            (folder / f"box{i:02}.sql").write_text(sql)

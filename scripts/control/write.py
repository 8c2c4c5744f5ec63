#!/usr/bin/env python3
"""Writes geodata/layers/control.geojson and the golan/syria regions from areas.json and the geometries build.sql made.

Standard library only. Usage (called by build.sh): write.py areas.json WORKDIR GEODATA_DIR
"""
import datetime
import json
import re
import sys

LABELS = {
    "syrian-government": ("Syrian government (Assad) area", "مناطق سيطرة الحكومة السورية (الأسد)"),
    "syrian-transitional-government": ("Transitional authorities' area", "مناطق سيطرة السلطات الانتقالية"),
    "sdf": ("SDF-held area", "مناطق سيطرة قوات سوريا الديمقراطية (قسد)"),
    "isis": ("ISIS-held area", "مناطق سيطرة تنظيم الدولة الإسلامية (داعش)"),
    "syrian-opposition": ("Opposition-held area", "مناطق سيطرة المعارضة المسلحة"),
    "hts": ("HTS-dominated Idlib pocket", "جيب إدلب بسيطرة هيئة تحرير الشام"),
    "turkey": ("Turkish and Turkish-backed area", "مناطق سيطرة تركيا والفصائل المدعومة منها"),
    "israel": ("Israeli-held area", "المناطق التي تسيطر عليها إسرائيل"),
    "us-coalition": ("Al-Tanf zone (US-led coalition)", "منطقة التنف (التحالف الدولي)"),
    "suwayda-druze-factions": ("Druze factions' area (Suwayda)", "مناطق سيطرة الفصائل الدرزية في السويداء"),
}

METHOD = ("COARSE sketch of an area of control, drawn by scripts/control/build.sh from the basemap's country borders, "
          "governorates and the Euphrates, cut by lines through named towns from the sources' descriptions: {cells}. "
          "It is not a front-line map: accuracy tens of kilometres; besieged pockets and enclaves smaller than the "
          "cells are not shown.")

REGIONS = {
    "golan": {
        "name": "Golan Heights",
        "nameAr": "الجولان",
        "description": "The Israeli-occupied Golan Heights, the UNDOF area of separation and the Syrian side of Mount Hermon "
                       "(drawn by scripts/control/build.sh from the basemap; the basemap puts the occupied part inside Israel).",
        "displayOrder": 7,
    },
    "syria": {
        "name": "Syria (whole country)",
        "nameAr": "سوريا (كامل البلاد)",
        "description": "All of Syria including the occupied Golan, drawn generously around the basemap's outline "
                       "(scripts/control/build.sh); the region of the countrywide areas of control.",
        "displayOrder": 0,
    },
}


def day(text):
    return datetime.date.fromisoformat(text)


def english(d):
    return f"{d.day} {d.strftime('%b')} {d.year}"


def main(areas_path, work, geodata):
    areas = json.load(open(areas_path, encoding="utf-8"))
    events = areas["events"]
    geometries = [json.loads(line) for line in open(f"{work}/geometries.jsonl", encoding="utf-8")]
    cells = {c["name"]: c["note"] for c in map(json.loads, open(f"{work}/cells.jsonl", encoding="utf-8"))}
    features = []
    for record, built in zip(areas["records"], geometries):
        features.append(feature(record, built, events, cells))
    ids = [f["id"] for f in features]
    if len(set(ids)) != len(ids):
        sys.exit("duplicate ids: " + ", ".join(sorted({i for i in ids if ids.count(i) > 1})))
    write_collection(f"{geodata}/layers/control.geojson", features)
    update_regions(f"{geodata}/regions.geojson", [json.loads(line) for line in open(f"{work}/regions.jsonl", encoding="utf-8")])
    print(f"{len(features)} areas of control written")


def feature(record, built, events, cells):
    actor = record["actor"]
    start = day(built["validFrom"])
    end = day(built["validTo"]) if built["validTo"] else None
    first = events.get(record["from"]) if record["from"] else None
    last = events.get(record["to"]) if record["to"] else None
    label, label_ar = LABELS[actor]
    span = f"{english(start)} – {english(end)}" if end else f"from {english(start)}"
    span_ar = f"{start.isoformat()} – {end.isoformat()}" if end else f"منذ {start.isoformat()}"
    used = re.findall(r"c\('([a-z0-9-]+)'\)", record["shape"])
    cell_text = "the rest of Syria once the other areas of the period are removed" if record["shape"] == "rest" \
        else "; ".join(dict.fromkeys(cells[c] for c in used))
    notes = [record.get("note", "")]
    if first:
        notes.append(f"From {english(start)}: {first['summary']}.")
    if last:
        notes.append(f"Until {english(end)}: the next change, {last['summary']}.")
    notes.append(METHOD.format(cells=cell_text))
    sources = []
    for s in record.get("sources", []) + (first["sources"] if first else []) + (last["sources"] if last else []):
        if all(s["url"] != t["url"] for t in sources):
            sources.append(s)
    properties = {
        "name": f"{label} ({span})",
        "nameAr": f"{label_ar} ({span_ar})",
        "actor": actor,
        "kind": "area of control",
        "validFrom": start.isoformat(),
        "validTo": end.isoformat() if end else None,
        "datePrecision": (first or {}).get("precision", "day"),
        "confidence": record["confidence"],
        "approximate": True,
        "accuracyMeters": record.get("accuracyMeters", 20000),
        "region": "syria",
        "sources": sources,
        "notes": " ".join(n for n in notes if n),
        "predecessor": None,
        "areaKm2": built["areaKm2"],
    }
    if end:
        properties["validToBasis"] = record.get("validToBasis", "reported")
    return {"type": "Feature", "id": f"control-{actor}-{start.isoformat()}", "geometry": built["geometry"], "properties": properties}


def write_collection(path, features):
    """Properties indented like the other layers; each polygon's coordinates on one line to keep the file readable."""
    out = ['{', ' "type": "FeatureCollection",', ' "features": [']
    for i, f in enumerate(features):
        head = json.dumps({"type": f["type"], "id": f["id"]}, ensure_ascii=False)[:-1]
        polygons = ",\n".join("     " + json.dumps(p, separators=(",", ":")) for p in f["geometry"]["coordinates"])
        props = json.dumps(f["properties"], indent=1, ensure_ascii=False).replace("\n", "\n   ")
        out.append(f'  {head}, "geometry": {{"type": "{f["geometry"]["type"]}", "coordinates": [\n{polygons}\n   ]}},')
        out.append(f'   "properties": {props}}}' + ("," if i < len(features) - 1 else ""))
    out += [' ]', '}', '']
    open(path, "w", encoding="utf-8").write("\n".join(out))


def update_regions(path, built):
    regions = json.load(open(path, encoding="utf-8"))
    for b in built:
        props = dict(REGIONS[b["id"]])
        new = {"type": "Feature", "id": b["id"], "geometry": b["geometry"], "properties": props}
        at = next((i for i, f in enumerate(regions["features"]) if f["id"] == b["id"]), None)
        if at is None:
            regions["features"].append(new)
        else:
            regions["features"][at] = new
    json.dump(regions, open(path, "w", encoding="utf-8"), indent=1, ensure_ascii=False)
    open(path, "a", encoding="utf-8").write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])

#!/usr/bin/env python3
"""Writes the benchmark's source data as CSV with WKT: points and star-shaped polygons (20-60 vertices, always
simple) in northeastern Syria with Arabic and English text. run.sh turns them into shapefiles with ogr2ogr."""
import csv, math, random, sys

out, points, polygons = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(20200825)
ACTORS = ["us", "ru", "tr", "sy", "sdf"]
KINDS = ["base", "outpost", "checkpoint", "patrol", "zone"]
TOWNS_AR = ["القامشلي", "الحسكة", "رميلان", "ديريك", "عامودا", "تل تمر", "الدرباسية", "الشدادي", "منبج", "عين العرب"]
TOWNS_EN = ["Qamishli", "Hasakah", "Rmelan", "Derik", "Amuda", "Tal Tamr", "Darbasiyah", "Shaddadi", "Manbij", "Kobani"]
WEST, EAST, SOUTH, NORTH = 38.5, 42.3, 35.2, 37.2

def attributes(i):
    t = random.randrange(len(TOWNS_EN))
    year, month, day = random.randint(2015, 2023), random.randint(1, 12), random.randint(1, 28)
    return [f"{TOWNS_EN[t]} {i}", f"{TOWNS_AR[t]} {i}", random.choice(ACTORS), random.choice(KINDS),
            f"{year:04d}-{month:02d}-{day:02d}", f"{random.random():.2f}", f"ملاحظة رقم {i} — note {i}"]

HEADER = ["WKT", "name", "name_ar", "actor", "kind", "valid_from", "confidence", "notes"]
with open(f"{out}/points.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f); w.writerow(HEADER)
    for i in range(points):
        w.writerow([f"POINT ({random.uniform(WEST, EAST):.7f} {random.uniform(SOUTH, NORTH):.7f})"] + attributes(i))
with open(f"{out}/polygons.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f); w.writerow(HEADER)
    for i in range(polygons):
        cx, cy, n = random.uniform(WEST + 0.1, EAST - 0.1), random.uniform(SOUTH + 0.1, NORTH - 0.1), random.randint(20, 60)
        ring = []
        for k in range(n):
            a, r = 2 * math.pi * k / n, random.uniform(0.01, 0.05)
            ring.append(f"{cx + r * math.cos(a):.7f} {cy + r * math.sin(a):.7f}")
        ring.append(ring[0])
        w.writerow([f"POLYGON (({', '.join(ring)}))"] + attributes(i))

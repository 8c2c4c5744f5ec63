// The view as a PNG, drawn in the order of the screen: basemap and town dots, zone fills and lines, place labels as
// laid out on screen, then the symbols and stacks (DOM markers cannot be copied, so everything is drawn again on a
// canvas), with a footer holding the title, the date and the legend. The caption is also stored as iTXt metadata.
import { legendEntries } from './legend.js';
import { pointLook, pathStyle, changeCasing, secondPartyStyle, symbolSize, kindRank } from './styles.js';
import { unconfirmedSince } from './confirmation.js';
import { t, language } from './i18n.js';
import { townDrawnAt } from './labels.js';

function tracePath(ctx, coordinates, project, close) {
  coordinates.forEach(([lon, lat], i) => {
    const p = project(lon, lat);
    if (i === 0) ctx.moveTo(p.x, p.y); else ctx.lineTo(p.x, p.y);
  });
  if (close) ctx.closePath();
}

function strokeAndFill(ctx, geometry, style, project) {
  const { type, coordinates } = geometry;
  ctx.beginPath();
  if (type === 'LineString') tracePath(ctx, coordinates, project, false);
  if (type === 'MultiLineString') coordinates.forEach(line => tracePath(ctx, line, project, false));
  if (type === 'Polygon') coordinates.forEach(ring => tracePath(ctx, ring, project, true));
  if (type === 'MultiPolygon') coordinates.forEach(polygon => polygon.forEach(ring => tracePath(ctx, ring, project, true)));
  const area = type.endsWith('Polygon');
  if (area && style.fill !== false) {
    ctx.globalAlpha = style.fillOpacity ?? 0.2;
    ctx.fillStyle = style.fillColor ?? style.color;
    ctx.fill('evenodd');
  }
  ctx.globalAlpha = style.opacity ?? 1;
  ctx.strokeStyle = style.color ?? '#333';
  ctx.lineWidth = style.weight ?? 1;
  ctx.lineDashOffset = Number(style.dashOffset ?? 0);
  ctx.setLineDash(style.dashArray ? String(style.dashArray).split(/[ ,]+/).map(Number) : []);
  ctx.stroke();
  ctx.globalAlpha = 1;
  ctx.lineDashOffset = 0;
  ctx.setLineDash([]);
}

const dashOf = dash => dash ? String(dash).split(/[ ,]+/).map(Number) : [];

/** Draws a symbol look (styles.pointLook) centred on x, y, as symbolSvg draws it on screen. */
export function drawSymbol(ctx, look, x, y, size = 20) {
  ctx.save();
  ctx.translate(x - size / 2, y - size / 2);
  ctx.scale(size / 22, size / 22);
  ctx.translate(1, 1);
  const path = new Path2D(look.path);
  if (look.ring) {
    ctx.beginPath(); ctx.arc(10, 10, 12.2, 0, Math.PI * 2);
    ctx.strokeStyle = look.ring.colour; ctx.lineWidth = 2.4; ctx.setLineDash(dashOf(look.ring.dashArray)); ctx.stroke();
  }
  ctx.save();
  ctx.clip(path);
  if (look.hollow) {
    ctx.globalAlpha = 0.9; ctx.fillStyle = '#ffffff'; ctx.fillRect(-1, -1, 22, 22);
  } else {
    ctx.globalAlpha = look.fillOpacity;
    look.fills.forEach((colour, i) => {
      ctx.fillStyle = colour;
      ctx.fillRect(i * 20 / look.fills.length, -1, 20 / look.fills.length + 0.2, 22);
    });
    if (look.hatched) {
      ctx.globalAlpha = 0.9; ctx.strokeStyle = '#ffffff'; ctx.lineWidth = 1.1; ctx.setLineDash([]);
      for (let d = -20; d < 40; d += 4.5) { ctx.beginPath(); ctx.moveTo(d, -1); ctx.lineTo(d - 22, 21); ctx.stroke(); }
    }
  }
  ctx.restore();
  ctx.globalAlpha = 1;
  ctx.strokeStyle = look.stroke;
  ctx.lineWidth = look.strokeWidth;
  ctx.setLineDash(dashOf(look.dashArray));
  ctx.stroke(path);
  if (look.hollow) { ctx.fillStyle = '#222'; ctx.beginPath(); ctx.arc(10, 10, 1.8, 0, Math.PI * 2); ctx.fill(); }
  ctx.restore();
}

function drawBadge(ctx, count, x, y, size) {
  const text = String(count);
  ctx.font = '700 11px system-ui, sans-serif';
  const w = Math.max(15, ctx.measureText(text).width + 6);
  const cx = x + size / 2 + 2, cy = y - size / 2 + 2;
  ctx.fillStyle = '#1f2a36'; ctx.strokeStyle = '#fff'; ctx.lineWidth = 1;
  ctx.beginPath(); ctx.roundRect(cx - w / 2, cy - 7.5, w, 15, 7.5); ctx.fill(); ctx.stroke();
  ctx.fillStyle = '#fff'; ctx.textAlign = 'center'; ctx.textBaseline = 'middle'; ctx.fillText(text, cx, cy + 0.5);
  ctx.textAlign = 'start'; ctx.textBaseline = 'alphabetic';
}

const labelFonts = {
  country: '600 13px system-ui, sans-serif', capital: '600 12px system-ui, sans-serif',
  governorate_capital: '600 12px system-ui, sans-serif', town: '11px system-ui, sans-serif',
};

function drawLabels(ctx, placed, rtl) {
  ctx.save();
  ctx.direction = rtl ? 'rtl' : 'ltr';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const { text, kind, townKind, box } of placed) {
    ctx.font = labelFonts[kind === 'country' ? 'country' : townKind] ?? labelFonts.town;
    ctx.letterSpacing = kind === 'country' ? '1.5px' : '0px';
    const label = kind === 'country' ? text.toLocaleUpperCase() : text;
    const [x, y] = [box.x + box.w / 2, box.y + box.h / 2];
    ctx.lineWidth = 3; ctx.strokeStyle = 'rgba(255,255,255,0.9)'; ctx.strokeText(label, x, y);
    ctx.fillStyle = kind === 'country' ? '#7a705e' : townKind === 'neighbour_city' ? '#666' : '#2b2b2b';
    ctx.fillText(label, x, y);
  }
  ctx.restore();
}

/** What is drawn for point features now: single symbols where they are (spread out when a stack is open) and stacks. */
function drawnSymbols(layers, state) {
  const seen = new Map();
  for (const layer of layers) {
    layer.group?.eachLayer(marker => {
      if (!marker.feature || !marker.getLatLng) return;
      const parent = layer.host?.getVisibleParent?.(marker) ?? layer.group.getVisibleParent?.(marker) ?? marker;
      if (!parent) return;
      const entry = seen.get(parent) ?? { parent, markers: [], dense: layer.clustered };
      entry.markers.push(marker);
      seen.set(parent, entry);
    });
  }
  const view = state.compare ? state.compare[1] : state.date;
  return [...seen.values()].map(({ parent, markers, dense }) => {
    const top = markers.sort((a, b) => kindRank(a.feature.properties.kind) - kindRank(b.feature.properties.kind))[0];
    const count = parent.getChildCount?.() ?? 1;
    return { latlng: parent.getLatLng(), feature: top.feature, count, dense, unconfirmed: Boolean(unconfirmedSince(top.feature.properties, view)) };
  });
}

/** Renders the view; resolves to a PNG blob. */
export async function renderPng({ map, basemap, labels, layers, state, actors, caption }) {
  const size = map.getSize();
  const rtl = language() === 'ar';
  const legend = legendEntries(layers, state, actors);
  const items = [
    ...legend.actors.map(a => ({ label: a.label, swatch: a.colour })),
    ...legend.symbols.map(s => ({ label: s.label, look: { path: s.path, fills: ['#9a9a9a'], fillOpacity: 0.95, stroke: '#222', strokeWidth: 1.2 } })),
    ...legend.paths.map(p => ({ label: p.label, line: p.sample })),
    ...legend.treatments.map(x => ({ label: x.label, look: x.look })),
    ...legend.changes.map(c => ({ label: c.label, look: c.look })),
  ];
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  ctx.font = '13px system-ui, sans-serif';
  // Lay the legend out in rows first, to know how tall the footer must be.
  const rowHeight = 22, pad = 12;
  let x = pad, rows = 1;
  const placed = items.map(item => {
    const width = 26 + ctx.measureText(item.label).width + 18;
    if (x + width > size.x - pad && x > pad) { x = pad; rows += 1; }
    const spot = { item, x, row: rows - 1 };
    x += width;
    return spot;
  });
  const footerTop = size.y;
  canvas.width = size.x;
  canvas.height = size.y + pad * 2 + 26 + rows * rowHeight + 20;

  ctx.fillStyle = '#cfe2f3';
  ctx.fillRect(0, 0, size.x, size.y);
  const project = (lon, lat) => map.latLngToContainerPoint([lat, lon]);
  const view = state.compare ? state.compare[1] : state.date;
  for (const { collection, features } of basemap.values()) {
    for (const f of features) {
      if (collection.geometryKind !== 'point') { strokeAndFill(ctx, f.geometry, collection.style ?? {}, project); continue; }
      if (!townDrawnAt(f.properties, map.getZoom())) continue;
      const p = project(...f.geometry.coordinates);
      ctx.fillStyle = '#555';
      ctx.beginPath(); ctx.arc(p.x, p.y, 2.5, 0, Math.PI * 2); ctx.fill();
    }
  }
  for (const layer of layers) {
    for (const f of layer.visibleFeatures(state)) {
      if (f.geometry.type.endsWith('Point')) continue;
      const style = pathStyle(actors, f.properties, layer.collection.style, { unconfirmed: Boolean(unconfirmedSince(f.properties, view)) });
      const casing = changeCasing(f.properties, style);
      if (casing) strokeAndFill(ctx, f.geometry, casing, project);
      strokeAndFill(ctx, f.geometry, style, project);
      const second = secondPartyStyle(actors, f.properties, style);
      if (second && !f.geometry.type.endsWith('Polygon')) strokeAndFill(ctx, f.geometry, second, project);
    }
  }
  drawLabels(ctx, labels.placed(), rtl);
  const symbolPx = symbolSize(map.getZoom());
  for (const s of drawnSymbols(layers, state)) {
    const p = map.latLngToContainerPoint(s.latlng);
    if (s.dense && s.count > 1) {
      ctx.fillStyle = 'rgba(110, 204, 57, 0.75)'; ctx.beginPath(); ctx.arc(p.x, p.y, 15, 0, Math.PI * 2); ctx.fill();
      drawBadge(ctx, s.count, p.x - symbolPx / 2, p.y + symbolPx / 2, 0);
      continue;
    }
    drawSymbol(ctx, pointLook(actors, s.feature.properties, { unconfirmed: s.unconfirmed }), p.x, p.y, symbolPx);
    if (s.count > 1) drawBadge(ctx, s.count, p.x, p.y, symbolPx);
  }

  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, footerTop, size.x, canvas.height - footerTop);
  ctx.fillStyle = '#1f2a36';
  ctx.direction = rtl ? 'rtl' : 'ltr';
  ctx.textAlign = 'start';
  ctx.font = 'bold 15px system-ui, sans-serif';
  const mirror = value => rtl ? size.x - value : value;
  ctx.fillText(`${t('title')} — ${caption}`, mirror(pad), footerTop + pad + 14);
  ctx.font = '13px system-ui, sans-serif';
  for (const { item, x: left, row } of placed) {
    const y = footerTop + pad + 26 + row * rowHeight + 11;
    const iconX = rtl ? size.x - left - 10 : left + 10;
    if (item.swatch) {
      ctx.fillStyle = item.swatch; ctx.beginPath(); ctx.arc(iconX, y, 7, 0, Math.PI * 2); ctx.fill();
      ctx.strokeStyle = '#333'; ctx.lineWidth = 1; ctx.stroke();
    }
    if (item.look) drawSymbol(ctx, item.look, iconX, y, 16);
    if (item.line?.fill) {
      ctx.fillStyle = 'rgba(85,85,85,0.25)'; ctx.fillRect(iconX - 10, y - 5, 20, 10);
      ctx.strokeStyle = '#555'; ctx.lineWidth = 2; ctx.strokeRect(iconX - 10, y - 5, 20, 10);
    } else if (item.line) {
      ctx.strokeStyle = '#555'; ctx.lineWidth = item.line.weight ?? 2;
      ctx.setLineDash(dashOf(item.line.dashArray));
      ctx.beginPath(); ctx.moveTo(iconX - 10, y); ctx.lineTo(iconX + 10, y); ctx.stroke(); ctx.setLineDash([]);
    }
    ctx.fillStyle = '#222';
    ctx.fillText(item.label, mirror(left + 26), y + 4);
  }
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = '#555';
  ctx.fillText(map.attributionControl.getContainer().textContent.replace(/\s+/g, ' ').trim(), mirror(pad), canvas.height - 7);

  const png = await new Promise(resolve => canvas.toBlob(resolve, 'image/png'));
  return withTextMetadata(png, { Title: t('title'), Description: caption });
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = bytes => { let c = 0xffffffff; for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };

/** Inserts UTF-8 iTXt chunks right after the PNG header chunk (IHDR is always the first, 33 bytes in). */
async function withTextMetadata(png, entries) {
  const bytes = new Uint8Array(await png.arrayBuffer());
  const encoder = new TextEncoder();
  const chunks = Object.entries(entries).map(([keyword, text]) => {
    const data = new Uint8Array([...encoder.encode(keyword), 0, 0, 0, 0, 0, ...encoder.encode(text)]);
    const typeAndData = new Uint8Array([...encoder.encode('iTXt'), ...data]);
    const chunk = new Uint8Array(12 + data.length);
    const view = new DataView(chunk.buffer);
    view.setUint32(0, data.length);
    chunk.set(typeAndData, 4);
    view.setUint32(8 + data.length, crc32(typeAndData));
    return chunk;
  });
  return new Blob([bytes.slice(0, 33), ...chunks, bytes.slice(33)], { type: 'image/png' });
}

// The view as a PNG: basemap, features and highlight drawn again on a canvas (DOM markers cannot be copied), with a
// footer holding the title, the date and the legend. The caption is also stored in the file as iTXt metadata.
import { legendEntries } from './legend.js';
import { pointLook, pathStyle } from './styles.js';
import { t, localName, language } from './i18n.js';

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
  ctx.setLineDash(style.dashArray ? String(style.dashArray).split(/[ ,]+/).map(Number) : []);
  ctx.stroke();
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
}

function drawSymbol(ctx, look, x, y, size = 20) {
  ctx.save();
  ctx.translate(x - size / 2, y - size / 2);
  ctx.scale(size / 22, size / 22);
  ctx.translate(1, 1);
  const path = new Path2D(look.path);
  ctx.globalAlpha = look.fillOpacity;
  ctx.fillStyle = look.fill;
  ctx.fill(path);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = look.stroke;
  ctx.lineWidth = look.strokeWidth;
  ctx.setLineDash(look.dashArray ? look.dashArray.split(' ').map(Number) : []);
  ctx.stroke(path);
  ctx.restore();
}

const pointsOf = g => g.type === 'Point' ? [g.coordinates] : g.type === 'MultiPoint' ? g.coordinates : [];

/** Renders the view; resolves to a PNG blob. */
export async function renderPng({ map, basemap, layers, state, actors, caption }) {
  const size = map.getSize();
  const rtl = language() === 'ar';
  const legend = legendEntries(layers, state, actors);
  const items = [
    ...legend.actors.map(a => ({ label: a.label, swatch: a.colour })),
    ...legend.symbols.map(s => ({ label: s.label, look: { path: s.path, fill: '#9a9a9a', fillOpacity: 0.95, stroke: '#222', strokeWidth: 1.2 } })),
    ...legend.paths.map(p => ({ label: p.label, line: p.sample })),
    ...legend.changes.map(c => ({
      label: c.label,
      look: { path: 'M10 3a7 7 0 1 0 0.01 0Z', fill: '#9a9a9a', fillOpacity: c.opacity, stroke: c.ring, strokeWidth: 2.5, dashArray: c.dashArray },
    })),
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
  for (const { collection, features } of basemap.values()) {
    for (const f of features) {
      if (collection.geometryKind === 'point') {
        const p = project(...f.geometry.coordinates);
        ctx.fillStyle = '#555';
        ctx.beginPath(); ctx.arc(p.x, p.y, 2.5, 0, Math.PI * 2); ctx.fill();
        ctx.font = '11px system-ui, sans-serif';
        ctx.fillText(localName(f.properties), p.x + 5, p.y + 4);
      } else {
        strokeAndFill(ctx, f.geometry, collection.style ?? {}, project);
      }
    }
  }
  for (const layer of layers) {
    for (const f of layer.visibleFeatures(state)) {
      const points = pointsOf(f.geometry);
      if (!points.length) strokeAndFill(ctx, f.geometry, pathStyle(actors, f.properties, layer.collection.style), project);
      for (const point of points) {
        const p = project(...point);
        drawSymbol(ctx, pointLook(actors, f.properties), p.x, p.y, layer.clustered ? 10 : 20);
      }
    }
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
      ctx.setLineDash(item.line.dashArray ? item.line.dashArray.split(' ').map(Number) : []);
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

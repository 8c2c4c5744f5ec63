// The small map on the API's HTML views: the features of the page (or the collection's extent) over the offline
// basemap's outlines, with nothing but this app's own files and API (no tiles, no CDN). Leaflet is imported by path:
// these pages have no import map.
import * as L from '../lib/leaflet/leaflet-src.esm.js';

const element = document.getElementById('resource-map');

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/geo+json, application/json' } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

/** Country and governorate outlines from the basemap collections, when the dataset has them. */
async function addOutlines(map) {
  const { collections } = await getJson(element.dataset.collections);
  const outlines = collections.filter(c => c.role === 'basemap' && c.geometryKind !== 'point');
  for (const collection of outlines) {
    const items = collection.links.find(l => l.rel === 'items' && l.type === 'application/geo+json');
    if (!items) continue;
    const page = await getJson(`${items.href}${items.href.includes('?') ? '&' : '?'}limit=10000`);
    L.geoJSON(page, { style: { color: '#8a96a3', weight: 1, fill: false }, interactive: false }).addTo(map);
  }
}

async function show() {
  const map = L.map(element, { zoomSnap: 0.5 });
  L.control.scale({ imperial: false }).addTo(map);
  let bounds = null;
  if (element.dataset.geojson) {
    const layer = L.geoJSON(await getJson(element.dataset.geojson), {
      pointToLayer: (_, latlng) => L.circleMarker(latlng, { radius: 6, color: '#1f2a36', weight: 1.5, fillColor: '#2a7fd4', fillOpacity: 0.8 }),
      style: { color: '#2a7fd4', weight: 2, fillOpacity: 0.2 },
      onEachFeature: (feature, drawn) => drawn.bindTooltip(document.createTextNode(String(feature.properties?.name ?? feature.id ?? ''))),
    }).addTo(map);
    if (layer.getLayers().length) bounds = layer.getBounds();
  }
  if (element.dataset.bbox) {
    const [minX, minY, maxX, maxY] = element.dataset.bbox.split(',').map(Number);
    const box = L.rectangle([[minY, minX], [maxY, maxX]], { color: '#2a7fd4', weight: 2, fillOpacity: 0.1 }).addTo(map);
    bounds = box.getBounds();
  }
  if (bounds) map.fitBounds(bounds.pad(0.1), { maxZoom: 10 }); else map.setView([35, 38.5], 6);
  await addOutlines(map).catch(error => console.warn('basemap outlines:', error.message));
  element.dataset.ready = 'true';
}

show().catch(error => {
  console.error(error);
  element.dataset.ready = 'error';
});

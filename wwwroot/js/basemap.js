// The offline basemap: countries, governorates, rivers and towns from the API's basemap collections (PostGIS),
// drawn on one canvas under the presence layers. Online tiles only when the operator configured them.
import * as L from 'leaflet';
import { fetchAllItems } from './api.js';
import { localName } from './i18n.js';
import { escapeHtml } from './escape.js';

export const basemapAttribution = 'Borders, rivers: Natural Earth · Towns: GeoNames (CC-BY 4.0)';

function townLayer(features, style, renderer) {
  return L.geoJSON(features, {
    pointToLayer: (feature, latlng) => {
      const marker = L.circleMarker(latlng, { ...style, renderer, interactive: false });
      // Leaflet writes a tooltip's text as HTML: a town's name is escaped like any other text from the data.
      marker.bindTooltip(escapeHtml(localName(feature.properties)), {
        permanent: true, direction: 'right', offset: [4, 0], className: 'basemap-label', interactive: false, pane: 'basemapLabels',
      });
      return marker;
    },
  });
}

/** Adds every basemap collection in display order; returns the loaded features by collection id (for export). */
export async function addBasemap(map, collections, config) {
  map.createPane('basemap').style.zIndex = 250;
  // Town names sit above the basemap but under the presence symbols.
  map.createPane('basemapLabels').style.zIndex = 350;
  const renderer = L.canvas({ pane: 'basemap', padding: 0.5 });
  map.attributionControl.addAttribution(basemapAttribution);
  const online = config?.onlineTiles;
  if (online) {
    L.tileLayer(online.url, { attribution: online.attribution, maxZoom: online.maxZoom, crossOrigin: true }).addTo(map);
  }
  const basemaps = collections.filter(c => c.role === 'basemap').sort((a, b) => a.displayOrder - b.displayOrder);
  const loaded = await Promise.all(basemaps.map(c => fetchAllItems(c.id)));
  const byId = new Map();
  basemaps.forEach((collection, i) => {
    const features = loaded[i];
    byId.set(collection.id, { collection, features });
    // With online tiles underneath, the filled country background would hide them: keep only the outlines.
    const style = online ? { ...collection.style, fillOpacity: 0 } : collection.style ?? {};
    const layer = collection.geometryKind === 'point'
      ? townLayer(features, style, renderer)
      : L.geoJSON(features, { style: () => style, renderer, interactive: false });
    layer.addTo(map);
  });
  return byId;
}

// The offline basemap: countries, governorates, rivers and towns from the API's basemap collections (PostGIS),
// drawn on one canvas under the presence layers. Online tiles only when the operator configured them.
import * as L from 'leaflet';
import { fetchAllItems } from './api.js';
import { townDrawnAt } from './labels.js';

export const basemapAttribution = 'Borders, rivers: Natural Earth · Towns: GeoNames (CC-BY 4.0)';

/** Town dots only: their names are laid out by labels.js, which keeps them from overlapping. */
function townLayer(features, style, renderer) {
  return L.geoJSON(features, { pointToLayer: (feature, latlng) => L.circleMarker(latlng, { ...style, renderer, interactive: false }) });
}

/** Adds every basemap collection in display order; returns the loaded features by collection id (for export). */
export async function addBasemap(map, collections, config) {
  map.createPane('basemap').style.zIndex = 250;
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
    if (collection.geometryKind !== 'point') {
      L.geoJSON(features, { style: () => style, renderer, interactive: false }).addTo(map);
      return;
    }
    // Villages are drawn (and named) only from zoom 9, where there is room for them.
    const villages = townLayer(features.filter(f => !townDrawnAt(f.properties, 0)), style, renderer);
    townLayer(features.filter(f => townDrawnAt(f.properties, 0)), style, renderer).addTo(map);
    const showVillages = () => townDrawnAt({ kind: 'village' }, map.getZoom()) ? villages.addTo(map) : villages.remove();
    map.on('zoomend', showVillages);
    showVillages();
  });
  return byId;
}

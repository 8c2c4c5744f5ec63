// Builds a Leaflet layer for each API collection: presence layers as overlays, basemap layers underneath.
import * as L from 'leaflet';
import { fetchAllItems } from './api.js';
import { pathStyle, pointStyle } from './styles.js';
import { popupHtml } from './popup.js';

export async function presenceLayer(collection, actors) {
  const data = await fetchAllItems(collection.id);
  return L.geoJSON(data, {
    style: feature => pathStyle(actors, feature, collection.style),
    pointToLayer: (feature, latlng) => L.circleMarker(latlng, pointStyle(actors, feature, collection.style)),
    onEachFeature: (feature, layer) => {
      layer.feature = feature;
      layer.bindPopup(() => popupHtml(feature, actors), { maxWidth: 360 });
    },
  });
}

export async function basemapLayer(collection) {
  const data = await fetchAllItems(collection.id);
  const style = collection.style ?? {};
  return L.geoJSON(data, {
    interactive: false,
    style: () => style,
    pointToLayer: (feature, latlng) => {
      const marker = L.circleMarker(latlng, { ...style, interactive: false });
      if (feature.properties.name) {
        marker.bindTooltip(feature.properties.name, { permanent: true, direction: 'right', className: 'basemap-label', interactive: false });
      }
      return marker;
    },
  });
}

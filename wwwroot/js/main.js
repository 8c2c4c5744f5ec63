// Entry point: builds the map from the API (layers, actors) and wires the controls.
import * as L from 'leaflet';
import { fetchActors, fetchCollections } from './api.js';
import { basemapLayer, presenceLayer } from './layers.js';
import { Legend } from './legend.js';

const northeastSyria = [[35.0, 38.2], [37.4, 42.4]];

async function start() {
  const map = L.map('map', { preferCanvas: false, zoomSnap: 0.5 }).fitBounds(northeastSyria);
  window.presenceMap = map;
  map.attributionControl.addAttribution('Borders, rivers: Natural Earth · Towns: GeoNames (CC-BY 4.0)');

  const [collections, actorList] = await Promise.all([fetchCollections(), fetchActors()]);
  const actors = new Map(actorList.map(a => [a.id, a]));

  for (const collection of collections.filter(c => c.role === 'basemap')) {
    (await basemapLayer(collection)).addTo(map);
  }

  const overlays = {};
  for (const collection of collections.filter(c => c.role === 'presence')) {
    const layer = await presenceLayer(collection, actors);
    layer.addTo(map);
    overlays[collection.title] = layer;
  }
  L.control.layers(null, overlays, { collapsed: false }).addTo(map);
  new Legend(actors).addTo(map);
  document.body.dataset.ready = 'true';
}

start().catch(error => {
  console.error(error);
  document.body.dataset.ready = 'error';
});

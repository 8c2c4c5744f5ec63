// The Leaflet layer of a list of presence features: points as symbols (their size follows the zoom through CSS),
// lines and zones as styled paths, with the compare ring as a casing underneath and a second party's colour dashed
// over a joint line. Every drawn layer that stands for a feature carries it in .feature and opens it on click.
import * as L from 'leaflet';
import { markerIcon, pathStyle, changeCasing, secondPartyStyle } from './styles.js';
import { localName } from './i18n.js';
import { unconfirmedSince } from './confirmation.js';

/** The date whose honesty rules apply: the chosen date, or the later date of a compared pair. */
const viewDate = state => state.compare ? state.compare[1] : state.date;

function symbolMarker(feature, latlng, { actors, state, onSelect }) {
  const unconfirmed = Boolean(unconfirmedSince(feature.properties, viewDate(state)));
  const marker = L.marker(latlng, {
    icon: markerIcon(actors, feature.properties, { unconfirmed }),
    title: localName(feature.properties),
    alt: localName(feature.properties),
    riseOnHover: true,
  });
  marker.feature = feature;
  marker.on('click', () => onSelect(feature.id));
  // The symbol's element names its record, for scripts and tests that look at what is on screen.
  marker.on('add', () => marker.getElement()?.setAttribute('data-feature', feature.id));
  return marker;
}

function pathLayers(feature, { actors, state, layerStyle, onSelect }) {
  const unconfirmed = Boolean(unconfirmedSince(feature.properties, viewDate(state)));
  const style = pathStyle(actors, feature.properties, layerStyle, { unconfirmed });
  const layers = [];
  const casing = changeCasing(feature.properties, style);
  if (casing) layers.push(L.GeoJSON.geometryToLayer(feature, { ...casing, interactive: false }));
  const main = L.GeoJSON.geometryToLayer(feature, style);
  main.feature = feature;
  main.on('click', () => onSelect(feature.id));
  layers.push(main);
  const second = secondPartyStyle(actors, feature.properties, style);
  if (second && !feature.geometry.type.endsWith('Polygon')) layers.push(L.GeoJSON.geometryToLayer(feature, { ...second, interactive: false }));
  return layers;
}

/** One feature group for the features of one presence layer. */
export function featureLayer(features, options) {
  const group = L.featureGroup();
  for (const feature of features) {
    const { type, coordinates } = feature.geometry;
    if (type === 'Point') group.addLayer(symbolMarker(feature, L.latLng(coordinates[1], coordinates[0]), options));
    else if (type === 'MultiPoint') coordinates.forEach(([lon, lat]) => group.addLayer(symbolMarker(feature, L.latLng(lat, lon), options)));
    else pathLayers(feature, options).forEach(layer => group.addLayer(layer));
  }
  return group;
}

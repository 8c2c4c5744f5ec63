// Presence layers: the features of one API collection for the chosen date (or two compared dates), drawn with the
// symbol table, filtered by the per-actor toggles, and clustered when the layer is a dense point layer.
import { fetchAllItems } from './api.js';
import { clusterGroup, clusterThreshold } from './clustering.js';
import { featureLayer } from './featureLayer.js';
import { datetimeFor, shownIn } from './eventsWindow.js';

/** What happened to a feature between two dates, from its presence at each and anywhere in between. */
export function changeOf(id, atFrom, atTo) {
  if (atFrom.has(id) && atTo.has(id)) return 'persisted';
  if (atTo.has(id)) return 'appeared';
  if (atFrom.has(id)) return 'ended';
  return 'between';
}

export class PresenceLayer {
  constructor(collection, { map, stack, actors, onSelect }) {
    this.collection = collection;
    this.id = collection.id;
    this.map = map;
    // Point symbols go into the shared stack group (stacking.js), so that records at one place stack together.
    this.stack = stack ?? map;
    this.host = map;
    this.actors = actors;
    this.onSelect = onSelect;
    this.features = [];
    this.group = null;
    this.clustered = false;
  }

  async loadAt(date, signal, eventsDays = 0) {
    this.features = await fetchAllItems(this.id, { datetime: datetimeFor(date, eventsDays) }, signal);
  }

  async loadCompare([from, to], signal) {
    const [atFrom, atTo, span] = await Promise.all([
      fetchAllItems(this.id, { datetime: from }, signal),
      fetchAllItems(this.id, { datetime: to }, signal),
      fetchAllItems(this.id, { datetime: `${from}/${to}` }, signal),
    ]);
    const fromIds = new Set(atFrom.map(f => f.id));
    const toIds = new Set(atTo.map(f => f.id));
    this.features = span.map(f => ({ ...f, properties: { ...f.properties, change: changeOf(f.id, fromIds, toIds) } }));
  }

  /** A hidden layer keeps nothing: it is loaded again, for the date of the moment, when it is shown. */
  clear() {
    this.features = [];
    if (this.group) this.host.removeLayer(this.group);
    this.group = null;
  }

  /** Whether the layer's time extent reaches the chosen date (or compare period) at all. */
  spans(state) {
    const [start, end] = this.collection.extent?.temporal?.interval?.[0] ?? [];
    const [from, to] = state.compare ?? [state.date, state.date];
    return (!start || start.slice(0, 10) <= to) && (!end || end.slice(0, 10) >= from);
  }

  /** Actor ids present in the loaded features, in the order of the actors table. */
  actorIds() {
    const present = new Set(this.features.map(f => f.properties.actor));
    return [...this.actors.keys()].filter(id => present.has(id));
  }

  visibleFeatures(state) {
    if (state.layersOff.has(this.id)) return [];
    return this.features.filter(f => !state.actorsOff.has(`${this.id}:${f.properties.actor}`) && shownIn(f.properties, state));
  }

  render(state) {
    if (this.group) this.host.removeLayer(this.group);
    this.group = null;
    const shown = this.visibleFeatures(state);
    if (!shown.length) return;
    const geo = featureLayer(shown, { actors: this.actors, state, layerStyle: this.collection.style, onSelect: this.onSelect });
    this.clustered = this.collection.geometryKind === 'point' && shown.length > clusterThreshold;
    if (this.clustered) {
      this.group = clusterGroup();
      this.group.addLayers(geo.getLayers());
    } else {
      this.group = geo;
    }
    this.host = this.collection.geometryKind === 'point' && !this.clustered ? this.stack : this.map;
    this.host.addLayer(this.group);
  }

  /** The Leaflet layer drawing a feature, if it is shown. */
  leafletLayerOf(featureId) {
    let found = null;
    this.group?.eachLayer(layer => { if (layer.feature?.id === featureId) found = layer; });
    return found;
  }
}

/** [minLon, minLat, maxLon, maxLat] of a feature, computed once. */
export function featureBbox(feature) {
  if (feature.bbox) return feature.bbox;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const visit = c => {
    if (typeof c[0] === 'number') { minX = Math.min(minX, c[0]); maxX = Math.max(maxX, c[0]); minY = Math.min(minY, c[1]); maxY = Math.max(maxY, c[1]); }
    else c.forEach(visit);
  };
  visit(feature.geometry.coordinates);
  return (feature.bbox = [minX, minY, maxX, maxY]);
}

/** Whether a feature's extent overlaps the map view (what "on screen" means for the list and the exports). */
export function inView(feature, bounds) {
  const [minX, minY, maxX, maxY] = featureBbox(feature);
  return maxX >= bounds.getWest() && minX <= bounds.getEast() && maxY >= bounds.getSouth() && minY <= bounds.getNorth();
}

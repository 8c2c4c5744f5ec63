// Entry point: reads the view from the URL, builds the map from the API and wires every panel to one state.
// State changes go through here: load what the date or compare pair means, draw, update the panels, save the URL.
import * as L from 'leaflet';
import { fetchActors, fetchClientConfig, fetchCollections, fetchFeature, fetchRegions, setRecordedAt } from './api.js';
import { setLanguage, t, layerTitle } from './i18n.js';
import { readState, saveState, onHistoryChange } from './urlState.js';
import { addBasemap } from './basemap.js';
import { PresenceLayer, inView } from './layers.js';
import { TiledLayer, isTiled } from './tiledLayer.js';
import { createTimeControl } from './timeControl.js';
import { createLayerPanel } from './layerPanel.js';
import { createLegend } from './legend.js';
import { createDetails } from './details.js';
import { createRegionPicker } from './regions.js';
import { createSearch } from './search.js';
import { createTextList, maxPerLayer } from './textList.js';
import { createChangesList } from './compare.js';
import { createExportPanel } from './export.js';
import { renderPng } from './exportImage.js';
import { allFeatures, forgetFeatures } from './featureIndex.js';
import { createEditor } from './editing.js';
import { startLiveUpdates } from './liveUpdates.js';
import { createStack } from './stacking.js';
import { PlaceLabels, placesFrom } from './labels.js';
import { createEventsWindowControl } from './eventsWindow.js';
import { setUnconfirmedAfterMonths } from './confirmation.js';
import { symbolSize } from './styles.js';
import { createAbout } from './about.js';
import { today as todayIso } from './timeControl.js';
import { createLoading } from './loading.js';

const northeastSyria = [[35.0, 38.2], [37.4, 42.4]];
const byOrder = (a, b) => a.displayOrder - b.displayOrder;
const today = todayIso();
const $ = id => document.getElementById(id);
const ignoreAbort = error => { if (error.name !== 'AbortError') throw error; };
/** Exports take at most this many features of a tiled layer in the view (the API's page size). */
const exportLimit = 10_000;

/** The data's whole time range, from the collections' temporal extents (open ends reach today). */
function timeRange(collections) {
  const intervals = collections.map(c => c.extent?.temporal?.interval?.[0]).filter(Boolean);
  const starts = intervals.map(i => i[0]?.slice(0, 10)).filter(Boolean).sort();
  const ends = intervals.map(i => i[1]?.slice(0, 10) ?? today).sort();
  return { min: starts[0] ?? '2011-01-01', max: ends.at(-1) > today ? ends.at(-1) : today };
}

const isPresentOn = (p, date) => p.validFrom <= date && (!p.validTo || p.validTo >= date);

async function start() {
  const state = readState();
  setLanguage(state.lang);
  const map = L.map('map', { zoomSnap: 0.5, minZoom: 3, maxZoom: 18 });
  window.presenceMap = map;
  L.control.scale({ imperial: false }).addTo(map);
  if (state.center && state.zoom != null) map.setView(state.center, state.zoom); else map.fitBounds(northeastSyria);

  const [collections, actorList, regions, config] = await Promise.all([fetchCollections(), fetchActors(), fetchRegions(), fetchClientConfig()]);
  const actors = new Map(actorList.map(a => [a.id, a]));
  const presence = collections.filter(c => c.role === 'presence').sort(byOrder);
  const { min, max } = timeRange(presence);
  state.date = state.date ?? max;
  const basemap = await addBasemap(map, collections, config);
  setUnconfirmedAfterMonths(config?.unconfirmedAfterMonths);
  // Symbols grow with the zoom (map.css reads the variable); stacks and labels follow.
  const sizeSymbols = () => map.getContainer().style.setProperty('--symbol-size', `${symbolSize(map.getZoom())}px`);
  sizeSymbols();
  map.on('zoomend', sizeSymbols);
  const stack = createStack(map);
  const labels = new PlaceLabels(placesFrom(basemap)).addTo(map);

  const save = (push = false) => {
    const c = map.getCenter();
    Object.assign(state, { center: [c.lat, c.lng], zoom: map.getZoom() });
    saveState(state, { push });
  };
  // Dense layers are drawn from vector tiles, the others from GeoJSON; both kinds answer the same calls.
  const layers = presence.map(c => new (isTiled(c) ? TiledLayer : PresenceLayer)(c, {
    map, stack, actors, onSelect: (id, layer) => select(id, { layer }),
    // Tiles drawn after a pan may bring forces or kinds the panel and legend do not list yet.
    onDrawn: () => { layerPanel.render(layers, state, actors); legend.render(layers, state, actors); },
  }));
  // The site history reads every record of the GeoJSON layers; tiled layers are asked one record at a time.
  const indexed = presence.filter(c => !isTiled(c));
  const shownInView = () => viewFeatures(exportLimit);
  const caption = () => state.compare ? t('compareCaption', { from: state.compare[0], to: state.compare[1] })
    : t('asOfCaption', { date: state.date === today ? `${state.date} (${t('today')})` : state.date })
      + (state.eventsDays ? ` · ${t('eventsWindow')}: ${t('lastDays', { n: state.eventsDays })}` : '');
  const viewDate = () => state.compare ? state.compare[1] : state.date;

  const layerPanel = createLayerPanel($('layer-panel'), {
    onToggleLayer: async (id, on) => {
      on ? state.layersOff.delete(id) : state.layersOff.add(id);
      save(true);
      redraw();
      // A layer is fetched only while it is shown: switched on, it loads the date of the moment.
      if (on) await loadLayer(layers.find(l => l.id === id), controller?.signal).catch(ignoreAbort);
      redraw();
    },
    onToggleActor: (layer, actor, on) => {
      const key = `${layer}:${actor}`;
      on ? state.actorsOff.delete(key) : state.actorsOff.add(key); redraw(); save(true);
    },
  });
  const legend = createLegend($('legend-panel'));
  const textList = createTextList($('text-list'), { onSelect: id => select(id) });
  const changes = createChangesList($('changes-panel'), { onSelect: id => select(id) });
  const details = createDetails($('details'), { map, actors, collections: presence, onSelect: id => select(id), onClose: () => select(null) });

  /** Features in the view by layer; tiled layers ask the items API for the view, up to `limit` features each. */
  async function viewFeatures(limit, signal) {
    const bounds = map.getBounds();
    return Promise.all(layers.map(async l => ({
      title: layerTitle(l.collection),
      ...(l.tiled ? await l.featuresInView(bounds, state, limit, signal) : { features: l.visibleFeatures(state).filter(f => inView(f, bounds)) }),
    })));
  }
  let listing = null;
  async function refreshViewPanels() {
    const bounds = map.getBounds();
    changes.render(layers.flatMap(l => l.visibleFeatures(state)).filter(f => inView(f, bounds)), state.compare, actors);
    const quick = layers.map(l => ({ title: layerTitle(l.collection), features: l.visibleFeatures(state).filter(f => inView(f, bounds)) }));
    textList.render(quick, actors);
    if (!layers.some(l => l.tiled && !state.layersOff.has(l.id))) return;
    listing?.abort();
    listing = new AbortController();
    const mine = listing;
    const groups = await viewFeatures(maxPerLayer, mine.signal).catch(ignoreAbort);
    if (groups && listing === mine) textList.render(groups, actors);
  }
  function redraw() {
    for (const layer of layers) layer.render(state);
    labels.refresh();
    layerPanel.render(layers, state, actors);
    legend.render(layers, state, actors);
    refreshViewPanels();
    const shown = layers.reduce((n, l) => n + l.visibleFeatures(state).length, 0);
    const tiled = layers.filter(l => l.tiled && !state.layersOff.has(l.id)).map(l => t('tiledNote', { layer: layerTitle(l.collection) }));
    $('status').textContent = [`${caption()}: ${t('shown', { n: shown })}`, ...tiled].join('; ');
    $('map').classList.remove('date-loading');
    // Tests and scripts wait on this: what the drawn features are for.
    document.body.dataset.view = state.compare ? `compare:${state.compare.join(',')}` : state.date;
  }

  const loading = createLoading({ panel: layerPanel, status: $('status'), title: l => layerTitle(l.collection) });
  const viewKey = () => (state.compare ? `compare:${state.compare.join(',')}` : `${state.date}:${state.eventsDays ?? 0}`)
    + `@${state.recorded ?? 'now'}`;
  /** Loads one layer for the date or compare pair of the moment, with its busy state; hidden layers are never requested. */
  async function loadLayer(layer, signal) {
    // Hidden layers, and layers with no record anywhere near the date, are never requested.
    if (state.layersOff.has(layer.id) || !layer.spans(state)) { layer.clear(); layer.loadedFor = null; return; }
    const key = viewKey();
    if (layer.loadedFor === key) return;
    loading.start(layer);
    try {
      await (state.compare ? layer.loadCompare(state.compare, signal) : layer.loadAt(state.date, signal, state.eventsDays));
      layer.loadedFor = key;
    } finally {
      loading.stop(layer);
    }
  }

  let generation = 0;
  let controller = null;
  async function load() {
    const mine = ++generation;
    controller?.abort();
    controller = new AbortController();
    delete document.body.dataset.view;
    // The drawn features belong to the date before: dimmed at once, until the new date's are drawn.
    $('map').classList.add('date-loading');
    try {
      // A newer date aborts the requests of the one before; what they bring is ignored.
      await Promise.all(layers.map(l => loadLayer(l, controller.signal)));
    } catch (error) {
      if (error.name === 'AbortError') return;
      throw error;
    }
    if (mine === generation) redraw();
  }

  /** A record by id: from the GeoJSON layers' index, else from the tiled layers (the hinted one first) through items. */
  async function findFeature(id, hint) {
    const byId = await allFeatures(indexed);
    if (byId.has(id)) return byId.get(id);
    const tiled = layers.filter(l => l.tiled).sort((a, b) => (b.id === hint) - (a.id === hint));
    for (const layer of tiled) {
      const feature = await layer.fetchFeature(id);
      if (feature) return feature;
    }
    return null;
  }

  /** A layer changed on the server (an edit here or elsewhere, an import, a seed): fetch it again and redraw. */
  async function reloadLayer(layerId) {
    const layer = layers.find(l => l.id === layerId);
    if (!layer) return;
    forgetFeatures();
    layer.loadedFor = null;
    await loadLayer(layer, controller?.signal).catch(ignoreAbort);
    redraw();
  }
  const editor = createEditor({
    map, button: $('edit-toggle'), panel: $('editor'), collections: presence, actors,
    selected: async () => state.selected ? await findFeature(state.selected) : null,
    onSaved: async (layerId, id) => { await reloadLayer(layerId); if (id) await select(id, { reveal: false }); },
  });
  startLiveUpdates(async change => {
    // The open record first (one small request), then the layer: the reader sees the change as soon as possible.
    if (state.selected && change.ids?.includes(state.selected) && !editor.active()) {
      const fresh = await fetchFeature(change.layer, state.selected);
      if (fresh) details.show(fresh, viewDate());
    }
    await reloadLayer(change.layer);
  });
  /** "As recorded on" (a date, or null for now): every items request asks for the records as the database held them then. */
  function showRecordedOn(recorded) {
    state.recorded = recorded || null;
    $('recorded-on').value = state.recorded ?? '';
    setRecordedAt(state.recorded);
    forgetFeatures();
  }
  showRecordedOn(state.recorded);
  $('recorded-on').addEventListener('change', async event => { showRecordedOn(event.target.value); save(true); await load(); });

  async function select(id, { push = true, reveal = true, layer: hint = null } = {}) {
    state.selected = id;
    if (!id) { save(push); details.hide(); return; }
    const feature = await findFeature(id, hint);
    if (!feature) { state.selected = null; details.hide(); save(false); return; }
    // Record the step before showing it: the panel resizes the map, and that move only replaces the entry.
    save(push);
    details.show(feature, viewDate());
    if (editor.active()) await editor.show(feature);
    if (reveal) {
      const layer = layers.find(l => l.id === feature.properties.layer);
      const drawn = layer?.leafletLayerOf(id);
      if (drawn && layer.clustered) layer.group.zoomToShowLayer(drawn);
      else {
        const bounds = L.geoJSON(feature).getBounds();
        if (!map.getBounds().contains(bounds)) map.fitBounds(bounds, { maxZoom: Math.max(map.getZoom(), 8), animate: false });
      }
    }
    save(false);
  }

  const time = createTimeControl($('time-bar'), {
    min, max,
    onDate: async (date, { push = false } = {}) => { state.date = date; state.compare = null; save(push); await load(); },
    onCompare: async pair => { state.compare = pair; time.show(state.date, pair); save(true); await load(); },
  });
  time.show(state.date, state.compare);
  const eventsWindow = createEventsWindowControl(time.eventsSlot, {
    onChange: async days => { state.eventsDays = days; save(true); await load(); },
  });
  eventsWindow.show(state.eventsDays);
  createAbout($('about-button'), { dataAsOf: config?.dataAsOf ?? max, caption });

  const regionPicker = createRegionPicker($('region-select'), regions, {
    onJump: bounds => { map.fitBounds(bounds, { animate: false }); save(true); },
  });
  createSearch($('search'), {
    onPick: async hit => {
      const p = hit.properties;
      if (p.collection.startsWith('basemap-')) {
        map.setView([hit.geometry.coordinates[1], hit.geometry.coordinates[0]], 10, { animate: false }); save(true); return;
      }
      if (!state.compare && !isPresentOn(p, state.date)) { state.date = p.validFrom; time.show(state.date, null); await load(); }
      await select(hit.id);
      details.focus();
    },
  });
  createExportPanel($('export-panel'), {
    shownFeatures: shownInView,
    fileStem: () => state.compare ? `map-compare-${state.compare.join('-')}` : `map-${state.date}`,
    caption,
    renderPng: () => renderPng({ map, basemap, labels, layers, state, actors, caption: caption() }),
  });

  $('language-switch').addEventListener('click', () => { state.lang = state.lang === 'ar' ? 'en' : 'ar'; save(true); location.reload(); });
  $('language-switch').textContent = state.lang === 'ar' ? 'English' : 'العربية';
  $('language-switch').lang = state.lang === 'ar' ? 'en' : 'ar';
  $('toggle-panel').addEventListener('click', event => {
    const open = document.body.classList.toggle('sidebar-open');
    event.currentTarget.setAttribute('aria-expanded', String(open));
  });

  map.on('moveend', () => {
    save(false); refreshViewPanels();
    const b = map.getBounds();
    regionPicker.viewChanged([[b.getSouth(), b.getWest()], [b.getNorth(), b.getEast()]]);
  });
  onHistoryChange(async next => {
    if (next.lang !== state.lang) { location.reload(); return; }
    const reload = next.compare?.join() !== state.compare?.join() || (next.date ?? max) !== state.date || next.eventsDays !== state.eventsDays
      || next.recorded !== state.recorded;
    if (next.recorded !== state.recorded) showRecordedOn(next.recorded);
    Object.assign(state, next, { date: next.date ?? max });
    if (next.center && next.zoom != null) map.setView(next.center, next.zoom, { animate: false });
    time.show(state.date, state.compare);
    eventsWindow.show(state.eventsDays);
    if (reload) await load(); else redraw();
    await select(state.selected, { push: false, reveal: false });
    // Opening or closing the details panel resized the map: put the recorded view back exactly.
    if (next.center && next.zoom != null) map.setView(next.center, next.zoom, { animate: false });
  });

  const linkedView = state.center && state.zoom != null ? [state.center, state.zoom] : null;
  await load();
  if (state.selected) await select(state.selected, { push: false, reveal: false });
  if (linkedView) map.setView(...linkedView, { animate: false });
  save(false);
  // The UI benchmark (bench/ui) reads this mark as the page's load time.
  performance.mark('map-ready');
  document.body.dataset.ready = 'true';
}

start().catch(error => {
  console.error(error);
  document.body.dataset.ready = 'error';
});

// Dense presence layers drawn from the API's vector tiles (OGC API – Tiles, cut by PostGIS for the chosen date),
// so the page never downloads a layer it does not draw, nor more of it than the view needs. protomaps-leaflet
// (LibMan) fetches and draws the tiles on canvas; the symbols, colours and dashes come from styles.js, as for the
// GeoJSON layers. Each date is its own tile layer: the previous one stays (dimmed) until the new one is drawn, and
// is then removed; a layer for a date that was superseded before it was drawn is removed and its requests aborted.
import { PresenceLayer } from './layers.js';
import { fetchFeature, fetchItemsPage } from './api.js';
import { actorColour, pathStyle, pointLook } from './styles.js';
import './leafletGlobal.js';

/**
 * Layers holding more features than this are drawn from tiles, smaller ones as GeoJSON. bench/ui: a GeoJSON layer
 * costs about 80 ms per 1,000 points to load and cluster, so 10,000 points stay near the 1-second mark.
 */
export const tileThreshold = 10_000;
export const isTiled = collection => (collection.featureCount ?? 0) > tileThreshold;

/** The deepest zoom the server cuts tiles for (Map:Tiles:MaxZoom); deeper views scale those tiles up. */
const maxDataZoom = 16;
const pane = 'presenceTiles';

let library = null;
/** protomaps-leaflet ships as one script defining a global; it is loaded the first time a tiled layer is drawn. */
function protomaps() {
  library ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = 'lib/protomaps-leaflet/protomaps-leaflet.js';
    script.onload = () => resolve(window.protomapsL);
    script.onerror = () => reject(new Error('lib/protomaps-leaflet could not be loaded'));
    document.head.append(script);
  });
  return library;
}

const shapes = new Map();
const shape = d => shapes.get(d) ?? shapes.set(d, new Path2D(d)).get(d);
const dashes = text => text ? String(text).split(/[ ,]+/).map(Number) : [];

/** A point symbol of styles.js (20-pixel box), or a count bubble in the actor's colour for an aggregated point. */
class PointSymbolizer {
  constructor(actors) { this.actors = actors; }

  draw(ctx, geom, z, feature) {
    for (const [point] of geom) {
      if (feature.props.count) drawBubble(ctx, point, feature.props.count, actorColour(this.actors, feature.props.actor));
      else drawSymbol(ctx, point, pointLook(this.actors, feature.props));
    }
  }
}

/**
 * Each distinct look (symbol, colour, opacity, outline) is drawn once into a small canvas and then copied onto the
 * tiles: a tile of a dense layer holds hundreds of symbols, and copying a bitmap costs far less than filling and
 * stroking a path each time.
 */
const sprites = new Map();
const spriteSize = 24;
function sprite(look) {
  const key = `${look.path}|${look.fills[0]}|${look.fillOpacity}|${look.hatched}|${look.stroke}|${look.strokeWidth}|${look.dashArray}`;
  let canvas = sprites.get(key);
  if (canvas) return canvas;
  const scale = window.devicePixelRatio || 1;
  canvas = document.createElement('canvas');
  canvas.width = canvas.height = spriteSize * scale;
  const ctx = canvas.getContext('2d');
  ctx.scale(scale, scale);
  ctx.translate((spriteSize - 20) / 2, (spriteSize - 20) / 2);
  const path = shape(look.path);
  ctx.globalAlpha = look.fillOpacity;
  ctx.fillStyle = look.fills[0];
  ctx.fill(path);
  ctx.globalAlpha = 1;
  if (look.hatched) {
    // Low confidence: white hatching over the colour, as on the GeoJSON symbols (styles.js).
    ctx.save();
    ctx.clip(path);
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
    ctx.lineWidth = 1.1;
    for (let x = -20; x < 40; x += 4.5) { ctx.beginPath(); ctx.moveTo(x, 20); ctx.lineTo(x + 20, 0); ctx.stroke(); }
    ctx.restore();
  }
  ctx.strokeStyle = look.stroke;
  ctx.lineWidth = look.strokeWidth;
  ctx.setLineDash(dashes(look.dashArray));
  ctx.stroke(path);
  sprites.set(key, canvas);
  return canvas;
}

function drawSymbol(ctx, point, look) {
  ctx.drawImage(sprite(look), point.x - spriteSize / 2, point.y - spriteSize / 2, spriteSize, spriteSize);
}

/** Radius grows with the logarithm of the count and stays within the 32-pixel cell: 2 → 7 px, 100 → 11 px, 10,000 → 15 px. */
export const bubbleRadius = count => Math.min(15, 6 + 2.5 * Math.log10(count));
export const countLabel = count => count >= 10_000 ? `${Math.round(count / 1000)}k` : count >= 1000 ? `${(count / 1000).toFixed(1)}k` : String(count);

function drawBubble(ctx, point, count, colour) {
  ctx.save();
  ctx.beginPath();
  ctx.arc(point.x, point.y, bubbleRadius(count), 0, 2 * Math.PI);
  ctx.globalAlpha = 0.85;
  ctx.fillStyle = colour;
  ctx.fill();
  ctx.globalAlpha = 1;
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = '#ffffff';
  ctx.stroke();
  ctx.fillStyle = '#ffffff';
  ctx.font = 'bold 10px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(countLabel(count), point.x, point.y);
  ctx.restore();
}

/** Lines and areas with the GeoJSON layers' path style (colour, weight, dashes, fill, faded for low confidence). */
class PathSymbolizer {
  constructor(actors, layerStyle) { this.actors = actors; this.layerStyle = layerStyle; }

  draw(ctx, geom, z, feature) {
    const style = pathStyle(this.actors, feature.props, this.layerStyle);
    ctx.save();
    ctx.beginPath();
    for (const ring of geom) ring.forEach((p, i) => i ? ctx.lineTo(p.x, p.y) : ctx.moveTo(p.x, p.y));
    if (feature.geomType === 3 && style.fill !== false) {
      ctx.globalAlpha = style.fillOpacity ?? 0.2;
      ctx.fillStyle = style.fillColor ?? style.color;
      ctx.fill('evenodd');
    }
    ctx.globalAlpha = style.opacity ?? 1;
    ctx.strokeStyle = style.color;
    ctx.lineWidth = style.weight ?? 2;
    ctx.setLineDash(dashes(style.dashArray));
    ctx.stroke();
    ctx.restore();
  }
}

export class TiledLayer extends PresenceLayer {
  constructor(collection, options) {
    super(collection, options);
    this.tiled = true;
    this.current = null;
    this.pending = null;
    this.actorsOff = new Set();
    this.map.getPane(pane) ?? (this.map.createPane(pane).style.zIndex = 390);
    this.onDrawn = options.onDrawn;
    this.map.on('click', event => this.#click(event));
  }

  loadAt(date, signal) { return this.#show(date, signal); }

  /** In compare mode a tiled layer shows what was present at any time in the period; change rings need GeoJSON. */
  loadCompare([from, to], signal) { return this.#show(`${from}/${to}`, signal); }

  /** Hidden: drawn nothing, requests nothing. */
  clear() {
    this.#drop(this.pending);
    this.#drop(this.current);
    this.pending = this.current = null;
  }

  render(state) {
    if (state.layersOff.has(this.id)) { this.clear(); return; }
    const off = new Set([...state.actorsOff].filter(key => key.startsWith(this.id + ':')));
    if ([...off].join() !== [...this.actorsOff].join()) {
      this.actorsOff = off;
      this.current?.rerenderTiles();
    }
  }

  /** Actors and kinds in the tiles drawn so far (for the layer panel and the legend). */
  seen() {
    const actors = new Set();
    const kinds = new Set();
    let aggregated = false;
    for (const view of this.current?.views.values() ?? []) {
      for (const { data } of view.tileCache.cache.values()) {
        for (const feature of data.get(this.id) ?? []) {
          actors.add(feature.props.actor);
          if (feature.props.count) aggregated = true; else kinds.add(feature.props.kind);
        }
      }
    }
    return { actors, kinds, aggregated };
  }

  actorIds() {
    const { actors } = this.seen();
    return [...this.actors.keys()].filter(id => actors.has(id));
  }

  /** Tiles hold no GeoJSON: lists and exports ask the items API for the view (see featuresInView). */
  visibleFeatures() { return []; }

  /** What the legend explains: the actors and kinds drawn, and whether count bubbles are. */
  legendProperties(state) {
    if (state.layersOff.has(this.id) || !this.current) return { properties: [], aggregated: false };
    const { actors, kinds, aggregated } = this.seen();
    const shown = [...actors].filter(a => !this.actorsOff.has(`${this.id}:${a}`));
    return { properties: [...shown.map(actor => ({ actor })), ...[...kinds].map(kind => ({ kind }))], aggregated };
  }

  leafletLayerOf() { return null; }

  /** Up to `limit` features of the view from the items API (same date or period), and whether more lie in it. */
  async featuresInView(bounds, state, limit, signal) {
    if (state.layersOff.has(this.id)) return { features: [], more: false };
    const bbox = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].map(v => v.toFixed(6)).join(',');
    const datetime = state.compare ? state.compare.join('/') : state.date;
    const page = await fetchItemsPage(this.id, { bbox, datetime, limit }, signal);
    return { features: page.features.filter(f => !this.actorsOff.has(`${this.id}:${f.properties.actor}`)), more: page.more };
  }

  /** The full record of a feature of this layer (a tile carries only what drawing needs). */
  fetchFeature(featureId) { return fetchFeature(this.id, featureId); }

  async #show(datetime, signal) {
    const library = await protomaps();
    signal?.throwIfAborted();
    // A layer still loading for a date that is no longer wanted: its requests are aborted and it goes.
    this.#drop(this.pending);
    const next = this.#create(library, datetime);
    this.pending = next;
    const drawn = new Promise((resolve, reject) => {
      next.once('load', resolve);
      signal?.addEventListener('abort', () => reject(new DOMException('A newer date was chosen', 'AbortError')), { once: true });
    });
    next.addTo(this.map);
    try {
      await drawn;
    } catch (error) {
      if (this.pending === next) { this.#drop(next); this.pending = null; }
      throw error;
    }
    if (this.pending !== next) return;
    this.#drop(this.current);
    this.current = next;
    this.pending = null;
  }

  #create(library, datetime) {
    const url = new URL(`collections/${encodeURIComponent(this.id)}/tiles/WebMercatorQuad/{z}/{y}/{x}`, document.baseURI);
    url.searchParams.set('datetime', datetime);
    const shows = (z, feature) => !this.actorsOff.has(`${this.id}:${feature.props.actor}`);
    const layer = library.leafletLayer({
      url: url.href.replace(/%7B/g, '{').replace(/%7D/g, '}'),
      levelDiff: 0,
      maxDataZoom,
      pane,
      attribution: '',
      paintRules: [
        { dataLayer: this.id, symbolizer: new PathSymbolizer(this.actors, this.collection.style), filter: (z, f) => f.geomType !== 1 && shows(z, f) },
        { dataLayer: this.id, symbolizer: new PointSymbolizer(this.actors), filter: (z, f) => f.geomType === 1 && shows(z, f) },
      ],
      labelRules: [],
    });
    layer.on('load', () => { if (layer === this.current) this.onDrawn?.(); });
    return layer;
  }

  /** Removes a tile layer and aborts the tile requests it still has in flight. */
  #drop(layer) {
    if (!layer) return;
    for (const view of layer.views.values()) for (const pending of view.tileCache.source.zoomaborts ?? []) pending.controller.abort();
    layer.remove();
  }

  /** A click on a drawn feature opens its details; on a count bubble it zooms in on it. */
  #click(event) {
    if (!this.current) return;
    const picked = [...this.current.queryTileFeaturesDebug(event.latlng.lng, event.latlng.lat, 12).values()].flat()
      .filter(p => p.layerName === this.id && !this.actorsOff.has(`${this.id}:${p.feature.props.actor}`));
    const hit = picked.filter(p => p.feature.geomType === 1).at(-1) ?? picked.at(-1);
    if (!hit) return;
    if (hit.feature.props.count) this.map.setView(event.latlng, Math.min(this.map.getZoom() + 2, this.map.getMaxZoom()));
    else this.onSelect(hit.feature.props.id, this.id);
  }
}

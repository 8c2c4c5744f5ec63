// Place names that never overlap: country and town labels are laid out after every move, most important first
// (countries and the capital, governorate capitals, towns, villages, neighbouring cities); each tries the places
// around its dot in turn and is hidden when every one would touch a label already placed, a town dot or a presence
// symbol. Labels live in their own pane above zone fills and below the symbols.
import * as L from 'leaflet';
import { localName, language } from './i18n.js';
import { escapeHtml } from './escape.js';

const townRank = { capital: 1, governorate_capital: 2, town: 3, village: 4, neighbour_city: 5 };
/** Below these zooms a kind of town is neither named nor (for villages) drawn: basemap.js and the export ask here. */
export const townMinZoom = { village: 9, neighbour_city: 6.5 };
export const townDrawnAt = (properties, zoom) => properties.kind !== 'village' || zoom >= townMinZoom.village;
const countryRoles = new Set(['focus', 'neighbour']);
const gap = 4;
const dotRadius = 3;

const ringArea = ring => ring.reduce((a, [x1, y1], i) => { const [x2, y2] = ring[(i + 1) % ring.length]; return a + x1 * y2 - x2 * y1; }, 0) / 2;
/** The area-weighted centre of a country's largest polygon: where its name goes. */
function countryAnchor(geometry) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const outer = polygons.map(p => p[0]).sort((a, b) => Math.abs(ringArea(b)) - Math.abs(ringArea(a)))[0];
  let x = 0, y = 0, a = 0;
  outer.forEach(([x1, y1], i) => {
    const [x2, y2] = outer[(i + 1) % outer.length];
    const cross = x1 * y2 - x2 * y1;
    a += cross; x += (x1 + x2) * cross; y += (y1 + y2) * cross;
  });
  return L.latLng(y / (3 * a), x / (3 * a));
}

/** The places to label, in order of importance. */
export function placesFrom(basemap) {
  const countries = (basemap.get('basemap-countries')?.features ?? [])
    .filter(f => countryRoles.has(f.properties.role))
    .map(f => ({ id: f.id, kind: 'country', rank: f.properties.role === 'focus' ? 0 : 1.5, minZoom: 0, text: localName(f.properties),
      latlng: countryAnchor(f.geometry) }));
  const towns = (basemap.get('basemap-towns')?.features ?? []).map(f => ({
    id: f.id, kind: 'town', townKind: f.properties.kind, rank: townRank[f.properties.kind] ?? 4, minZoom: townMinZoom[f.properties.kind] ?? 0,
    text: localName(f.properties), latlng: L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]),
  }));
  return [...countries, ...towns].sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id));
}

/** Boxes closer than this many pixels count as touching (sizes and positions are rounded on screen). */
const margin = 2;
const intersects = (a, b) => a.x < b.x + b.w + margin && b.x < a.x + a.w + margin && a.y < b.y + b.h + margin && b.y < a.y + a.h + margin;

export const PlaceLabels = L.Layer.extend({
  initialize(places, { obstacles = () => [] } = {}) {
    this.places = places;
    this.obstacles = obstacles;
    this.shown = [];
  },

  onAdd(map) {
    if (!map.getPane('labels')) {
      map.createPane('labels');
      map.getPane('labels').style.zIndex = 450;
      map.getPane('labels').style.pointerEvents = 'none';
    }
    this.container = L.DomUtil.create('div', 'map-labels', map.getPane('labels'));
    this.container.lang = language();
    this.container.innerHTML = this.places.map((p, i) =>
      `<div class="map-label ${p.kind} ${p.townKind ?? ''}" data-place="${i}" hidden>${escapeHtml(p.text)}</div>`).join('');
    this.elements = [...this.container.children];
    map.on('zoomstart', this.hideAll, this);
    map.on('moveend resize', this.refresh, this);
    this.refresh();
  },

  onRemove(map) {
    map.off('zoomstart', this.hideAll, this);
    map.off('moveend resize', this.refresh, this);
    this.container.remove();
  },

  hideAll() { this.container.classList.add('zooming'); },

  /** Lays the labels out once the frame's other updates (stacks, symbols) are done. */
  refresh() {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.layout());
  },

  measure() {
    // One reflow for all labels; their size depends only on the text, so it is read once.
    this.elements.forEach(el => { el.hidden = false; el.style.visibility = 'hidden'; });
    this.sizes = this.elements.map(el => { const r = el.getBoundingClientRect(); return { w: Math.ceil(r.width), h: Math.ceil(r.height) }; });
    this.elements.forEach(el => { el.hidden = true; el.style.visibility = ''; });
  },

  /** Presence symbols and stacks on screen, in container pixels. */
  symbolBoxes() {
    const origin = this._map.getContainer().getBoundingClientRect();
    return [...this._map.getPane('markerPane').querySelectorAll('.leaflet-marker-icon')].map(el => {
      const r = el.getBoundingClientRect();
      return { x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height };
    });
  },

  layout() {
    const map = this._map;
    if (!map) return;
    if (!this.sizes) this.measure();
    const size = map.getSize(), zoom = map.getZoom(), rtl = language() === 'ar';
    const inView = p => p.x > -40 && p.y > -40 && p.x < size.x + 40 && p.y < size.y + 40;
    const points = this.places.map(p => map.latLngToContainerPoint(p.latlng));
    const dots = this.places.map((p, i) => p.kind === 'town' && zoom >= p.minZoom && inView(points[i])
      ? { x: points[i].x - dotRadius, y: points[i].y - dotRadius, w: 2 * dotRadius, h: 2 * dotRadius } : null);
    const blocked = [...this.symbolBoxes(), ...this.obstacles()];
    const taken = [];
    this.shown = [];
    this.places.forEach((place, i) => {
      const el = this.elements[i], p = points[i], { w, h } = this.sizes[i];
      el.hidden = true;
      if (zoom < place.minZoom || !inView(p)) return;
      const right = { x: p.x + gap + dotRadius, y: p.y - h / 2 }, left = { x: p.x - gap - dotRadius - w, y: p.y - h / 2 };
      const above = { x: p.x - w / 2, y: p.y - h - gap }, below = { x: p.x - w / 2, y: p.y + gap };
      const candidates = place.kind === 'country' ? [{ x: p.x - w / 2, y: p.y - h / 2 }] : rtl ? [left, right, above, below] : [right, left, above, below];
      const box = candidates.map(c => ({ ...c, w, h })).find(b =>
        b.x >= 0 && b.y >= 0 && b.x + b.w <= size.x && b.y + b.h <= size.y
        && !taken.some(t => intersects(t, b)) && !blocked.some(t => intersects(t, b))
        && !dots.some((d, j) => d && j !== i && intersects(d, b)));
      if (!box) return;
      taken.push(box);
      L.DomUtil.setPosition(el, map.containerPointToLayerPoint([box.x, box.y]).round());
      el.hidden = false;
      this.shown.push({ text: place.text, kind: place.kind, townKind: place.townKind, box });
    });
    this.container.classList.remove('zooming');
  },

  /** The labels as laid out now, in container pixels (the PNG export draws the same). */
  placed() { return this.shown; },
});

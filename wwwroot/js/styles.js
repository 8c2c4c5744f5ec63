// One table from actors and kinds to colours and symbols; everything that draws (map, legend, image export) asks here.
import * as L from 'leaflet';

const fallbackColour = '#777777';
const circle = 'M10 3a7 7 0 1 0 0.01 0Z';

/** Point symbols as SVG path data in a 20×20 box, shared by the map, the legend and the PNG export. */
export const symbols = [
  { id: 'airBase', kinds: ['air base'], path: 'M10 1.5 18.5 17.5H1.5Z' },
  { id: 'base', kinds: ['base'], path: 'M3 3H17V17H3Z' },
  { id: 'outpost', kinds: ['outpost'], path: circle },
  { id: 'observationPost', kinds: ['observation post'], path: 'M10 1 19 10 10 19 1 10Z' },
  { id: 'checkpoint', kinds: ['checkpoint'], path: 'M5.5 2.5H14.5L19 10 14.5 17.5H5.5L1 10Z' },
  { id: 'encounter', kinds: ['encounter', 'collision', 'stand-off'], path: 'M10 1 12.4 7.3 19 7.3 13.7 11.4 15.6 18 10 14 4.4 18 6.3 11.4 1 7.3 7.6 7.3Z' },
  {
    id: 'strike', kinds: ['strike', 'clash'],
    path: 'M10 0.5 11.9 6 17 3 14 8.1 19.5 10 14 11.9 17 17 11.9 14 10 19.5 8.1 14 3 17 6 11.9 0.5 10 6 8.1 3 3 8.1 6Z',
  },
];
const symbolByKind = new Map(symbols.flatMap(s => s.kinds.map(k => [k, s])));
export const symbolFor = kind => symbolByKind.get(kind) ?? symbols[2];

/** Line and area kinds, drawn as paths; the legend shows them as a stroke sample. */
export const pathKinds = [
  { id: 'patrolRoute', kinds: ['patrol route'], sample: { dashArray: '6 4', weight: 3 } },
  { id: 'line', kinds: ['line'], sample: { weight: 4 } },
  { id: 'zone', kinds: ['zone'], sample: { weight: 2, fill: true } },
];

/** Compare mode: how each kind of change is drawn (and explained in the legend). */
export const changeStyles = {
  appeared: { ring: '#1a9850', dashArray: null, opacity: 1 },
  ended: { ring: '#d73027', dashArray: '3 3', opacity: 0.55 },
  between: { ring: '#7b3294', dashArray: '1 3', opacity: 0.8 },
  persisted: { ring: '#333333', dashArray: null, opacity: 0.35 },
};

export const confidenceLevel = c => (c ?? 0) >= 0.85 ? 'High' : (c ?? 0) >= 0.65 ? 'Medium' : 'Low';
const fillOpacityFor = c => confidenceLevel(c) === 'Low' ? 0.45 : 0.95;

export function actorColour(actors, actorId) {
  return actors.get(actorId)?.colour ?? fallbackColour;
}

/**
 * Colours the swatches of markup built as text (<span class="swatch" data-actor="…">) through the style object: the
 * page's Content-Security-Policy refuses style attributes in markup, and a colour from the data never becomes markup.
 */
export function paintSwatches(container, actors) {
  for (const swatch of container.querySelectorAll('.swatch[data-actor]')) swatch.style.background = actorColour(actors, swatch.dataset.actor);
}

/** Everything needed to draw a point: colour, outline, opacity; used by the marker and the image export. */
export function pointLook(actors, properties) {
  const change = changeStyles[properties.change];
  return {
    path: symbolFor(properties.kind).path,
    fill: actorColour(actors, properties.actor),
    fillOpacity: fillOpacityFor(properties.confidence) * (change?.opacity ?? 1),
    stroke: change?.ring ?? '#222222',
    strokeWidth: change && properties.change !== 'persisted' ? 2.5 : 1.2,
    dashArray: properties.approximate ? '2.5 2' : (change?.dashArray ?? null),
  };
}

export function symbolSvg(look, size = 20) {
  const dash = look.dashArray ? ` stroke-dasharray="${look.dashArray}"` : '';
  return `<svg viewBox="-1 -1 22 22" width="${size}" height="${size}" aria-hidden="true" focusable="false">` +
    `<path d="${look.path}" fill="${look.fill}" fill-opacity="${look.fillOpacity}" stroke="${look.stroke}" stroke-width="${look.strokeWidth}"${dash}/></svg>`;
}

export function markerIcon(actors, properties, size = 20) {
  const classes = ['symbol', properties.change && `change-${properties.change}`].filter(Boolean).join(' ');
  return L.divIcon({ className: classes, html: symbolSvg(pointLook(actors, properties), size), iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
}

export function pathStyle(actors, properties, layerStyle = {}) {
  const colour = actorColour(actors, properties.actor);
  const change = changeStyles[properties.change];
  const kindSample = pathKinds.find(k => k.kinds.includes(properties.kind))?.sample ?? {};
  return {
    color: colour, fillColor: colour, weight: 2, fillOpacity: 0.25, ...layerStyle, ...kindSample,
    opacity: change?.opacity ?? (confidenceLevel(properties.confidence) === 'Low' ? 0.55 : 1),
    ...(properties.approximate && !kindSample.dashArray && { dashArray: '5 4' }),
    ...(change && properties.change !== 'persisted' && { color: change.ring, weight: 4, dashArray: change.dashArray }),
  };
}

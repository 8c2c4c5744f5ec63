// One table from actors and kinds to colours and symbols; everything that draws (map, legend, image export) asks here.
// The palette was chosen for colour-blind readers: tests/Map.UnitTests/Cartography/PaletteTests.cs simulates
// deuteranopia, protanopia and tritanopia and checks the CIEDE2000 distance of every pair, faded ones included.
import * as L from 'leaflet';
import { escapeHtml as attr } from './escape.js';

const fallbackColour = '#777777';
const circle = 'M10 3a7 7 0 1 0 0.01 0Z';

/** Actor colours; an actor the table does not know keeps the colour the API gives it. */
export const actorPalette = {
  'us-coalition': '#004488',
  'israel': '#56B4E9',
  'iran-backed': '#666633',
  'russia': '#D55E00',
  'turkey': '#CC79A7',
  'joint-russia-turkey': '#F0E442',
  'syrian-government': '#7F7F7F',
  'syrian-transitional-government': '#5AAE61',
  'sdf': '#CCBB44',
  'turkish-backed-opposition': '#663333',
  'hts': '#222255',
  'multiple': '#000000',
};

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
/** Where the symbol of a kind stands among others at one place: the stack shows the most important on top. */
export const kindRank = kind => { const i = symbols.indexOf(symbolByKind.get(kind)); return i < 0 ? symbols.length : i; };

/** Line and area kinds, drawn as paths; the legend shows them as a stroke sample. */
export const pathKinds = [
  { id: 'patrolRoute', kinds: ['patrol route'], sample: { dashArray: '6 4', weight: 3 } },
  { id: 'line', kinds: ['line'], sample: { weight: 4 } },
  { id: 'zone', kinds: ['zone'], sample: { weight: 2, fill: true } },
];

/**
 * Compare mode: each kind of change is a ring of its own around the symbol (a casing under a line or zone), so the
 * actor's colour always stays the fill. Unchanged features are faded.
 */
export const changeStyles = {
  appeared: { ring: '#1a9850', dashArray: null, opacity: 1 },
  ended: { ring: '#d73027', dashArray: '3 2', opacity: 0.6 },
  between: { ring: '#7b3294', dashArray: '1 2', opacity: 0.85 },
  persisted: { ring: null, dashArray: null, opacity: 0.4 },
};

export const confidenceLevel = c => (c ?? 0) >= 0.85 ? 'High' : (c ?? 0) >= 0.65 ? 'Medium' : 'Low';

export function actorColour(actors, actorId) {
  return actorPalette[actorId] ?? actors.get(actorId)?.colour ?? fallbackColour;
}

/** The colours a feature is drawn in: its parties' when it names several, else its actor's. */
export function featureColours(actors, properties) {
  const parties = (properties.parties ?? []).filter(Boolean);
  return parties.length > 1 ? parties.map(id => actorColour(actors, id)) : [actorColour(actors, properties.actor)];
}

/** Symbol size in CSS pixels by zoom: small enough at zoom 6 to leave towns readable, larger when zoomed in. */
export const symbolSize = zoom => zoom < 6.5 ? 13 : zoom < 8 ? 16 : zoom < 9.5 ? 19 : zoom < 11 ? 22 : 25;

/**
 * Everything needed to draw a point: colours (several for an encounter's parties), outline, opacity, the compare ring
 * and whether it is hollow (open-ended but unconfirmed for too long); used by the marker, the legend and the export.
 */
export function pointLook(actors, properties, { unconfirmed = false } = {}) {
  const change = changeStyles[properties.change];
  const fills = featureColours(actors, properties);
  return {
    path: symbolFor(properties.kind).path,
    fills,
    fillOpacity: 0.95 * (change?.opacity ?? 1),
    // Low confidence is white hatching over the colour, not a paler colour: faded US blue read as Israel's blue.
    hatched: confidenceLevel(properties.confidence) === 'Low',
    stroke: unconfirmed ? fills[0] : '#222222',
    strokeWidth: unconfirmed ? 2.6 : 1.2,
    dashArray: properties.approximate ? '2.5 2' : null,
    hollow: unconfirmed,
    ring: change?.ring ? { colour: change.ring, dashArray: change.dashArray } : null,
  };
}

let clipSerial = 0;

/** The SVG of a symbol; the box leaves room for the compare ring around the 20×20 symbol. */
export function symbolSvg(look, size = 20) {
  const dash = look.dashArray ? ` stroke-dasharray="${attr(look.dashArray)}"` : '';
  const path = attr(look.path);
  const serial = ++clipSerial;
  let body;
  if (look.hollow) {
    body = `<path d="${path}" fill="#ffffff" fill-opacity="0.9" stroke="${attr(look.stroke)}" stroke-width="${look.strokeWidth}"${dash}/>` +
      '<circle cx="10" cy="10" r="1.8" fill="#222222"/>';
  } else if (look.fills.length > 1) {
    // Several parties: vertical stripes of their colours inside the symbol's outline.
    const id = `symbol-clip-${serial}`;
    const width = 20 / look.fills.length;
    const stripes = look.fills.map((colour, i) =>
      `<rect x="${i * width}" y="0" width="${width + 0.2}" height="20" fill="${attr(colour)}"/>`).join('');
    body = `<clipPath id="${id}"><path d="${path}"/></clipPath>` +
      `<g clip-path="url(#${id})" fill-opacity="${look.fillOpacity}" opacity="${look.fillOpacity}">${stripes}</g>` +
      `<path d="${path}" fill="none" stroke="${attr(look.stroke)}" stroke-width="${look.strokeWidth}"${dash}/>`;
  } else {
    body = `<path d="${path}" fill="${attr(look.fills[0])}" fill-opacity="${look.fillOpacity}" stroke="${attr(look.stroke)}" ` +
      `stroke-width="${look.strokeWidth}"${dash}/>`;
  }
  if (look.hatched && !look.hollow) {
    body += `<pattern id="symbol-hatch-${serial}" patternUnits="userSpaceOnUse" width="4.5" height="4.5" patternTransform="rotate(45)">` +
      `<rect width="1.1" height="4" fill="#ffffff" fill-opacity="0.9"/></pattern><path d="${path}" fill="url(#symbol-hatch-${serial})" stroke="none"/>`;
  }
  const ring = look.ring
    ? `<circle cx="10" cy="10" r="12.2" fill="none" stroke="${attr(look.ring.colour)}" stroke-width="2.4"` +
      `${look.ring.dashArray ? ` stroke-dasharray="${attr(look.ring.dashArray)}"` : ''}/>`
    : '';
  const box = look.ring ? '-4 -4 28 28' : '-1 -1 22 22';
  const px = look.ring ? Math.round(size * 28 / 22) : size;
  return `<svg viewBox="${box}" width="${px}" height="${px}" aria-hidden="true" focusable="false">${ring}${body}</svg>`;
}

/** A marker icon whose size follows the zoom through the map's --symbol-size CSS variable (see map.css). */
export function markerIcon(actors, properties, options = {}) {
  const look = pointLook(actors, properties, options);
  const classes = ['symbol', properties.change && `change-${properties.change}`, look.ring && 'has-ring', look.hollow && 'unconfirmed',
    look.hatched && 'low-confidence']
    .filter(Boolean).join(' ');
  return L.divIcon({ className: classes, html: symbolSvg(look, 20), iconSize: null });
}

/** Leaflet path options of a line or area; compare changes are drawn by changeCasing() underneath. */
export function pathStyle(actors, properties, layerStyle = {}, { unconfirmed = false } = {}) {
  const colour = featureColours(actors, properties)[0];
  const change = changeStyles[properties.change];
  const kindSample = pathKinds.find(k => k.kinds.includes(properties.kind))?.sample ?? {};
  return {
    color: colour, fillColor: colour, weight: 2, fillOpacity: 0.25, ...layerStyle, ...kindSample,
    opacity: change?.opacity ?? (confidenceLevel(properties.confidence) === 'Low' ? 0.6 : 1),
    ...(properties.approximate && !kindSample.dashArray && { dashArray: '5 4' }),
    ...(unconfirmed && { dashArray: '1 5', lineCap: 'round', fillOpacity: 0.06, weight: 3 }),
  };
}

/** The second colour of a line naming two parties (e.g. a joint patrol), drawn as dashes over the first. */
export function secondPartyStyle(actors, properties, style) {
  const colours = featureColours(actors, properties);
  if (colours.length < 2) return null;
  return { ...style, color: colours[1], fill: false, dashArray: '6 6', dashOffset: '6' };
}

/** The compare ring of a line or zone: a wider stroke in the change colour under the feature's own. */
export function changeCasing(properties, style) {
  const change = changeStyles[properties.change];
  if (!change?.ring) return null;
  return { color: change.ring, weight: (style.weight ?? 2) + 6, opacity: 0.9, fill: false, dashArray: change.dashArray ? '6 4' : null };
}

// The legend, in plain words: the colour of each force on the map (parties of encounters included), the symbol of
// each kind, and what outlines, hatching, hollow symbols, split colours and (in compare mode) rings mean. Only what
// is on the map is explained. The PNG export draws the same entries.
import { t, localName } from './i18n.js';
import { symbols, pathKinds, changeStyles, symbolSvg, actorColour } from './styles.js';
import { unconfirmedSince, unconfirmedAfterMonths } from './confirmation.js';
import { swatch } from './details.js';
import { escapeHtml } from './escape.js';

const viewDate = state => state.compare ? state.compare[1] : state.date;
const neutral = '#9a9a9a';
const sampleLook = (path, look = {}) =>
  ({ path, fills: [neutral], fillOpacity: 0.95, stroke: '#222', strokeWidth: 1.2, dashArray: null, ...look });

/** What the legend explains for the features currently shown. */
export function legendEntries(layers, state, actors) {
  // Tiled layers hold no features: they tell which actors and kinds their drawn tiles hold, and whether bubbles are drawn.
  const tiled = layers.filter(layer => layer.tiled).map(layer => layer.legendProperties(state));
  const shown = [...layers.flatMap(layer => layer.visibleFeatures(state)), ...tiled.flatMap(p => p.properties.map(properties => ({ properties })))];
  const actorIds = new Set(shown.flatMap(f => [f.properties.actor, ...(f.properties.parties ?? [])]));
  const kinds = new Set(shown.map(f => f.properties.kind));
  const circle = symbols[2].path;
  const treatments = [];
  if (shown.some(f => f.properties.approximate)) treatments.push({ label: t('approximateLegend'), look: sampleLook(circle, { dashArray: '2.5 2' }) });
  if (shown.some(f => (f.properties.confidence ?? 0) < 0.65)) treatments.push({ label: t('lowConfidenceLegend'), look: sampleLook(circle, { hatched: true }) });
  if (shown.some(f => unconfirmedSince(f.properties, viewDate(state)))) {
    treatments.push({
      id: 'unconfirmed', label: t('unconfirmedLegend', { months: unconfirmedAfterMonths() }),
      look: sampleLook(circle, { hollow: true, stroke: '#555', strokeWidth: 2.6 }),
    });
  }
  if (shown.some(f => (f.properties.parties ?? []).length > 1)) {
    treatments.push({ label: t('splitLegend'), look: sampleLook(symbols[5].path, { fills: ['#444', '#bbb'] }) });
  }
  return {
    actors: [...actors.values()].filter(a => actorIds.has(a.id) && a.id !== 'multiple')
      .map(a => ({ id: a.id, label: localName(a), colour: actorColour(actors, a.id) })),
    symbols: symbols.filter(s => s.kinds.some(k => kinds.has(k))).map(s => ({ label: t('k_' + s.id), path: s.path })),
    paths: pathKinds.filter(p => p.kinds.some(k => kinds.has(k))).map(p => ({ label: t('k_' + p.id), sample: p.sample })),
    treatments,
    changes: state.compare ? Object.entries(changeStyles).map(([id, c]) => ({
      label: t(id), look: sampleLook(circle, { fillOpacity: 0.95 * c.opacity, ring: c.ring ? { colour: c.ring, dashArray: c.dashArray } : null }),
    })) : [],
    aggregated: tiled.some(p => p.aggregated),
  };
}

const bubble = '<svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true"><circle cx="10" cy="10" r="9" fill="#9a9a9a" '
  + 'stroke="#fff" stroke-width="1.5"/><text x="10" y="13.5" text-anchor="middle" font-size="9" font-weight="bold" fill="#fff">12</text></svg>';

const pathSample = ({ dashArray, weight, fill }) =>
  `<svg viewBox="0 0 28 14" width="28" height="14" aria-hidden="true">${fill
    ? '<rect x="2" y="2" width="24" height="10" fill="#555" fill-opacity="0.25" stroke="#555" stroke-width="2"/>'
    : `<line x1="2" y1="7" x2="26" y2="7" stroke="#555" stroke-width="${weight}"${dashArray ? ` stroke-dasharray="${dashArray}"` : ''}/>`}</svg>`;

export function createLegend(container) {
  return {
    render(layers, state, actors) {
      const e = legendEntries(layers, state, actors);
      const item = (svg, label, id) => `<li class="legend-symbol"${id ? ` data-legend="${id}"` : ''}>${svg}${escapeHtml(label)}</li>`;
      container.innerHTML = `<h2>${t('legend')}</h2>
        <h3>${t('forces')}</h3>
        <ul class="legend-list">${e.actors.map(a =>
          `<li class="legend-actor" data-actor="${escapeHtml(a.id)}">${swatch(a.colour)}${escapeHtml(a.label)}</li>`).join('')}</ul>
        <h3>${t('symbols')}</h3>
        <ul class="legend-list">
          ${e.symbols.map(s => item(symbolSvg(sampleLook(s.path), 16), s.label)).join('')}
          ${e.paths.map(p => item(pathSample(p.sample), p.label)).join('')}
          ${e.treatments.map(x => item(symbolSvg(x.look, 16), x.label, x.id)).join('')}
          ${e.aggregated ? item(bubble, t('aggregatedLegend'), 'aggregated') : ''}
        </ul>
        ${e.changes.length ? `<h3>${t('compare')}</h3><ul class="legend-list">${e.changes.map(c =>
          item(symbolSvg(c.look, 16), c.label)).join('')}</ul>` : ''}`;
    },
  };
}

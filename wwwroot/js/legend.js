// The legend, in plain words: the colour of each force on the map, the symbol of each kind, and what outlines,
// fading and (in compare mode) rings mean. The PNG export draws the same entries.
import { t, localName } from './i18n.js';
import { symbols, pathKinds, changeStyles, symbolSvg } from './styles.js';

/** What the legend explains for the features currently shown. */
export function legendEntries(layers, state, actors) {
  // Tiled layers hold no features: they tell which actors and kinds their drawn tiles hold, and whether bubbles are drawn.
  const tiled = layers.filter(layer => layer.tiled).map(layer => layer.legendProperties(state));
  const shown = [...layers.flatMap(layer => layer.visibleFeatures(state)), ...tiled.flatMap(p => p.properties.map(properties => ({ properties })))];
  const actorIds = new Set(shown.map(f => f.properties.actor));
  const kinds = new Set(shown.map(f => f.properties.kind));
  return {
    actors: [...actors.values()].filter(a => actorIds.has(a.id)).map(a => ({ label: localName(a), colour: a.colour })),
    symbols: symbols.filter(s => s.kinds.some(k => kinds.has(k))).map(s => ({ label: t('k_' + s.id), path: s.path })),
    paths: pathKinds.filter(p => p.kinds.some(k => kinds.has(k))).map(p => ({ label: t('k_' + p.id), sample: p.sample })),
    changes: state.compare ? Object.entries(changeStyles).map(([id, look]) => ({ label: t(id), ...look })) : [],
    aggregated: tiled.some(p => p.aggregated),
  };
}

const pathSample = ({ dashArray, weight, fill }) =>
  `<svg viewBox="0 0 28 14" width="28" height="14" aria-hidden="true">${fill
    ? '<rect x="2" y="2" width="24" height="10" fill="#555" fill-opacity="0.25" stroke="#555" stroke-width="2"/>'
    : `<line x1="2" y1="7" x2="26" y2="7" stroke="#555" stroke-width="${weight}"${dashArray ? ` stroke-dasharray="${dashArray}"` : ''}/>`}</svg>`;

export function createLegend(container) {
  return {
    render(layers, state, actors) {
      const e = legendEntries(layers, state, actors);
      const neutral = path => symbolSvg({ path, fill: '#9a9a9a', fillOpacity: 0.95, stroke: '#222', strokeWidth: 1.2 }, 16);
      const sample = look => symbolSvg({ path: symbols[2].path, fill: '#9a9a9a', ...look }, 16);
      const approximate = sample({ fillOpacity: 0.95, stroke: '#222', strokeWidth: 1.2, dashArray: '2.5 2' });
      const lowConfidence = sample({ fillOpacity: 0.45, stroke: '#222', strokeWidth: 1.2 });
      const bubble = '<svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true"><circle cx="10" cy="10" r="9" fill="#9a9a9a" '
        + 'stroke="#fff" stroke-width="1.5"/><text x="10" y="13.5" text-anchor="middle" font-size="9" font-weight="bold" fill="#fff">12</text></svg>';
      const ring = c => sample({ fillOpacity: c.opacity, stroke: c.ring, strokeWidth: 2.5, dashArray: c.dashArray });
      container.innerHTML = `<h2>${t('legend')}</h2>
        <h3>${t('forces')}</h3>
        <ul class="legend-list">${e.actors.map(a =>
          `<li class="legend-actor"><span class="swatch" style="background:${a.colour}"></span>${a.label}</li>`).join('')}</ul>
        <h3>${t('symbols')}</h3>
        <ul class="legend-list">
          ${e.symbols.map(s => `<li class="legend-symbol">${neutral(s.path)}${s.label}</li>`).join('')}
          ${e.paths.map(p => `<li class="legend-symbol">${pathSample(p.sample)}${p.label}</li>`).join('')}
          <li class="legend-symbol">${approximate}${t('approximateLegend')}</li>
          <li class="legend-symbol">${lowConfidence}${t('lowConfidenceLegend')}</li>
          ${e.aggregated ? `<li class="legend-symbol legend-aggregated">${bubble}${t('aggregatedLegend')}</li>` : ''}
        </ul>
        ${e.changes.length ? `<h3>${t('compare')}</h3><ul class="legend-list">${e.changes.map(c =>
          `<li class="legend-symbol">${ring(c)}${c.label}</li>`).join('')}</ul>` : ''}`;
    },
  };
}

// The side panel for one feature: names in both languages, force, kind, dates, confidence in words and as a bar,
// position (marked when approximate), sources with dates, notes and the site's history.
import * as L from 'leaflet';
import { t, localName, kindName, formatDate, language } from './i18n.js';
import { confidenceLevel } from './styles.js';
import { historyOf } from './featureIndex.js';
import { escapeHtml as escape, safeUrl } from './escape.js';
import { paintSwatches } from './styles.js';

export function formatDates({ validFrom, validTo, datePrecision }) {
  const precision = datePrecision === 'month' ? ` (${t('precisionMonth')})` : datePrecision === 'year' ? ` (${t('precisionYear')})` : '';
  if (validTo === validFrom) return formatDate(validFrom) + precision;
  return `${formatDate(validFrom)}${precision} – ${validTo ? formatDate(validTo) : t('present')}`;
}

const historyItem = (f, actors) =>
  `<li><button type="button" class="link-button" data-select="${escape(f.id)}">${escape(localName(f.properties))}</button>
   <span class="history-meta">${escape(localName(actors.get(f.properties.actor)))} · ${escape(formatDates(f.properties))}</span></li>`;

function panelHtml(feature, actors, history) {
  const p = feature.properties;
  const actor = actors.get(p.actor);
  const level = confidenceLevel(p.confidence);
  const otherName = language() === 'ar' ? p.name : p.nameAr;
  const published = s => s.published ? ` <span class="published">(${escape(formatDate(s.published))})</span>` : '';
  const source = s => safeUrl(s.url)
    ? `<a href="${safeUrl(s.url)}" target="_blank" rel="noopener noreferrer">${escape(s.title)}</a>`
    : escape(s.title);
  const sources = (p.sources ?? []).map(s => `<li>${source(s)}${published(s)}</li>`).join('');
  const accuracy = p.accuracyMeters ? ` (± ${escape((p.accuracyMeters / 1000).toLocaleString(language()))} km)` : '';
  const position = p.approximate ? `<span class="approximate-badge">${t('approximate')}${accuracy}</span>` : t('exact');
  const historyList = (label, features) => features.length
    ? `<p class="history-label">${t(label)}</p><ol class="history">${features.map(f => historyItem(f, actors)).join('')}</ol>`
    : '';
  const historyHtml = history.before.length || history.after.length ? `<h3>${t('history')}</h3>
    ${historyList('predecessor', history.before)}
    ${historyList('successor', history.after)}` : '';
  return `
    <header class="details-header">
      <h2 id="details-title">${escape(localName(p))}</h2>
      <button type="button" class="close" aria-label="${t('close')}">×</button>
    </header>
    ${otherName ? `<p class="other-name" lang="${language() === 'ar' ? 'en' : 'ar'}" dir="auto">${escape(otherName)}</p>` : ''}
    <dl>
      <dt>${t('actor')}</dt><dd><span class="swatch" data-actor="${escape(p.actor)}"></span>${escape(localName(actor) || p.actor)}</dd>
      <dt>${t('kind')}</dt><dd>${escape(kindName(p.kind))}</dd>
      <dt>${t('dates')}</dt><dd>${escape(formatDates(p))}</dd>
      <dt>${t('confidence')}</dt><dd class="confidence confidence-${level.toLowerCase()}">
        <meter min="0" max="1" low="0.65" high="0.85" optimum="1" value="${escape(Number(p.confidence) || 0)}" aria-label="${t('confidence')}"></meter>
        ${t('conf' + level)} (${Math.round((Number(p.confidence) || 0) * 100)}%)</dd>
      <dt>${t('position')}</dt><dd>${position}</dd>
    </dl>
    <h3>${t('sources')}</h3><ul class="sources">${sources}</ul>
    ${p.notes ? `<h3>${t('notes')}</h3><p class="notes">${escape(p.notes)}</p>` : ''}
    ${historyHtml}`;
}

export function createDetails(panel, { map, actors, onSelect, onClose }) {
  const highlight = L.layerGroup().addTo(map);
  panel.setAttribute('aria-labelledby', 'details-title');
  panel.addEventListener('click', event => {
    const target = event.target.closest('button');
    if (target?.classList.contains('close')) onClose();
    else if (target?.dataset.select) onSelect(target.dataset.select);
  });
  panel.addEventListener('keydown', event => { if (event.key === 'Escape') onClose(); });

  return {
    show(feature, byId) {
      panel.innerHTML = panelHtml(feature, actors, byId ? historyOf(feature, byId) : { before: [], after: [] });
      paintSwatches(panel, actors);
      panel.hidden = false;
      panel.dataset.feature = feature.id;
      // The panel takes width from the map on wide screens; Leaflet keeps the centre where it was.
      map.invalidateSize({ animate: false });
      highlight.clearLayers();
      const bounds = L.geoJSON(feature).getBounds();
      const centre = bounds.getCenter();
      if (feature.geometry.type === 'Point') {
        highlight.addLayer(L.circleMarker(centre, { radius: 15, color: '#ffbf00', weight: 3, fill: false, interactive: false }));
        if (feature.properties.approximate && feature.properties.accuracyMeters) {
          highlight.addLayer(L.circle(centre, {
            radius: feature.properties.accuracyMeters, color: '#ffbf00', weight: 2, dashArray: '4 4', fillOpacity: 0.08, interactive: false,
          }));
        }
      } else {
        highlight.addLayer(L.geoJSON(feature, { style: { color: '#ffbf00', weight: 6, opacity: 0.7, fill: false }, interactive: false }));
      }
    },
    hide() {
      panel.hidden = true;
      panel.innerHTML = '';
      delete panel.dataset.feature;
      highlight.clearLayers();
      map.invalidateSize({ animate: false });
    },
    focus: () => panel.querySelector('.close')?.focus(),
  };
}

// The side panel for one feature: names in both languages, force (or an encounter's parties), kind, dates, when it
// was last confirmed (and, when that is too long ago, that it is unconfirmed), confidence in words and as a bar,
// position (marked when approximate), sources with dates, notes, and the site's history as a small timeline.
import * as L from 'leaflet';
import { t, localName, kindName, formatDate, language } from './i18n.js';
import { actorColour, confidenceLevel } from './styles.js';
import { lastConfirmed, unconfirmedSince, unconfirmedAfterMonths } from './confirmation.js';
import { eventKinds, daysBefore } from './eventsWindow.js';
import { siteHolders, siteHistoryHtml } from './siteHistory.js';
import { escapeHtml as escape, safeUrl } from './escape.js';

export function formatDates({ validFrom, validTo, datePrecision }) {
  const precision = datePrecision === 'month' ? ` (${t('precisionMonth')})` : datePrecision === 'year' ? ` (${t('precisionYear')})` : '';
  if (validTo === validFrom) return formatDate(validFrom) + precision;
  return `${formatDate(validFrom)}${precision} – ${validTo ? formatDate(validTo) : t('present')}`;
}

/** A colour swatch as SVG (a presentation attribute, so no inline style is needed under the page's CSP). */
export const swatch = colour =>
  `<svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><circle cx="5" cy="5" r="4.3" fill="${escape(colour)}" stroke="#333" stroke-width="1"/></svg>`;

const actorItem = (actors, id) => `${swatch(actorColour(actors, id))}${escape(localName(actors.get(id)) || id)}`;

function forceRows(p, actors) {
  const parties = (p.parties ?? []).filter(Boolean);
  const actor = `<dt>${t('actor')}</dt><dd>${actorItem(actors, p.actor)}</dd>`;
  if (parties.length < 2 && !(parties.length === 1 && parties[0] !== p.actor)) return actor;
  const list = `<ul class="parties">${parties.map(id => `<li>${actorItem(actors, id)}</li>`).join('')}</ul>`;
  return (p.actor === 'multiple' ? '' : actor) + `<dt>${t('parties')}</dt><dd>${list}</dd>`;
}

function timeRows(p, view) {
  const last = lastConfirmed(p);
  const since = unconfirmedSince(p, view);
  const rows = [`<dt>${t('dates')}</dt><dd>${escape(formatDates(p))}${eventKinds.has(p.kind) && view && view > (p.validTo ?? p.validFrom)
    ? ` <span class="days-before">(${escape(t('daysBefore', { n: daysBefore(p, view), date: formatDate(view) }))})</span>` : ''}</dd>`];
  rows.push(`<dt>${t('lastConfirmed')}</dt><dd>${last ? escape(formatDate(last)) : t('noDatedSource')}</dd>`);
  if (since) {
    rows.push(`<dt class="visually-hidden">${t('unconfirmedSince', { date: '' })}</dt><dd class="unconfirmed-note"><strong>${
      escape(t('unconfirmedSince', { date: formatDate(since) }))}</strong> — ${
      escape(t('unconfirmedNote', { date: formatDate(since), months: unconfirmedAfterMonths(), view: formatDate(view) }))}</dd>`);
  }
  return rows.join('');
}

function panelHtml(feature, actors, view) {
  const p = feature.properties;
  const level = confidenceLevel(p.confidence);
  const otherName = language() === 'ar' ? p.name : p.nameAr;
  const published = s => s.published ? ` <span class="published">(${escape(formatDate(s.published))})</span>` : '';
  // A source link only for http(s) URLs: a javascript: or data: URL in the data stays text.
  const source = s => safeUrl(s.url)
    ? `<a href="${safeUrl(s.url)}" target="_blank" rel="noopener noreferrer">${escape(s.title)}</a>`
    : escape(s.title);
  const sources = (p.sources ?? []).map(s => `<li>${source(s)}${published(s)}</li>`).join('');
  const accuracy = p.accuracyMeters ? ` (± ${escape((p.accuracyMeters / 1000).toLocaleString(language()))} km)` : '';
  const position = p.approximate ? `<span class="approximate-badge">${t('approximate')}${accuracy}</span>` : t('exact');
  return `
    <header class="details-header">
      <h2 id="details-title">${escape(localName(p))}</h2>
      <button type="button" class="close" aria-label="${t('close')}">×</button>
    </header>
    ${otherName ? `<p class="other-name" lang="${language() === 'ar' ? 'en' : 'ar'}" dir="auto">${escape(otherName)}</p>` : ''}
    <dl>
      ${forceRows(p, actors)}
      <dt>${t('kind')}</dt><dd>${escape(kindName(p.kind))}</dd>
      ${timeRows(p, view)}
      <dt>${t('confidence')}</dt><dd class="confidence confidence-${level.toLowerCase()}">
        <meter min="0" max="1" low="0.65" high="0.85" optimum="1" value="${Number(p.confidence ?? 0)}" aria-label="${t('confidence')}"></meter>
        ${t('conf' + level)} (${Math.round((p.confidence ?? 0) * 100)}%)</dd>
      <dt>${t('position')}</dt><dd>${position}</dd>
    </dl>
    <h3>${t('sources')}</h3><ul class="sources">${sources}</ul>
    ${p.notes ? `<h3>${t('notes')}</h3><p class="notes">${escape(p.notes)}</p>` : ''}
    <section class="site-history-section" aria-live="polite"></section>`;
}

export function createDetails(panel, { map, actors, collections, onSelect, onClose }) {
  const highlight = L.layerGroup().addTo(map);
  let shownId = null;
  panel.setAttribute('aria-labelledby', 'details-title');
  panel.addEventListener('click', event => {
    const target = event.target.closest('button');
    if (target?.classList.contains('close')) onClose();
    else if (target?.dataset.select) onSelect(target.dataset.select);
  });
  panel.addEventListener('keydown', event => { if (event.key === 'Escape') onClose(); });

  async function showHistory(feature) {
    const holders = await siteHolders(feature, collections).catch(() => []);
    if (shownId !== feature.id) return;
    const section = panel.querySelector('.site-history-section');
    if (section) section.innerHTML = siteHistoryHtml(feature, holders, actors);
  }

  return {
    /** view: the date whose rules apply (the chosen date, or the later of two compared dates). */
    show(feature, view) {
      shownId = feature.id;
      panel.innerHTML = panelHtml(feature, actors, view);
      panel.hidden = false;
      panel.dataset.feature = feature.id;
      showHistory(feature);
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
      shownId = null;
      panel.hidden = true;
      panel.innerHTML = '';
      delete panel.dataset.feature;
      highlight.clearLayers();
      map.invalidateSize({ animate: false });
    },
    focus: () => panel.querySelector('.close')?.focus(),
  };
}

// A site's history: who held the place over time. The chain comes from predecessor links and from the records of
// every force at the same place (any date), fetched through the API (a small bbox per point layer, no date), and is
// drawn as a small timeline: one row per holder, a bar over the years it held the site.
import { fetchAllItems, fetchItem } from './api.js';
import { t, localName, formatDate } from './i18n.js';
import { actorColour } from './styles.js';
import { eventKinds } from './eventsWindow.js';
import { escapeHtml } from './escape.js';

const today = new Date().toISOString().slice(0, 10);

/** Holders of the feature's site, oldest first (the feature itself included); [] for lines and zones. */
export async function siteHolders(feature, collections) {
  if (feature.geometry.type !== 'Point') return [];
  const [lon, lat] = feature.geometry.coordinates;
  // Approximate records stand for a town: only records at the very same point are the same site.
  const half = feature.properties.approximate ? 0.002 : 0.015;
  const bbox = [lon - half, lat - half, lon + half, lat + half].map(v => v.toFixed(5)).join(',');
  const points = collections.filter(c => c.geometryKind === 'point');
  const near = (await Promise.all(points.map(c => fetchAllItems(c.id, { bbox })))).flat();
  const byId = new Map(near.map(f => [f.id, f]));
  byId.set(feature.id, feature);
  // Follow predecessor links that lead away from the box (a handover recorded at another point of the site).
  for (let id = feature.properties.predecessor; id && !byId.has(id);) {
    const earlier = await fetchItem(feature.properties.layer, id).catch(() => null);
    if (!earlier) break;
    byId.set(id, earlier);
    id = earlier.properties.predecessor;
  }
  return [...byId.values()]
    .filter(f => !eventKinds.has(f.properties.kind))
    .sort((a, b) => a.properties.validFrom.localeCompare(b.properties.validFrom) || a.id.localeCompare(b.id));
}

/** The timeline's HTML; empty when the site has no other record. */
export function siteHistoryHtml(feature, holders, actors) {
  if (holders.length < 2) return '';
  const start = Date.parse(holders[0].properties.validFrom);
  const end = Math.max(...holders.map(f => Date.parse(f.properties.validTo ?? today)), start + 86_400_000);
  const x = iso => ((Date.parse(iso) - start) / (end - start) * 100).toFixed(2);
  const rows = holders.map(f => {
    const p = f.properties;
    const from = x(p.validFrom), to = x(p.validTo ?? today);
    const current = f.id === feature.id ? ' aria-current="true" class="current"' : '';
    return `<li${current}>
      <button type="button" class="link-button" data-select="${escapeHtml(f.id)}">${escapeHtml(localName(p))}</button>
      <span class="history-meta">${escapeHtml(localName(actors.get(p.actor)) || p.actor)} · ${escapeHtml(formatDate(p.validFrom))} – ${
        escapeHtml(p.validTo ? formatDate(p.validTo) : t('present'))}</span>
      <svg class="history-bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true">
        <rect x="0" y="2.5" width="100" height="1" fill="#d5dae0"/>
        <rect x="${from}" y="0" width="${Math.max(0.8, to - from).toFixed(2)}" height="6" fill="${escapeHtml(actorColour(actors, p.actor))}"/>
      </svg></li>`;
  }).join('');
  return `<h3>${t('siteHistory')}</h3><p class="history-label">${t('siteHolders')}</p><ol class="site-history">${rows}</ol>`;
}

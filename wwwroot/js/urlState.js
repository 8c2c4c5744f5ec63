// The view in the URL fragment, so a link restores it and back/forward walk through it.
// #z=7&c=36.2,40.1&date=2020-08-25 | &compare=2019-10-01,2024-12-31 &ev=30 &off=zones &hide=bases:russia &sel=id &lang=ar
// &recorded=2026-11-01 ("as recorded on": the records as the database held them that day)
// The fragment (not the query string) keeps the state on the client: the server never sees or rejects it.

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const listOf = value => new Set((value ?? '').split(',').filter(Boolean));

export function readState(hash = location.hash) {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const zoom = Number(p.get('z'));
  const [lat, lng] = (p.get('c') ?? '').split(',').map(Number);
  const compare = (p.get('compare') ?? '').split(',');
  return {
    zoom: p.has('z') && Number.isFinite(zoom) ? zoom : null,
    center: Number.isFinite(lat) && Number.isFinite(lng) && p.has('c') ? [lat, lng] : null,
    date: isoDate.test(p.get('date') ?? '') ? p.get('date') : null,
    recorded: isoDate.test(p.get('recorded') ?? '') ? p.get('recorded') : null,
    compare: compare.length === 2 && compare.every(d => isoDate.test(d)) ? compare : null,
    eventsDays: [7, 30, 90].includes(Number(p.get('ev'))) ? Number(p.get('ev')) : 0,
    layersOff: listOf(p.get('off')),
    actorsOff: listOf(p.get('hide')),
    selected: p.get('sel') || null,
    lang: p.get('lang') === 'ar' ? 'ar' : 'en',
  };
}

export function formatState(state) {
  const p = new URLSearchParams();
  if (state.zoom != null) p.set('z', String(state.zoom));
  if (state.center) p.set('c', state.center.map(v => v.toFixed(4)).join(','));
  if (state.compare) p.set('compare', state.compare.join(','));
  else if (state.date) p.set('date', state.date);
  if (state.recorded) p.set('recorded', state.recorded);
  if (state.eventsDays && !state.compare) p.set('ev', String(state.eventsDays));
  if (state.layersOff.size) p.set('off', [...state.layersOff].sort().join(','));
  if (state.actorsOff.size) p.set('hide', [...state.actorsOff].sort().join(','));
  if (state.selected) p.set('sel', state.selected);
  if (state.lang !== 'en') p.set('lang', state.lang);
  // Commas and colons are safe in a fragment and keep the link readable.
  return '#' + p.toString().replaceAll('%2C', ',').replaceAll('%3A', ':');
}

let applying = false;

/** Records the state: a new history entry for a deliberate step, a replaced one for panning and zooming. */
export function saveState(state, { push = false } = {}) {
  if (applying) return;
  const hash = formatState(state);
  if (hash === location.hash) return;
  if (push) history.pushState(null, '', hash);
  else history.replaceState(null, '', hash);
}

/** Calls apply(state) on back/forward; saves made while applying are ignored (re-entrancy guard). */
export function onHistoryChange(apply) {
  window.addEventListener('popstate', async () => {
    applying = true;
    try { await apply(readState()); } finally { applying = false; }
  });
}

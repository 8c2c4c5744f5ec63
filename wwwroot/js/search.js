// Search by name in English or Arabic across all layers (every date) and the basemap towns, as an ARIA combobox:
// arrows move through the results, Enter picks, Escape closes. Arabic matching ignores diacritics, tatweel and the
// alef/hamza/ya/ta-marbuta variants people type interchangeably.
import { t, localName, kindName, language } from './i18n.js';
import { escapeHtml as escape } from './escape.js';

export function normalizeName(text) {
  return String(text ?? '')
    .normalize('NFKD') // splits أ إ آ ؤ ئ into letter + hamza/madda mark, and Latin letters from their accents
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/\u0671/g, '\u0627').replace(/\u0649/g, '\u064a').replace(/\u0629/g, '\u0647')
    .toLowerCase()
    .replace(/[’'ʼʿʾ‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Entries that contain every word of the query; names starting with the query first. */
export function findMatches(entries, query, max = 12) {
  const q = normalizeName(query);
  if (!q) return [];
  const words = q.split(' ');
  const scored = [];
  for (const entry of entries) {
    const hit = entry.keys.find(key => words.every(w => key.includes(w)));
    if (hit !== undefined) scored.push({ entry, score: hit.startsWith(q) ? 0 : 1 });
  }
  return scored.sort((a, b) => a.score - b.score).slice(0, max).map(s => s.entry);
}

export function createSearch(container, { loadEntries, onPick }) {
  container.innerHTML = `
    <label for="search-input" class="visually-hidden">${t('search')}</label>
    <input id="search-input" type="search" role="combobox" autocomplete="off" aria-autocomplete="list"
      aria-expanded="false" aria-controls="search-results" placeholder="${t('searchPlaceholder')}">
    <ul id="search-results" role="listbox" aria-label="${t('search')}" hidden></ul>`;
  const input = container.querySelector('input');
  const list = container.querySelector('ul');
  let entries = null;
  let results = [];
  let active = -1;

  const close = () => { list.hidden = true; input.setAttribute('aria-expanded', 'false'); input.removeAttribute('aria-activedescendant'); active = -1; };
  const highlight = index => {
    active = index;
    list.querySelectorAll('[role=option]').forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', `search-result-${index}`);
      list.children[index].scrollIntoView({ block: 'nearest' });
    }
  };
  const pick = index => {
    const entry = results[index];
    if (!entry) return;
    input.value = localName(entry.item.properties);
    close();
    onPick(entry);
  };
  const resultMeta = ({ type, item: { properties: p } }) =>
    `${escape(language() === 'ar' ? p.name : p.nameAr ?? '')} · ${escape(type === 'town' ? t('town') : kindName(p.kind))}`
    + (p.validFrom && type !== 'town' ? ` · ${escape(p.validFrom.slice(0, 4))}` : '');
  const update = async () => {
    entries ??= await loadEntries();
    results = findMatches(entries, input.value);
    if (!input.value.trim()) { close(); return; }
    list.innerHTML = results.length
      ? results.map((r, i) => `<li role="option" id="search-result-${i}" aria-selected="false" data-index="${i}">
          <span class="result-name">${escape(localName(r.item.properties))}</span>
          <span class="result-meta" dir="auto">${resultMeta(r)}</span></li>`).join('')
      : `<li class="no-results" aria-disabled="true">${t('noResults')}</li>`;
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight(results.length ? 0 : -1);
  };

  input.addEventListener('input', update);
  // Start loading the index when the field gets focus, so the first keystroke finds it ready.
  input.addEventListener('focus', async () => { entries ??= await loadEntries(); }, { once: true });
  input.addEventListener('keydown', event => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (list.hidden) { update(); return; }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      if (results.length) highlight((active + step + results.length) % results.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      pick(active);
    } else if (event.key === 'Escape') {
      close();
    }
  });
  list.addEventListener('mousedown', event => event.preventDefault());
  list.addEventListener('click', event => { const li = event.target.closest('[data-index]'); if (li) pick(Number(li.dataset.index)); });
  input.addEventListener('blur', close);
}

/** Search entries: presence features (all dates) and basemap towns, each with its normalised names. */
export function searchEntries(features, towns) {
  const entry = (item, type) => ({ item, type, keys: [item.properties.name, item.properties.nameAr].filter(Boolean).map(normalizeName) });
  return [...features.map(f => entry(f, 'feature')), ...towns.map(f => entry(f, 'town'))];
}

// Search by name in English or Arabic across all layers (every date) and the basemap towns, through the API's
// /search: PostgreSQL matches the names with indexed keys that ignore case, accents and Arabic vowel marks and
// merge transliterations (Kamishli, Qamishly → Qamishli; Tall Tamr → Tal Tamr), and ranks the results by how well
// they match and how important the place is. An ARIA combobox: arrows move through the results, Enter picks, Escape
// closes. Requests are debounced, and an answer to an older query is dropped.
import { t, localName, kindName, language, formatDate } from './i18n.js';
import { searchNames } from './api.js';
import { escapeHtml as escape } from './escape.js';

const debounceMs = 150;

export function createSearch(container, { onPick }) {
  container.innerHTML = `
    <label for="search-input" class="visually-hidden">${t('search')}</label>
    <input id="search-input" type="search" role="combobox" autocomplete="off" aria-autocomplete="list"
      aria-expanded="false" aria-controls="search-results" placeholder="${t('searchPlaceholder')}">
    <ul id="search-results" role="listbox" aria-label="${t('search')}" hidden></ul>`;
  const input = container.querySelector('input');
  const list = container.querySelector('ul');
  let results = [];
  let active = -1;
  let timer = null;
  let asked = 0;
  let controller = null;

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
    const hit = results[index];
    if (!hit) return;
    input.value = localName(hit.properties);
    close();
    onPick(hit);
  };
  const isTown = hit => hit.properties.collection.startsWith('basemap-');
  const resultMeta = hit => {
    const p = hit.properties;
    const other = language() === 'ar' ? p.name : p.nameAr ?? '';
    return `${escape(other)} · ${escape(isTown(hit) ? t('town') : kindName(p.kind))}`
      + (p.validFrom && !isTown(hit) ? ` · ${escape(formatDate(p.validFrom).slice(0, 4))}` : '');
  };
  const show = hits => {
    results = hits;
    list.innerHTML = results.length
      ? results.map((r, i) => `<li role="option" id="search-result-${i}" aria-selected="false" data-index="${i}" data-match="${escape(r.properties.match)}">
          <span class="result-name">${escape(localName(r.properties))}</span>
          <span class="result-meta" dir="auto">${resultMeta(r)}</span></li>`).join('')
      : `<li class="no-results" aria-disabled="true">${t('noResults')}</li>`;
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight(results.length ? 0 : -1);
  };
  const update = async () => {
    const query = input.value.trim();
    const mine = ++asked;
    controller?.abort();
    if (!query) { results = []; close(); return; }
    controller = new AbortController();
    try {
      const hits = await searchNames(query, controller.signal);
      if (mine === asked) show(hits);
    } catch (error) {
      if (error.name !== 'AbortError') throw error;
    }
  };
  const schedule = () => { clearTimeout(timer); timer = setTimeout(update, debounceMs); };

  input.addEventListener('input', schedule);
  input.addEventListener('keydown', async event => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (list.hidden) { await update(); return; }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      if (results.length) highlight((active + step + results.length) % results.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // Enter typed before the debounce fired: search now, then take the first result.
      if (timer && list.hidden) { clearTimeout(timer); await update(); }
      pick(Math.max(active, 0));
    } else if (event.key === 'Escape') {
      close();
    }
  });
  list.addEventListener('mousedown', event => event.preventDefault());
  list.addEventListener('click', event => { const li = event.target.closest('[data-index]'); if (li) pick(Number(li.dataset.index)); });
  input.addEventListener('blur', close);
}

// The text alternative to the picture: every feature on the map in the current view, by layer, each a button that
// opens its details. Long lists are cut with a count of the rest. A tiled layer's group comes from the items API for
// the view (up to maxPerLayer): with more in view it says so instead of listing a part of them.
import { t, localName, kindName } from './i18n.js';
import { formatDates } from './details.js';
import { escapeHtml as escape } from './escape.js';
export const maxPerLayer = 100;

export const featureButton = (f, actors, extra = '') => {
  const meta = [localName(actors.get(f.properties.actor)), kindName(f.properties.kind), formatDates(f.properties)].map(text => escape(text));
  return `<li><button type="button" class="link-button" data-select="${escape(f.id)}">${escape(localName(f.properties))}</button>
   <span class="item-meta">${meta.join(' · ')}${extra}</span></li>`;
};

export function createTextList(container, { onSelect }) {
  container.addEventListener('click', event => {
    const button = event.target.closest('button[data-select]');
    if (button) onSelect(button.dataset.select);
  });
  return {
    render(groups, actors) {
      const total = groups.reduce((n, g) => n + g.features.length, 0);
      const sections = groups.filter(g => g.features.length || g.more).map(g => g.more ? `
        <h3>${escape(g.title)}</h3><p class="too-many">${t('tooManyToList', { n: maxPerLayer })}</p>` : `
        <h3>${escape(g.title)} (${g.features.length})</h3>
        <ul class="feature-list">${g.features.slice(0, maxPerLayer).map(f => featureButton(f, actors)).join('')}
        ${g.features.length > maxPerLayer ? `<li>${t('andMore', { n: g.features.length - maxPerLayer })}</li>` : ''}</ul>`);
      // Rendered again after each move (and when a tiled layer's list arrives): an opened list stays open.
      const open = container.querySelector('details.text-list')?.open ? ' open' : '';
      const summary = `<summary><h2>${t('textList')}</h2> <span class="count">${t('shown', { n: total })}</span></summary>`;
      container.innerHTML = `<details class="text-list"${open}>${summary}
        ${sections.length ? sections.join('') : `<p>${t('nothingShown')}</p>`}</details>`;
    },
  };
}

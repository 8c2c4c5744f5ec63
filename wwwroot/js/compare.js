// Compare mode's list: what appeared, ended, or came and went between the two dates, in the current view.
import { t } from './i18n.js';
import { featureButton } from './textList.js';
import { escapeHtml } from './escape.js';

const order = ['appeared', 'ended', 'between'];

export function createChangesList(container, { onSelect }) {
  container.addEventListener('click', event => {
    const button = event.target.closest('button[data-select]');
    if (button) onSelect(button.dataset.select);
  });
  return {
    render(features, compare, actors) {
      container.hidden = !compare;
      if (!compare) { container.innerHTML = ''; return; }
      const groups = order.map(change => ({ change, items: features.filter(f => f.properties.change === change) }));
      const persisted = features.filter(f => f.properties.change === 'persisted').length;
      container.innerHTML = `<h2>${t('changes')}</h2><p class="compare-range">${escapeHtml(compare[0])} → ${escapeHtml(compare[1])}</p>` +
        (groups.some(g => g.items.length) ? groups.filter(g => g.items.length).map(g => `
          <h3 class="change-heading change-${g.change}">${t(g.change)} (${g.items.length})</h3>
          <ul class="feature-list changes-${g.change}">${g.items.map(f => featureButton(f, actors)).join('')}</ul>`).join('')
          : `<p>${t('noChanges')}</p>`) +
        `<p class="persisted-count">${t('persisted')}: ${persisted}</p>`;
    },
  };
}

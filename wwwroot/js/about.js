// The About panel: what the map is, its method, sources policy and licence, the date of the newest record ("data as
// of"), and how to cite the view on screen — in the page's language. A modal <dialog>, opened from the header.
import { t, formatDate } from './i18n.js';
import { unconfirmedAfterMonths } from './confirmation.js';
import { escapeHtml } from './escape.js';
import { today } from './timeControl.js';

export function createAbout(button, { dataAsOf, caption }) {
  const dialog = document.createElement('dialog');
  dialog.id = 'about';
  dialog.className = 'about';
  dialog.setAttribute('aria-labelledby', 'about-title');
  document.body.append(dialog);

  const citation = () => t('citation', { title: t('title'), view: caption(), url: location.href, today: formatDate(today()) });
  const render = () => {
    dialog.innerHTML = `
      <header class="details-header"><h2 id="about-title">${t('aboutTitle')}</h2>
        <button type="button" class="close" aria-label="${t('close')}">×</button></header>
      <p>${escapeHtml(t('aboutWhat'))}</p>
      <p class="data-as-of"><strong>${escapeHtml(t('dataAsOf', { date: formatDate(dataAsOf) }))}</strong></p>
      <h3>${t('aboutMethodTitle')}</h3><p>${escapeHtml(t('aboutMethod', { months: unconfirmedAfterMonths() }))}</p>
      <h3>${t('sources')}</h3><p>${escapeHtml(t('aboutSources'))}</p>
      <h3>${t('aboutLicenceTitle')}</h3><p>${escapeHtml(t('aboutLicence'))}</p>
      <h3>${t('citeView')}</h3><p>${escapeHtml(t('aboutCite'))}</p>
      <p class="citation" dir="auto"><output id="citation">${escapeHtml(citation())}</output></p>
      <p><button type="button" class="copy-citation">${t('copy')}</button> <span class="copy-status" role="status"></span></p>
      <p>${escapeHtml(t('aboutApi'))} <a href="api/reference">${t('apiReference')}</a></p>`;
  };
  dialog.addEventListener('click', async event => {
    if (event.target === dialog || event.target.closest('.close')) dialog.close();
    if (event.target.closest('.copy-citation')) {
      await navigator.clipboard?.writeText(citation()).catch(() => {});
      dialog.querySelector('.copy-status').textContent = t('copied');
    }
  });
  dialog.addEventListener('close', () => button.focus());
  button.addEventListener('click', () => { render(); dialog.showModal(); });
  return { open: () => button.click() };
}

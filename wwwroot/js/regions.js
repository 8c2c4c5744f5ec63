// The region selector: the areas of interest from the regions table; choosing one fits the map to it.
import { t, localName } from './i18n.js';
import { escapeHtml } from './escape.js';

export function createRegionPicker(select, regions, { onJump }) {
  const options = regions.features.map(r => `<option value="${escapeHtml(r.id)}">${escapeHtml(localName(r.properties))}</option>`);
  select.innerHTML = `<option value="">${t('chooseRegion')}</option>` + options.join('');
  select.addEventListener('change', () => {
    const region = regions.features.find(r => r.id === select.value);
    if (!region) return;
    const [minLon, minLat, maxLon, maxLat] = region.properties.bbox;
    onJump([[minLat, minLon], [maxLat, maxLon]], region.id);
  });
  return { clear: () => { select.value = ''; } };
}

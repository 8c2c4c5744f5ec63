// The region selector: the areas of interest from the regions table; choosing one fits the map to it. The picker
// keeps showing the region while the view still shows it (so a phone user sees where they are), and goes back to
// "Jump to a region…" once the view has moved elsewhere.
import { t, localName } from './i18n.js';
import { escapeHtml } from './escape.js';

/** Whether a view ([[south, west], [north, east]]) still shows a region: most of it, large enough to matter. */
function shows([[s2, w2], [n2, e2]], [[s1, w1], [n1, e1]]) {
  const area = (s, w, n, e) => Math.max(0, n - s) * Math.max(0, e - w);
  const common = area(Math.max(s1, s2), Math.max(w1, w2), Math.min(n1, n2), Math.min(e1, e2));
  return common / area(s1, w1, n1, e1) >= 0.6 && common / area(s2, w2, n2, e2) >= 0.1;
}

export function createRegionPicker(select, regions, { onJump }) {
  const boundsOf = region => {
    const [minLon, minLat, maxLon, maxLat] = region.properties.bbox;
    return [[minLat, minLon], [maxLat, maxLon]];
  };
  const options = regions.features.map(r => `<option value="${escapeHtml(r.id)}">${escapeHtml(localName(r.properties))}</option>`);
  select.innerHTML = `<option value="">${escapeHtml(t('chooseRegion'))}</option>` + options.join('');
  select.addEventListener('change', () => {
    const region = regions.features.find(r => r.id === select.value);
    if (region) onJump(boundsOf(region), region.id);
  });
  return {
    /** Called after every move with the view's bounds ([[south, west], [north, east]]). */
    viewChanged(view) {
      const region = regions.features.find(r => r.id === select.value);
      if (region && !shows(view, boundsOf(region))) select.value = '';
    },
  };
}

// The region selector: the areas of interest from the regions table; choosing one fits the map to it. The picker
// keeps showing the region while the view still shows it (so a phone user sees where they are), and goes back to
// "Jump to a region…" once the view has moved elsewhere.
import { t, localName } from './i18n.js';
import { escapeHtml } from './escape.js';

/** Area of the overlap of two [[south, west], [north, east]] boxes over the area of their union. */
function overlap([[s1, w1], [n1, e1]], [[s2, w2], [n2, e2]]) {
  const area = (s, w, n, e) => Math.max(0, n - s) * Math.max(0, e - w);
  const common = area(Math.max(s1, s2), Math.max(w1, w2), Math.min(n1, n2), Math.min(e1, e2));
  return common / (area(s1, w1, n1, e1) + area(s2, w2, n2, e2) - common);
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
      if (region && overlap(boundsOf(region), view) < 0.35) select.value = '';
    },
  };
}

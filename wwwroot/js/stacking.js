// Records at one place: symbols that would cover each other are drawn as one stack with a count badge, the most
// important symbol on top; a click (or Enter) fans the stack out (Leaflet.markercluster's spiderfy) so every record
// can be clicked. One stack group holds the symbols of every point layer, so a base and an encounter at the same
// place stack together.
import './leafletGlobal.js';
import 'leaflet.markercluster';
import { kindRank, symbolSize } from './styles.js';
import { localName, t } from './i18n.js';
import { escapeHtml } from './escape.js';

const changeRank = { appeared: 0, between: 1, ended: 2 };
const importance = m => [changeRank[m.feature?.properties.change] ?? 3, kindRank(m.feature?.properties.kind)];
const byImportance = (a, b) => {
  const [x, y] = [importance(a), importance(b)];
  return x[0] - y[0] || x[1] - y[1] || String(a.feature?.id).localeCompare(String(b.feature?.id));
};

function stackIcon(cluster) {
  const markers = cluster.getAllChildMarkers().sort(byImportance);
  const top = markers[0].options.icon.options;
  const names = markers.slice(0, 12).map(m => localName(m.feature?.properties)).join('; ');
  const label = t('stackLabel', { n: markers.length, names });
  return new window.L.DivIcon({
    className: `${top.className} symbol-stack`,
    html: `${top.html}<span class="stack-count" aria-hidden="true">${markers.length}</span>` +
      `<span class="visually-hidden">${escapeHtml(label)}</span>`,
    iconSize: null,
  });
}

/** The shared stack group, added to the map; point layers add their symbols to it instead of to the map. */
export function createStack(map) {
  const group = new window.L.MarkerClusterGroup({
    // Only symbols that touch are stacked: the radius follows the symbol size of each zoom.
    maxClusterRadius: zoom => Math.round(symbolSize(zoom) * 0.7),
    showCoverageOnHover: false,
    zoomToBoundsOnClick: false,
    spiderfyOnMaxZoom: false,
    spiderfyDistanceMultiplier: 1.5,
    spiderLegPolylineOptions: { weight: 1.5, color: '#222', opacity: 0.6 },
    iconCreateFunction: stackIcon,
  });
  group.on('clusterclick', event => event.layer.spiderfy());
  map.addLayer(group);
  return group;
}

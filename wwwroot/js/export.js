// Downloads of what is on screen: GeoJSON and CSV of the features shown in the view, a PNG of the view with its
// legend and date (exportImage.js), and printing.
import { t } from './i18n.js';
import { featureBbox } from './layers.js';

export function download(blob, filename) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export function toGeoJson(features, caption) {
  const clean = features.map(({ type, id, geometry, properties }) => ({ type, id, geometry, properties }));
  // "description" is a foreign member (RFC 7946 §6.1): it says which date the file shows.
  return JSON.stringify({ type: 'FeatureCollection', description: caption, features: clean }, null, 1);
}

const csvColumns = ['id', 'layer', 'name', 'nameAr', 'actor', 'kind', 'validFrom', 'validTo', 'datePrecision', 'confidence',
  'approximate', 'accuracyMeters', 'change', 'geometryType', 'longitude', 'latitude', 'sources', 'notes'];
// A text cell that a spreadsheet would read as a formula (=, +, -, @, tab, carriage return first) gets a leading
// apostrophe, as OWASP advises against CSV injection; numbers stay numbers.
const formulaStart = /^[=+\-@\t\r]/;
const csvCell = value => {
  const text = value == null ? '' : typeof value === 'string' && formulaStart.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** RFC 4180 CSV, one row per feature; longitude/latitude are the point itself or the centre of the extent. */
export function toCsv(features) {
  const rows = features.map(f => {
    const [minX, minY, maxX, maxY] = featureBbox(f);
    const values = {
      ...f.properties, id: f.id, geometryType: f.geometry.type,
      longitude: +((minX + maxX) / 2).toFixed(5), latitude: +((minY + maxY) / 2).toFixed(5),
      sources: (f.properties.sources ?? []).map(s => `${s.title} <${s.url}>${s.published ? ` (${s.published})` : ''}`).join('; '),
    };
    return csvColumns.map(c => csvCell(values[c])).join(',');
  });
  // The byte-order mark makes spreadsheet programs read the Arabic names as UTF-8.
  return '\ufeff' + [csvColumns.join(','), ...rows].join('\r\n') + '\r\n';
}

/** The features of the view for a file, or null (with a note in the panel) when a tiled layer has too many in view. */
async function exportable(container, shownFeatures) {
  const groups = await shownFeatures();
  const note = container.querySelector('.export-note');
  const tooMany = groups.filter(g => g.more);
  note.textContent = tooMany.map(g => t('tooManyToExport', { layer: g.title, n: g.features.length.toLocaleString() })).join(' ');
  return tooMany.length ? null : groups.flatMap(g => g.features);
}

export function createExportPanel(container, { shownFeatures, fileStem, caption, renderPng }) {
  container.innerHTML = `<h2>${t('export')}</h2>
    <div class="export-buttons">
      <button type="button" data-export="geojson">${t('exportGeoJson')}</button>
      <button type="button" data-export="csv">${t('exportCsv')}</button>
      <button type="button" data-export="png">${t('exportPng')}</button>
      <button type="button" data-export="print">${t('print')}</button>
    </div>
    <p class="export-note" role="status"></p>`;
  container.addEventListener('click', async event => {
    const kind = event.target.closest('button[data-export]')?.dataset.export;
    const features = kind === 'geojson' || kind === 'csv' ? await exportable(container, shownFeatures) : null;
    if (kind === 'geojson' && features) download(new Blob([toGeoJson(features, caption())], { type: 'application/geo+json' }), `${fileStem()}.geojson`);
    if (kind === 'csv' && features) download(new Blob([toCsv(features)], { type: 'text/csv;charset=utf-8' }), `${fileStem()}.csv`);
    if (kind === 'png') download(await renderPng(), `${fileStem()}.png`);
    if (kind === 'print') window.print();
  });
}

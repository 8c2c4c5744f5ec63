// Edit mode: with an editor key (asked once, kept in sessionStorage for the tab), the selected feature gets an
// attribute form (with a new source and a comment, which every write needs), its geometry can be moved and reshaped
// with Leaflet-Geoman, new points, lines and areas can be drawn, and its history panel lists every version (who, when,
// why, on which sources, what changed) with a Restore button. Writes go through api.js (OGC API – Features Part 4).
import * as L from 'leaflet';
import './leafletGlobal.js';
import { fetchFeatureForEdit, fetchHistory, writeFeature } from './api.js';
import { layerTitle, localName, t } from './i18n.js';

const keyStorage = 'map-editor-key';
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) if (child != null) node.append(child);
  return node;
};
const field = (label, input) => el('label', { className: 'edit-field' }, el('span', { textContent: label }), input);
const describe = value => value == null ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value);

let geoman = null;
/** Leaflet-Geoman is loaded on the first use of Edit mode (a UMD plugin on the global L, like markercluster). */
async function loadGeoman(map) {
  geoman ??= import('../lib/leaflet-geoman/leaflet-geoman.js').then(() => window.L.PM);
  const PM = await geoman;
  if (!map.pm) map.pm = new PM.Map(map);
  return PM;
}

/**
 * @param {{ map, button, panel, collections, actors, selected: () => Promise<object|null>,
 *           onSaved: (layerId: string, featureId: string|null) => Promise<void> }} options
 * @returns {{ show(feature): Promise<void>, hide(): void, active: () => boolean }}
 */
export function createEditor({ map, button, panel, collections, actors, selected, onSaved }) {
  let active = false;
  let current = null; // { layer, id, feature, etag, shape }

  button.addEventListener('click', async () => {
    if (!active && !sessionStorage.getItem(keyStorage)) {
      const key = await askKey();
      if (!key) return;
      sessionStorage.setItem(keyStorage, key);
    }
    active = !active;
    button.setAttribute('aria-pressed', String(active));
    document.body.classList.toggle('editing', active);
    if (!active) { hide(); return; }
    await loadGeoman(map);
    const feature = await selected();
    if (feature) await show(feature); else renderNew();
  });

  function askKey() {
    return new Promise(resolve => {
      const input = el('input', { type: 'password', id: 'editor-key', autocomplete: 'off', required: true });
      const dialog = el('dialog', { className: 'key-dialog' },
        el('form', { method: 'dialog' },
          field(t('editorKey'), input),
          el('p', { className: 'hint', textContent: t('editorKeyHint') }),
          el('button', { type: 'submit', value: 'ok', textContent: t('startEditing') }),
          el('button', { type: 'submit', value: 'cancel', textContent: t('cancel'), formNoValidate: true })));
      document.body.append(dialog);
      dialog.addEventListener('close', () => { resolve(dialog.returnValue === 'ok' ? input.value.trim() : null); dialog.remove(); });
      dialog.showModal();
    });
  }

  function clearShape() {
    current?.shape?.remove();
    map.pm?.disableDraw();
  }

  function hide() {
    clearShape();
    current = null;
    panel.hidden = true;
    panel.replaceChildren();
  }

  /** Without a selection: draw a new point, line or area into a layer. */
  function renderNew() {
    clearShape();
    current = null;
    panel.hidden = false;
    const layerSelect = el('select', { id: 'edit-new-layer' }, ...collections.map(c => el('option', { value: c.id, textContent: layerTitle(c) })));
    const draw = shape => () => {
      map.pm.enableDraw(shape);
      map.once('pm:create', ({ layer }) => {
        map.pm.disableDraw();
        const feature = { type: 'Feature', geometry: layer.toGeoJSON().geometry, properties: { kind: '', sources: [] } };
        layer.remove();
        renderForm({ layer: layerSelect.value, id: null, feature, etag: null });
      });
    };
    panel.replaceChildren(el('h2', { textContent: t('editMode') }),
      el('p', { textContent: t('editIntro') }),
      field(t('layer'), layerSelect),
      el('div', { className: 'edit-actions' },
        el('button', { type: 'button', id: 'draw-point', textContent: t('newPoint'), onclick: draw('Marker') }),
        el('button', { type: 'button', id: 'draw-line', textContent: t('newLine'), onclick: draw('Line') }),
        el('button', { type: 'button', id: 'draw-area', textContent: t('newArea'), onclick: draw('Polygon') })));
  }

  /** The selected feature, read again with its ETag, in the form; its shape can be dragged and reshaped. */
  async function show(feature) {
    if (!active) return;
    const layer = feature.properties.layer;
    const { feature: fresh, etag } = await fetchFeatureForEdit(layer, feature.id);
    // A save renders the saved version, then selects the record, which lands here: a form already showing this version
    // is kept, so what the user opened in it since (the history list) is not rebuilt away under the pointer.
    if (current?.id === feature.id && current.layer === layer && current.etag === etag) return;
    renderForm({ layer, id: feature.id, feature: fresh, etag });
  }

  function renderForm(edit) {
    clearShape();
    current = edit;
    const p = edit.feature.properties;
    const shape = L.geoJSON(edit.feature, { pointToLayer: (_, at) => L.marker(at, { draggable: true }) }).addTo(map);
    shape.eachLayer(part => part.pm?.enable({ draggable: true }));
    current.shape = shape;
    const input = (name, value, type = 'text', extra = {}) => el('input', { name, id: `edit-${name}`, type, value: value ?? '', ...extra });
    const actorSelect = el('select', { name: 'actor', id: 'edit-actor' },
      ...[...actors.values()].map(a => el('option', { value: a.id, textContent: localName(a), selected: a.id === p.actor })));
    const form = el('form', { className: 'edit-form', id: 'edit-form' },
      el('h2', { textContent: edit.id ? t('editTitle', { name: localName(p) || edit.id }) : t('newFeature') }),
      field(t('name'), input('name', p.name, 'text', { required: true })),
      field(t('nameAr'), input('nameAr', p.nameAr, 'text', { dir: 'rtl' })),
      field(t('actor'), actorSelect),
      field(t('kind'), input('kind', p.kind, 'text', { required: true })),
      field(t('validFrom'), input('validFrom', p.validFrom, 'date', { required: true })),
      field(t('validToOpen'), input('validTo', p.validTo, 'date')),
      field(t('confidenceRange'), input('confidence', p.confidence ?? 0.5, 'number', { min: 0, max: 1, step: 0.05 })),
      el('fieldset', {}, el('legend', { textContent: t('newSource') }),
        field(t('sourceUrl'), input('sourceUrl', '', 'url', { required: true })),
        field(t('sourcePublished'), input('sourcePublished', '', 'date', { required: true })),
        field(t('sourceTitle'), input('sourceTitle', ''))),
      field(t('comment'), el('textarea', { name: 'comment', id: 'edit-comment', required: true })),
      el('p', { className: 'edit-problem', id: 'edit-problem', role: 'alert' }),
      el('p', { className: 'edit-status', id: 'edit-status', role: 'status' }),
      el('div', { className: 'edit-actions' },
        el('button', { type: 'submit', id: 'edit-save', textContent: t('save') }),
        edit.id ? el('button', { type: 'button', id: 'edit-delete', textContent: t('delete'), onclick: () => save(form, 'DELETE') }) : null,
        edit.id ? el('button', { type: 'button', id: 'edit-history', textContent: t('history'), onclick: () => renderHistory() }) : null,
        el('button', { type: 'button', textContent: t('close'), onclick: renderNew })),
      el('section', { id: 'edit-history-list', className: 'edit-history' }));
    form.addEventListener('submit', event => { event.preventDefault(); save(form, edit.id ? 'PUT' : 'POST'); });
    panel.hidden = false;
    panel.replaceChildren(form);
  }

  async function save(form, method) {
    const data = new FormData(form);
    const source = { title: data.get('sourceTitle') || data.get('sourceUrl'), url: data.get('sourceUrl'), published: data.get('sourcePublished') };
    const { feature } = current;
    const geometry = current.shape.toGeoJSON().features[0]?.geometry ?? feature.geometry;
    const properties = { ...feature.properties };
    delete properties.layer;
    for (const name of ['name', 'nameAr', 'actor', 'kind', 'validFrom']) properties[name] = data.get(name) || null;
    properties.validTo = data.get('validTo') || null;
    properties.confidence = Number(data.get('confidence'));
    properties.sources = [...(properties.sources ?? []), source];
    const body = method === 'DELETE' ? null : { type: 'Feature', id: current.id ?? undefined, geometry, properties };
    await write(method, body, data.get('comment'), method === 'DELETE' ? [source] : []);
  }

  async function write(method, body, comment, sources = []) {
    const key = sessionStorage.getItem(keyStorage);
    const result = await writeFeature(method, current.layer, current.id, body, { key, etag: current.etag, comment, sources });
    const problem = panel.querySelector('#edit-problem');
    if (!result.ok) {
      if (result.status === 401) sessionStorage.removeItem(keyStorage);
      if (problem) problem.textContent = `${result.problem?.title ?? t('refused')}: ${result.problem?.detail ?? result.status}`;
      return;
    }
    const id = current.id ?? decodeURIComponent(result.location?.split('/').pop() ?? '');
    const layer = current.layer;
    const historyOpen = panel.querySelector('#edit-history-list ol') !== null;
    // The saved version (with its new ETag) is rendered first; onSaved then selects the record, and show() keeps a
    // form that already shows that version, so what the user opens after "Saved" (the history) stays.
    if (method === 'DELETE') renderNew();
    else {
      renderForm({ layer, id, ...(await fetchFeatureForEdit(layer, id)) });
      if (historyOpen) await renderHistory();
    }
    await onSaved(layer, method === 'DELETE' ? null : id);
    const status = panel.querySelector('#edit-status');
    if (status) status.textContent = t(method === 'DELETE' ? 'deletedStatus' : 'savedStatus');
  }

  /** Versions oldest first, each with who, when, why, sources and a readable list of what changed; Restore puts one back. */
  async function renderHistory() {
    const list = panel.querySelector('#edit-history-list');
    const { versions } = await fetchHistory(current.layer, current.id);
    const items = versions.map((v, i) => el('li', { className: `version version-${v.change}` },
      el('p', {}, el('strong', { textContent: t(`change_${v.change}`) }), ` ${v.recordedFrom.slice(0, 16).replace('T', ' ')} · ${v.recordedBy}`),
      v.comment ? el('p', { className: 'comment', textContent: v.comment }) : null,
      el('ul', { className: 'diff' }, ...(v.differences ?? []).map(d =>
        el('li', { textContent: `${d.member}: ${d.member === 'geometry' ? t('movedOrReshaped') : `${describe(d.from)} → ${describe(d.to)}`}` }))),
      el('p', { className: 'sources' }, ...(v.sources ?? []).slice(-1).map(s => el('a', { href: s.url, textContent: s.title ?? s.url, rel: 'noopener' }))),
      v.feature && i < versions.length - 1 ? el('button', {
        type: 'button', className: 'restore', textContent: t('restore'),
        onclick: () => {
          const comment = panel.querySelector('#edit-comment').value || t('restoredComment', { date: v.recordedFrom.slice(0, 10) });
          write('PUT', v.feature, comment);
        },
      }) : null));
    list.replaceChildren(el('h3', { textContent: t('history') }), el('ol', { className: 'versions' }, ...items.reverse()));
  }

  return { show, hide, active: () => active };
}

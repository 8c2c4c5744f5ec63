// The layer switcher: one group per presence layer with its own toggle and one toggle per force present in it.
import { t, localName, layerTitle } from './i18n.js';
import { actorColour } from './styles.js';
import { swatch } from './details.js';
import { escapeHtml as escape } from './escape.js';
import { shownIn } from './eventsWindow.js';

function groupHtml(layer, state, actors) {
  const on = !state.layersOff.has(layer.id);
  const counts = new Map();
  // The events window loads records that ended in it too; only those on the map are counted.
  const onMap = layer.features.filter(f => shownIn(f.properties, state));
  for (const f of onMap) counts.set(f.properties.actor, (counts.get(f.properties.actor) ?? 0) + 1);
  const hiddenHere = [...state.actorsOff].filter(key => key.startsWith(layer.id + ':')).map(key => key.slice(layer.id.length + 1));
  const actorIds = [...new Set([...layer.actorIds(), ...hiddenHere])];
  const rows = actorIds.map(actorId => `
    <li><label><input type="checkbox" data-layer="${escape(layer.id)}" data-actor="${escape(actorId)}"
      ${state.actorsOff.has(`${layer.id}:${actorId}`) ? '' : 'checked'} ${on ? '' : 'disabled'}>
      ${swatch(actorColour(actors, actorId))}${escape(localName(actors.get(actorId)) || actorId)}
      ${layer.tiled ? '' : `<span class="count">(${counts.get(actorId) ?? 0})</span>`}</label></li>`).join('');
  // A tiled layer holds no feature list: its size is the server's, and it is drawn from vector tiles.
  const size = layer.tiled ? t('tiledCount', { n: (layer.collection.featureCount ?? 0).toLocaleString() }) : onMap.length;
  return `<fieldset class="layer-group" data-layer="${escape(layer.id)}" aria-busy="${Boolean(layer.busy)}">
    <legend><label><input type="checkbox" data-layer="${escape(layer.id)}" ${on ? 'checked' : ''}>${escape(layerTitle(layer.collection))}</label>
      <span class="count">(${escape(size)})</span>
      <span class="layer-busy"${layer.busy ? '' : ' hidden'}><span class="spinner" aria-hidden="true"></span>${t('loading')}</span></legend>
    <ul class="actor-toggles">${rows}</ul></fieldset>`;
}

export function createLayerPanel(container, { onToggleLayer, onToggleActor }) {
  container.addEventListener('change', event => {
    const input = event.target;
    if (input.type !== 'checkbox' || !input.dataset.layer) return;
    if (input.dataset.actor) onToggleActor(input.dataset.layer, input.dataset.actor, input.checked);
    else onToggleLayer(input.dataset.layer, input.checked);
  });
  return {
    /** Shows or hides a layer's "Loading…" without redrawing the panel. */
    showBusy(layerId, busy) {
      const group = [...container.querySelectorAll('fieldset[data-layer]')].find(g => g.dataset.layer === layerId);
      if (!group) return;
      group.setAttribute('aria-busy', String(busy));
      group.querySelector('.layer-busy').hidden = !busy;
    },
    render(layers, state, actors) {
      // Re-rendering replaces the inputs: put keyboard focus back on the same toggle.
      const focused = container.contains(document.activeElement) ? document.activeElement : null;
      const key = focused && `input[data-layer="${focused.dataset.layer}"]`
        + (focused.dataset.actor ? `[data-actor="${focused.dataset.actor}"]` : ':not([data-actor])');
      // A layer with no record anywhere near the chosen period has nothing to switch: it is left out until then.
      const listed = layers.filter(layer => layer.features.length || layer.spans(state) || state.layersOff.has(layer.id));
      container.innerHTML = `<h2>${t('layers')}</h2>` + listed.map(layer => groupHtml(layer, state, actors)).join('');
      if (key) container.querySelector(key)?.focus();
    },
  };
}

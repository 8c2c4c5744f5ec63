// Which layers are loading: a visible "Loading…" on the layer's group in the layer panel (with aria-busy) and a
// polite announcement in the page's status line; the status line says what is shown once the map is drawn.
import { t } from './i18n.js';

export function createLoading({ panel, status, title }) {
  return {
    start(layer) {
      layer.busy = true;
      panel.showBusy(layer.id, true);
      status.textContent = t('loadingLayer', { layer: title(layer) });
    },
    stop(layer) {
      layer.busy = false;
      panel.showBusy(layer.id, false);
    },
  };
}

// The legend: one line per actor present in the data, in plain words.
import * as L from 'leaflet';

export const Legend = L.Control.extend({
  options: { position: 'bottomright' },

  initialize(actors, options) {
    L.setOptions(this, options);
    this._actors = actors;
  },

  onAdd() {
    const div = L.DomUtil.create('section', 'legend');
    div.setAttribute('aria-label', 'Legend');
    const rows = [...this._actors.values()].map(a =>
      `<div class="legend-actor" data-actor="${a.id}"><span class="swatch" style="background:${a.colour}"></span>${a.name}</div>`);
    div.innerHTML = `<h2>Forces</h2>${rows.join('')}<div class="legend-note">Dashed outline: approximate position</div>`;
    return div;
  },
});

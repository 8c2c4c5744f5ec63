// Every presence feature of every date, loaded once on demand: search and feature history need records that the
// chosen date does not show.
import { fetchAllItems } from './api.js';

let loading = null;

/** Map of feature id → feature across all presence collections (all dates). */
export function allFeatures(collections) {
  loading ??= Promise.all(collections.map(c => fetchAllItems(c.id)))
    .then(lists => new Map(lists.flat().map(f => [f.id, f])));
  return loading;
}

/** After a change, the next search or history reads every record again. */
export const forgetFeatures = () => { loading = null; };

/** Earlier records of the same site (following predecessor links) and the later ones that name this one. */
export function historyOf(feature, byId) {
  const before = [];
  const seen = new Set([feature.id]);
  for (let id = feature.properties.predecessor; id && !seen.has(id) && byId.has(id); id = byId.get(id).properties.predecessor) {
    seen.add(id);
    before.unshift(byId.get(id));
  }
  const after = [...byId.values()].filter(f => f.properties.predecessor === feature.id);
  return { before, after };
}

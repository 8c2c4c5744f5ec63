// Every presence feature of every date, loaded once on demand: a selection (a permalink's sel=) may name a record
// that the chosen date does not show.
import { fetchAllItems } from './api.js';

let loading = null;

/** Map of feature id → feature across all presence collections (all dates). */
export function allFeatures(collections) {
  loading ??= Promise.all(collections.map(c => fetchAllItems(c.id)))
    .then(lists => new Map(lists.flat().map(f => [f.id, f])));
  return loading;
}

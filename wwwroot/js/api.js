// The map's only door to the server's JSON: the GeoJSON API of this same origin. Only bbox, datetime, limit and offset are
// sent (the API rejects unknown parameters); paging follows the server's own next links.

async function getJson(path, signal) {
  const response = await fetch(path, { headers: { Accept: 'application/geo+json, application/json' }, signal });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

export const fetchCollections = async () => (await getJson('collections')).collections;
export const fetchActors = () => getJson('actors');
export const fetchRegions = () => getJson('regions');
export const fetchClientConfig = () => getJson('client-config');

/** Records and towns whose names match a query, best first (GET /search). */
export const searchNames = async (query, signal) =>
  (await getJson(`search?${new URLSearchParams({ q: query.slice(0, 100), limit: '12' })}`, signal)).features;

/** One feature by collection and id. */
export const fetchItem = (collectionId, featureId, signal = undefined) =>
  getJson(`collections/${encodeURIComponent(collectionId)}/items/${encodeURIComponent(featureId)}`, signal);

/** Every feature of a collection matching { datetime, bbox }, following next links page by page. */
export async function fetchAllItems(collectionId, params = {}, signal = undefined) {
  const query = new URLSearchParams({ limit: '10000' });
  for (const name of ['bbox', 'datetime']) if (params[name]) query.set(name, params[name]);
  let url = `collections/${encodeURIComponent(collectionId)}/items?${query}`;
  const features = [];
  while (url) {
    const page = await getJson(url, signal);
    features.push(...page.features);
    url = page.links?.find(link => link.rel === 'next')?.href ?? null;
  }
  return features;
}

/** One page of a collection's features for { bbox, datetime, limit }; `more` when the server has a next page. */
export async function fetchItemsPage(collectionId, params, signal = undefined) {
  const query = new URLSearchParams();
  for (const name of ['bbox', 'datetime', 'limit']) if (params[name] != null) query.set(name, String(params[name]));
  const page = await getJson(`collections/${encodeURIComponent(collectionId)}/items?${query}`, signal);
  return { features: page.features, more: Boolean(page.links?.some(link => link.rel === 'next')) };
}

/** One feature with every property, or null when the collection has no such feature. */
export async function fetchFeature(collectionId, featureId, signal = undefined) {
  const response = await fetch(`collections/${encodeURIComponent(collectionId)}/items/${encodeURIComponent(featureId)}`,
    { headers: { Accept: 'application/geo+json' }, signal });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${collectionId}/${featureId}: HTTP ${response.status}`);
  return response.json();
}

// The map's only door to the server's JSON: the GeoJSON API of this same origin. Only bbox, datetime, limit and offset are
// sent (the API rejects unknown parameters); paging follows the server's own next links.

/** "As recorded on": when set, every items request asks for the layer as the database held it then (recorded-at). */
let recordedAt = null;
export const setRecordedAt = value => { recordedAt = value || null; };
const withRecordedAt = query => { if (recordedAt) query.set('recorded-at', recordedAt); return query; };

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
  let url = `collections/${encodeURIComponent(collectionId)}/items?${withRecordedAt(query)}`;
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
  const page = await getJson(`collections/${encodeURIComponent(collectionId)}/items?${withRecordedAt(query)}`, signal);
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

const itemPath = (collectionId, featureId) =>
  `collections/${encodeURIComponent(collectionId)}/items` + (featureId ? `/${encodeURIComponent(featureId)}` : '');

/** One feature and its ETag (the version a change must name in If-Match). */
export async function fetchFeatureForEdit(collectionId, featureId) {
  const response = await fetch(itemPath(collectionId, featureId), { headers: { Accept: 'application/geo+json' }, cache: 'no-store' });
  if (!response.ok) throw new Error(`${collectionId}/${featureId}: HTTP ${response.status}`);
  return { feature: await response.json(), etag: response.headers.get('ETag') };
}

/** Every recorded version of a feature, oldest first (who, when, why, sources, differences). */
export const fetchHistory = (collectionId, featureId) => getJson(`${itemPath(collectionId, featureId)}/history`);

/**
 * A write of OGC API – Features Part 4: POST (no featureId), PUT, PATCH or DELETE, with the editor's key, the comment
 * (header Map-Comment, percent-encoded) and the version it changes (If-Match). Resolves to { ok, status, problem, etag, location }.
 */
export async function writeFeature(method, collectionId, featureId, body, { key, etag, comment, sources = [] }) {
  const headers = { Authorization: `Bearer ${key}`, 'Map-Comment': encodeURIComponent(comment ?? '') };
  if (etag) headers['If-Match'] = etag;
  if (body) headers['Content-Type'] = method === 'PATCH' ? 'application/merge-patch+json' : 'application/geo+json';
  const init = { method, headers, body: body ? JSON.stringify(body) : undefined };
  const [source] = sources;
  if (source) init.headers['Map-Source'] = `${encodeURIComponent(source.url)} ${source.published ?? ''}`.trim();
  const response = await fetch(itemPath(collectionId, featureId), init);
  const problem = response.ok ? null : await response.json().catch(() => ({ detail: `HTTP ${response.status}` }));
  return { ok: response.ok, status: response.status, problem, etag: response.headers.get('ETag'), location: response.headers.get('Location') };
}

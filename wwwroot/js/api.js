// The map's only door to the server: the GeoJSON API of this same origin.

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json, application/geo+json' } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

export const fetchCollections = async () => (await getJson('collections')).collections;
export const fetchActors = () => getJson('actors');
export const fetchRegions = () => getJson('regions');

/** Every feature of a collection, following next links page by page. */
export async function fetchAllItems(collectionId, params = {}) {
  const query = new URLSearchParams({ limit: '10000', ...params });
  let url = `collections/${encodeURIComponent(collectionId)}/items?${query}`;
  const features = [];
  while (url) {
    const page = await getJson(url);
    features.push(...page.features);
    url = page.links?.find(link => link.rel === 'next')?.href ?? null;
  }
  return { type: 'FeatureCollection', features };
}

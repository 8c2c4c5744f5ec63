// The one escaping helper: every module that writes text from the data, the server or the address bar into HTML
// text or attributes passes it through escapeHtml (names, notes, sources, actor and region names, dates, ids), and
// every link from the data through safeUrl.

const entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value: <img src=x onerror=…> shows as those characters. */
export const escapeHtml = value => String(value ?? '').replace(/[&<>"']/g, c => entities[c]);

/** A URL from the data as a link target: http(s) only, escaped; anything else (javascript:, data:…) gives null. */
export function safeUrl(url) {
  try {
    const parsed = new URL(String(url), location.href);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? escapeHtml(parsed.href) : null;
  } catch {
    return null;
  }
}

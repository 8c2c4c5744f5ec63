// The one escaping helper: every module that writes data into HTML text or attributes goes through it.
const entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = text => String(text ?? '').replace(/[&<>"']/g, c => entities[c]);

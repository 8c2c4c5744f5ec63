// The feature popup: names in both languages, actor, kind, dates, confidence and clickable sources.

const escape = text => String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

export function formatDates({ validFrom, validTo, datePrecision }) {
  const precision = datePrecision && datePrecision !== 'day' ? ` (to the ${datePrecision})` : '';
  return `${validFrom} – ${validTo ?? 'present'}${precision}`;
}

export function popupHtml(feature, actors) {
  const p = feature.properties;
  const actor = actors.get(p.actor);
  const sources = (p.sources ?? []).map(s =>
    `<li><a href="${escape(s.url)}" target="_blank" rel="noopener noreferrer">${escape(s.title)}</a>${s.published ? ` (${escape(s.published)})` : ''}</li>`).join('');
  return `<article class="feature-popup">
    <h3>${escape(p.name)}</h3>
    ${p.nameAr ? `<p class="name-ar" lang="ar" dir="rtl">${escape(p.nameAr)}</p>` : ''}
    <dl>
      <dt>Actor</dt><dd>${escape(actor?.name ?? p.actor ?? 'unknown')}</dd>
      <dt>Kind</dt><dd>${escape(p.kind)}</dd>
      <dt>Dates</dt><dd>${escape(formatDates(p))}</dd>
      <dt>Confidence</dt><dd>${Math.round((p.confidence ?? 0) * 100)}%</dd>
      ${p.approximate ? `<dt>Position</dt><dd>approximate${p.accuracyMeters ? ` (±${escape(p.accuracyMeters)} m)` : ''}</dd>` : ''}
    </dl>
    <strong>Sources</strong><ul class="sources">${sources}</ul>
  </article>`;
}

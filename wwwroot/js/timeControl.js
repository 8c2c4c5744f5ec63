// The "as of" date: a date field, a slider over the data's whole time range, step and play; and the switch into
// compare mode with its two dates. It only reports choices; main.js loads what they mean. Dates are typed and shown
// as YYYY-MM-DD, like every date on the page (a browser date field would show the browser's own format), and
// "today" is said when the date is today.
import { t } from './i18n.js';
import { escapeHtml } from './escape.js';

const dayMs = 86_400_000;
export const toDay = iso => Math.round(Date.parse(iso + 'T00:00:00Z') / dayMs);
export const fromDay = day => new Date(day * dayMs).toISOString().slice(0, 10);

/** Adds n days, months or years to a date (month steps keep the day where the month allows). */
export function addStep(iso, unit, n) {
  const d = new Date(iso + 'T00:00:00Z');
  if (unit === 'day') d.setUTCDate(d.getUTCDate() + n);
  if (unit === 'month') d.setUTCMonth(d.getUTCMonth() + n);
  if (unit === 'year') d.setUTCFullYear(d.getUTCFullYear() + n);
  return d.toISOString().slice(0, 10);
}

const clamp = (iso, min, max) => iso < min ? min : iso > max ? max : iso;
export const today = () => new Date().toISOString().slice(0, 10);
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
/** A typed date if it is a real calendar day (2020-02-30 is not), else null. */
export const parseIsoDate = text => {
  const value = String(text ?? '').trim();
  return isoDate.test(value) && new Date(value + 'T00:00:00Z').toISOString().startsWith(value) ? value : null;
};
const dateField = (id, min, max, label = '') =>
  `<input type="text" id="${id}" class="date-field" inputmode="numeric" autocomplete="off" spellcheck="false" size="10" maxlength="10"
    placeholder="YYYY-MM-DD" pattern="\\d{4}-\\d{2}-\\d{2}" min="${escapeHtml(min)}" max="${escapeHtml(max)}" dir="ltr"${label}>`;

export function createTimeControl(container, { min, max, onDate, onCompare }) {
  container.innerHTML = `
    <div class="time-main">
      <label class="time-date"><span>${t('asOf')}</span>
        ${dateField('date-input', min, max, ' required')}</label>
      <span class="today-badge" hidden>${t('today')}</span>
      <button type="button" class="step-back" aria-label="${t('stepBack')}" title="${t('stepBack')}">|◀</button>
      <button type="button" class="play" aria-label="${t('play')}" aria-pressed="false" title="${t('play')}">▶</button>
      <button type="button" class="step-forward" aria-label="${t('stepForward')}" title="${t('stepForward')}">▶|</button>
      <label class="time-step"><span>${t('step')}</span>
        <select class="step-unit">${['day', 'month', 'year'].map(unit =>
          `<option value="${unit}"${unit === 'month' ? ' selected' : ''}>${t(unit)}</option>`).join('')}</select></label>
      <input type="range" class="date-slider" id="date-slider" aria-label="${t('dateSlider')}"
        min="${escapeHtml(toDay(min))}" max="${escapeHtml(toDay(max))}" step="1">
      <span class="events-slot"></span>
    </div>
    <div class="time-compare">
      <label><input type="checkbox" class="compare-toggle"> ${t('compare')}</label>
      <span class="compare-dates" hidden>
        <label>${t('compareFrom')} ${dateField('compare-from', min, max)}</label>
        <label>${t('compareTo')} ${dateField('compare-to', min, max)}</label>
      </span>
    </div>`;
  const $ = selector => container.querySelector(selector);
  const dateInput = $('#date-input'), slider = $('#date-slider'), play = $('.play'), unit = $('.step-unit');
  const compareToggle = $('.compare-toggle'), compareDates = $('.compare-dates'), from = $('#compare-from'), to = $('#compare-to');
  let current = max;
  let playing = false;

  const todayBadge = $('.today-badge');
  const show = iso => {
    current = iso; dateInput.value = iso; dateInput.removeAttribute('aria-invalid');
    slider.value = String(toDay(iso));
    slider.setAttribute('aria-valuetext', iso === today() ? `${iso} (${t('today')})` : iso);
    todayBadge.hidden = iso !== today();
  };
  const choose = async (iso, options) => {
    iso = clamp(iso, min, max);
    if (iso === current && !options?.force) return;
    show(iso);
    await onDate(iso, options);
  };

  dateInput.addEventListener('change', () => {
    const typed = parseIsoDate(dateInput.value);
    if (typed) choose(typed, { push: true });
    else dateInput.setAttribute('aria-invalid', 'true');
  });
  slider.addEventListener('input', () => { dateInput.value = fromDay(Number(slider.value)); });
  slider.addEventListener('change', () => choose(fromDay(Number(slider.value)), { push: true }));
  $('.step-back').addEventListener('click', () => choose(addStep(current, unit.value, -1), { push: true }));
  $('.step-forward').addEventListener('click', () => choose(addStep(current, unit.value, 1), { push: true }));

  const setPlaying = on => {
    playing = on;
    play.textContent = on ? '❚❚' : '▶';
    play.setAttribute('aria-pressed', String(on));
    play.setAttribute('aria-label', on ? t('pause') : t('play'));
  };
  play.addEventListener('click', async () => {
    if (playing) { setPlaying(false); return; }
    setPlaying(true);
    if (current >= max) show(min);
    // Each step waits for its data before the next one, so playing never piles up requests.
    while (playing && current < max) {
      await choose(addStep(current, unit.value, 1));
      await new Promise(resolve => setTimeout(resolve, 700));
    }
    setPlaying(false);
  });

  const reportCompare = () => {
    const [a, b] = [parseIsoDate(from.value), parseIsoDate(to.value)];
    if (a && b) onCompare(a <= b ? [a, b] : [b, a]);
  };
  compareToggle.addEventListener('change', () => {
    compareDates.hidden = !compareToggle.checked;
    if (!compareToggle.checked) { onCompare(null); return; }
    from.value ||= clamp(addStep(current, 'year', -1), min, max);
    to.value ||= current;
    reportCompare();
  });
  from.addEventListener('change', reportCompare);
  to.addEventListener('change', reportCompare);

  return {
    get date() { return current; },
    /** Shows a date or a compare pair chosen elsewhere (a permalink, back/forward) without reporting it back. */
    show(date, compare) {
      show(clamp(date ?? max, min, max));
      compareToggle.checked = Boolean(compare);
      compareDates.hidden = !compare;
      if (compare) [from.value, to.value] = compare;
      slider.disabled = dateInput.disabled = Boolean(compare);
    },
    stop: () => setPlaying(false),
    /** Where the events-window control goes (main.js fills it). */
    eventsSlot: $('.events-slot'),
  };
}

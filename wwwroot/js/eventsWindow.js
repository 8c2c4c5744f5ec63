// The events window: encounters and strikes are one-day records, so on most dates none is shown. "Last 7 / 30 / 90
// days" shows those of the days before the chosen date as well; lasting records (bases, zones) still show only when
// present on the date itself. The window is part of the URL state (ev=30).
import { addStep } from './timeControl.js';
import { t } from './i18n.js';

export const windowChoices = [0, 7, 30, 90];
/** Kinds that are events rather than presence: the window applies to them only. */
export const eventKinds = new Set(['encounter', 'collision', 'stand-off', 'strike', 'clash']);

const firstDayOf = (date, days) => addStep(date, 'day', -(days - 1));

/** The API's datetime for a date: the date itself, or the whole window when one is chosen. */
export const datetimeFor = (date, days) => days ? `${firstDayOf(date, days)}/${date}` : date;

/** Whether a loaded feature belongs on the map for the state's date and window (compare mode shows everything loaded). */
export function shownIn(properties, state) {
  if (state.compare) return true;
  const date = state.date;
  const from = state.eventsDays && eventKinds.has(properties.kind) ? firstDayOf(date, state.eventsDays) : date;
  return properties.validFrom <= date && (!properties.validTo || properties.validTo >= from);
}

/** Days between an event and the chosen date, for the details panel ("12 days before 2020-09-10"). */
export const daysBefore = (properties, date) =>
  Math.round((Date.parse(date) - Date.parse(properties.validTo ?? properties.validFrom)) / 86_400_000);

/** The select in the time bar. */
export function createEventsWindowControl(container, { onChange }) {
  container.innerHTML = `<label class="events-window"><span>${t('eventsWindow')}</span>
    <select id="events-window">${windowChoices.map(days =>
      `<option value="${days}">${days ? t('lastDays', { n: days }) : t('onTheDay')}</option>`).join('')}</select></label>`;
  const select = container.querySelector('select');
  select.addEventListener('change', () => onChange(Number(select.value)));
  return { show: days => { select.value = String(windowChoices.includes(days) ? days : 0); select.disabled = false; } };
}

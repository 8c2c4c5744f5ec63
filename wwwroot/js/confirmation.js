// Honest time: when a record was last confirmed (its newest source, served by the API as lastConfirmed), and whether
// an open-ended record has gone unconfirmed for too long on the date shown (Map:UnconfirmedAfterMonths, default 12).
import { addStep } from './timeControl.js';

let months = 12;

/** Set once from /client-config. */
export function setUnconfirmedAfterMonths(value) {
  if (Number.isInteger(value) && value > 0) months = value;
}
export const unconfirmedAfterMonths = () => months;

/** A published date (YYYY, YYYY-MM or YYYY-MM-DD) as the first day it can mean. */
const firstDay = published => {
  const [y, m = '01', d = '01'] = String(published).split('-');
  return /^\d{4}$/.test(y) ? `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` : null;
};

/** The record's last confirmation: the API's lastConfirmed, else the newest dated source. */
export function lastConfirmed(properties) {
  if (properties.lastConfirmed) return properties.lastConfirmed;
  const dates = (properties.sources ?? []).map(s => s.published && firstDay(s.published)).filter(Boolean).sort();
  return dates.at(-1) ?? null;
}

/** For an open-ended record shown on `date`: the date it was last confirmed when that is more than N months before. */
export function unconfirmedSince(properties, date) {
  if (properties.validTo || !date) return null;
  const last = lastConfirmed(properties) ?? properties.validFrom;
  return last && addStep(last, 'month', months) < date ? last : null;
}

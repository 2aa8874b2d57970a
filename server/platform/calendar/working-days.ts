/**
 * Working-day arithmetic on the Chinese calendar (SPEC §2.3): Monday to Friday are working days, except the
 * statutory holidays of the State Council's yearly notice; a make-up working day (调休上班) is a working day even on a
 * Saturday or Sunday. Pure functions over `YYYY-MM-DD` strings (China Standard Time dates); every deadline of the
 * product (O2O SLAs now, publicity periods and appeals later) uses these.
 */

export type WorkCalendar = {
  holidays: ReadonlySet<string>;
  makeupWorkdays: ReadonlySet<string>;
  /** years whose schedule is still unconfirmed (statutory days only) */
  unconfirmedYears?: ReadonlySet<number>;
};

export const EMPTY_CALENDAR: WorkCalendar = { holidays: new Set(), makeupWorkdays: new Set() };

const DAY_MS = 86_400_000;
const CST_MS = 8 * 3_600_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function toUtcMs(date: string): number {
  if (!DATE_RE.test(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`not a valid date: ${date}`);
  return ms;
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addCalendarDays(date: string, n: number): string {
  return fromUtcMs(toUtcMs(date) + n * DAY_MS);
}

export function isValidDate(date: string): boolean {
  try {
    toUtcMs(date);
    return true;
  } catch {
    return false;
  }
}

/** A make-up working day is a working day; a holiday is not; otherwise Monday to Friday. */
export function isWorkingDay(date: string, cal: WorkCalendar): boolean {
  if (cal.makeupWorkdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const dow = new Date(toUtcMs(date)).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * The date `n` working days after `date` (the start date itself is not counted), e.g. accepted on Friday
 * 2016-09-30 + 3 working days = 2016-10-10 (10-01..07 National Day, 10-08 and 10-09 make-up days count).
 * `n = 0` gives `date` when it is a working day, else the next working day. Negative `n` counts backwards.
 */
export function addWorkingDays(date: string, n: number, cal: WorkCalendar): string {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be an integer: ${n}`);
  let ms = toUtcMs(date);
  if (n === 0) {
    while (!isWorkingDay(fromUtcMs(ms), cal)) ms += DAY_MS;
    return fromUtcMs(ms);
  }
  const step = n > 0 ? DAY_MS : -DAY_MS;
  let left = Math.abs(n);
  // 3,700 calendar days cover any realistic span; a guard against a calendar with no working days at all.
  for (let guard = 0; left > 0; guard++) {
    if (guard > 3700 + Math.abs(n) * 3) throw new RangeError('calendar has no working days in range');
    ms += step;
    if (isWorkingDay(fromUtcMs(ms), cal)) left--;
  }
  return fromUtcMs(ms);
}

/**
 * Working days in the half-open interval (a, b]: how many working days after `a` up to and including `b`, so
 * `workingDaysBetween(a, addWorkingDays(a, n)) === n` for n ≥ 1. Negative when b < a; 0 when equal.
 */
export function workingDaysBetween(a: string, b: string, cal: WorkCalendar): number {
  const from = toUtcMs(a);
  const to = toUtcMs(b);
  if (to === from) return 0;
  const sign = to > from ? 1 : -1;
  const [lo, hi] = sign > 0 ? [from, to] : [to, from];
  let count = 0;
  for (let ms = lo + DAY_MS; ms <= hi; ms += DAY_MS) if (isWorkingDay(fromUtcMs(ms), cal)) count++;
  return sign * count;
}

/** The China Standard Time date of an instant. */
export function cstDate(at: Date): string {
  return new Date(at.getTime() + CST_MS).toISOString().slice(0, 10);
}

/** The last millisecond of a CST date as an instant (a deadline "by the end of that day"). */
export function endOfCstDay(date: string): Date {
  return new Date(toUtcMs(date) + DAY_MS - CST_MS - 1);
}

/**
 * A deadline `n` working days after the instant `at` (CST), at the end of that day. `n = 0` means the same day
 * (URGENT matters): the end of the day of `at`, whatever kind of day it is.
 */
export function workingDeadline(at: Date, n: number, cal: WorkCalendar): Date {
  const day = cstDate(at);
  return endOfCstDay(n === 0 ? day : addWorkingDays(day, n, cal));
}

/** Whole working days from one instant to another, counted on CST dates ((a, b], as workingDaysBetween). */
export function workingDaysFromTo(a: Date, b: Date, cal: WorkCalendar): number {
  return workingDaysBetween(cstDate(a), cstDate(b), cal);
}

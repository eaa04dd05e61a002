/**
 * Dates and months in the cell's time zone (always Asia/Ho_Chi_Minh, whatever the server's).
 * A calendar day is a `LocalDate` string 'YYYY-MM-DD', a month a `Month` 'YYYY-MM';
 * instants are `Date`s or ISO strings. Nothing here reads the clock.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import 'dayjs/locale/vi.js';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('vi');

export const TZ = 'Asia/Ho_Chi_Minh';

export type LocalDate = string; // 'YYYY-MM-DD'
export type Month = string; // 'YYYY-MM'
export type HourMinute = string; // 'HH:mm'

/** Calendar day of an instant in Vietnam. */
export function localDate(at: Date | string): LocalDate {
  return dayjs(at).tz(TZ).format('YYYY-MM-DD');
}

/** 'HH:mm' of an instant in Vietnam. */
export function localTime(at: Date | string): HourMinute {
  return dayjs(at).tz(TZ).format('HH:mm');
}

export function monthOfDate(d: LocalDate): Month {
  return d.slice(0, 7);
}

export function localMonth(at: Date | string): Month {
  return monthOfDate(localDate(at));
}

export function yearOf(d: LocalDate | Month): number {
  return Number(d.slice(0, 4));
}

/** The instant a local day and time happen in Vietnam. */
export function instantAt(d: LocalDate, time: HourMinute = '00:00'): Date {
  return dayjs.tz(`${d} ${time}`, 'YYYY-MM-DD HH:mm', TZ).toDate();
}

export function addDays(d: LocalDate, n: number): LocalDate {
  return dayjs.utc(d).add(n, 'day').format('YYYY-MM-DD');
}

/**
 * Month arithmetic on 'YYYY-MM' strings by integers: planners and figures walk thousands
 * of member-months a minute, and a date library costs microseconds per step.
 */
const monthNumber = (m: Month) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const monthOfNumber = (n: number): Month => `${Math.floor(n / 12)}-${pad2((n % 12) + 1)}`;

export function addMonths(m: Month, n: number): Month {
  return monthOfNumber(monthNumber(m) + n);
}

/** Months from `from` to `to`, both included; empty when from > to. */
export function monthRange(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let n = monthNumber(from), end = monthNumber(to); n <= end; n++) out.push(monthOfNumber(n));
  return out;
}

export function daysInMonth(m: Month): number {
  return dayjs.utc(`${m}-01`).daysInMonth();
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(d: LocalDate): number {
  return dayjs.utc(d).day();
}

export function daysBetween(a: LocalDate, b: LocalDate): number {
  return dayjs.utc(b).diff(dayjs.utc(a), 'day');
}

/** 'dd/mm/yyyy' */
export function formatDate(d: LocalDate): string {
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}

/** 'mm/yyyy' */
export function formatMonth(m: Month): string {
  return `${m.slice(5, 7)}/${m.slice(0, 4)}`;
}

export function isLocalDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = dayjs.utc(s);
  return d.isValid() && d.format('YYYY-MM-DD') === s;
}

/** Two-digit zero-padded count, the way the reference report writes figures ("09 đảng viên"). */
export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

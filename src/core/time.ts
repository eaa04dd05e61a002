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

/**
 * The zone's offset from UTC at an instant, read from the platform's zone database (Intl)
 * and remembered per UTC day: the planners convert thousands of instants a minute, and
 * the offset of Asia/Ho_Chi_Minh has not changed since 1975. (dayjs' timezone plugin gets
 * some hours wrong when the server's own zone changes to summer time, so it is not used
 * for conversions.)
 */
const zoneParts = new Intl.DateTimeFormat('en-US', { timeZone: TZ, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
const offsets = new Map<number, number>();
function offsetAt(ms: number): number {
  const day = Math.floor(ms / 86_400_000);
  let o = offsets.get(day);
  if (o === undefined) {
    const at = day * 86_400_000 + 43_200_000;
    const p = Object.fromEntries(zoneParts.formatToParts(at).map((x) => [x.type, Number(x.value)]));
    o = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - at;
    offsets.set(day, o);
  }
  return o;
}

const msOf = (at: Date | string) => (typeof at === 'string' ? Date.parse(at) : at.getTime());

/** Calendar day of an instant in Vietnam. */
export function localDate(at: Date | string): LocalDate {
  const ms = msOf(at);
  return new Date(ms + offsetAt(ms)).toISOString().slice(0, 10);
}

/** 'HH:mm' of an instant in Vietnam. */
export function localTime(at: Date | string): HourMinute {
  const ms = msOf(at);
  return new Date(ms + offsetAt(ms)).toISOString().slice(11, 16);
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
  const wall = Date.parse(`${d}T${time}:00.000Z`);
  let ms = wall - offsetAt(wall);
  const o = offsetAt(ms);
  if (wall - o !== ms) ms = wall - o;
  return new Date(ms);
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

/** How many months `b` is after `a` (negative when before). */
export function monthsBetween(a: Month, b: Month): number {
  return monthNumber(b) - monthNumber(a);
}

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

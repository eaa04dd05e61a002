/** The regular rule's occurrences and the other meetings: which meeting is when. */
import { own } from '../records.ts';
import { addDays, addMonths, daysInMonth, type HourMinute, instantAt, localDate, type LocalDate, type Month, monthOfDate, monthRange, pad2, weekday } from '../time.ts';
import type { MeetingRecord, MeetingRule, MeetingsData, MeetingView, Occurrence, RuleDay } from './model.ts';

const REGULAR_ID = /^r(\d{4})(\d{2})$/;

export function regularId(month: Month): string {
  return `r${month.replace('-', '')}`;
}

/** The rule in force for a month, if any. */
export function ruleFor(data: MeetingsData, month: Month): MeetingRule | undefined {
  let found: MeetingRule | undefined;
  for (const v of [...data.rules].sort((a, b) => a.from.localeCompare(b.from))) if (v.from <= month) found = v.rule;
  return found;
}

/** The newest rule (it may start next month): what /settings shows. */
export function latestRule(data: MeetingsData): MeetingRule | undefined {
  return [...data.rules].sort((a, b) => a.from.localeCompare(b.from)).at(-1)?.rule;
}

/** The day a rule gives in a month. */
export function ruleDate(on: RuleDay, month: Month): LocalDate {
  if (on.kind === 'day') return `${month}-${pad2(on.day)}`;
  if (on.week === 'last') {
    const last = `${month}-${pad2(daysInMonth(month))}`;
    return addDays(last, -((weekday(last) - on.weekday + 7) % 7));
  }
  const first = `${month}-01`;
  return addDays(first, ((on.weekday - weekday(first) + 7) % 7) + 7 * (on.week - 1));
}

export function startOf(date: LocalDate, time: HourMinute): string {
  return instantAt(date, time).toISOString();
}

/** The regular occurrence of a month (with its move or cancellation), if a rule applies. */
export function regularOccurrence(data: MeetingsData, month: Month): Occurrence | undefined {
  const rule = ruleFor(data, month);
  if (!rule) return undefined;
  const id = regularId(month);
  const rec = data.records[id];
  const date = rec?.date ?? ruleDate(rule.on, month);
  const time = rec?.time ?? rule.time;
  const place = rec?.place ?? rule.place;
  return {
    id,
    kind: 'regular',
    month,
    date,
    time,
    place,
    ...(rec?.topic ? { topic: rec.topic } : {}),
    start: startOf(date, time),
    cancelled: Boolean(rec?.cancelled),
    moved: Boolean(rec?.date || rec?.time || rec?.place),
    ...(rec ? { record: rec } : {}),
  };
}

export function extraOccurrence(rec: MeetingRecord): Occurrence | undefined {
  if (rec.kind === 'regular' || !rec.date || !rec.time || rec.place === undefined) return undefined;
  return {
    id: rec.id,
    kind: rec.kind,
    month: monthOfDate(rec.date),
    date: rec.date,
    time: rec.time,
    place: rec.place,
    ...(rec.topic ? { topic: rec.topic } : {}),
    start: startOf(rec.date, rec.time),
    cancelled: Boolean(rec.cancelled),
    moved: false,
    record: rec,
  };
}

/** Any occurrence by its id. */
export function occurrence(data: MeetingsData, id: string): Occurrence | undefined {
  const m = REGULAR_ID.exec(id);
  if (m) return regularOccurrence(data, `${m[1]}-${m[2]}`);
  const rec = own(data.records, id);
  return rec ? extraOccurrence(rec) : undefined;
}

/** Every occurrence (cancelled included) whose date is within [from, to], by start. */
export function occurrencesBetween(data: MeetingsData, from: LocalDate, to: LocalDate): Occurrence[] {
  const out = new Map<string, Occurrence>();
  // A regular meeting can be moved a little outside its month: look one month around.
  for (const month of monthRange(addMonths(monthOfDate(from), -1), addMonths(monthOfDate(to), 1))) {
    const o = regularOccurrence(data, month);
    if (o) out.set(o.id, o);
  }
  for (const rec of Object.values(data.records)) {
    if (!rec.date) continue;
    const o = occurrence(data, rec.id);
    if (o) out.set(o.id, o);
  }
  return [...out.values()].filter((o) => o.date >= from && o.date <= to).sort((a, b) => a.start.localeCompare(b.start));
}

/** The meetings still to come (not cancelled), soonest first, within `days`. */
export function upcoming(data: MeetingsData, now: Date, days = 120): Occurrence[] {
  const today = localDate(now);
  return occurrencesBetween(data, today, addDays(today, days)).filter((o) => !o.cancelled && Date.parse(o.start) > now.getTime());
}

/** Meetings that started in the last `days` days and were not cancelled (for attendance and minutes). */
export function recentlyStarted(data: MeetingsData, now: Date, days = 14): Occurrence[] {
  const today = localDate(now);
  return occurrencesBetween(data, addDays(today, -days), today)
    .filter((o) => !o.cancelled && Date.parse(o.start) <= now.getTime())
    .reverse();
}

/** The meeting has started: its start has passed, or its attendance was taken. */
export function hasStarted(o: Pick<Occurrence, 'start' | 'record'>, now: Date): boolean {
  return Date.parse(o.start) <= now.getTime() || Boolean(o.record?.attendance);
}

/** CONTRACT used by the dues feature: the local date of the month's regular meeting, if it takes place. */
export function regularMeetingDate(data: MeetingsData, month: Month): LocalDate | undefined {
  const o = regularOccurrence(data, month);
  return o && !o.cancelled ? o.date : undefined;
}

/** A themed meeting: on its own, or combined with the monthly one (a regular meeting with a topic). */
export function isThemed(o: Pick<Occurrence, 'kind' | 'topic'>): boolean {
  return o.kind === 'themed' || (o.kind === 'regular' && Boolean(o.topic));
}

export function viewOf(o: Occurrence): MeetingView {
  return { kind: o.kind, month: o.month, date: o.date, time: o.time, place: o.place, ...(o.topic ? { topic: o.topic } : {}) };
}

/** Typed answers: the rule's day, a reminder lead, a date and time, a place, minutes. */
import { fail, ok, type Result } from '../result.ts';
import { type HourMinute, instantAt, type LocalDate } from '../time.ts';
import { parseDate, parseTime, validShortText } from '../validate.ts';
import { LEAD_MAX, LEAD_MIN, type RuleDay } from './model.ts';

/** A day of the month for the rule: 1–28 (every month has them). */
export function parseRuleDay(input: string): Result<number> {
  const s = input.trim().replace(/^ngày\s*/iu, '');
  if (!/^\d{1,2}$/.test(s)) return fail('meeting.dayFormat');
  return checkDay(Number(s));
}

function checkDay(d: number): Result<number> {
  return Number.isInteger(d) && d >= 1 && d <= 28 ? ok(d) : fail('meeting.dayRange', { day: d });
}

/** A rule's day as given (by a dialog's buttons or a typed day): 1–28, or a weekday of a week. */
export function checkRuleDay(on: RuleDay): Result<RuleDay> {
  if (on.kind === 'day') {
    const d = checkDay(on.day);
    return d.ok ? ok(on) : d;
  }
  const valid = Number.isInteger(on.weekday) && on.weekday >= 0 && on.weekday <= 6 && [1, 2, 3, 4, 'last'].includes(on.week);
  return valid ? ok(on) : fail('meeting.weekInvalid');
}

/**
 * A reminder lead: "3 ngày", "3d", "2 giờ", "2h", "90 phút", "30p", "1 tuần".
 * Between LEAD_MIN minutes and LEAD_MAX (14 days).
 */
export function parseLead(input: string): Result<number> {
  const s = input.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
  const m = /^(\d{1,4})\s*(ngày|ngay|d|giờ|gio|tiếng|tieng|h|g|phút|phut|p|m|tuần|tuan|w)$/u.exec(s);
  if (!m) return fail('meeting.leadFormat');
  const n = Number(m[1]);
  const unit = m[2]!;
  const minutes = /^(ngày|ngay|d)$/u.test(unit) ? n * 1440 : /^(tuần|tuan|w)$/u.test(unit) ? n * 7 * 1440 : /^(phút|phut|p|m)$/u.test(unit) ? n : n * 60;
  if (minutes < LEAD_MIN || minutes > LEAD_MAX) return fail('meeting.leadRange', { min: LEAD_MIN, max: LEAD_MAX / 1440 });
  return ok(minutes);
}

/**
 * A new date and time typed together: "12/12/2024 14:00", "12/12/2024 14h30", or only the
 * date when `keepTime` is given (a moved meeting keeps its hour). Must be after `now`.
 */
export function parseDateTime(input: string, now: Date, keepTime?: HourMinute): Result<{ date: LocalDate; time: HourMinute }> {
  const m = /^\s*(\S+)(?:\s+(?:lúc\s+)?(.+?))?\s*$/iu.exec(input.normalize('NFC'));
  const date = parseDate(m?.[1] ?? '');
  if (!date.ok) return date;
  let time: HourMinute;
  if (m?.[2]) {
    const t = parseTime(m[2]);
    if (!t.ok) return t;
    time = t.value;
  } else if (keepTime) time = keepTime;
  else return fail('meeting.timeMissing');
  if (instantAt(date.value, time).getTime() <= now.getTime()) return fail('meeting.newPast');
  return ok({ date: date.value, time });
}

/** A meeting place: not empty (it is what members need to know), at most 100 characters. */
export function validPlace(input: string): Result<string> {
  const r = validShortText(input, 100);
  return !r.ok && r.error.code === 'text.empty' ? fail('meeting.placeEmpty') : r;
}

/** A few lines of text (minutes): not empty, at most `max` characters; line breaks are kept. */
export function validLines(input: string, max: number): Result<string> {
  const s = input
    .normalize('NFC')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
  if (!s) return fail('text.empty');
  const length = [...s].length;
  if (length > max) return fail('text.long', { max, length });
  return ok(s);
}

/** The short id of a lead in reminder keys: "d3", "h2", "m90". */
export function leadId(minutes: number): string {
  if (minutes % 1440 === 0) return `d${minutes / 1440}`;
  if (minutes % 60 === 0) return `h${minutes / 60}`;
  return `m${minutes}`;
}

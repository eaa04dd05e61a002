/**
 * Meetings (SPEC §5): the regular monthly rule, occurrences (moved, cancelled, themed and
 * extraordinary ones), RSVPs, attendance, minutes, the reminder planner and the figures of
 * the reports. Pure: "now" is always a parameter; every date is local to Asia/Ho_Chi_Minh.
 *
 * Contract for other features (report, journal, dues):
 * - `regularMeetingDate(data, month)` → the local date of the month's regular meeting
 *   (moved date if moved; undefined when there is no rule or it was cancelled). Dues use it.
 * - `meetingYearFigures(data, members, year, asOf)` → `MeetingYearFigures`: for the
 *   annual report — meetings held vs planned (regular, themed, extraordinary) and per month,
 *   themed meetings held per quarter (a quarter that ended with none is `flagged`),
 *   attendance per held meeting and the average, absences per member with and without
 *   reason, and the members absent without reason in 3 months of the year (`flagged`).
 *   "Held" means attendance was taken (and the meeting not cancelled). "Planned" counts
 *   every month since the rule existed whose regular date is on or before `asOf` (a
 *   cancelled regular meeting is planned and not held), plus themed and extraordinary
 *   meetings scheduled on or before `asOf` and not cancelled.
 *   Members exempted from activity (state 'exempt' / 'temp_exempt' on the day) are not
 *   expected; only members 'active' on the meeting's day are.
 * - `meetingMonthSummary(data, month, asOf)` → for `/report 11/2024`: the
 *   regular meeting held or not (or cancelled / not yet), attendance of each held meeting.
 * - `meetingMinutes(data, year)` → the minutes of the year (date, content, resolution, by,
 *   at), which the journal lists under "Xây dựng Đảng".
 */
import type { PlannerInput, Planner } from './planner.ts';
import { secretaryChat } from './planner.ts';
import type { PlannedMessage } from './notices.ts';
import { fail, ok, type Result } from './result.ts';
import { stateOn, type Member } from './members.ts';
import { parseDate, parseTime, validShortText } from './validate.ts';
import {
  addDays,
  addMonths,
  daysInMonth,
  instantAt,
  localDate,
  localMonth,
  monthOfDate,
  monthRange,
  pad2,
  weekday,
  type HourMinute,
  type LocalDate,
  type Month,
} from './time.ts';
import { own } from './records.ts';

// ---------------------------------------------------------------- data

/** 1–4: first … fourth week; 'last': the last such weekday of the month. */
export type WeekOfMonth = 1 | 2 | 3 | 4 | 'last';

/** Which day of each month: a fixed day (1–28), or a weekday (0 = Sunday … 6) of a week. */
export type RuleDay = { kind: 'day'; day: number } | { kind: 'weekday'; weekday: number; week: WeekOfMonth };

export interface MeetingRule {
  on: RuleDay;
  time: HourMinute;
  place: string;
}

/** A rule applies from its month until the next version's month. */
export interface RuleVersion {
  from: Month;
  rule: MeetingRule;
  setAt: string;
  by: string;
}

export type MeetingKind = 'regular' | 'themed' | 'extraordinary';

/** A reminder: how long before the start, to the group or not, privately to whom. */
export interface ReminderSetting {
  minutes: number;
  group: boolean;
  private: 'all' | 'unanswered' | 'none';
}

export type ReminderSlot = ReminderSetting | null;

export const DEFAULT_REMINDERS: readonly ReminderSetting[] = [
  { minutes: 3 * 1440, group: true, private: 'all' },
  { minutes: 1440, group: false, private: 'unanswered' },
  { minutes: 120, group: true, private: 'none' },
];

/** Shortest and longest reminder lead. */
export const LEAD_MIN = 10;
export const LEAD_MAX = 14 * 1440;

export interface Rsvp {
  answer: 'yes' | 'no';
  reason?: string;
  at: string;
}

export type Presence = 'present' | 'excused' | 'unexcused';

export interface Mark {
  status: Presence;
  reason?: string;
}

export interface Attendance {
  takenAt: string;
  by: string;
  /** Member id → presence, for every member expected on the day. */
  marks: Record<string, Mark>;
  /** Set when the committee pressed "Xong". */
  closedAt?: string;
}

export interface Minutes {
  content: string;
  resolution: string;
  by: string;
  at: string;
}

/**
 * What is stored about one occurrence. A regular occurrence exists without a record (it
 * follows from the rule); its record holds a move, a cancellation, RSVPs and so on.
 * Themed and extraordinary meetings always have a record with their date, time and place.
 */
export interface MeetingRecord {
  id: string;
  kind: MeetingKind;
  /** Themed / extraordinary: the schedule. Regular: set only when this occurrence was moved. */
  date?: LocalDate;
  time?: HourMinute;
  place?: string;
  /**
   * Themed: the topic (chuyên đề); extraordinary: what it is about, if given; regular: the
   * topic of a themed meeting combined with the monthly one (the rules allow it).
   */
  topic?: string;
  createdAt?: string;
  createdBy?: string;
  /** Counts the announced changes (keys of the announcements). */
  rev: number;
  cancelled?: { at: string; by: string };
  rsvp: Record<string, Rsvp>;
  attendance?: Attendance;
  minutes?: Minutes;
}

export interface MeetingsData {
  rules: RuleVersion[];
  /** Three reminder slots, each on (a setting) or off (null). */
  reminders: ReminderSlot[];
  records: Record<string, MeetingRecord>;
  /** Year → members already flagged to the secretary for 3 months of unexcused absence. */
  absenceAlerts: Record<string, string[]>;
}

export function emptyMeetings(): MeetingsData {
  return { rules: [], reminders: DEFAULT_REMINDERS.map((r) => ({ ...r })), records: {}, absenceAlerts: {} };
}

/** An occurrence as it will happen (or happened). */
export interface Occurrence {
  id: string;
  kind: MeetingKind;
  /** The month whose meeting it is (a regular one keeps its month when moved). */
  month: Month;
  date: LocalDate;
  time: HourMinute;
  place: string;
  topic?: string;
  /** ISO instant of the start. */
  start: string;
  cancelled: boolean;
  /** A regular occurrence moved away from the rule's date, time or place. */
  moved: boolean;
  record?: MeetingRecord;
}

/** What a notice needs to say about a meeting. */
export type MeetingView = Pick<Occurrence, 'kind' | 'month' | 'date' | 'time' | 'place' | 'topic'>;

/** An announced change: moved (date, time or place), cancelled, added, or a monthly meeting made themed. */
export type MeetingChange = 'moved' | 'cancelled' | 'added' | 'themed';

/** Notices of the meetings feature (reminders, announcements, the secretary's alerts). */
export type MeetingNotice =
  | { kind: 'meeting.reminder'; cellId: string; occurrenceId: string; meeting: MeetingView; to: 'group' | 'member'; rsvp?: 'yes' | 'no' }
  | { kind: 'meeting.changed'; cellId: string; occurrenceId: string; change: MeetingChange; meeting: MeetingView; before?: MeetingView; to: 'group' | 'member' }
  | { kind: 'meeting.attendance'; cellId: string; occurrenceId: string; meeting: MeetingView }
  | { kind: 'meeting.absences'; name: string; year: number; months: Month[] };

// ---------------------------------------------------------------- the rule and occurrences

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

function startOf(date: LocalDate, time: HourMinute): string {
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

function extraOccurrence(rec: MeetingRecord): Occurrence | undefined {
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

// ---------------------------------------------------------------- changing the rule

/** Why a new rule applies from this month or only from the next one. */
export type RuleChangeReason =
  | 'first' // no rule before; this month's new date is still ahead
  | 'thisMonth' // this month's meeting follows the new rule
  | 'firstPassed' // no rule before; this month's new date has passed
  | 'held' // this month's meeting already started
  | 'cancelled' // this month's meeting was cancelled
  | 'moved' // this month's meeting was moved on its own: that move stays
  | 'passed'; // under the new rule this month's date has passed: it keeps its old date

export interface RuleChange {
  from: Month;
  reason: RuleChangeReason;
  /** This month's regular occurrence before the change. */
  before?: Occurrence;
  /** The date the new rule would give this month. */
  newDate: LocalDate;
}

/** Decides from which month a new rule applies when set at `now`. Pure; see `applyRule`. */
export function planRuleChange(data: MeetingsData, rule: MeetingRule, now: Date): RuleChange {
  const month = localMonth(now);
  const newDate = ruleDate(rule.on, month);
  const newStartPassed = Date.parse(startOf(newDate, rule.time)) <= now.getTime();
  const before = regularOccurrence(data, month);
  const next = addMonths(month, 1);
  if (!before) return { from: newStartPassed ? next : month, reason: newStartPassed ? 'firstPassed' : 'first', newDate };
  if (hasStarted(before, now)) return { from: next, reason: 'held', before, newDate };
  if (before.cancelled) return { from: next, reason: 'cancelled', before, newDate };
  if (before.moved) return { from: next, reason: 'moved', before, newDate };
  if (newStartPassed) return { from: next, reason: 'passed', before, newDate };
  return { from: month, reason: 'thisMonth', before, newDate };
}

/** Records a rule version from `from` (replacing versions from that month on). */
export function applyRule(data: MeetingsData, version: RuleVersion): void {
  data.rules = data.rules.filter((v) => v.from < version.from);
  data.rules.push(version);
}

export function sameWhen(a: Pick<Occurrence, 'date' | 'time' | 'place'>, b: Pick<Occurrence, 'date' | 'time' | 'place'>): boolean {
  return a.date === b.date && a.time === b.time && a.place === b.place;
}

/** The record of an occurrence, created when first needed. */
export function recordOf(data: MeetingsData, o: Occurrence): MeetingRecord {
  return (data.records[o.id] ??= { id: o.id, kind: o.kind, rev: 0, rsvp: {} });
}

// ---------------------------------------------------------------- commands

/** Where and when a meeting takes place (a move, or an added meeting). */
export interface When {
  date: LocalDate;
  time: HourMinute;
  place: string;
}

export interface NewMeeting extends When {
  kind: Exclude<MeetingKind, 'regular'>;
  topic?: string;
}

export const TOPIC_MAX = 200;
export const REASON_MAX = 200;
export const MINUTES_MAX = 3000;

/** The meeting has started: its start has passed, or its attendance was taken. */
export function hasStarted(o: Pick<Occurrence, 'start' | 'record'>, now: Date): boolean {
  return Date.parse(o.start) <= now.getTime() || Boolean(o.record?.attendance);
}

/** A valid time and place (the date as given). */
export function checkWhen(w: When): Result<When> {
  const time = parseTime(w.time);
  if (!time.ok) return time;
  const place = validPlace(w.place);
  if (!place.ok) return place;
  return ok({ date: w.date, time: time.value, place: place.value });
}

/** A valid time and place, starting after `now`. */
function checkNewWhen(w: When, now: Date): Result<When> {
  const when = checkWhen(w);
  if (!when.ok) return when;
  return instantAt(when.value.date, when.value.time).getTime() > now.getTime() ? when : fail('meeting.newPast');
}

/** A topic: not empty, at most TOPIC_MAX characters. */
export function checkTopic(input: string): Result<string> {
  const r = validShortText(input, TOPIC_MAX);
  return !r.ok && r.error.code === 'text.empty' ? fail('meeting.topicEmpty') : r;
}

function mustGet(data: MeetingsData, id: string): Result<Occurrence> {
  const o = occurrence(data, id);
  return o ? ok(o) : fail('meeting.unknown');
}

export interface Changed {
  before: Occurrence;
  after: Occurrence;
}

/** Moves a meeting that has not started (a cancelled one moved is added again). */
export function move(data: MeetingsData, id: string, input: When, now: Date): Result<Changed> {
  const when = checkNewWhen(input, now);
  if (!when.ok) return when;
  const before = mustGet(data, id);
  if (!before.ok) return before;
  if (hasStarted(before.value, now)) return fail('meeting.started');
  if (!before.value.cancelled && sameWhen(before.value, when.value)) return fail('meeting.noChange');
  const rec = recordOf(data, before.value);
  Object.assign(rec, when.value);
  delete rec.cancelled;
  rec.rev++;
  return ok({ before: before.value, after: occurrence(data, id)! });
}

/** Cancels a meeting that has not started. */
export function cancel(data: MeetingsData, id: string, by: string, now: Date): Result<Occurrence> {
  const o = mustGet(data, id);
  if (!o.ok) return o;
  if (o.value.cancelled) return fail('meeting.alreadyCancelled');
  if (hasStarted(o.value, now)) return fail('meeting.started');
  const rec = recordOf(data, o.value);
  rec.cancelled = { at: now.toISOString(), by };
  rec.rev++;
  return ok(occurrence(data, id)!);
}

/** Checks a themed or extraordinary meeting before it is added (see `addMeeting`). */
export function checkNewMeeting(input: NewMeeting, now: Date): Result<NewMeeting> {
  const when = checkNewWhen(input, now);
  if (!when.ok) return when;
  let topic: string | undefined;
  if (input.topic || input.kind === 'themed') {
    const r = checkTopic(input.topic ?? '');
    if (!r.ok) return r;
    topic = r.value;
  }
  return ok({ kind: input.kind, ...when.value, ...(topic ? { topic } : {}) });
}

/** Adds a themed or extraordinary meeting on its own date, under the id given. */
export function addMeeting(data: MeetingsData, id: string, input: NewMeeting, by: string, now: Date): Result<Occurrence> {
  const checked = checkNewMeeting(input, now);
  if (!checked.ok) return checked;
  const { kind, topic, ...when } = checked.value;
  data.records[id] = { id, kind, ...when, ...(topic ? { topic } : {}), createdAt: now.toISOString(), createdBy: by, rev: 0, rsvp: {} };
  return ok(occurrence(data, id)!);
}

/** A themed meeting combined with a monthly one that has not started: the monthly meeting gets a topic. */
export function makeThemed(data: MeetingsData, id: string, topicInput: string, now: Date): Result<Occurrence> {
  const topic = checkTopic(topicInput);
  if (!topic.ok) return topic;
  const o = mustGet(data, id);
  if (!o.ok) return o;
  if (o.value.kind !== 'regular' || o.value.cancelled) return fail('meeting.unknown');
  if (hasStarted(o.value, now)) return fail('meeting.started');
  const rec = recordOf(data, o.value);
  rec.topic = topic.value;
  rec.rev++;
  return ok(occurrence(data, id)!);
}

// ---------------------------------------------------------------- typed answers

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

// ---------------------------------------------------------------- RSVP and attendance

/** Members expected at a meeting on `day`: active that day (exempted members are not). */
export function expectedMembers<M extends Pick<Member, 'id' | 'history' | 'state'>>(members: readonly M[], day: LocalDate): M[] {
  return members.filter((m) => (m.history.length ? stateOn(m, day) === 'active' : m.state === 'active'));
}

/** RSVPs may change until the start. */
export function rsvpOpen(o: Occurrence, now: Date): boolean {
  return !o.cancelled && Date.parse(o.start) > now.getTime();
}

/**
 * The checklist at the start of attendance, prefilled from the RSVPs: "Tham dự" → present,
 * "Vắng" → absent with reason (the reason kept). Those who did not answer are prefilled as
 * present: three unexcused absences flag a member for removal, so the bot never presumes one.
 */
export function prefillAttendance(o: Occurrence, expected: readonly Pick<Member, 'id'>[]): Record<string, Mark> {
  const marks: Record<string, Mark> = {};
  for (const m of expected) {
    const r = o.record?.rsvp[m.id];
    marks[m.id] = r?.answer === 'no' ? { status: 'excused', ...(r.reason ? { reason: r.reason } : {}) } : { status: 'present' };
  }
  return marks;
}

/** Tap to toggle: present → absent with reason → absent without reason → present. */
export function nextPresence(s: Presence): Presence {
  return s === 'present' ? 'excused' : s === 'excused' ? 'unexcused' : 'present';
}

export interface AttendanceLine {
  id: string;
  kind: MeetingKind;
  date: LocalDate;
  topic?: string;
  expected: number;
  present: number;
  excused: number;
  unexcused: number;
  /** present / expected, 0–1 (1 when nobody was expected). */
  rate: number;
}

export function attendanceLine(o: Occurrence): AttendanceLine | undefined {
  const a = o.record?.attendance;
  if (!a || o.cancelled) return undefined;
  const marks = Object.values(a.marks);
  const count = (s: Presence) => marks.filter((m) => m.status === s).length;
  const present = count('present');
  return {
    id: o.id,
    kind: o.kind,
    date: o.date,
    ...(o.topic ? { topic: o.topic } : {}),
    expected: marks.length,
    present,
    excused: count('excused'),
    unexcused: count('unexcused'),
    rate: marks.length ? present / marks.length : 1,
  };
}

// ---------------------------------------------------------------- figures

export interface Counted {
  planned: number;
  held: number;
}

export interface MemberAbsences {
  memberId: string;
  name: string;
  excused: number;
  unexcused: number;
  /** Months of the year with at least one unexcused absence. */
  unexcusedMonths: Month[];
  /** Absent without reason in 3 months of the year. */
  flagged: boolean;
}

export interface QuarterFigures {
  quarter: 1 | 2 | 3 | 4;
  themedHeld: number;
  /** The quarter is over as of `asOf`. */
  ended: boolean;
  /** Ended with no themed meeting (at least one is expected per quarter). */
  flagged: boolean;
}

export interface MeetingYearFigures {
  year: number;
  asOf: LocalDate;
  regular: Counted & { cancelled: number };
  /** Themed meetings, on their own or combined with a monthly one (those count in `regular` too). */
  themed: Counted;
  extraordinary: Counted;
  total: Counted;
  byMonth: (Counted & { month: Month })[];
  quarters: QuarterFigures[];
  /** Every held meeting with its attendance, by date. */
  meetings: AttendanceLine[];
  /** Mean of the meetings' attendance rates (0–1); undefined when none was held. */
  averageRate?: number;
  /** Mean number present per held meeting. */
  averagePresent?: number;
  /** Members with at least one absence, in the order of `members`. */
  absences: MemberAbsences[];
  /** Ids of the members absent without reason in 3 months of the year. */
  flagged: string[];
}

/** Number of months with unexcused absence that flags a member. */
export const ABSENCE_FLAG_MONTHS = 3;

/** Occurrences of a year planned as of `asOf` (see the contract at the top). */
function plannedOfYear(data: MeetingsData, year: number, asOf: LocalDate): Occurrence[] {
  const last = `${year}-12-31` < asOf ? `${year}-12-31` : asOf;
  const out: Occurrence[] = [];
  for (const month of monthRange(`${year}-01`, `${year}-12`)) {
    const o = regularOccurrence(data, month);
    if (o && o.date <= last) out.push(o);
  }
  for (const rec of Object.values(data.records)) {
    const o = rec.kind === 'regular' ? undefined : extraOccurrence(rec);
    if (o && !o.cancelled && o.date >= `${year}-01-01` && o.date <= last) out.push(o);
  }
  return out.sort((a, b) => a.start.localeCompare(b.start));
}

export function meetingYearFigures(data: MeetingsData, members: readonly Pick<Member, 'id' | 'name'>[], year: number, asOf: LocalDate): MeetingYearFigures {
  const planned = plannedOfYear(data, year, asOf);
  const held = planned.filter((o) => !o.cancelled && o.record?.attendance);
  const counted = (is: (o: Occurrence) => boolean): Counted => ({ planned: planned.filter(is).length, held: held.filter(is).length });
  const lines = held.map((o) => attendanceLine(o)!);

  const byMonth = monthRange(`${year}-01`, `${year}-12`)
    .filter((m) => `${m}-01` <= asOf)
    .map((month) => ({ month, planned: planned.filter((o) => o.month === month).length, held: held.filter((o) => o.month === month).length }));

  const quarters = ([1, 2, 3, 4] as const).map((q): QuarterFigures => {
    const months = [1, 2, 3].map((i) => `${year}-${pad2((q - 1) * 3 + i)}`);
    const themedHeld = held.filter((o) => isThemed(o) && months.includes(monthOfDate(o.date))).length;
    const ended = `${months[2]}-${pad2(daysInMonth(months[2]!))}` < asOf;
    return { quarter: q, themedHeld, ended, flagged: ended && themedHeld === 0 };
  });

  const absences: MemberAbsences[] = [];
  for (const m of members) {
    let excused = 0;
    let unexcused = 0;
    const months = new Set<Month>();
    for (const o of held) {
      const mark = o.record!.attendance!.marks[m.id];
      if (mark?.status === 'excused') excused++;
      if (mark?.status === 'unexcused') {
        unexcused++;
        months.add(monthOfDate(o.date));
      }
    }
    if (excused || unexcused) {
      const unexcusedMonths = [...months].sort();
      absences.push({ memberId: m.id, name: m.name, excused, unexcused, unexcusedMonths, flagged: unexcusedMonths.length >= ABSENCE_FLAG_MONTHS });
    }
  }

  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined);
  const averageRate = mean(lines.map((l) => l.rate));
  const averagePresent = mean(lines.map((l) => l.present));
  const regularCancelled = planned.filter((o) => o.kind === 'regular' && o.cancelled).length;
  return {
    year,
    asOf,
    regular: { ...counted((o) => o.kind === 'regular'), cancelled: regularCancelled },
    themed: counted(isThemed),
    extraordinary: counted((o) => o.kind === 'extraordinary'),
    total: { planned: planned.length, held: held.length },
    byMonth,
    quarters,
    meetings: lines,
    ...(averageRate !== undefined ? { averageRate } : {}),
    ...(averagePresent !== undefined ? { averagePresent } : {}),
    absences,
    flagged: absences.filter((a) => a.flagged).map((a) => a.memberId),
  };
}

export interface MeetingMonthSummary {
  month: Month;
  /** The regular meeting: held, not held (its date passed without attendance), cancelled, not yet, or no rule. */
  regular: { status: 'held' | 'notHeld' | 'cancelled' | 'upcoming' | 'noRule'; date?: LocalDate; attendance?: AttendanceLine };
  /** Themed and extraordinary meetings of the month (not cancelled). */
  others: { id: string; kind: MeetingKind; date: LocalDate; topic?: string; held: boolean; attendance?: AttendanceLine }[];
  held: number;
  planned: number;
}

export function meetingMonthSummary(data: MeetingsData, month: Month, asOf: LocalDate): MeetingMonthSummary {
  const reg = regularOccurrence(data, month);
  const regLine = reg && attendanceLine(reg);
  const regular: MeetingMonthSummary['regular'] = !reg
    ? { status: 'noRule' }
    : {
        status: reg.cancelled ? 'cancelled' : regLine ? 'held' : reg.date <= asOf ? 'notHeld' : 'upcoming',
        date: reg.date,
        ...(regLine ? { attendance: regLine } : {}),
      };
  const others = Object.values(data.records)
    .map((r) => (r.kind === 'regular' ? undefined : extraOccurrence(r)))
    .filter((o): o is Occurrence => Boolean(o && !o.cancelled && monthOfDate(o.date) === month))
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((o) => {
      const line = attendanceLine(o);
      return { id: o.id, kind: o.kind, date: o.date, ...(o.topic ? { topic: o.topic } : {}), held: Boolean(line), ...(line ? { attendance: line } : {}) };
    });
  const held = (regular.status === 'held' ? 1 : 0) + others.filter((o) => o.held).length;
  const planned = (reg && reg.date <= asOf ? 1 : 0) + others.filter((o) => o.date <= asOf).length;
  return { month, regular, others, held, planned };
}

export interface MinutesEntry extends Minutes {
  /** The journal section the minutes belong to. */
  section: 'xay_dung_dang';
  occurrenceId: string;
  kind: MeetingKind;
  date: LocalDate;
  topic?: string;
}

/** The minutes recorded for the meetings of a year, by date (the journal's "Xây dựng Đảng"). */
export function meetingMinutes(data: MeetingsData, year: number): MinutesEntry[] {
  const out: MinutesEntry[] = [];
  for (const rec of Object.values(data.records)) {
    if (!rec.minutes) continue;
    const o = occurrence(data, rec.id);
    if (!o || o.date.slice(0, 4) !== String(year)) continue;
    out.push({ ...rec.minutes, section: 'xay_dung_dang', occurrenceId: o.id, kind: o.kind, date: o.date, ...(o.topic ? { topic: o.topic } : {}) });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.at.localeCompare(b.at));
}

/** Members who, with this year's attendance, reach the flag and were not yet alerted. */
export function newAbsenceFlags(data: MeetingsData, members: readonly Pick<Member, 'id' | 'name'>[], year: number, asOf: LocalDate): MemberAbsences[] {
  const done = new Set(data.absenceAlerts[String(year)] ?? []);
  return meetingYearFigures(data, members, year, asOf).absences.filter((a) => a.flagged && !done.has(a.memberId));
}

// ---------------------------------------------------------------- the planner

/** How long after the start the secretary may still get the "take attendance" nudge. */
const ATTENDANCE_NUDGE_MS = 12 * 3_600_000;

/** 'YYYYMMDDHHmm' of an occurrence's start, so that a moved meeting gets its reminders again. */
function stamp(o: Occurrence): string {
  return `${o.date.replace(/-/g, '')}${o.time.replace(':', '')}`;
}

/**
 * The moment a reminder stops being worth sending: when half of its lead has passed
 * (a 3-days-before reminder still goes out 2 days before, not 1 day before; a
 * 2-hours-before one until 1 hour before) — and never after the start.
 */
export function reminderWindow(start: Date, minutes: number): { from: number; until: number } {
  const s = start.getTime();
  return { from: s - minutes * 60_000, until: s - (minutes * 60_000) / 2 };
}

/**
 * "What is due now?" for the meetings of a cell: reminders (group and private), and the
 * secretary's nudge to take attendance at the start. Keys are
 * `<cellId>:meeting:<occurrenceId>:<reminder>@<start>:<recipient>` — the start is part of
 * the reminder so that a moved meeting is reminded again for its new time.
 */
export const planMeetings: Planner<PlannerInput & { meetings: MeetingsData }> = (data, now) => {
  const out: PlannedMessage[] = [];
  const cellId = data.cell.id;
  const t = now.getTime();
  const slots = data.meetings.reminders.filter((r): r is ReminderSetting => Boolean(r));
  const maxLead = Math.max(0, ...slots.map((r) => r.minutes)) * 60_000;
  const candidates = startingBetween(data.meetings, t - ATTENDANCE_NUDGE_MS, t + maxLead);
  if (!candidates.length) return out;
  const members = Object.values(data.members).filter((m) => m.state === 'active' && m.reachable);

  for (const o of candidates) {
    const start = new Date(o.start);
    const view = viewOf(o);
    const base = `${cellId}:meeting:${o.id}`;
    for (const r of slots) {
      const w = reminderWindow(start, r.minutes);
      if (t < w.from || t >= w.until) continue;
      const reminder = `${leadId(r.minutes)}@${stamp(o)}`;
      const expiresAt = new Date(w.until).toISOString();
      if (r.group && data.cell.groupChatId !== undefined) {
        out.push({
          key: `${base}:${reminder}:group`,
          chatId: data.cell.groupChatId,
          expiresAt,
          notice: { kind: 'meeting.reminder', cellId, occurrenceId: o.id, meeting: view, to: 'group' },
        });
      }
      if (r.private === 'none') continue;
      for (const m of members) {
        const rsvp = o.record?.rsvp[m.id];
        if (r.private === 'unanswered' && rsvp) continue;
        out.push({
          key: `${base}:${reminder}:${m.id}`,
          chatId: m.tgId,
          memberId: m.id,
          expiresAt,
          notice: { kind: 'meeting.reminder', cellId, occurrenceId: o.id, meeting: view, to: 'member', ...(rsvp ? { rsvp: rsvp.answer } : {}) },
        });
      }
    }
    if (t >= start.getTime() && t < start.getTime() + ATTENDANCE_NUDGE_MS && !o.record?.attendance) {
      const sec = secretaryChat(data);
      out.push({
        key: `${base}:start@${stamp(o)}:${sec}`,
        chatId: sec,
        expiresAt: new Date(start.getTime() + ATTENDANCE_NUDGE_MS).toISOString(),
        notice: { kind: 'meeting.attendance', cellId, occurrenceId: o.id, meeting: view },
      });
    }
  }
  return out;
};

/**
 * The planner runs every minute for every cell, and working out occurrences in the zone
 * is slow (dayjs' zone database): they are computed once per version of the data, for a
 * window of a few weeks. The store never changes a published version (every change makes
 * a new copy), which is what makes this cache safe: never mutate `MeetingsData` in place
 * and then plan with the same object.
 */
const occurrenceCache = new WeakMap<MeetingsData, { from: number; to: number; list: Occurrence[] }>();
const CACHE_SPAN_MS = 35 * 86_400_000;

/** Occurrences not cancelled whose start is within [from, to] (instants, ms). */
function startingBetween(data: MeetingsData, from: number, to: number): Occurrence[] {
  let c = occurrenceCache.get(data);
  if (!c || c.from > from || c.to < to) {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    // UTC days with a day of margin each side cover the local days.
    const list = occurrencesBetween(data, day(from - 86_400_000), day(to + CACHE_SPAN_MS + 86_400_000)).filter((o) => !o.cancelled);
    c = { from, to: to + CACHE_SPAN_MS, list };
    occurrenceCache.set(data, c);
  }
  return c.list.filter((o) => {
    const s = Date.parse(o.start);
    return s >= from && s <= to;
  });
}

/**
 * Announcements of a change (moved, cancelled, added, made themed): to the group and
 * privately to every active member but the one who made it (they were just answered).
 */
export function announceChange(
  data: PlannerInput & { meetings: MeetingsData },
  o: Occurrence,
  change: MeetingChange,
  before: Occurrence | undefined,
  by: string,
): PlannedMessage[] {
  const rec = data.meetings.records[o.id];
  const rev = rec?.rev ?? 0;
  const cellId = data.cell.id;
  const base = `${cellId}:meeting:${o.id}:chg${rev}`;
  const notice = (to: 'group' | 'member') => ({
    kind: 'meeting.changed' as const,
    cellId,
    occurrenceId: o.id,
    change,
    meeting: viewOf(o),
    ...(before ? { before: viewOf(before) } : {}),
    to,
  });
  const out: PlannedMessage[] = [];
  if (data.cell.groupChatId !== undefined) out.push({ key: `${base}:group`, chatId: data.cell.groupChatId, notice: notice('group') });
  for (const m of Object.values(data.members)) {
    if (m.state !== 'active' || !m.reachable || m.id === by) continue;
    out.push({ key: `${base}:${m.id}`, chatId: m.tgId, memberId: m.id, notice: notice('member') });
  }
  return out;
}

/** Keys of the pending reminders of an occurrence (dropped when it moves or is cancelled). */
export function isReminderKeyOf(key: string, cellId: string, occurrenceId: string): boolean {
  const prefix = `${cellId}:meeting:${occurrenceId}:`;
  return key.startsWith(prefix) && !key.slice(prefix.length).startsWith('chg');
}

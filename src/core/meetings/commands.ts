/** The commands of the feature: the rule and the reminders, move, cancel, add, make themed, RSVPs, attendance, minutes. */
import type { Member } from '../members.ts';
import { own } from '../records.ts';
import { fail, ok, type Result } from '../result.ts';
import { type HourMinute, instantAt, localDate, type LocalDate } from '../time.ts';
import { parseTime, validShortText } from '../validate.ts';
import { attendanceLine, type AttendanceLine, expectedMembers, nextPresence, prefillAttendance, rsvpOpen } from './attendance.ts';
import { type MemberAbsences, newAbsenceFlags } from './figures.ts';
import { LEAD_MAX, LEAD_MIN, type MeetingKind, type MeetingRule, type MeetingsData, type Occurrence, type ReminderSetting } from './model.ts';
import { hasStarted, occurrence, regularOccurrence } from './occurrences.ts';
import { checkRuleDay, validLines, validPlace } from './parse.ts';
import { applyRule, planRuleChange, recordOf, type RuleChange, sameWhen } from './rule.ts';

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
function checkTopic(input: string): Result<string> {
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
function checkNewMeeting(input: NewMeeting, now: Date): Result<NewMeeting> {
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

/** A rule set, from the month it applies (see `planRuleChange`); `announced` when the first meeting under it was planned differently. */
export interface RuleSet extends RuleChange {
  first: Occurrence;
  /** The first meeting as planned under the old rule, when the change is announced. */
  old?: Occurrence;
  announced: boolean;
}

/** Sets the regular rule. */
export function setRule(data: MeetingsData, input: MeetingRule, by: string, now: Date): Result<RuleSet> {
  const on = checkRuleDay(input.on);
  if (!on.ok) return on;
  const when = checkWhen({ date: '', time: input.time, place: input.place });
  if (!when.ok) return when;
  const rule: MeetingRule = { on: on.value, time: when.value.time, place: when.value.place };
  const change = planRuleChange(data, rule, now);
  const old = regularOccurrence(data, change.from);
  applyRule(data, { from: change.from, rule, setAt: now.toISOString(), by });
  const first = regularOccurrence(data, change.from)!;
  // The first meeting under the new rule was planned differently under the old one: it is announced.
  const announced = Boolean(old && !old.cancelled && !sameWhen(old, first) && !hasStarted(first, now));
  if (announced) recordOf(data, first).rev++;
  return ok({ ...change, first: regularOccurrence(data, change.from)!, ...(announced ? { old } : {}), announced });
}

/** Sets or turns off one of the three reminder slots; two slots never have the same lead. */
export function setReminder(data: MeetingsData, slot: number, setting: ReminderSetting | null): Result<ReminderSetting | null> {
  if (!Number.isInteger(slot) || slot < 0 || slot > 2) return fail('meeting.unknown');
  if (setting && (setting.minutes < LEAD_MIN || setting.minutes > LEAD_MAX)) return fail('meeting.leadRange', { min: LEAD_MIN, max: LEAD_MAX / 1440 });
  const slots = [...data.reminders];
  while (slots.length < 3) slots.push(null);
  if (setting && slots.some((s, i) => i !== slot && s?.minutes === setting.minutes)) return fail('meeting.leadDuplicate');
  slots[slot] = setting;
  data.reminders = slots;
  return ok(setting);
}

/** A member's answer, until the start: "no" needs a reason. */
export function answerRsvp(data: MeetingsData, id: string, memberId: string, reply: 'yes' | 'no', reasonInput: string | undefined, now: Date): Result<Occurrence> {
  let reason: string | undefined;
  if (reply === 'no') {
    const r = validShortText(reasonInput ?? '', REASON_MAX);
    if (!r.ok) return r.error.code === 'text.empty' ? fail('meeting.reasonEmpty') : r;
    reason = r.value;
  }
  const o = mustGet(data, id);
  if (!o.ok) return o;
  if (!rsvpOpen(o.value, now)) return fail(o.value.cancelled ? 'meeting.cancelledNote' : 'meeting.rsvpClosed');
  recordOf(data, o.value).rsvp[memberId] = { answer: reply, ...(reason ? { reason } : {}), at: now.toISOString() };
  return ok(occurrence(data, id)!);
}

/** A meeting that has started and was not cancelled: attendance and minutes may be recorded. */
function mustHaveStarted(data: MeetingsData, id: string, now: Date): Result<Occurrence> {
  const o = mustGet(data, id);
  if (!o.ok) return o;
  if (o.value.cancelled) return fail('meeting.cancelledNote');
  if (!hasStarted(o.value, now)) return fail('meeting.notStarted');
  return o;
}

/** Opens the checklist of a started meeting, prefilled from the RSVPs the first time. */
export function openAttendance(data: MeetingsData, id: string, members: readonly Pick<Member, 'id' | 'history' | 'state'>[], by: string, now: Date): Result<Occurrence> {
  const o = mustHaveStarted(data, id, now);
  if (!o.ok) return o;
  recordOf(data, o.value).attendance ??= { takenAt: now.toISOString(), by, marks: prefillAttendance(o.value, expectedMembers(members, o.value.date)) };
  return ok(occurrence(data, id)!);
}

/** One tap on the checklist: present → absent with reason → absent without reason → present. */
export function toggleMark(data: MeetingsData, id: string, memberId: string): Result<Occurrence> {
  const o = mustGet(data, id);
  if (!o.ok) return o;
  const mark = own(o.value.record?.attendance?.marks, memberId);
  if (!mark) return fail('meeting.noAttendance');
  mark.status = nextPresence(mark.status);
  return ok(occurrence(data, id)!);
}

/**
 * "Xong": the attendance is recorded. Members who now reach 3 months of unexcused absence
 * this year are returned, and remembered as alerted (once per member per year).
 */
export function closeAttendance(data: MeetingsData, id: string, members: readonly Pick<Member, 'id' | 'name'>[], now: Date): Result<{ line: AttendanceLine; flagged: MemberAbsences[]; year: number }> {
  const o = mustGet(data, id);
  if (!o.ok) return o;
  const a = o.value.record?.attendance;
  if (!a) return fail('meeting.noAttendance');
  a.closedAt = now.toISOString();
  const year = Number(o.value.date.slice(0, 4));
  const flagged = newAbsenceFlags(data, members, year, localDate(now));
  if (flagged.length) (data.absenceAlerts[String(year)] ??= []).push(...flagged.map((f) => f.memberId));
  return ok({ line: attendanceLine(occurrence(data, id)!)!, flagged, year });
}

/** The minutes of a started meeting: content and resolution, each a few lines. */
export function recordMinutes(data: MeetingsData, id: string, contentInput: string, resolutionInput: string, by: string, now: Date): Result<Occurrence> {
  const content = validLines(contentInput, MINUTES_MAX);
  if (!content.ok) return content;
  const resolution = validLines(resolutionInput, MINUTES_MAX);
  if (!resolution.ok) return resolution;
  const o = mustHaveStarted(data, id, now);
  if (!o.ok) return o;
  recordOf(data, o.value).minutes = { content: content.value, resolution: resolution.value, by, at: now.toISOString() };
  return ok(occurrence(data, id)!);
}

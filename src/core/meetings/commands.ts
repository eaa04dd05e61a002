/** The committee's commands on the schedule: move, cancel, add, make themed. */
import { fail, ok, type Result } from '../result.ts';
import { type HourMinute, instantAt, type LocalDate } from '../time.ts';
import { parseTime, validShortText } from '../validate.ts';
import type { MeetingKind, MeetingsData, Occurrence } from './model.ts';
import { hasStarted, occurrence } from './occurrences.ts';
import { validPlace } from './parse.ts';
import { recordOf, sameWhen } from './rule.ts';

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

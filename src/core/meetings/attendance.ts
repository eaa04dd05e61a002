/** RSVPs and attendance. */
import { type Member, stateOn } from '../members.ts';
import type { LocalDate } from '../time.ts';
import type { Mark, MeetingKind, Occurrence, Presence } from './model.ts';

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

/** The planner: reminders, the attendance nudge, announcements of a change. */
import type { PlannedMessage } from '../notices.ts';
import type { MemberAbsences } from './figures.ts';
import { dueAfter, type NextDue, type Planner, type PlannerInput, secretaryChat } from '../planner.ts';
import type { MeetingChange, MeetingsData, Occurrence, ReminderSetting } from './model.ts';
import { occurrencesBetween, viewOf } from './occurrences.ts';
import { leadId } from './parse.ts';

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
  const { slots, maxLead } = reminderSlots(data.meetings);
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
 * What can start being due: a reminder's window opening, a meeting's start (the nudge).
 * Everything else the planner sends follows from the data. Looks one day ahead: the day's
 * end comes first after that.
 */
export const nextMeetingsDue: NextDue<PlannerInput & { meetings: MeetingsData }> = (data, now) => {
  const t = now.getTime();
  const { slots, maxLead } = reminderSlots(data.meetings);
  const opening = startingBetween(data.meetings, t, t + maxLead + 86_400_000).flatMap((o) => {
    const start = Date.parse(o.start);
    return [start, ...slots.map((r) => reminderWindow(new Date(start), r.minutes).from)];
  });
  return dueAfter(now, opening);
};

function reminderSlots(data: MeetingsData): { slots: ReminderSetting[]; maxLead: number } {
  const slots = data.reminders.filter((r): r is ReminderSetting => Boolean(r));
  return { slots, maxLead: Math.max(0, ...slots.map((r) => r.minutes)) * 60_000 };
}

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
export function announceChange(data: PlannerInput & { meetings: MeetingsData }, o: Occurrence, change: MeetingChange, before: Occurrence | undefined, by: string): PlannedMessage[] {
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

/** The secretary's alert, once per member and year, for members absent without reason in 3 months. */
export function absenceNotices(data: PlannerInput, flagged: readonly MemberAbsences[], year: number): PlannedMessage[] {
  const chatId = secretaryChat(data);
  return flagged.map((f) => ({
    key: `${data.cell.id}:meeting:absence${year}:${f.memberId}:${chatId}`,
    chatId,
    notice: { kind: 'meeting.absences' as const, name: f.name, year, months: f.unexcusedMonths },
  }));
}

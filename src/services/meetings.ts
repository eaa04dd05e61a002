/**
 * Meetings: the rule and the reminders (secretary), moves, cancellations and added
 * meetings (committee), RSVPs (members), attendance and minutes (committee), and the
 * figures other features read. Every change of the schedule is announced through the
 * outbox in the same write.
 */
import {
  addMeeting,
  announceChange,
  applyRule,
  cancel,
  checkRuleDay,
  checkWhen,
  hasStarted,
  makeThemed,
  move,
  expectedMembers,
  isReminderKeyOf,
  LEAD_MAX,
  LEAD_MIN,
  MINUTES_MAX,
  REASON_MAX,
  meetingMinutes,
  meetingMonthSummary,
  meetingYearFigures,
  newAbsenceFlags,
  nextPresence,
  occurrence,
  planRuleChange,
  prefillAttendance,
  recentlyStarted,
  recordOf,
  regularOccurrence,
  rsvpOpen,
  sameWhen,
  upcoming,
  validLines,
  attendanceLine,
  type AttendanceLine,
  type MeetingChange,
  type MeetingRule,
  type MeetingsData,
  type MemberAbsences,
  type Occurrence,
  type ReminderSetting,
  type RuleChange,
  type NewMeeting,
  type When,
} from '../core/meetings/index.ts';
import type { Member, Permission } from '../core/members.ts';
import { enqueue } from '../core/notices.ts';
import { secretaryChat } from '../core/planner.ts';
import { RuleError } from '../core/result.ts';
import { localDate, type LocalDate, type Month } from '../core/time.ts';
import { validShortText } from '../core/validate.ts';
import type { CellFile } from '../store/schema.ts';
import type { ServiceDeps } from './deps.ts';
import { bindDeps } from './bind.ts';
import { newId } from './ids.ts';
import { endIn } from './dialogs.ts';
import { must, requireActor } from './access.ts';
import { own } from '../core/records.ts';

export type { NewMeeting, When } from '../core/meetings/index.ts';
export { MINUTES_MAX, REASON_MAX, TOPIC_MAX } from '../core/meetings/index.ts';

const now = (deps: ServiceDeps) => deps.clock.now();

const actor = (deps: ServiceDeps, tgId: number, permission: Permission) => requireActor(deps.store, tgId, permission);

function mustGet(deps: ServiceDeps, d: CellFile, id: string): Occurrence {
  const o = occurrence(d.meetings, id);
  if (!o) throw new RuleError({ code: 'meeting.unknown' });
  return o;
}

/** Pending (not yet attempted) reminders of an occurrence go when it moves or is cancelled. */
function dropReminders(deps: ServiceDeps, d: CellFile, occurrenceId: string): void {
  d.outbox.pending = d.outbox.pending.filter((p) => p.attemptedAt || !isReminderKeyOf(p.key, d.cell.id, occurrenceId));
}

function announce(deps: ServiceDeps, d: CellFile, by: Member, o: Occurrence, change: MeetingChange, before?: Occurrence): void {
  enqueue(d.outbox, announceChange(d, o, change, before, by.id), now(deps));
}

export function data(deps: ServiceDeps, cellId: string): MeetingsData | undefined {
  return deps.store.cell(cellId)?.meetings;
}

export function findOccurrence(deps: ServiceDeps, cellId: string, id: string): Occurrence | undefined {
  const d = deps.store.cell(cellId);
  return d ? occurrence(d.meetings, id) : undefined;
}

/** Meetings to come, soonest first. */
export function upcomingMeetings(deps: ServiceDeps, cellId: string): Occurrence[] {
  const d = deps.store.cell(cellId);
  return d ? upcoming(d.meetings, now(deps)) : [];
}

/** Meetings that started in the last two weeks, newest first (attendance, minutes). */
export function recent(deps: ServiceDeps, cellId: string): Occurrence[] {
  const d = deps.store.cell(cellId);
  return d ? recentlyStarted(d.meetings, now(deps)) : [];
}

/** Members of the cell now who are expected at meetings (for the committee's RSVP overview). */
export function expected(deps: ServiceDeps, cellId: string, day: LocalDate): Member[] {
  const d = deps.store.cell(cellId);
  return d ? expectedMembers(Object.values(d.members), day) : [];
}

// ------------------------------------------------------------ settings (secretary)

/** Sets the regular rule; says from which month it applies and why. */
export async function setRule(deps: ServiceDeps, tgId: number, input: MeetingRule, ends?: string): Promise<RuleChange & { first: Occurrence; announced: boolean }> {
  const { cellId, member } = actor(deps, tgId, 'cell.manage');
  const on = must(checkRuleDay(input.on));
  const when = must(checkWhen({ date: '', time: input.time, place: input.place }));
  const rule: MeetingRule = { on, time: when.time, place: when.place };
  return deps.store.updateCell(cellId, (d) => {
    endIn(deps.store, d, tgId, ends);
    const change = planRuleChange(d.meetings, rule, now(deps));
    const old = regularOccurrence(d.meetings, change.from);
    applyRule(d.meetings, { from: change.from, rule, setAt: now(deps).toISOString(), by: member.id });
    const first = regularOccurrence(d.meetings, change.from)!;
    let announced = false;
    // The first meeting under the new rule was planned differently under the old one: say so.
    if (old && !old.cancelled && !sameWhen(old, first) && !hasStarted(first, now(deps))) {
      recordOf(d.meetings, first).rev++;
      dropReminders(deps, d, first.id);
      announce(deps, d, member, regularOccurrence(d.meetings, change.from)!, 'moved', old);
      announced = true;
    }
    return { ...change, first: regularOccurrence(d.meetings, change.from)!, announced };
  });
}

/** Sets or turns off one of the three reminder slots. */
export async function setReminder(deps: ServiceDeps, tgId: number, slot: number, setting: ReminderSetting | null, ends?: string): Promise<void> {
  const { cellId } = actor(deps, tgId, 'cell.manage');
  if (!Number.isInteger(slot) || slot < 0 || slot > 2) throw new RuleError({ code: 'meeting.unknown' });
  if (setting && (setting.minutes < LEAD_MIN || setting.minutes > LEAD_MAX)) throw new RuleError({ code: 'meeting.leadRange', params: { min: LEAD_MIN, max: LEAD_MAX / 1440 } });
  await deps.store.updateCell(cellId, (d) => {
    const slots = [...d.meetings.reminders];
    while (slots.length < 3) slots.push(null);
    if (setting && slots.some((s, i) => i !== slot && s?.minutes === setting.minutes)) throw new RuleError({ code: 'meeting.leadDuplicate' });
    slots[slot] = setting;
    d.meetings.reminders = slots;
    endIn(deps.store, d, tgId, ends);
  });
}

// ------------------------------------------------------------ schedule changes (committee)

export async function moveMeeting(deps: ServiceDeps, tgId: number, id: string, input: When, ends?: string): Promise<Occurrence> {
  const { cellId, member } = actor(deps, tgId, 'cell.read');
  return deps.store.updateCell(cellId, (d) => {
    const { before, after } = must(move(d.meetings, id, input, now(deps)));
    endIn(deps.store, d, tgId, ends);
    dropReminders(deps, d, id);
    announce(deps, d, member, after, before.cancelled ? 'added' : 'moved', before.cancelled ? undefined : before);
    return after;
  });
}

export async function cancelMeeting(deps: ServiceDeps, tgId: number, id: string): Promise<Occurrence> {
  const { cellId, member } = actor(deps, tgId, 'cell.read');
  return deps.store.updateCell(cellId, (d) => {
    const after = must(cancel(d.meetings, id, member.id, now(deps)));
    dropReminders(deps, d, id);
    announce(deps, d, member, after, 'cancelled');
    return after;
  });
}

/** A themed or extraordinary meeting on its own date. */
export async function add(deps: ServiceDeps, tgId: number, input: NewMeeting, ends?: string): Promise<Occurrence> {
  const { cellId, member } = actor(deps, tgId, 'cell.read');
  return deps.store.updateCell(cellId, (d) => {
    const o = must(addMeeting(d.meetings, newId(input.kind === 'themed' ? 't' : 'x', now(deps)), input, member.id, now(deps)));
    endIn(deps.store, d, tgId, ends);
    announce(deps, d, member, o, 'added');
    return o;
  });
}

/** A themed meeting combined with a monthly one (the rules allow it): the monthly meeting gets a topic. */
export async function makeMeetingThemed(deps: ServiceDeps, tgId: number, id: string, topicInput: string, ends?: string): Promise<Occurrence> {
  const { cellId, member } = actor(deps, tgId, 'cell.read');
  return deps.store.updateCell(cellId, (d) => {
    const after = must(makeThemed(d.meetings, id, topicInput, now(deps)));
    endIn(deps.store, d, tgId, ends);
    announce(deps, d, member, after, 'themed');
    return after;
  });
}

// ------------------------------------------------------------ RSVP (members)

/**
 * `ends`: a dialog this answer ends, dropped in the same write (the reason dialog's finish,
 * or "✅ Tham dự" pressed while the reason for "❌ Vắng" was being asked).
 */
export async function rsvp(deps: ServiceDeps, tgId: number, id: string, answer: 'yes' | 'no', reasonInput?: string, ends?: string): Promise<Occurrence> {
  const { cellId, member } = actor(deps, tgId, 'member');
  let reason: string | undefined;
  if (answer === 'no') {
    const r = validShortText(reasonInput ?? '', REASON_MAX);
    if (!r.ok) throw new RuleError(r.error.code === 'text.empty' ? { code: 'meeting.reasonEmpty' } : r.error);
    reason = r.value;
  }
  return deps.store.updateCell(cellId, (d) => {
    const o = mustGet(deps, d, id);
    if (!rsvpOpen(o, now(deps))) throw new RuleError({ code: o.cancelled ? 'meeting.cancelledNote' : 'meeting.rsvpClosed' });
    endIn(deps.store, d, tgId, ends);
    recordOf(d.meetings, o).rsvp[member.id] = { answer, ...(reason ? { reason } : {}), at: now(deps).toISOString() };
    return mustGet(deps, d, id);
  });
}

// ------------------------------------------------------------ attendance and minutes (committee)

/** Opens the checklist (prefilled from the RSVPs the first time). */
export async function startAttendance(deps: ServiceDeps, tgId: number, id: string): Promise<Occurrence> {
  const { cellId, member } = actor(deps, tgId, 'cell.read');
  const o0 = occurrence(deps.store.cell(cellId)!.meetings, id);
  if (o0?.record?.attendance) return o0;
  return deps.store.updateCell(cellId, (d) => {
    const o = mustGet(deps, d, id);
    if (o.cancelled) throw new RuleError({ code: 'meeting.cancelledNote' });
    if (!hasStarted(o, now(deps))) throw new RuleError({ code: 'meeting.notStarted' });
    const rec = recordOf(d.meetings, o);
    const expected = expectedMembers(Object.values(d.members), o.date);
    rec.attendance ??= { takenAt: now(deps).toISOString(), by: member.id, marks: prefillAttendance(o, expected) };
    return mustGet(deps, d, id);
  });
}

/** One tap on the checklist: present → absent with reason → absent without reason → present. */
export async function toggle(deps: ServiceDeps, tgId: number, id: string, memberId: string): Promise<Occurrence> {
  const { cellId } = actor(deps, tgId, 'cell.read');
  return deps.store.updateCell(cellId, (d) => {
    const o = mustGet(deps, d, id);
    const mark = own(o.record?.attendance?.marks, memberId);
    if (!mark) throw new RuleError({ code: 'meeting.noAttendance' });
    mark.status = nextPresence(mark.status);
    return mustGet(deps, d, id);
  });
}

/**
 * "Xong": the attendance is recorded. Members who now reach 3 months of unexcused
 * absence this year are flagged to the secretary (once per member per year).
 */
export async function closeAttendance(deps: ServiceDeps, tgId: number, id: string): Promise<{ line: AttendanceLine; flagged: MemberAbsences[] }> {
  const { cellId } = actor(deps, tgId, 'cell.read');
  return deps.store.updateCell(cellId, (d) => {
    const o = mustGet(deps, d, id);
    const a = o.record?.attendance;
    if (!a) throw new RuleError({ code: 'meeting.noAttendance' });
    a.closedAt = now(deps).toISOString();
    const year = Number(o.date.slice(0, 4));
    const members = Object.values(d.members);
    const flagged = newAbsenceFlags(d.meetings, members, year, localDate(now(deps)));
    if (flagged.length) {
      const done = (d.meetings.absenceAlerts[String(year)] ??= []);
      const chatId = secretaryChat(d);
      enqueue(
        d.outbox,
        flagged.map((f) => ({
          key: `${cellId}:meeting:absence${year}:${f.memberId}:${chatId}`,
          chatId,
          notice: { kind: 'meeting.absences' as const, name: f.name, year, months: f.unexcusedMonths },
        })),
        now(deps),
      );
      done.push(...flagged.map((f) => f.memberId));
    }
    return { line: attendanceLine(mustGet(deps, d, id))!, flagged };
  });
}

export async function recordMinutes(deps: ServiceDeps, tgId: number, id: string, contentInput: string, resolutionInput: string, ends?: string): Promise<Occurrence> {
  const { cellId, member } = actor(deps, tgId, 'cell.read');
  const content = validLines(contentInput, MINUTES_MAX);
  if (!content.ok) throw new RuleError(content.error);
  const resolution = validLines(resolutionInput, MINUTES_MAX);
  if (!resolution.ok) throw new RuleError(resolution.error);
  return deps.store.updateCell(cellId, (d) => {
    const o = mustGet(deps, d, id);
    if (o.cancelled) throw new RuleError({ code: 'meeting.cancelledNote' });
    if (!hasStarted(o, now(deps))) throw new RuleError({ code: 'meeting.notStarted' });
    endIn(deps.store, d, tgId, ends);
    recordOf(d.meetings, o).minutes = { content: content.value, resolution: resolution.value, by: member.id, at: now(deps).toISOString() };
    return mustGet(deps, d, id);
  });
}

// ------------------------------------------------------------ figures (report, journal)

export function yearFigures(deps: ServiceDeps, cellId: string, year: number) {
  const d = deps.store.cell(cellId);
  return d ? meetingYearFigures(d.meetings, Object.values(d.members), year, localDate(now(deps))) : undefined;
}

export function monthSummary(deps: ServiceDeps, cellId: string, month: Month) {
  const d = deps.store.cell(cellId);
  return d ? meetingMonthSummary(d.meetings, month, localDate(now(deps))) : undefined;
}

export function minutes(deps: ServiceDeps, cellId: string, year: number) {
  const d = deps.store.cell(cellId);
  return d ? meetingMinutes(d.meetings, year) : [];
}

/** The use cases above, bound to one set of deps. */
export function meetingService(deps: ServiceDeps) {
  return bindDeps(deps, {
    data,
    occurrence: findOccurrence,
    upcoming: upcomingMeetings,
    recent,
    expected,
    setRule,
    setReminder,
    move: moveMeeting,
    cancel: cancelMeeting,
    add,
    makeThemed: makeMeetingThemed,
    rsvp,
    startAttendance,
    toggle,
    closeAttendance,
    recordMinutes,
    yearFigures,
    monthSummary,
    minutes,
  });
}

export type MeetingService = ReturnType<typeof meetingService>;

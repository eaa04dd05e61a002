/**
 * Meetings: the rule and the reminders (secretary), moves, cancellations and added
 * meetings (committee), RSVPs (members), attendance and minutes (committee), and the
 * figures other features read. Every change of the schedule is announced through the
 * outbox in the same write.
 */
import {
  absenceNotices,
  addMeeting,
  announceChange,
  answerRsvp,
  cancel,
  closeAttendance as attendanceClosed,
  makeThemed,
  move,
  expectedMembers,
  isReminderKeyOf,
  meetingMinutes,
  meetingMonthSummary,
  meetingYearFigures,
  occurrence,
  openAttendance,
  recentlyStarted,
  recordMinutes as minutesRecorded,
  setReminder as reminderSet,
  setRule as ruleSet,
  toggleMark,
  upcoming,
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
import type { Member } from '../core/members.ts';
import { enqueue } from '../core/notices.ts';
import { localDate, type LocalDate, type Month } from '../core/time.ts';
import type { CellFile } from '../store/schema.ts';
import type { ServiceDeps } from './deps.ts';
import { bindDeps } from './bind.ts';
import { newId } from './ids.ts';
import { endIn } from './dialogs.ts';
import { must, requireActor } from './access.ts';

export type { NewMeeting, When } from '../core/meetings/index.ts';
export { MINUTES_MAX, REASON_MAX, TOPIC_MAX } from '../core/meetings/index.ts';

const now = (deps: ServiceDeps) => deps.clock.now();

/** Pending (not yet attempted) reminders of an occurrence go when it moves or is cancelled. */
function dropReminders(_deps: ServiceDeps, d: CellFile, occurrenceId: string): void {
  d.outbox.pending = d.outbox.pending.filter((p) => p.attemptedAt || !isReminderKeyOf(p.key, d.cell.id, occurrenceId));
}

function announce(deps: ServiceDeps, d: CellFile, by: Member, o: Occurrence, change: MeetingChange, before?: Occurrence): void {
  enqueue(d.outbox, announceChange(d, o, change, before, by.id), now(deps));
}

export async function data(deps: ServiceDeps, cellId: string): Promise<MeetingsData | undefined> {
  return (await deps.store.cell(cellId))?.meetings;
}

export async function findOccurrence(deps: ServiceDeps, cellId: string, id: string): Promise<Occurrence | undefined> {
  const d = await deps.store.cell(cellId);
  return d ? occurrence(d.meetings, id) : undefined;
}

/** Meetings to come, soonest first. */
export async function upcomingMeetings(deps: ServiceDeps, cellId: string): Promise<Occurrence[]> {
  const d = await deps.store.cell(cellId);
  return d ? upcoming(d.meetings, now(deps)) : [];
}

/** Meetings that started in the last two weeks, newest first (attendance, minutes). */
export async function recent(deps: ServiceDeps, cellId: string): Promise<Occurrence[]> {
  const d = await deps.store.cell(cellId);
  return d ? recentlyStarted(d.meetings, now(deps)) : [];
}

/** Members of the cell now who are expected at meetings (for the committee's RSVP overview). */
export async function expected(deps: ServiceDeps, cellId: string, day: LocalDate): Promise<Member[]> {
  const d = await deps.store.cell(cellId);
  return d ? expectedMembers(Object.values(d.members), day) : [];
}

// ------------------------------------------------------------ settings (secretary)

/** Sets the regular rule; says from which month it applies and why. */
export async function setRule(deps: ServiceDeps, tgId: number, input: MeetingRule, ends?: string): Promise<RuleChange & { first: Occurrence; announced: boolean }> {
  const { cellId, member } = await requireActor(deps.store, tgId, 'cell.manage');
  const userShard = await deps.store.shardOfUser(tgId);
  return deps.store.updateCell(cellId, (d) => {
    endIn(userShard, d, tgId, ends);
    const { old, ...set } = must(ruleSet(d.meetings, input, member.id, now(deps)));
    if (old) {
      dropReminders(deps, d, set.first.id);
      announce(deps, d, member, set.first, 'moved', old);
    }
    return set;
  });
}

/** Sets or turns off one of the three reminder slots. */
export async function setReminder(deps: ServiceDeps, tgId: number, slot: number, setting: ReminderSetting | null, ends?: string): Promise<void> {
  const { cellId } = await requireActor(deps.store, tgId, 'cell.manage');
  const userShard = await deps.store.shardOfUser(tgId);
  await deps.store.updateCell(cellId, (d) => {
    must(reminderSet(d.meetings, slot, setting));
    endIn(userShard, d, tgId, ends);
  });
}

// ------------------------------------------------------------ schedule changes (committee)

export async function moveMeeting(deps: ServiceDeps, tgId: number, id: string, input: When, ends?: string): Promise<Occurrence> {
  const { cellId, member } = await requireActor(deps.store, tgId, 'cell.read');
  const userShard = await deps.store.shardOfUser(tgId);
  return deps.store.updateCell(cellId, (d) => {
    const { before, after } = must(move(d.meetings, id, input, now(deps)));
    endIn(userShard, d, tgId, ends);
    dropReminders(deps, d, id);
    announce(deps, d, member, after, before.cancelled ? 'added' : 'moved', before.cancelled ? undefined : before);
    return after;
  });
}

export async function cancelMeeting(deps: ServiceDeps, tgId: number, id: string): Promise<Occurrence> {
  const { cellId, member } = await requireActor(deps.store, tgId, 'cell.read');
  return deps.store.updateCell(cellId, (d) => {
    const after = must(cancel(d.meetings, id, member.id, now(deps)));
    dropReminders(deps, d, id);
    announce(deps, d, member, after, 'cancelled');
    return after;
  });
}

/** A themed or extraordinary meeting on its own date. */
export async function add(deps: ServiceDeps, tgId: number, input: NewMeeting, ends?: string): Promise<Occurrence> {
  const { cellId, member } = await requireActor(deps.store, tgId, 'cell.read');
  const userShard = await deps.store.shardOfUser(tgId);
  return deps.store.updateCell(cellId, (d) => {
    const o = must(addMeeting(d.meetings, newId(input.kind === 'themed' ? 't' : 'x', now(deps)), input, member.id, now(deps)));
    endIn(userShard, d, tgId, ends);
    announce(deps, d, member, o, 'added');
    return o;
  });
}

/** A themed meeting combined with a monthly one (the rules allow it): the monthly meeting gets a topic. */
export async function makeMeetingThemed(deps: ServiceDeps, tgId: number, id: string, topicInput: string, ends?: string): Promise<Occurrence> {
  const { cellId, member } = await requireActor(deps.store, tgId, 'cell.read');
  const userShard = await deps.store.shardOfUser(tgId);
  return deps.store.updateCell(cellId, (d) => {
    const after = must(makeThemed(d.meetings, id, topicInput, now(deps)));
    endIn(userShard, d, tgId, ends);
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
  const { cellId, member } = await requireActor(deps.store, tgId, 'member');
  const userShard = await deps.store.shardOfUser(tgId);
  return deps.store.updateCell(cellId, (d) => {
    const o = must(answerRsvp(d.meetings, id, member.id, answer, reasonInput, now(deps)));
    endIn(userShard, d, tgId, ends);
    return o;
  });
}

// ------------------------------------------------------------ attendance and minutes (committee)

/** Opens the checklist (prefilled from the RSVPs the first time). */
export async function startAttendance(deps: ServiceDeps, tgId: number, id: string): Promise<Occurrence> {
  const { cellId, member, data } = await requireActor(deps.store, tgId, 'cell.read');
  const o0 = occurrence(data.meetings, id);
  if (o0?.record?.attendance) return o0;
  return deps.store.updateCell(cellId, (d) => must(openAttendance(d.meetings, id, Object.values(d.members), member.id, now(deps))));
}

/** One tap on the checklist: present → absent with reason → absent without reason → present. */
export async function toggle(deps: ServiceDeps, tgId: number, id: string, memberId: string): Promise<Occurrence> {
  const { cellId } = await requireActor(deps.store, tgId, 'cell.read');
  return deps.store.updateCell(cellId, (d) => must(toggleMark(d.meetings, id, memberId)));
}

/**
 * "Xong": the attendance is recorded. Members who now reach 3 months of unexcused
 * absence this year are flagged to the secretary (once per member per year).
 */
export async function closeAttendance(deps: ServiceDeps, tgId: number, id: string): Promise<{ line: AttendanceLine; flagged: MemberAbsences[] }> {
  const { cellId } = await requireActor(deps.store, tgId, 'cell.read');
  return deps.store.updateCell(cellId, (d) => {
    const { line, flagged, year } = must(attendanceClosed(d.meetings, id, Object.values(d.members), now(deps)));
    if (flagged.length) enqueue(d.outbox, absenceNotices(d, flagged, year), now(deps));
    return { line, flagged };
  });
}

export async function recordMinutes(deps: ServiceDeps, tgId: number, id: string, contentInput: string, resolutionInput: string, ends?: string): Promise<Occurrence> {
  const { cellId, member } = await requireActor(deps.store, tgId, 'cell.read');
  const userShard = await deps.store.shardOfUser(tgId);
  return deps.store.updateCell(cellId, (d) => {
    const o = must(minutesRecorded(d.meetings, id, contentInput, resolutionInput, member.id, now(deps)));
    endIn(userShard, d, tgId, ends);
    return o;
  });
}

// ------------------------------------------------------------ figures (report, journal)

export async function yearFigures(deps: ServiceDeps, cellId: string, year: number) {
  const d = await deps.store.cell(cellId);
  return d ? meetingYearFigures(d.meetings, Object.values(d.members), year, localDate(now(deps))) : undefined;
}

export async function monthSummary(deps: ServiceDeps, cellId: string, month: Month) {
  const d = await deps.store.cell(cellId);
  return d ? meetingMonthSummary(d.meetings, month, localDate(now(deps))) : undefined;
}

export async function minutes(deps: ServiceDeps, cellId: string, year: number) {
  const d = await deps.store.cell(cellId);
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

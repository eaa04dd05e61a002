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
import { newId } from './ids.ts';
import { endIn } from './dialogs.ts';
import { must, requireActor } from './access.ts';
import { own } from '../core/records.ts';

export type { NewMeeting, When } from '../core/meetings/index.ts';
export { MINUTES_MAX, REASON_MAX, TOPIC_MAX } from '../core/meetings/index.ts';

export function meetingService(deps: ServiceDeps) {
  const { store, clock } = deps;
  const now = () => clock.now();

  const actor = (tgId: number, permission: Permission) => requireActor(store, tgId, permission);

  function mustGet(d: CellFile, id: string): Occurrence {
    const o = occurrence(d.meetings, id);
    if (!o) throw new RuleError({ code: 'meeting.unknown' });
    return o;
  }

  /** Pending (not yet attempted) reminders of an occurrence go when it moves or is cancelled. */
  function dropReminders(d: CellFile, occurrenceId: string): void {
    d.outbox.pending = d.outbox.pending.filter((p) => p.attemptedAt || !isReminderKeyOf(p.key, d.cell.id, occurrenceId));
  }

  function announce(d: CellFile, by: Member, o: Occurrence, change: MeetingChange, before?: Occurrence): void {
    enqueue(d.outbox, announceChange(d, o, change, before, by.id), now());
  }

  return {
    data(cellId: string): MeetingsData | undefined {
      return store.cell(cellId)?.meetings;
    },

    occurrence(cellId: string, id: string): Occurrence | undefined {
      const d = store.cell(cellId);
      return d ? occurrence(d.meetings, id) : undefined;
    },

    /** Meetings to come, soonest first. */
    upcoming(cellId: string): Occurrence[] {
      const d = store.cell(cellId);
      return d ? upcoming(d.meetings, now()) : [];
    },

    /** Meetings that started in the last two weeks, newest first (attendance, minutes). */
    recent(cellId: string): Occurrence[] {
      const d = store.cell(cellId);
      return d ? recentlyStarted(d.meetings, now()) : [];
    },

    /** Members of the cell now who are expected at meetings (for the committee's RSVP overview). */
    expected(cellId: string, day: LocalDate): Member[] {
      const d = store.cell(cellId);
      return d ? expectedMembers(Object.values(d.members), day) : [];
    },

    // ------------------------------------------------------------ settings (secretary)

    /** Sets the regular rule; says from which month it applies and why. */
    async setRule(tgId: number, input: MeetingRule, ends?: string): Promise<RuleChange & { first: Occurrence; announced: boolean }> {
      const { cellId, member } = actor(tgId, 'cell.manage');
      const on = must(checkRuleDay(input.on));
      const when = must(checkWhen({ date: '', time: input.time, place: input.place }));
      const rule: MeetingRule = { on, time: when.time, place: when.place };
      return store.updateCell(cellId, (d) => {
        endIn(store, d, tgId, ends);
        const change = planRuleChange(d.meetings, rule, now());
        const old = regularOccurrence(d.meetings, change.from);
        applyRule(d.meetings, { from: change.from, rule, setAt: now().toISOString(), by: member.id });
        const first = regularOccurrence(d.meetings, change.from)!;
        let announced = false;
        // The first meeting under the new rule was planned differently under the old one: say so.
        if (old && !old.cancelled && !sameWhen(old, first) && !hasStarted(first, now())) {
          recordOf(d.meetings, first).rev++;
          dropReminders(d, first.id);
          announce(d, member, regularOccurrence(d.meetings, change.from)!, 'moved', old);
          announced = true;
        }
        return { ...change, first: regularOccurrence(d.meetings, change.from)!, announced };
      });
    },

    /** Sets or turns off one of the three reminder slots. */
    async setReminder(tgId: number, slot: number, setting: ReminderSetting | null, ends?: string): Promise<void> {
      const { cellId } = actor(tgId, 'cell.manage');
      if (!Number.isInteger(slot) || slot < 0 || slot > 2) throw new RuleError({ code: 'meeting.unknown' });
      if (setting && (setting.minutes < LEAD_MIN || setting.minutes > LEAD_MAX)) throw new RuleError({ code: 'meeting.leadRange', params: { min: LEAD_MIN, max: LEAD_MAX / 1440 } });
      await store.updateCell(cellId, (d) => {
        const slots = [...d.meetings.reminders];
        while (slots.length < 3) slots.push(null);
        if (setting && slots.some((s, i) => i !== slot && s?.minutes === setting.minutes)) throw new RuleError({ code: 'meeting.leadDuplicate' });
        slots[slot] = setting;
        d.meetings.reminders = slots;
        endIn(store, d, tgId, ends);
      });
    },

    // ------------------------------------------------------------ schedule changes (committee)

    async move(tgId: number, id: string, input: When, ends?: string): Promise<Occurrence> {
      const { cellId, member } = actor(tgId, 'cell.read');
      return store.updateCell(cellId, (d) => {
        const { before, after } = must(move(d.meetings, id, input, now()));
        endIn(store, d, tgId, ends);
        dropReminders(d, id);
        announce(d, member, after, before.cancelled ? 'added' : 'moved', before.cancelled ? undefined : before);
        return after;
      });
    },

    async cancel(tgId: number, id: string): Promise<Occurrence> {
      const { cellId, member } = actor(tgId, 'cell.read');
      return store.updateCell(cellId, (d) => {
        const after = must(cancel(d.meetings, id, member.id, now()));
        dropReminders(d, id);
        announce(d, member, after, 'cancelled');
        return after;
      });
    },

    /** A themed or extraordinary meeting on its own date. */
    async add(tgId: number, input: NewMeeting, ends?: string): Promise<Occurrence> {
      const { cellId, member } = actor(tgId, 'cell.read');
      return store.updateCell(cellId, (d) => {
        const o = must(addMeeting(d.meetings, newId(input.kind === 'themed' ? 't' : 'x', now()), input, member.id, now()));
        endIn(store, d, tgId, ends);
        announce(d, member, o, 'added');
        return o;
      });
    },

    /** A themed meeting combined with a monthly one (the rules allow it): the monthly meeting gets a topic. */
    async makeThemed(tgId: number, id: string, topicInput: string, ends?: string): Promise<Occurrence> {
      const { cellId, member } = actor(tgId, 'cell.read');
      return store.updateCell(cellId, (d) => {
        const after = must(makeThemed(d.meetings, id, topicInput, now()));
        endIn(store, d, tgId, ends);
        announce(d, member, after, 'themed');
        return after;
      });
    },

    // ------------------------------------------------------------ RSVP (members)

    /**
     * `ends`: a dialog this answer ends, dropped in the same write (the reason dialog's finish,
     * or "✅ Tham dự" pressed while the reason for "❌ Vắng" was being asked).
     */
    async rsvp(tgId: number, id: string, answer: 'yes' | 'no', reasonInput?: string, ends?: string): Promise<Occurrence> {
      const { cellId, member } = actor(tgId, 'member');
      let reason: string | undefined;
      if (answer === 'no') {
        const r = validShortText(reasonInput ?? '', REASON_MAX);
        if (!r.ok) throw new RuleError(r.error.code === 'text.empty' ? { code: 'meeting.reasonEmpty' } : r.error);
        reason = r.value;
      }
      return store.updateCell(cellId, (d) => {
        const o = mustGet(d, id);
        if (!rsvpOpen(o, now())) throw new RuleError({ code: o.cancelled ? 'meeting.cancelledNote' : 'meeting.rsvpClosed' });
        endIn(store, d, tgId, ends);
        recordOf(d.meetings, o).rsvp[member.id] = { answer, ...(reason ? { reason } : {}), at: now().toISOString() };
        return mustGet(d, id);
      });
    },

    // ------------------------------------------------------------ attendance and minutes (committee)

    /** Opens the checklist (prefilled from the RSVPs the first time). */
    async startAttendance(tgId: number, id: string): Promise<Occurrence> {
      const { cellId, member } = actor(tgId, 'cell.read');
      const o0 = occurrence(store.cell(cellId)!.meetings, id);
      if (o0?.record?.attendance) return o0;
      return store.updateCell(cellId, (d) => {
        const o = mustGet(d, id);
        if (o.cancelled) throw new RuleError({ code: 'meeting.cancelledNote' });
        if (!hasStarted(o, now())) throw new RuleError({ code: 'meeting.notStarted' });
        const rec = recordOf(d.meetings, o);
        const expected = expectedMembers(Object.values(d.members), o.date);
        rec.attendance ??= { takenAt: now().toISOString(), by: member.id, marks: prefillAttendance(o, expected) };
        return mustGet(d, id);
      });
    },

    /** One tap on the checklist: present → absent with reason → absent without reason → present. */
    async toggle(tgId: number, id: string, memberId: string): Promise<Occurrence> {
      const { cellId } = actor(tgId, 'cell.read');
      return store.updateCell(cellId, (d) => {
        const o = mustGet(d, id);
        const mark = own(o.record?.attendance?.marks, memberId);
        if (!mark) throw new RuleError({ code: 'meeting.noAttendance' });
        mark.status = nextPresence(mark.status);
        return mustGet(d, id);
      });
    },

    /**
     * "Xong": the attendance is recorded. Members who now reach 3 months of unexcused
     * absence this year are flagged to the secretary (once per member per year).
     */
    async closeAttendance(tgId: number, id: string): Promise<{ line: AttendanceLine; flagged: MemberAbsences[] }> {
      const { cellId } = actor(tgId, 'cell.read');
      return store.updateCell(cellId, (d) => {
        const o = mustGet(d, id);
        const a = o.record?.attendance;
        if (!a) throw new RuleError({ code: 'meeting.noAttendance' });
        a.closedAt = now().toISOString();
        const year = Number(o.date.slice(0, 4));
        const members = Object.values(d.members);
        const flagged = newAbsenceFlags(d.meetings, members, year, localDate(now()));
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
            now(),
          );
          done.push(...flagged.map((f) => f.memberId));
        }
        return { line: attendanceLine(mustGet(d, id))!, flagged };
      });
    },

    async recordMinutes(tgId: number, id: string, contentInput: string, resolutionInput: string, ends?: string): Promise<Occurrence> {
      const { cellId, member } = actor(tgId, 'cell.read');
      const content = validLines(contentInput, MINUTES_MAX);
      if (!content.ok) throw new RuleError(content.error);
      const resolution = validLines(resolutionInput, MINUTES_MAX);
      if (!resolution.ok) throw new RuleError(resolution.error);
      return store.updateCell(cellId, (d) => {
        const o = mustGet(d, id);
        if (o.cancelled) throw new RuleError({ code: 'meeting.cancelledNote' });
        if (!hasStarted(o, now())) throw new RuleError({ code: 'meeting.notStarted' });
        endIn(store, d, tgId, ends);
        recordOf(d.meetings, o).minutes = { content: content.value, resolution: resolution.value, by: member.id, at: now().toISOString() };
        return mustGet(d, id);
      });
    },

    // ------------------------------------------------------------ figures (report, journal)

    yearFigures(cellId: string, year: number) {
      const d = store.cell(cellId);
      return d ? meetingYearFigures(d.meetings, Object.values(d.members), year, localDate(now())) : undefined;
    },

    monthSummary(cellId: string, month: Month) {
      const d = store.cell(cellId);
      return d ? meetingMonthSummary(d.meetings, month, localDate(now())) : undefined;
    },

    minutes(cellId: string, year: number) {
      const d = store.cell(cellId);
      return d ? meetingMinutes(d.meetings, year) : [];
    },
  };
}

export type MeetingService = ReturnType<typeof meetingService>;

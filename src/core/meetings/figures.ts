/** The figures of the reports and the journal. */
import type { Member } from '../members.ts';
import { daysInMonth, type LocalDate, type Month, monthOfDate, monthRange, pad2 } from '../time.ts';
import { attendanceLine, type AttendanceLine } from './attendance.ts';
import type { MeetingKind, MeetingsData, Minutes, Occurrence } from './model.ts';
import { extraOccurrence, isThemed, occurrence, regularOccurrence } from './occurrences.ts';

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

/**
 * The annual report's model (SPEC §8). Pure: every feature's figures, the journal and the
 * members' sent self-evaluations in; the report's figures and prose out, as data — the
 * .docx and the chat summary word it.
 *
 * Nothing is invented: each figure is computed from the data, each sentence of prose is
 * one somebody wrote (a journal entry, a member's point in their own words, meeting
 * minutes); where a part has no data the model says so (`missing`), and the document
 * prints a visible placeholder there.
 */
import { isInCell, probationEnds, rosterFigures, stateOn, type Cell, type Member, type RosterFigures } from './members.ts';
import type { MeetingYearFigures, MinutesEntry } from './meetings.ts';
import type { DuesYearFigures } from './dues.ts';
import type { QuotaCheck, Rating, ReviewFigures, ReviewTexts } from './review.ts';
import type { InspectionFigures, JournalEntry, JournalSection, ReportInputs } from './journal.ts';
import { groupPoints, type Point } from './textgroup.ts';
import type { LocalDate, Month } from './time.ts';

export interface ReportSources {
  year: number;
  /** The report's date: today for the current year, 31/12 for a past one. */
  asOf: LocalDate;
  cell: Cell;
  /** Every member record of the cell (those who left too). */
  members: readonly Member[];
  meetings?: MeetingYearFigures;
  minutes: readonly MinutesEntry[];
  dues?: DuesYearFigures;
  review?: ReviewFigures;
  texts?: ReviewTexts;
  /** The year's journal entries (not deleted). */
  journal: readonly JournalEntry[];
  inputs: ReportInputs;
  inspections: InspectionFigures;
}

/** One part of the prose: the committee's notes as written, then the members' points grouped. */
export interface Prose {
  notes: string[];
  points: Point[];
  /** Members whose answers were grouped (the denominator of "05/09 đồng chí nêu"). */
  of: number;
}

export interface MemberChanges {
  admitted: number;
  madeFull: number;
  transferred: number;
  removed: number;
  deceased: number;
}

export interface RatingFigures {
  /** Members the cell rated (decided), and all expected. */
  rated: number;
  expected: number;
  decided: Record<Rating, number>;
  /** Rated "tốt" or better (the reference's "09/09 đảng viên hoàn thành tốt nhiệm vụ"). */
  goodOrBetter: number;
  quota: QuotaCheck;
}

export type ProseKey = 'thuanLoi' | 'khoKhan' | 'tuTuong' | 'chuyenMon' | 'doanThe' | 'xayDungDang' | 'kiemTra' | 'khuyetDiem' | 'nguyenNhan' | 'phuongHuong' | 'bienPhap';

export interface ReportModel {
  year: number;
  asOf: LocalDate;
  cell: Cell;
  inputs: ReportInputs;
  /** Who signs: the secretary (or, without one, a deputy signs "K/T BÍ THƯ"). */
  signer?: { name: string; deputy: boolean };
  roster: RosterFigures;
  changes: MemberChanges;
  meetings?: MeetingYearFigures;
  dues?: DuesYearFigures;
  review?: ReviewFigures;
  ratings?: RatingFigures;
  inspections: InspectionFigures;
  minutes: readonly MinutesEntry[];
  prose: Record<ProseKey, Prose>;
  targets: string[];
  flags: ReportFlags;
}

export interface ReportFlags {
  arrears: { name: string; months: Month[]; flag: 0 | 2 | 3 }[];
  absences: { name: string; months: Month[] }[];
  probationDue: { name: string; due: LocalDate }[];
  /** Quarters ended without a themed meeting. */
  themedMissing: number[];
  /** The cell's decided ratings exceed the quota (warning only). */
  quotaExceeded: boolean;
  unreachable: string[];
}

const JOURNAL_OF: Record<ProseKey, JournalSection | undefined> = {
  thuanLoi: 'thuan_loi',
  khoKhan: 'kho_khan',
  tuTuong: 'tu_tuong',
  chuyenMon: 'chuyen_mon',
  doanThe: 'doan_the',
  xayDungDang: 'xay_dung_dang',
  kiemTra: 'kiem_tra',
  khuyetDiem: undefined,
  nguyenNhan: undefined,
  phuongHuong: 'phuong_huong',
  bienPhap: undefined,
};

/** Which section of the self-evaluation feeds which part of the report. */
const SELF_EVALUATION_OF: Partial<Record<ProseKey, keyof ReviewTexts>> = {
  tuTuong: 'conduct',
  chuyenMon: 'duties',
  khuyetDiem: 'shortcomings',
  nguyenNhan: 'causes',
  bienPhap: 'remedies',
};

export function buildReport(s: ReportSources): ReportModel {
  const members = s.members;
  const inCellAt = members.filter((m) => {
    const st = stateOn(m, s.asOf);
    return st !== undefined && isInCell({ state: st });
  });
  const roster = rosterFigures(members, s.asOf);

  const prose = {} as Record<ProseKey, Prose>;
  for (const key of Object.keys(JOURNAL_OF) as ProseKey[]) {
    const section = JOURNAL_OF[key];
    // Inspections are worded from their figures; other notes of the section are kept as written.
    const notes = section ? s.journal.filter((e) => e.section === section && !(section === 'kiem_tra' && e.inspection)).map((e) => e.text) : [];
    const source = SELF_EVALUATION_OF[key];
    const answers = source && s.texts ? s.texts[source] : [];
    prose[key] = {
      notes,
      points: groupPoints(answers.map((text, i) => ({ author: String(i), text }))),
      of: answers.length,
    };
  }

  let ratings: RatingFigures | undefined;
  if (s.review) {
    const d = s.review.decided;
    const rated = d.xuat_sac + d.tot + d.hoan_thanh + d.khong_hoan_thanh;
    ratings = { rated, expected: s.review.expected, decided: d, goodOrBetter: d.xuat_sac + d.tot, quota: s.review.quotaDecided };
  }

  const secretary = inCellAt.find((m) => m.role === 'secretary' && stateOn(m, s.asOf) === 'active');
  const deputy = inCellAt.find((m) => m.role === 'deputy' && stateOn(m, s.asOf) === 'active');
  const signer = secretary ? { name: secretary.name, deputy: false } : deputy ? { name: deputy.name, deputy: true } : undefined;

  return {
    year: s.year,
    asOf: s.asOf,
    cell: s.cell,
    inputs: s.inputs,
    ...(signer ? { signer } : {}),
    roster,
    changes: changesIn(members, s.year, s.asOf),
    ...(s.meetings ? { meetings: s.meetings } : {}),
    ...(s.dues ? { dues: s.dues } : {}),
    ...(s.review ? { review: s.review } : {}),
    ...(ratings ? { ratings } : {}),
    inspections: s.inspections,
    minutes: s.minutes,
    prose,
    targets: (s.inputs.targets ?? '').split('\n').map((l) => l.trim()).filter(Boolean),
    flags: {
      arrears: (s.dues?.arrears ?? []).filter((a) => a.flag > 0).map((a) => ({ name: a.name, months: a.counted, flag: a.flag })),
      absences: (s.meetings?.absences ?? []).filter((a) => a.flagged).map((a) => ({ name: a.name, months: a.unexcusedMonths })),
      probationDue: inCellAt.flatMap((m) => {
        const due = probationEnds(m);
        return due && due <= s.asOf ? [{ name: m.name, due }] : [];
      }),
      themedMissing: (s.meetings?.quarters ?? []).filter((q) => q.flagged).map((q) => q.quarter),
      quotaExceeded: ratings?.quota.exceeded ?? false,
      unreachable: inCellAt.filter((m) => !m.reachable).map((m) => m.name),
    },
  };
}

/** Admissions, full membership and departures dated in the year (up to the report date). */
export function changesIn(members: readonly Member[], year: number, asOf: LocalDate): MemberChanges {
  const inYear = (d: string | undefined) => !!d && d.startsWith(`${year}-`) && d <= asOf;
  const left = (state: Member['state']) => members.filter((m) => m.history.some((h) => h.state === state && inYear(h.on))).length;
  return {
    admitted: members.filter((m) => inYear(m.admittedOn) && m.history.length > 0).length,
    madeFull: members.filter((m) => inYear(m.fullOn)).length,
    transferred: left('transferred'),
    removed: left('removed'),
    deceased: left('deceased'),
  };
}

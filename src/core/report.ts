/**
 * The annual report's model (SPEC §8). Pure: every feature's figures, the journal and the
 * members' sent self-evaluations in; the report's facts and prose out, as data — the
 * .docx and the chat summary word it.
 *
 * Nothing is invented:
 * - each figure is computed from the data, and only for the period the data covers: a
 *   ratio with a zero denominator, or a figure for months nobody kept on the bot, is not a
 *   figure — the model says which months the bot's books cover, which come from the
 *   opening figures the cell entered for the months before, and what is still missing;
 * - each sentence of prose is one somebody wrote: the cell's own journal text first, then
 *   the members' points grouped (`textgroup`), each printed in one member's own words with
 *   a quantifier instead of a tally; sentences naming a person stay out of the collective
 *   report;
 * - where the cell's own text is missing the document keeps a visible placeholder (a
 *   `Gap`), even when members' points fill part of the section.
 */
import { isInCell, probationEnds, rosterFigures, stateOn, wasAdmitted, type Cell, type Member, type RosterFigures } from './members.ts';
import { meetingMinutes, meetingYearFigures, type MeetingsData, type MeetingYearFigures, type MinutesEntry } from './meetings/index.ts';
import { duesView, duesYearFigures, type DuesData, type DuesYearFigures } from './dues/index.ts';
import { reviewFigures, type QuotaCheck, type Rating, type ReviewData, type ReviewDraft, type ReviewFigures, type ReviewTexts } from './review/index.ts';
import {
  entriesOf,
  inspectionFigures,
  openingMonths,
  openingOf,
  type InspectionFigures,
  type JournalData,
  type JournalEntry,
  type JournalSection,
  type OpeningFigures,
  type ReportInputs,
} from './journal.ts';
import type { GroupResult, Point } from './textgroup.ts';
import { addMonths, monthOfDate, monthRange, type LocalDate, type Month } from './time.ts';

/** The members' points of each text section of the self-evaluation, grouped (`groupPoints`). */
export type GroupedTexts = Record<keyof ReviewTexts, GroupResult>;

export interface ReportSources {
  year: number;
  /** The report's date: today for the current year, 31/12 for a past one. */
  asOf: LocalDate;
  cell: Cell;
  /** Every member record of the cell (those who left too). */
  members: readonly Member[];
  meetings?: MeetingYearFigures;
  /** The first month of the year the bot's meeting rule covers (undefined: none this year). */
  meetingsFrom?: Month;
  minutes: readonly MinutesEntry[];
  dues?: DuesYearFigures;
  review?: ReviewFigures;
  /**
   * The members' sent self-evaluations, grouped by section. Grouping is the costly part of a
   * report, so the caller does it a section at a time (and lets other work run in between).
   */
  grouped?: GroupedTexts;
  /** The year's journal entries (not deleted). */
  journal: readonly JournalEntry[];
  inputs: ReportInputs;
  inspections: InspectionFigures;
  /** What happened before the cell kept its books on the bot, entered once. */
  opening?: OpeningFigures;
}

/** The parts of a cell's data a report reads (the store's CellFile satisfies it). */
export interface ReportData {
  cell: Cell;
  members: Record<string, Member>;
  meetings: MeetingsData;
  dues: Partial<DuesData>;
  review: Partial<ReviewData>;
  journal: JournalData;
}

/** The report's date: today for the current year, 31 December for a past one. */
export function reportAsOf(year: number, today: LocalDate): LocalDate {
  return `${year}-12-31` < today ? `${year}-12-31` : today;
}

/**
 * Every feature's figures of a cell's year, as of `today`, from its data: what `buildReport`
 * needs but the members' grouped points (the costly part, grouped by the caller). `drafts`:
 * the self-evaluations being written.
 */
export function reportSources(d: ReportData, year: number, today: LocalDate, drafts?: readonly ReviewDraft[]): ReportSources & Required<Pick<ReportSources, 'meetings' | 'dues'>> {
  const asOf = reportAsOf(year, today);
  const members: Member[] = Object.values(d.members).filter(wasAdmitted);
  const meetingsFrom = d.meetings.rules.map((r) => r.from).sort()[0];
  const opening = openingOf(d.journal, year);
  const review = reviewFigures(d.review, year, members, drafts);
  return {
    year,
    asOf,
    cell: d.cell,
    members,
    meetings: meetingYearFigures(d.meetings, members, year, asOf),
    ...(meetingsFrom ? { meetingsFrom } : {}),
    minutes: meetingMinutes(d.meetings, year),
    dues: duesYearFigures(duesView(d.dues), members, year, today),
    ...(review ? { review } : {}),
    journal: entriesOf(d.journal, year),
    inputs: d.journal.inputs[String(year)] ?? {},
    inspections: inspectionFigures(d.journal, year),
    ...(opening ? { opening } : {}),
  };
}

/** One part of the prose: the cell's own text as written, then the members' points. */
export interface Prose {
  notes: string[];
  /** All the members' points, grouped, most often raised first (the annex lists them all). */
  points: Point[];
  /** The points the collective report prints (see `shownPoints`). */
  shown: Point[];
  /** Members whose self-evaluations were read (the denominator of the quantifiers). */
  of: number;
  /** Sentences left out because they name a person. */
  leftOut: number;
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

/** The parts of the report written in prose, in the document's order. */
export const PROSE_KEYS = [
  'thuanLoi',
  'khoKhan',
  'tuTuong',
  'chuyenMon',
  'doanThe',
  'xayDungDang',
  'kiemTra',
  'khuyetDiem',
  'nguyenNhan',
  'baiHoc',
  'phuongHuong',
  'phTuTuong',
  'phChuyenMon',
  'phDoanThe',
  'phXayDungDang',
  'bienPhap',
] as const;
export type ProseKey = (typeof PROSE_KEYS)[number];

/** The journal section that holds the cell's own text of each part. */
export const JOURNAL_OF: Record<ProseKey, JournalSection> = {
  thuanLoi: 'thuan_loi',
  khoKhan: 'kho_khan',
  tuTuong: 'tu_tuong',
  chuyenMon: 'chuyen_mon',
  doanThe: 'doan_the',
  xayDungDang: 'xay_dung_dang',
  kiemTra: 'kiem_tra',
  khuyetDiem: 'khuyet_diem',
  nguyenNhan: 'nguyen_nhan',
  baiHoc: 'bai_hoc',
  phuongHuong: 'phuong_huong',
  phTuTuong: 'phuong_huong_tu_tuong',
  phChuyenMon: 'phuong_huong_chuyen_mon',
  phDoanThe: 'phuong_huong_doan_the',
  phXayDungDang: 'phuong_huong_xay_dung_dang',
  bienPhap: 'bien_phap',
};

/** Which section of the self-evaluation feeds which part of the report. */
export const SELF_EVALUATION_OF: Partial<Record<ProseKey, keyof ReviewTexts>> = {
  tuTuong: 'conduct',
  chuyenMon: 'duties',
  khuyetDiem: 'shortcomings',
  nguyenNhan: 'causes',
  bienPhap: 'remedies',
};

/**
 * Parts whose cell's own text the draft needs (a placeholder otherwise). The general
 * "Phương hướng" is an optional introduction when the four areas are written; the party
 * work and the inspections are mostly worded from figures, so their notes are optional.
 */
const NEEDS_CELL_TEXT: readonly ProseKey[] = [
  'thuanLoi',
  'khoKhan',
  'tuTuong',
  'chuyenMon',
  'doanThe',
  'khuyetDiem',
  'nguyenNhan',
  'baiHoc',
  'phTuTuong',
  'phChuyenMon',
  'phDoanThe',
  'phXayDungDang',
  'bienPhap',
];

/** At most this many of the members' points are printed in a part of the collective report. */
export const MAX_SHOWN_POINTS = 6;

/**
 * The members' points the collective report prints: those raised by at least two members
 * (the most often raised first, at most MAX_SHOWN_POINTS); when none was raised by two, up
 * to three raised by one ("Có đồng chí …"). Everything stays in the committee's annex.
 */
export function shownPoints(points: readonly Point[]): Point[] {
  const shared = points.filter((p) => p.members >= 2);
  return (shared.length ? shared : points.slice(0, 3)).slice(0, MAX_SHOWN_POINTS);
}

/** Something the secretary still has to write or enter before the draft can be signed. */
export type Gap =
  | { kind: 'section'; key: ProseKey; section: JournalSection }
  | { kind: 'input'; input: 'basis' | 'targets' | 'cellLevel' }
  | { kind: 'opening'; months: Month[]; what: ('meetings' | 'dues')[] }
  | { kind: 'ratings'; missing: number };

export interface MeetingFacts {
  /** Regular meetings held and planned, on the bot and (before it) from the opening figures. */
  regularHeld: number;
  regularPlanned: number;
  /** Months of the year that came from the opening figures (January … their `through`). */
  openingMonths: Month[];
  /** First month the bot's schedule covers. */
  botFrom?: Month;
  /** Themed meetings: on their own, and held within a regular meeting. */
  themedSeparate: number;
  themedCombined: number;
  themedFromOpening: number;
  topics: string[];
  extraordinary: number;
  /** Meetings whose minutes carry a resolution. */
  resolutions: number;
  averageRate?: number;
  /** Absences without reason: occurrences, and distinct members. */
  unexcused: number;
  unexcusedMembers: number;
  /** Ended quarters without a themed meeting, counting the opening figures. */
  quartersWithoutThemed: number[];
}

export interface DuesFacts {
  /** The months the bot's books cover (someone owed), with their figures. */
  bot?: { from: Month; through: Month; collected: number; expected: number; kept: number; sent: number; members: number; paidInFull: number; noAmount: boolean };
  /** Collected before the bot, from the opening figures. */
  opening?: { months: Month[]; collected: number };
  /** Months of the year up to the report's month covered by neither. */
  uncovered: Month[];
  /** Members in arrears, by the number of ended months unpaid (never named). */
  arrears: { months: number; members: number }[];
}

export interface ReportModel {
  year: number;
  asOf: LocalDate;
  cell: Cell;
  inputs: ReportInputs;
  /** Who signs: the secretary (or, without one, a deputy signs "K/T BÍ THƯ"). */
  signer?: { name: string; deputy: boolean };
  /** Whether the cell has a committee (chi ủy) besides the secretary. */
  hasCommittee: boolean;
  roster: RosterFigures;
  changes: MemberChanges;
  meetings?: MeetingYearFigures;
  meetingFacts?: MeetingFacts;
  dues?: DuesYearFigures;
  duesFacts?: DuesFacts;
  review?: ReviewFigures;
  ratings?: RatingFigures;
  inspections: InspectionFigures;
  opening?: OpeningFigures;
  /** Probationary members past their 12 months, awaiting the decision (a count: never named in the document). */
  probationAwaiting: number;
  minutes: readonly MinutesEntry[];
  prose: Record<ProseKey, Prose>;
  targets: string[];
  gaps: Gap[];
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

export function buildReport(s: ReportSources): ReportModel {
  const members = s.members;
  const inCellAt = members.filter((m) => {
    const st = stateOn(m, s.asOf);
    return st !== undefined && isInCell({ state: st });
  });
  const roster = rosterFigures(members, s.asOf);
  const of = s.review?.sent ?? new Set(Object.values(s.grouped ?? {}).flatMap((g) => g.points.flatMap((p) => p.authors))).size;

  const prose = {} as Record<ProseKey, Prose>;
  for (const key of PROSE_KEYS) {
    const section = JOURNAL_OF[key];
    // Inspections are worded from their figures; other notes of the section are kept as written.
    const notes = s.journal.filter((e) => e.section === section && !(section === 'kiem_tra' && e.inspection)).map((e) => e.text);
    const source = SELF_EVALUATION_OF[key];
    const grouped = (source && s.grouped?.[source]) || { points: [], leftOut: 0 };
    prose[key] = { notes, points: grouped.points, shown: shownPoints(grouped.points), of, leftOut: grouped.leftOut };
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
  const probationDue = inCellAt.flatMap((m) => {
    const due = probationEnds(m);
    return due && due <= s.asOf ? [{ name: m.name, due }] : [];
  });
  const meetingFacts = s.meetings || s.opening ? meetingFactsOf(s) : undefined;
  const duesFacts = duesFactsOf(s);
  const targets = (s.inputs.targets ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

  const model: ReportModel = {
    year: s.year,
    asOf: s.asOf,
    cell: s.cell,
    inputs: s.inputs,
    ...(signer ? { signer } : {}),
    hasCommittee: inCellAt.some((m) => (m.role === 'deputy' || m.role === 'committee') && stateOn(m, s.asOf) === 'active'),
    roster,
    changes: changesIn(members, s.year, s.asOf),
    ...(s.meetings ? { meetings: s.meetings } : {}),
    ...(meetingFacts ? { meetingFacts } : {}),
    ...(s.dues ? { dues: s.dues } : {}),
    ...(duesFacts ? { duesFacts } : {}),
    ...(s.review ? { review: s.review } : {}),
    ...(ratings ? { ratings } : {}),
    inspections: s.inspections,
    ...(s.opening ? { opening: s.opening } : {}),
    probationAwaiting: probationDue.length,
    minutes: s.minutes,
    prose,
    targets,
    gaps: [],
    flags: {
      arrears: (s.dues?.arrears ?? []).filter((a) => a.flag > 0).map((a) => ({ name: a.name, months: a.counted, flag: a.flag })),
      absences: (s.meetings?.absences ?? []).filter((a) => a.flagged).map((a) => ({ name: a.name, months: a.unexcusedMonths })),
      probationDue,
      themedMissing: meetingFacts?.quartersWithoutThemed ?? [],
      quotaExceeded: ratings?.quota.exceeded ?? false,
      unreachable: inCellAt.filter((m) => !m.reachable).map((m) => m.name),
    },
  };
  model.gaps = gapsOf(model);
  return model;
}

const monthsBefore = (year: number, month: Month): Month[] => (month > `${year}-01` ? monthRange(`${year}-01`, addMonths(month, -1)) : []);

/** The opening figures' months of the report's year, up to the report's month. */
function openingMonthsOf(s: ReportSources): Month[] {
  if (!s.opening?.through.startsWith(`${s.year}-`)) return [];
  return openingMonths(s.opening.through).filter((m) => m <= monthOfDate(s.asOf));
}

function meetingFactsOf(s: ReportSources): MeetingFacts {
  const f = s.meetings;
  const o = s.opening;
  const fromOpening = openingMonthsOf(s);
  const botFrom = s.meetingsFrom && s.meetingsFrom <= monthOfDate(s.asOf) ? (s.meetingsFrom < `${s.year}-01` ? (`${s.year}-01` as Month) : s.meetingsFrom) : undefined;
  // The bot's figures for a month the opening figures also cover would count it twice: the bot's win.
  const botMonths = new Set((f?.byMonth ?? []).filter((b) => b.planned > 0).map((b) => b.month));
  const openingOnly = fromOpening.filter((m) => !botMonths.has(m));
  const useOpening = Boolean(o && openingOnly.length);
  const held = f?.meetings ?? [];
  const themedSeparate = held.filter((l) => l.kind === 'themed').length;
  const themedCombined = held.filter((l) => l.kind === 'regular' && l.topic).length;
  const topics = [...new Set(held.filter((l) => l.topic?.trim()).map((l) => l.topic!.trim()))];
  const themedFromOpening = useOpening ? o!.themedByQuarter.reduce((a, b) => a + b, 0) : 0;
  // A quarter is judged only when each of its months is covered, by the bot or by the opening figures.
  const known = (m: Month) => (botFrom !== undefined && m >= botFrom) || (useOpening && openingOnly.includes(m));
  const quartersWithoutThemed = (f?.quarters ?? [])
    .filter((q) => q.ended && [0, 1, 2].every((i) => known(`${s.year}-${String((q.quarter - 1) * 3 + i + 1).padStart(2, '0')}` as Month)))
    .filter((q) => q.themedHeld + (useOpening ? (o!.themedByQuarter[q.quarter - 1] ?? 0) : 0) === 0)
    .map((q) => q.quarter);
  const unexcusedList = (f?.absences ?? []).filter((a) => a.unexcused > 0);
  return {
    regularHeld: (f?.regular.held ?? 0) + (useOpening ? o!.regularHeld : 0),
    regularPlanned: (f?.regular.planned ?? 0) + (useOpening ? openingOnly.length : 0),
    openingMonths: useOpening ? openingOnly : [],
    ...(botFrom ? { botFrom } : {}),
    themedSeparate,
    themedCombined,
    themedFromOpening,
    topics,
    extraordinary: (f?.extraordinary.held ?? 0) + (useOpening ? o!.extraordinaryHeld : 0),
    resolutions: s.minutes.filter((x) => x.resolution.trim()).length,
    ...(f?.averageRate !== undefined ? { averageRate: f.averageRate } : {}),
    unexcused: unexcusedList.reduce((n, a) => n + a.unexcused, 0),
    unexcusedMembers: unexcusedList.length,
    quartersWithoutThemed,
  };
}

function duesFactsOf(s: ReportSources): DuesFacts | undefined {
  const d = s.dues;
  const covered = (d?.months ?? []).filter((m) => m.owing > 0);
  const bot = covered.length
    ? {
        from: covered[0]!.month,
        through: covered.at(-1)!.month,
        collected: covered.reduce((n, m) => n + m.collected, 0),
        expected: covered.reduce((n, m) => n + m.expected, 0),
        kept: covered.reduce((n, m) => n + m.kept, 0),
        sent: covered.reduce((n, m) => n + m.sent, 0),
        members: d!.members,
        paidInFull: d!.paidInFull,
        noAmount: covered.some((m) => m.noAmount.length > 0),
      }
    : undefined;
  const botMonths = new Set(covered.map((m) => m.month));
  const entered = s.opening ? openingMonthsOf(s).filter((m) => !botMonths.has(m) && s.opening!.duesByMonth[m] !== undefined) : [];
  const opening = entered.length ? { months: entered, collected: entered.reduce((n, m) => n + (s.opening!.duesByMonth[m] ?? 0), 0) } : undefined;
  // Months before the bot's books that nobody entered: the draft asks for them.
  const uncovered = bot ? monthsBefore(s.year, bot.from).filter((m) => !entered.includes(m)) : [];
  if (!bot && !opening) return undefined;
  const byCount = new Map<number, number>();
  for (const a of d?.arrears ?? []) if (a.counted.length) byCount.set(a.counted.length, (byCount.get(a.counted.length) ?? 0) + 1);
  return {
    ...(bot ? { bot } : {}),
    ...(opening ? { opening } : {}),
    uncovered,
    arrears: [...byCount].sort((a, b) => b[0] - a[0]).map(([months, members]) => ({ months, members })),
  };
}

/** What the draft still lacks, in the document's order. */
export function gapsOf(m: ReportModel): Gap[] {
  const gaps: Gap[] = [];
  if (!m.inputs.basis?.trim()) gaps.push({ kind: 'input', input: 'basis' });
  for (const key of PROSE_KEYS) {
    if (NEEDS_CELL_TEXT.includes(key) && m.prose[key].notes.length === 0) gaps.push({ kind: 'section', key, section: JOURNAL_OF[key] });
    if (key === 'xayDungDang') {
      const months = [...new Set([...(m.duesFacts?.uncovered ?? []), ...meetingsUncovered(m)])].sort();
      if (months.length) gaps.push({ kind: 'opening', months, what: [...(meetingsUncovered(m).length ? (['meetings'] as const) : []), ...(m.duesFacts?.uncovered.length ? (['dues'] as const) : [])] });
      if (m.ratings && m.ratings.rated < m.ratings.expected) gaps.push({ kind: 'ratings', missing: m.ratings.expected - m.ratings.rated });
      if (!m.inputs.cellLevel) gaps.push({ kind: 'input', input: 'cellLevel' });
    }
    if (key === 'phXayDungDang' && !m.targets.length) gaps.push({ kind: 'input', input: 'targets' });
  }
  return gaps;
}

/** Months of the year before the bot's meeting schedule that the opening figures do not cover. */
export function meetingsUncovered(m: Pick<ReportModel, 'meetingFacts' | 'year'>): Month[] {
  const f = m.meetingFacts;
  if (!f?.botFrom) return [];
  return monthsBefore(m.year, f.botFrom).filter((mo) => !f.openingMonths.includes(mo));
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

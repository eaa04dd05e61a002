/**
 * The cell's journal: its running notebook for the annual report. Pure.
 *
 * Each entry has a date, an author and one section of the report. Inspections and
 * supervisions are journal entries of the section "Kiểm tra, giám sát" that also say what
 * kind of check it was and how many members it concerned, so the report can count them.
 * Besides the entries, the journal keeps, per report year, the few lines the report needs
 * that are no one's notes: the document it answers to ("Căn cứ …"), the targets for next
 * year, the cell's proposed level for itself and the report's number, and — for a cell that
 * started using the bot in the middle of a year — the opening figures: what the books kept
 * before the bot say about January … the month before.
 */
import { addMonths, monthRange, yearOf, type LocalDate, type Month } from './time.ts';
import type { Rating } from './review/index.ts';
import { formatMoney, parseMoney } from './money.ts';
import { fail, ok, type Problem, type Result } from './result.ts';

export const JOURNAL_SECTIONS = [
  'thuan_loi',
  'kho_khan',
  'tu_tuong',
  'chuyen_mon',
  'doan_the',
  'xay_dung_dang',
  'kiem_tra',
  /** The general direction for next year. */
  'phuong_huong',
  // The cell's own voice for III and PHẦN THỨ HAI of the report.
  'khuyet_diem',
  'nguyen_nhan',
  'bai_hoc',
  'bien_phap',
  'phuong_huong_tu_tuong',
  'phuong_huong_chuyen_mon',
  'phuong_huong_doan_the',
  'phuong_huong_xay_dung_dang',
] as const;
export type JournalSection = (typeof JOURNAL_SECTIONS)[number];

/**
 * The sections by the part of the report they belong to (the /note menus show a part, then
 * its sections). Biện pháp thực hiện is the last point of PHẦN THỨ HAI in the reference report,
 * so it sits with next year's direction.
 */
export const SECTION_GROUPS = {
  dac_diem: ['thuan_loi', 'kho_khan'],
  ket_qua: ['tu_tuong', 'chuyen_mon', 'doan_the', 'xay_dung_dang', 'kiem_tra'],
  ton_tai: ['khuyet_diem', 'nguyen_nhan', 'bai_hoc'],
  phuong_huong: ['phuong_huong', 'phuong_huong_tu_tuong', 'phuong_huong_chuyen_mon', 'phuong_huong_doan_the', 'phuong_huong_xay_dung_dang', 'bien_phap'],
} as const satisfies Record<string, readonly JournalSection[]>;
export type SectionGroup = keyof typeof SECTION_GROUPS;
export const SECTION_GROUP_IDS = Object.keys(SECTION_GROUPS) as SectionGroup[];

export function isJournalSection(s: unknown): s is JournalSection {
  return typeof s === 'string' && (JOURNAL_SECTIONS as readonly string[]).includes(s);
}

export function isSectionGroup(s: unknown): s is SectionGroup {
  return typeof s === 'string' && Object.hasOwn(SECTION_GROUPS, s);
}

export function groupOf(section: JournalSection): SectionGroup {
  return SECTION_GROUP_IDS.find((g) => (SECTION_GROUPS[g] as readonly JournalSection[]).includes(section))!;
}

export type InspectionKind = 'kiem_tra' | 'giam_sat';

export interface Inspection {
  kind: InspectionKind;
  /** Members concerned; 0 when the check concerned the cell itself. */
  members: number;
}

export interface JournalEntry {
  id: string;
  on: LocalDate;
  section: JournalSection;
  text: string;
  /** Member id of the author. */
  by: string;
  at: string;
  inspection?: Inspection;
  editedAt?: string;
  /** Deleted entries are kept (marked) but never shown or reported. */
  deletedAt?: string;
}

export interface ReportInputs {
  /** "Căn cứ Công văn số 87-CV/ĐU ngày 08/11/2024 của Đảng ủy xã …" */
  basis?: string;
  /** Chỉ tiêu phấn đấu năm sau, one per line. */
  targets?: string;
  /** The cell's proposed level for itself. */
  cellLevel?: Rating;
  /** The report's number, e.g. "05" in "Số 05-BC/CB". */
  number?: string;
}

export interface OpeningFigures {
  /** Last month the figures cover ("2024-05"): January … `through` of that year come from the books kept before the bot. */
  through: Month;
  regularHeld: number;
  /** Themed meetings held in each quarter that `through` reaches (index 0 = quý I); quarters after it are 0. */
  themedByQuarter: [number, number, number, number];
  extraordinaryHeld: number;
  /** Dues collected per month, January … through (whole đồng); a month left out = not entered. */
  duesByMonth: Partial<Record<Month, number>>;
  inspections: number;
  supervisions: number;
  by: string; // member id
  at: string; // ISO time
}

/** What the committee enters; the author and the time are the service's. */
export type OpeningInput = Omit<OpeningFigures, 'by' | 'at'>;

export interface JournalData {
  entries: JournalEntry[];
  /** Per report year. */
  inputs: Record<string, ReportInputs>;
  /** Per report year; absent in files written before opening figures existed. */
  opening?: Record<string, OpeningFigures>;
}

export function emptyJournal(): JournalData {
  return { entries: [], inputs: {} };
}

export const MAX_ENTRY_CHARS = 3000;

/** Entries shown and reported: not deleted, of the year (by their date), oldest first. */
export function entriesOf(data: Pick<JournalData, 'entries'>, year: number, section?: JournalSection): JournalEntry[] {
  return data.entries.filter((e) => !e.deletedAt && e.on.startsWith(`${year}-`) && (!section || e.section === section)).sort((a, b) => a.on.localeCompare(b.on) || a.at.localeCompare(b.at));
}

export interface InspectionLine {
  month: number;
  kind: InspectionKind;
  members: number;
  text: string;
}

export interface InspectionFigures {
  inspections: number;
  supervisions: number;
  /** Members checked in inspections and in supervisions. */
  membersInspected: number;
  membersSupervised: number;
  lines: InspectionLine[];
}

/** "Tháng 5: giám sát 01 đảng viên …" — the year's checks, counted from the journal. */
export function inspectionFigures(data: Pick<JournalData, 'entries'>, year: number): InspectionFigures {
  const lines = entriesOf(data, year, 'kiem_tra')
    .filter((e) => e.inspection)
    .map((e) => ({ month: Number(e.on.slice(5, 7)), kind: e.inspection!.kind, members: e.inspection!.members, text: e.text }));
  const of = (k: InspectionKind) => lines.filter((l) => l.kind === k);
  return {
    inspections: of('kiem_tra').length,
    supervisions: of('giam_sat').length,
    membersInspected: of('kiem_tra').reduce((n, l) => n + l.members, 0),
    membersSupervised: of('giam_sat').reduce((n, l) => n + l.members, 0),
    lines,
  };
}

/**
 * The year a report is being written for on a given day: the season is November–December,
 * and a report finished in January or February is still the previous year's.
 */
export function reportYearOn(today: LocalDate): number {
  const y = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) <= 2 ? y - 1 : y;
}

// ---------------------------------------------------------------- opening figures

/** A count of meetings or checks in the months before the bot: 0 … 31. */
export const MAX_OPENING_COUNT = 31;
/** Dues a cell collects in one month, at most (a large cell of well-paid members stays far below). */
export const MAX_OPENING_MONTH_DUES = 100_000_000;

export function openingOf(j: Pick<JournalData, 'opening'>, year: number): OpeningFigures | undefined {
  return j.opening?.[String(year)];
}

/** January … `through`. */
export function openingMonths(through: Month): Month[] {
  return monthRange(`${through.slice(0, 4)}-01`, through);
}

/** 0 = quý I … 3 = quý IV. */
export function quarterOf(m: Month): number {
  return Math.floor((Number(m.slice(5, 7)) - 1) / 3);
}

/**
 * The months the figures may run to: those of `year` before the current month; and the one
 * to suggest: the month before the cell was created on the bot, when that is in `year`.
 */
export function openingChoices(year: number, today: LocalDate, cellCreated: LocalDate): { months: Month[]; suggested?: Month } {
  const beforeNow = addMonths(today.slice(0, 7), -1);
  const months = monthRange(`${year}-01`, beforeNow < `${year}-12` ? beforeNow : `${year}-12`);
  const beforeCell = addMonths(cellCreated.slice(0, 7), -1);
  return { months, suggested: months.includes(beforeCell) ? beforeCell : undefined };
}

/** A typed count: a whole number 0 … 31. */
export function parseOpeningCount(input: string): Result<number> {
  const s = input.normalize('NFC').trim();
  if (!/^\d{1,2}$/.test(s) || Number(s) > MAX_OPENING_COUNT) return fail('opening.count', { max: MAX_OPENING_COUNT });
  return ok(Number(s));
}

/** Regular meetings are monthly: at most one per month covered. */
export function checkRegularHeld(n: number, through: Month): Result<number> {
  const months = openingMonths(through).length;
  return n > months ? fail('opening.regular', { months, through }) : ok(n);
}

/** Dues collected in a month, typed like every amount of the bot; 0 is a figure too. */
export function parseOpeningDues(input: string): Result<number> {
  const r = parseMoney(input, MAX_OPENING_MONTH_DUES);
  if (!r.ok && r.error.code === 'money.zero') return ok(0);
  return r;
}

const isCount = (n: unknown) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= MAX_OPENING_COUNT;

/** The whole record, checked again before it is stored (the dialog checks each step). */
export function checkOpening(year: number, f: OpeningInput, today: LocalDate): Problem | undefined {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(f.through) || yearOf(f.through) !== year || f.through >= today.slice(0, 7)) return { code: 'opening.through', params: { year } };
  const counts = [f.regularHeld, f.extraordinaryHeld, f.inspections, f.supervisions, ...f.themedByQuarter];
  if (f.themedByQuarter.length !== 4 || !counts.every(isCount)) return { code: 'opening.count', params: { max: MAX_OPENING_COUNT } };
  const regular = checkRegularHeld(f.regularHeld, f.through);
  if (!regular.ok) return regular.error;
  if (f.themedByQuarter.some((n, q) => q > quarterOf(f.through) && n > 0)) return { code: 'opening.quarter', params: { through: f.through } };
  const months = new Set(openingMonths(f.through));
  for (const [m, v] of Object.entries(f.duesByMonth)) {
    if (!months.has(m)) return { code: 'opening.duesMonth', params: { month: m, through: f.through } };
    if (!Number.isInteger(v)) return { code: 'money.fraction' };
    if (v! < 0) return { code: 'money.negative' };
    if (v! > MAX_OPENING_MONTH_DUES) return { code: 'money.tooLarge', params: { max: formatMoney(MAX_OPENING_MONTH_DUES) } };
  }
  return undefined;
}

/**
 * The cell's journal: its running notebook for the annual report. Pure.
 *
 * Each entry has a date, an author and one section of the report. Inspections and
 * supervisions are journal entries of the section "Kiểm tra, giám sát" that also say what
 * kind of check it was and how many members it concerned, so the report can count them.
 * Besides the entries, the journal keeps, per report year, the few lines the report needs
 * that are no one's notes: the document it answers to ("Căn cứ …"), the targets for next
 * year, the cell's proposed level for itself and the report's number.
 */
import type { LocalDate } from './time.ts';
import type { Rating } from './review.ts';

export const JOURNAL_SECTIONS = ['thuan_loi', 'kho_khan', 'tu_tuong', 'chuyen_mon', 'doan_the', 'xay_dung_dang', 'kiem_tra', 'phuong_huong'] as const;
export type JournalSection = (typeof JOURNAL_SECTIONS)[number];

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

export interface JournalData {
  entries: JournalEntry[];
  /** Per report year. */
  inputs: Record<string, ReportInputs>;
}

export function emptyJournal(): JournalData {
  return { entries: [], inputs: {} };
}

export const MAX_ENTRY_CHARS = 3000;

/** Entries shown and reported: not deleted, of the year (by their date), oldest first. */
export function entriesOf(data: Pick<JournalData, 'entries'>, year: number, section?: JournalSection): JournalEntry[] {
  return data.entries
    .filter((e) => !e.deletedAt && e.on.startsWith(`${year}-`) && (!section || e.section === section))
    .sort((a, b) => a.on.localeCompare(b.on) || a.at.localeCompare(b.at));
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

/**
 * What the Mini App's JSON API says, shared by the server and the page (types only, so
 * the page's bundle takes nothing from the server). Dates are already written dd/mm/yyyy.
 */

export interface Choice {
  value: string;
  label: string;
}

/** One written section of the official form. */
export interface SectionInfo {
  id: string;
  /** "I.1", "III" … */
  number: string;
  title: string;
  hint: string;
  optional: boolean;
  /** Most characters it accepts (the chat's limit). */
  max: number;
}

export interface Me {
  name: string;
  cellName: string;
  committee: boolean;
  /** The open review (or else the latest). */
  review?: { year: number; deadline: string; open: boolean };
}

/** What the form edits: the draft of the chat's dialog, in the form's shape. */
export interface DraftFields {
  sections: Record<string, string>;
  partyRating?: string | null;
  civilRating?: string | null;
  scoreGeneral?: number | null;
  scoreTasks?: number | null;
}

export interface DraftView {
  year: number;
  deadline: string;
  open: boolean;
  civilServant: boolean;
  sections: SectionInfo[];
  ratings: Choice[];
  scoreMax: { general: number; tasks: number };
  /** The version of the draft this view shows; a save names it, and a stale one is refused. */
  version: string;
  fields: DraftFields;
  /** Versions sent so far. */
  sent: number;
}

export type SaveResult = { ok: true; version: string } | { ok: false; stale: true; message: string; current: DraftView };

export interface SubmitResult {
  /** The number of the version just sent. */
  n: number;
  message: string;
}

export interface Quota {
  xuatSac: number;
  tot: number;
  max: number;
  exceeded: boolean;
  /** The warning to show when exceeded. */
  warning?: string;
}

export type MemberStatus = 'sent' | 'draft' | 'none';

export interface ProgressRow {
  memberId: string;
  name: string;
  status: MemberStatus;
  /** The member's self-proposed level (label), once sent. */
  proposed?: string;
  /** The cell's decided level (value). */
  decided?: string;
}

export interface CommitteeView {
  year: number;
  deadline: string;
  open: boolean;
  counts: { expected: number; sent: number; drafts: number; notStarted: number };
  rows: ProgressRow[];
  ratings: Choice[];
  quota: Quota;
}

export interface SubmissionView {
  memberId: string;
  name: string;
  /** Version number and the day it was sent. */
  n: number;
  sentOn: string;
  sections: { number: string; title: string; text: string }[];
  partyRating: string;
  civilRating?: string;
  score?: string;
  decided?: string;
}

export interface RateResult {
  decided: string;
  quota: Quota;
  message: string;
}

export interface JournalEntryView {
  id: string;
  date: string;
  author: string;
  text: string;
}

export interface JournalView {
  year: number;
  sections: { id: string; label: string; entries: JournalEntryView[] }[];
  /** What the draft report still lacks; `section` names the journal section that fills it. */
  gaps: { label: string; section?: string }[];
}

export interface ChartPoint {
  label: string;
  value: number;
  of: number;
}

/** One chart: a bar per point, its value against what was expected. */
export interface ChartSeries {
  title: string;
  points: ChartPoint[];
  /** How a value is written on its bar: a count, or money (đồng, written "45k"). */
  unit: 'count' | 'money';
  /** Said instead of the bars when there is no point. */
  empty: string;
}

export interface ChartsView {
  year: number;
  /** Present of expected, per held meeting. */
  attendance: ChartSeries;
  /** Collected of expected (đồng), per month. */
  dues: ChartSeries;
}

/** The body of every refusal but 401 (which has none). */
export interface ApiErrorBody {
  error: string;
  message?: string;
}

/** The review's data, the draft record and the notices of the feature. */
import { own } from '../records.ts';
import { type LocalDate, yearOf } from '../time.ts';
import type { Rating, Score, SectionId } from './form.ts';

/** One sent version of a member's self-evaluation. */
export interface SentVersion {
  /** 1, 2, … */
  n: number;
  /** ISO instant it was sent. */
  at: string;
  /** Text of each section; '' for an optional section left empty ("Không có"). */
  sections: Record<SectionId, string>;
  /** Self-proposed level as a party member. */
  partyRating: Rating;
  /** Self-proposed level as a civil servant (cán bộ, công chức, viên chức), when one. */
  civilRating?: Rating;
  score?: Score;
}

/** The cell's decided level for a member, with who recorded it and when. */
export interface Decision {
  rating: Rating;
  by: string;
  at: string;
  /** The cell's comments (nhận xét của chi bộ), optional. */
  comment?: string;
  /** Version of the level: 1 when first recorded, one more at each change (absent in data from before: 1). */
  v?: number;
}

/** Version of a decided level: the member's filled copy is sent once per version. */
export function ratingVersion(d: Pick<Decision, 'v'>): number {
  return d.v ?? 1;
}

export type ReviewState = 'open' | 'closed';

export interface Review {
  year: number;
  openedBy: string;
  openedAt: string;
  /** Local day it was (last) opened: reminders count from it. */
  openedOn: LocalDate;
  /** Last day to send. */
  deadline: LocalDate;
  state: ReviewState;
  closedAt?: string;
  closedBy?: string;
  /** Member id → sent versions, oldest first. */
  submissions: Record<string, SentVersion[]>;
  /** Member id → the cell's decided level. */
  decisions: Record<string, Decision>;
}

export interface ReviewSettings {
  /** Default days from opening to the deadline. */
  deadlineDays: number;
}

export interface ReviewData {
  settings: ReviewSettings;
  /** Year → its review. */
  reviews: Record<string, Review>;
}

export const DEFAULT_DEADLINE_DAYS = 15;

/** Choices offered in /settings. */
export const DEADLINE_DAY_CHOICES = [7, 10, 15, 20, 30] as const;

export function emptyReview(): ReviewData {
  return { settings: { deadlineDays: DEFAULT_DEADLINE_DAYS }, reviews: {} };
}

/** Fills what an older file may lack (the slot was `{}` before this feature). */
export function normalizeReview(data: Partial<ReviewData> | undefined): ReviewData {
  const d = (data ?? {}) as ReviewData;
  d.settings ??= { deadlineDays: DEFAULT_DEADLINE_DAYS };
  d.settings.deadlineDays ??= DEFAULT_DEADLINE_DAYS;
  d.reviews ??= {};
  return d;
}

export function settingsOf(data: Partial<ReviewData> | undefined): ReviewSettings {
  return { deadlineDays: data?.settings?.deadlineDays ?? DEFAULT_DEADLINE_DAYS };
}

export function reviewFor(data: Partial<ReviewData> | undefined, year: number): Review | undefined {
  return data?.reviews?.[String(year)];
}

/** The open review, if any (there is at most one). */
export function openReview(data: Partial<ReviewData> | undefined): Review | undefined {
  return Object.values(data?.reviews ?? {}).find((r) => r.state === 'open');
}

/** The open review, or else the most recent one. */
export function currentReview(data: Partial<ReviewData> | undefined): Review | undefined {
  return openReview(data) ?? Object.values(data?.reviews ?? {}).sort((a, b) => b.year - a.year)[0];
}

/** The year a review opened today is for: the current year from July, else the year before (a January review). */
export function defaultReviewYear(today: LocalDate): number {
  const y = yearOf(today);
  return Number(today.slice(5, 7)) >= 7 ? y : y - 1;
}

export function latestVersion(r: Review, memberId: string): SentVersion | undefined {
  return own(r.submissions, memberId)?.at(-1);
}

/** Notices of the review feature. */
export type ReviewNotice =
  | { kind: 'review.invite'; cellId: string; year: number; deadline: LocalDate }
  | { kind: 'review.reminder'; cellId: string; year: number; deadline: LocalDate; daysLeft: number; draft: boolean }
  | { kind: 'review.summary'; cellId: string; year: number; deadline: LocalDate; expected: number; sent: number; drafts: string[]; notStarted: string[] }
  /** The caption of the member's filled copy (the document itself is rendered when sent). */
  | { kind: 'review.copy'; year: number; rating: Rating };

/** The dialog the bot runs for the self-evaluation (its id, where the bot keeps the draft). */
export const EVALUATE_DIALOG = 'evaluate';

/**
 * A self-evaluation being written and not sent yet: whose, for which year. Where drafts are
 * kept is not core's business; the service passes the drafts it found.
 */
export interface ReviewDraft {
  memberId: string;
  year: number;
}

/**
 * The admin's overview across cells (/overview): one row of figures per cell for a year,
 * and their totals. Pure: a cell's data, the year and today in, the row out. Every figure
 * is the one the cell's own /report shows (the report model, built without the members'
 * grouped points, which the overview does not need); nothing is counted here a second way.
 */
import type { UserDialogs } from './dialog-state.ts';
import type { Distribution, ReviewDraft, ReviewState } from './review/index.ts';
import { buildReport, reportSources, type ReportData } from './report.ts';
import type { LocalDate } from './time.ts';

/** When the year's draft report was last made with /report (kept per year in the cell's data). */
export interface DraftedReport {
  /** ISO instant. */
  draftedAt: string;
}

/** The parts of a cell's data the overview reads (the store's CellFile satisfies it). */
export interface OverviewInput extends ReportData {
  dialogs?: Record<string, UserDialogs>;
  /** Year ("2024") → the last draft of that year's report. */
  reports?: Record<string, DraftedReport>;
}

/** Why a cell is listed among those needing attention, in the order the summary words them. */
export const ATTENTION = ['review.none', 'review.unfinished', 'review.quota', 'meetings.missed', 'dues.short', 'dues.noAmount', 'report.none'] as const;
export type Attention = (typeof ATTENTION)[number];

export interface CellOverview {
  cellId: string;
  name: string;
  parentName: string;
  /** Members in the cell on the report's date. */
  members: { total: number; full: number; probationary: number };
  /** Meetings held and planned (the opening figures of the months before the bot included, as in the report). */
  meetings: { regularHeld: number; regularPlanned: number; themed: number; extraordinary: number };
  /** The year's dues on the bot's books, through the current month. */
  /** `members`: those who owed at least one month, `paidInFull` of them with nothing unpaid; `noAmount`: owing with no amount set. */
  dues: { expected: number; collected: number; outstanding: number; members: number; paidInFull: number; noAmount: number };
  /** The year's review; undefined when none was opened. */
  review?: {
    state: ReviewState;
    expected: number;
    sent: number;
    drafts: number;
    notStarted: number;
    decided: Distribution;
    undecided: number;
    quotaExceeded: boolean;
  };
  /** When the year's report was last drafted (ISO), if it was. */
  reportDraftedAt?: string;
  attention: Attention[];
}

export interface OverviewTotals {
  cells: number;
  members: number;
  full: number;
  probationary: number;
  regularHeld: number;
  regularPlanned: number;
  themed: number;
  extraordinary: number;
  duesExpected: number;
  duesCollected: number;
  duesOutstanding: number;
  /** Cells with the year's review opened, and its figures summed over them. */
  reviewsOpened: number;
  reviewExpected: number;
  reviewSent: number;
  reviewDrafts: number;
  reviewNotStarted: number;
  decided: Distribution;
  undecided: number;
  reportsDrafted: number;
  needAttention: number;
}

/**
 * One cell's row for `year` as of `today`. `drafts` are the members' self-evaluations being
 * written (kept by the dialog engine); without them every unsent member counts as not started.
 */
export function cellOverview(d: OverviewInput, year: number, today: LocalDate, drafts?: readonly ReviewDraft[]): CellOverview {
  const sources = reportSources(d, year, today, drafts);
  const model = buildReport(sources);
  const { dues, review } = sources;
  const f = model.meetingFacts;
  const meetings = {
    regularHeld: f?.regularHeld ?? 0,
    regularPlanned: f?.regularPlanned ?? 0,
    themed: f ? f.themedSeparate + f.themedCombined + f.themedFromOpening : 0,
    extraordinary: f?.extraordinary ?? 0,
  };
  const noAmount = new Set(dues.months.flatMap((m) => m.noAmount)).size;
  const row: CellOverview = {
    cellId: d.cell.id,
    name: d.cell.name,
    parentName: d.cell.parentName,
    members: { total: model.roster.total, full: model.roster.full, probationary: model.roster.probationary },
    meetings,
    dues: { expected: dues.expected, collected: dues.collected, outstanding: dues.outstanding, members: dues.members, paidInFull: dues.paidInFull, noAmount },
    ...(review
      ? {
          review: {
            state: review.state,
            expected: review.expected,
            sent: review.sent,
            drafts: review.drafts,
            notStarted: review.notStarted,
            decided: review.decided,
            undecided: review.undecided,
            quotaExceeded: review.quotaDecided.exceeded,
          },
        }
      : {}),
    ...(d.reports?.[String(year)] ? { reportDraftedAt: d.reports[String(year)]!.draftedAt } : {}),
    attention: [],
  };
  row.attention = attentionOf(row);
  return row;
}

/** What the province office should look at in a cell's row. */
export function attentionOf(r: Omit<CellOverview, 'attention'>): Attention[] {
  const is: Record<Attention, boolean> = {
    'review.none': !r.review,
    'review.unfinished': Boolean(r.review && (r.review.sent < r.review.expected || r.review.undecided > 0)),
    // more "xuất sắc" than 20% of "tốt": the committee above decides
    'review.quota': Boolean(r.review?.quotaExceeded),
    'meetings.missed': r.meetings.regularHeld < r.meetings.regularPlanned,
    'dues.short': r.dues.outstanding > 0,
    'dues.noAmount': r.dues.noAmount > 0,
    'report.none': !r.reportDraftedAt,
  };
  return ATTENTION.filter((a) => is[a]);
}

/** The rows summed (the total row of the table and the first lines of the summary). */
export function overviewTotals(rows: readonly CellOverview[]): OverviewTotals {
  const t: OverviewTotals = {
    cells: rows.length,
    members: 0,
    full: 0,
    probationary: 0,
    regularHeld: 0,
    regularPlanned: 0,
    themed: 0,
    extraordinary: 0,
    duesExpected: 0,
    duesCollected: 0,
    duesOutstanding: 0,
    reviewsOpened: 0,
    reviewExpected: 0,
    reviewSent: 0,
    reviewDrafts: 0,
    reviewNotStarted: 0,
    decided: { xuat_sac: 0, tot: 0, hoan_thanh: 0, khong_hoan_thanh: 0 },
    undecided: 0,
    reportsDrafted: 0,
    needAttention: 0,
  };
  for (const r of rows) {
    t.members += r.members.total;
    t.full += r.members.full;
    t.probationary += r.members.probationary;
    t.regularHeld += r.meetings.regularHeld;
    t.regularPlanned += r.meetings.regularPlanned;
    t.themed += r.meetings.themed;
    t.extraordinary += r.meetings.extraordinary;
    t.duesExpected += r.dues.expected;
    t.duesCollected += r.dues.collected;
    t.duesOutstanding += r.dues.outstanding;
    if (r.review) {
      t.reviewsOpened++;
      t.reviewExpected += r.review.expected;
      t.reviewSent += r.review.sent;
      t.reviewDrafts += r.review.drafts;
      t.reviewNotStarted += r.review.notStarted;
      for (const k of Object.keys(t.decided) as (keyof Distribution)[]) t.decided[k] += r.review.decided[k];
      t.undecided += r.review.undecided;
    }
    if (r.reportDraftedAt) t.reportsDrafted++;
    if (r.attention.length) t.needAttention++;
  }
  return t;
}

const collator = new Intl.Collator('vi');

/** The table's order: by the party committee above, then by the cell's name (Vietnamese collation). */
export function compareOverview(a: Pick<CellOverview, 'parentName' | 'name' | 'cellId'>, b: Pick<CellOverview, 'parentName' | 'name' | 'cellId'>): number {
  return collator.compare(a.parentName, b.parentName) || collator.compare(a.name, b.name) || (a.cellId < b.cellId ? -1 : a.cellId > b.cellId ? 1 : 0);
}

/** Dues: the book's data, the settings and the notices of the feature. */
import type { Member } from '../members.ts';
import type { LocalDate, Month } from '../time.ts';

export type PayMethod = 'cash' | 'portal';

export const PAY_METHODS: readonly PayMethod[] = ['cash', 'portal'];

/** How an amount was found: typed, 1% of the insured salary, 0.5% of the pension. The salary is never kept. */
export type AmountBasis = 'fixed' | 'salary' | 'pension';

export const BASIS_PERCENT: Record<Exclude<AmountBasis, 'fixed'>, number> = { salary: 1, pension: 0.5 };

export interface AmountChange {
  from: Month;
  amount: number;
  basis: AmountBasis;
  by: string;
  at: string;
}

export type ReliefKind = 'exempt' | 'reduce' | 'end';

export const REDUCTIONS = [30, 50, 70] as const;

export type Reduction = (typeof REDUCTIONS)[number];

/** At most 12 months per decision (QĐ 01-QĐ/TW). */
export const MAX_RELIEF_MONTHS = 12;

export interface Relief {
  id: string;
  /** exempt: nothing owed; reduce: `percent` less; end: lifts any relief from `from` to `to`. */
  kind: ReliefKind;
  percent?: Reduction;
  from: Month;
  to: Month;
  reason?: string;
  by: string;
  at: string;
}

export interface MemberDues {
  amounts: AmountChange[];
  reliefs: Relief[];
}

export interface Payment {
  id: string;
  kind: 'payment';
  memberId: string;
  month: Month;
  amount: number;
  method: PayMethod;
  /** Paid for a month other than the current one: allowed only as an approved case, and marked. */
  offTurn: boolean;
  /** The member's claim it confirms, if any. */
  claimId?: string;
  by: string;
  at: string;
}

export interface Reversal {
  id: string;
  kind: 'reversal';
  paymentId: string;
  reason: string;
  by: string;
  at: string;
}

export type DuesEntry = Payment | Reversal;

export interface ClaimDecision {
  status: 'confirmed' | 'rejected';
  by: string;
  at: string;
  reason?: string;
  paymentId?: string;
}

export interface Claim {
  id: string;
  memberId: string;
  month: Month;
  method: PayMethod;
  at: string;
  decision?: ClaimDecision;
}

export interface DuesSettings {
  /** Day of the month (1–28) of the dues reminder; null: the day of the regular meeting. */
  day: number | null;
  /** The share of what is collected that the cell keeps, in % (the rest is sent up). */
  keptPercent: number;
}

export interface DuesData {
  settings: DuesSettings;
  members: Record<string, MemberDues>;
  entries: DuesEntry[];
  claims: Claim[];
}

/** The rules leave the split unconfirmed for 2026: a setting, 30% kept by default (the share of QĐ 342). */
export const DEFAULT_KEPT_PERCENT = 30;

/** Reminder day when there is neither a day set nor a regular meeting that month. */
export const FALLBACK_DUES_DAY = 5;

/** The dues-day reminder goes out from this time of the day. */
export const DUES_REMINDER_TIME = '07:00';

/** The secretary's 3-month alert goes out from this time of the first day after the third month. */
export const ARREARS_ALERT_TIME = '08:00';

/** A claim waiting longer than this is reminded to the collectors. */
export const CLAIM_WAIT_DAYS = 3;

/** Planners look back this far at most (well inside the outbox's memory of sent keys, 120 days). */
export const PLAN_WINDOW_DAYS = 60;

/** Payments and claims may be made at most this many months ahead of the current one. */
export const MAX_AHEAD_MONTHS = 11;

export function emptyDues(): DuesData {
  return { settings: { day: null, keptPercent: DEFAULT_KEPT_PERCENT }, members: {}, entries: [], claims: [] };
}

/** Fills what an older file may lack (the slot was `{}` before this feature). Mutates and returns. */
export function normalizeDues(data: Partial<DuesData> | undefined): DuesData {
  const d = (data ?? {}) as DuesData;
  d.settings ??= { day: null, keptPercent: DEFAULT_KEPT_PERCENT };
  d.settings.day ??= null;
  d.settings.keptPercent ??= DEFAULT_KEPT_PERCENT;
  d.members ??= {};
  d.entries ??= [];
  d.claims ??= [];
  return d;
}

/** A read-only view with defaults, for planners and reads (never mutates the store's data). */
export function duesView(data: Partial<DuesData> | undefined): DuesData {
  return {
    settings: { day: data?.settings?.day ?? null, keptPercent: data?.settings?.keptPercent ?? DEFAULT_KEPT_PERCENT },
    members: data?.members ?? {},
    entries: data?.entries ?? [],
    claims: data?.claims ?? [],
  };
}

/** What the dues rules need of a member. */
export type DuesMember = Pick<Member, 'id' | 'name' | 'approvedOn' | 'history' | 'state'>;

export interface ClaimView {
  id: string;
  month: Month;
  method: PayMethod;
  amount: number | undefined;
}

/** Notices of the dues feature. */
export type DuesNotice =
  /** To a member on the dues day: the current month is unpaid. */
  | { kind: 'dues.reminder'; cellId: string; month: Month; day: LocalDate; amount: number | null; owedBefore: number }
  /** To the collectors: a member's claim, new or waiting more than 3 days. */
  | { kind: 'dues.claim'; cellId: string; memberName: string; claims: ClaimView[]; waitingDays?: number }
  /** To the member: a claim confirmed or rejected. */
  | { kind: 'dues.claimDecided'; month: Month; confirmed: boolean; amount?: number; reason?: string }
  /** To the member: payments recorded by a collector. */
  | { kind: 'dues.receipt'; months: Month[]; total: number; method: PayMethod }
  /** To the member: a payment reversed. */
  | { kind: 'dues.reversed'; month: Month; amount: number; reason: string }
  /** To the secretary: a member has 3 ended months of the year unpaid (once per member and year). */
  | { kind: 'dues.arrears'; cellId: string; memberId: string; name: string; year: number; months: Month[] };

/**
 * Dues (đảng phí), SPEC §6 and Quy định 01-QĐ/TW (2026). Pure: "now" and "today" are parameters.
 *
 * The book of one cell (`DuesData`):
 * - per member a monthly amount with its history (a change applies from a month on) and
 *   reliefs (exemption, or a reduction of 30/50/70%) from a month to a month, at most 12
 *   months per decision; a newer decision covering a month wins over an older one, and an
 *   `end` decision lifts a relief from its month on. Nothing is edited: every change is a
 *   new record with who and when.
 * - entries: payments (member, month, amount, method, whether it was an approved payment
 *   ahead or late, who recorded it and when) and reversals (pointing at a payment, with a
 *   reason). A month is paid at most once: it can be paid again only after a reversal.
 * - claims: "Tôi đã đóng" from a member, per month, confirmed (→ a payment) or rejected
 *   (with a reason the member sees) by a collector.
 *
 * Who owes a month (decisions where the rules are silent):
 * - a member owes from the month after approval (`approvedOn`, the day the bot's books
 *   start for them) and every month in which they were in the cell at some point; a member
 *   who left (transferred, removed, deceased — the date is in `history`) owes the month
 *   they left and nothing after it.
 * - members exempted from activity (miễn / tạm miễn sinh hoạt) still owe dues: only a dues
 *   exemption recorded here releases a month (the rules treat the two separately; a tạm
 *   miễn member is exactly who may pay ahead or late).
 * - the first amount ever set also covers the months before it (the amount was simply not
 *   recorded yet); a month owed while no amount is set has an unknown expected amount: it
 *   is owed (and counts as unpaid) but adds nothing to expected sums (`noAmount` lists it).
 * - arrears flags count the months of a calendar year that have ENDED, owed, not exempt and
 *   not paid (not necessarily consecutive): the current month is never counted before it
 *   is over. Flag at 2; the secretary is alerted at 3, once per member and year.
 *
 * Figures for the report feature (contract; all amounts whole đồng):
 * - `duesMonthFigures(dues, members, month, today)` → `DuesMonthFigures`: for the month,
 *   `expected` (Σ expected of members who owe it, amounts known), `collected` (Σ payments
 *   for that month not reversed), `outstanding` (Σ expected of owed months not paid),
 *   `owing` (members who owe the month, exempt ones not counted), `paidInFull` (of them,
 *   paid), `exempt`, `kept` / `sent` (the cell's share by the `keptPercent` setting, rounded
 *   half up, `sent = collected − kept`), `rows` per member, `noAmount`, `openClaims`.
 * - `duesYearFigures(dues, members, year, today)` → `DuesYearFigures`: the months of the year
 *   up to the current one (`through`), each as above, and their sums (`kept` is the sum of the
 *   months' kept, so the year agrees with the months); `members` who owed at least one of
 *   those months and `paidInFull` of them (no month unpaid); per member with something unpaid
 *   (`arrears`): the unpaid months of the year up to `through` and `counted` (those already
 *   ended), `flag` 0 / 2 / 3 (3 = three or more counted months).
 * - `openClaims(dues, month?)` → claims waiting for a collector (all, or of one month).
 *   Collected counts payments by the month they pay for, not by the day they were made.
 */
import type { PlannerInput, Planner } from './planner.ts';
import { secretaryChat } from './planner.ts';
import { regularMeetingDate, type MeetingsData } from './meetings/index.ts';
import type { PlannedMessage } from './notices.ts';
import { fail, ok, type Result } from './result.ts';
import { IN_CELL, can, isInCell, stateOn, type Member } from './members.ts';
import { MAX_MONTHLY_DUES, formatMoney } from './money.ts';
import { addMonths, instantAt, localDate, monthOfDate, monthRange, pad2, type LocalDate, type Month } from './time.ts';
import { own } from './records.ts';

// ---------------------------------------------------------------- the data

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

// ---------------------------------------------------------------- reading input

/** A month typed as mm/yyyy (also m/yyyy, mm-yyyy, mm.yyyy). */
export function parseMonth(input: string): Result<Month> {
  const m = /^(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(input.trim());
  if (!m) return fail('month.format');
  const month = Number(m[1]);
  const year = Number(m[2]);
  if (month < 1 || month > 12 || year < 2000 || year > 2100) return fail('month.invalid');
  return ok(`${year}-${pad2(month)}`);
}

export type Period = { kind: 'month'; month: Month } | { kind: 'year'; year: number };

/** The argument of /dues: nothing (this month), `11/2024` or `2024`. */
export function parsePeriod(input: string, today: LocalDate): Result<Period> {
  const s = input.trim();
  if (!s) return ok({ kind: 'month', month: monthOfDate(today) });
  if (/^\d{4}$/.test(s)) {
    const year = Number(s);
    if (year < 2000 || year > 2100) return fail('period.format');
    return ok({ kind: 'year', year });
  }
  const m = parseMonth(s);
  return m.ok ? ok({ kind: 'month', month: m.value }) : fail('period.format');
}

/** A whole percentage 0–100 (the share kept by the cell). */
export function parsePercent(input: string): Result<number> {
  const s = input.trim().replace(/\s*%$/, '');
  if (!/^\d{1,3}$/.test(s)) return fail('percent.format');
  const n = Number(s);
  if (n > 100) return fail('percent.range');
  return ok(n);
}

/** A day of the month for the dues reminder: 1–28 (every month has it). */
export function parseDuesDay(input: string): Result<number> {
  const s = input.trim();
  if (!/^\d{1,2}$/.test(s)) return fail('duesDay.format');
  const n = Number(s);
  if (n < 1 || n > 28) return fail('duesDay.range');
  return ok(n);
}

// ---------------------------------------------------------------- amounts and reliefs

/** The amount in force for a month: the latest change from on or before it, else the first one set. */
export function amountIn(md: MemberDues | undefined, month: Month): AmountChange | undefined {
  if (!md?.amounts.length) return undefined;
  let inForce: AmountChange | undefined;
  let first: AmountChange | undefined;
  for (const a of md.amounts) {
    if (a.from <= month && (!inForce || a.from >= inForce.from)) inForce = a;
    if (!first || a.from < first.from) first = a;
  }
  return inForce ?? first;
}

/** The relief covering a month (the newest decision wins; an `end` decision means none). */
export function reliefIn(md: MemberDues | undefined, month: Month): Relief | undefined {
  if (!md) return undefined;
  for (let i = md.reliefs.length - 1; i >= 0; i--) {
    const r = md.reliefs[i]!;
    if (r.from <= month && month <= r.to) return r.kind === 'end' ? undefined : r;
  }
  return undefined;
}

/** An amount less a reduction, in whole đồng. */
export function reduced(amount: number, percent: number): number {
  return Math.round((amount * (100 - percent)) / 100);
}

/** The first month a member owes: the month after approval (undefined before approval). */
export function firstOwedMonth(m: Pick<Member, 'approvedOn'>): Month | undefined {
  return m.approvedOn ? addMonths(monthOfDate(m.approvedOn), 1) : undefined;
}

/**
 * Whether the member owes dues for the month: approved before it, and in the cell when it
 * began or at some time during it (a member who leaves owes the month they leave).
 */
export function owesIn(m: DuesMember, month: Month): boolean {
  const first = firstOwedMonth(m);
  if (!first || month < first) return false;
  // the state at the end of the previous month ('-31' compares after its last day)
  const s = stateOn(m, `${addMonths(month, -1)}-31`);
  if (s && IN_CELL.includes(s)) return true;
  return m.history.some((h) => monthOfDate(h.on) === month && IN_CELL.includes(h.state));
}

export type MonthState = 'paid' | 'unpaid' | 'exempt' | 'not_owed';

export interface MemberMonth {
  memberId: string;
  month: Month;
  state: MonthState;
  /** Owed and not exempt (whether paid or not). */
  owes: boolean;
  /** What the month should bring: 0 when not owed or exempt; undefined when no amount is set. */
  expected: number | undefined;
  relief?: Relief;
  payment?: Payment;
  /** An open claim for the month. */
  claim?: Claim;
}

/** Indexes of the ledger, built once per computation. */
interface Book {
  dues: DuesData;
  /** `${memberId}:${month}` → the payment in force (not reversed). */
  paid: Map<string, Payment>;
  /** `${memberId}:${month}` → the open claim. */
  claims: Map<string, Claim>;
}

function bookOf(dues: DuesData, paid = paidOf(dues.entries)): Book {
  const claims = new Map<string, Claim>();
  for (const c of dues.claims) if (!c.decision) claims.set(`${c.memberId}:${c.month}`, c);
  return { dues, paid, claims };
}

function paidOf(entries: readonly DuesEntry[]): Map<string, Payment> {
  const reversed = new Set<string>();
  for (const e of entries) if (e.kind === 'reversal') reversed.add(e.paymentId);
  const paid = new Map<string, Payment>();
  for (const e of entries) if (e.kind === 'payment' && !reversed.has(e.id)) paid.set(`${e.memberId}:${e.month}`, e);
  return paid;
}

/**
 * The book for reading, with the payments remembered per ledger: entries are only ever
 * appended (nothing is edited or deleted), so a ledger of the same length has the same
 * payments, and /dues, the figures and the planner read them many times between changes.
 */
const paidCache = new WeakMap<readonly DuesEntry[], { length: number; paid: Map<string, Payment> }>();
function readBook(dues: DuesData): Book {
  const cached = paidCache.get(dues.entries);
  if (cached && cached.length === dues.entries.length) return bookOf(dues, cached.paid);
  const paid = paidOf(dues.entries);
  paidCache.set(dues.entries, { length: dues.entries.length, paid });
  return bookOf(dues, paid);
}

function monthOf(book: Book, m: DuesMember, month: Month): MemberMonth {
  const md = book.dues.members[m.id];
  const payment = book.paid.get(`${m.id}:${month}`);
  const claim = book.claims.get(`${m.id}:${month}`);
  const inCell = owesIn(m, month);
  const relief = inCell ? reliefIn(md, month) : undefined;
  const exempt = relief?.kind === 'exempt';
  const amount = amountIn(md, month);
  const expected = !inCell || exempt ? 0 : amount ? reduced(amount.amount, relief?.percent ?? 0) : undefined;
  const state: MonthState = payment ? 'paid' : !inCell ? 'not_owed' : exempt ? 'exempt' : 'unpaid';
  return {
    memberId: m.id,
    month,
    state,
    owes: inCell && !exempt,
    expected,
    ...(relief ? { relief } : {}),
    ...(payment ? { payment } : {}),
    ...(claim ? { claim } : {}),
  };
}

/** The status of one member-month. */
export function memberMonth(dues: DuesData, m: DuesMember, month: Month): MemberMonth {
  return monthOf(readBook(dues), m, month);
}

/** Months from `from` to `through` (both included) the member owed and has not paid; exempt months excluded. */
export function unpaidMonths(dues: DuesData, m: DuesMember, from: Month, through: Month): Month[] {
  return unpaidIn(readBook(dues), m, from, through);
}

function unpaidIn(book: Book, m: DuesMember, from: Month, through: Month): Month[] {
  return monthRange(from, through).filter((mo) => monthOf(book, m, mo).state === 'unpaid');
}

/** The last month up to which every owed month is paid (undefined when none paid yet). */
export function paidThrough(dues: DuesData, m: DuesMember, today: LocalDate): Month | undefined {
  const first = firstOwedMonth(m);
  if (!first) return undefined;
  const book = readBook(dues);
  const limit = addMonths(monthOfDate(today), MAX_AHEAD_MONTHS);
  let last: Month | undefined;
  for (let mo = first; mo <= limit; mo = addMonths(mo, 1)) {
    const s = monthOf(book, m, mo);
    if (s.state === 'unpaid') break;
    if (s.state === 'paid') last = mo;
    else if (s.state === 'not_owed' && mo > monthOfDate(today)) break;
  }
  return last;
}

/** The level of the arrears flag for a count of unpaid ended months. */
export function arrearsFlag(count: number): 0 | 2 | 3 {
  return count >= 3 ? 3 : count >= 2 ? 2 : 0;
}

/**
 * The months of `year` that count for the flags: owed, not exempt, not paid and already
 * ended on `today`.
 */
export function arrearsMonths(dues: DuesData, m: DuesMember, year: number, today: LocalDate): Month[] {
  return arrearsIn(readBook(dues), m, year, today);
}

function arrearsIn(book: Book, m: DuesMember, year: number, today: LocalDate): Month[] {
  const last = lastEndedMonth(year, today);
  return last ? unpaidIn(book, m, `${year}-01`, last) : [];
}

function lastEndedMonth(year: number, today: LocalDate): Month | undefined {
  const prev = addMonths(monthOfDate(today), -1);
  const last = prev < `${year}-12` ? prev : `${year}-12`;
  return last >= `${year}-01` ? last : undefined;
}

// ---------------------------------------------------------------- what a member may pay or claim

/** The months offered on the buttons: owed, not exempt, not paid, from a year back to 2 months ahead. */
export function payableMonths(dues: DuesData, m: DuesMember, today: LocalDate, opts: { withoutClaims?: boolean } = {}): MemberMonth[] {
  const book = readBook(dues);
  const cur = monthOfDate(today);
  return monthRange(addMonths(cur, -12), addMonths(cur, 2))
    .map((mo) => monthOf(book, m, mo))
    .filter((s) => s.state === 'unpaid' && !(opts.withoutClaims && s.claim));
}

/** Whether paying this month now is "ahead or late" (allowed only as an approved case). */
export function isOffTurn(month: Month, today: LocalDate): boolean {
  return month !== monthOfDate(today);
}

function checkPayable(book: Book, m: DuesMember, month: Month, today: LocalDate): Result<MemberMonth> {
  if (month > addMonths(monthOfDate(today), MAX_AHEAD_MONTHS)) return fail('dues.tooFarAhead', { month });
  const s = monthOf(book, m, month);
  if (s.state === 'paid') return fail('dues.alreadyPaid', { month, name: m.name });
  if (s.state === 'not_owed') return fail('dues.notOwed', { month, name: m.name });
  if (s.state === 'exempt') return fail('dues.exemptMonth', { month, name: m.name });
  return ok(s);
}

function distinctSorted(months: readonly Month[]): Month[] {
  return [...new Set(months)].sort();
}

export interface Stamp {
  by: string;
  now: Date;
  /** Builds a new record id ("p…", "r…"). */
  newId: (prefix: string) => string;
}

/**
 * A member says they paid these months ("Tôi đã đóng"): one claim per month, waiting for a
 * collector. Months already paid, not owed, exempt or already claimed are refused.
 */
export function addClaims(dues: DuesData, m: DuesMember, months: readonly Month[], method: PayMethod, a: Stamp): Result<Claim[]> {
  const list = distinctSorted(months);
  if (!list.length) return fail('dues.noMonths');
  const book = bookOf(dues);
  const today = localDate(a.now);
  for (const month of list) {
    const s = checkPayable(book, m, month, today);
    if (!s.ok) return s;
    if (s.value.claim) return fail('dues.alreadyClaimed', { month });
  }
  const claims = list.map((month): Claim => ({ id: a.newId('k'), memberId: m.id, month, method, at: a.now.toISOString() }));
  dues.claims.push(...claims);
  return ok(claims);
}

/**
 * A collector records payments of a member for months. A month other than the current one
 * needs `approved` (paying ahead or late is an approved case); each payment is marked so.
 * Open claims of those months are closed as confirmed by the payment.
 */
export function recordPayments(
  dues: DuesData,
  m: DuesMember,
  months: readonly Month[],
  method: PayMethod,
  approved: boolean,
  a: Stamp,
): Result<Payment[]> {
  const list = distinctSorted(months);
  if (!list.length) return fail('dues.noMonths');
  const book = bookOf(dues);
  const today = localDate(a.now);
  const checked: MemberMonth[] = [];
  for (const month of list) {
    const s = checkPayable(book, m, month, today);
    if (!s.ok) return s;
    if (s.value.expected === undefined) return fail('dues.noAmount', { name: m.name });
    if (isOffTurn(month, today) && !approved) return fail('dues.offTurn', { month });
    checked.push(s.value);
  }
  const payments = checked.map((s) => {
    const p: Payment = {
      id: a.newId('p'),
      kind: 'payment',
      memberId: m.id,
      month: s.month,
      amount: s.expected!,
      method,
      offTurn: isOffTurn(s.month, today),
      by: a.by,
      at: a.now.toISOString(),
    };
    if (s.claim) {
      p.claimId = s.claim.id;
      s.claim.decision = { status: 'confirmed', by: a.by, at: p.at, paymentId: p.id };
    }
    return p;
  });
  dues.entries.push(...payments);
  return ok(payments);
}

/** Confirms a claim: a payment for its month, ahead or late marked as approved by the confirmation. */
export function confirmClaim(dues: DuesData, m: DuesMember, claimId: string, a: Stamp): Result<Payment> {
  const claim = dues.claims.find((c) => c.id === claimId);
  if (!claim || claim.memberId !== m.id) return fail('dues.unknownClaim');
  if (claim.decision) return fail('dues.claimDecided', { month: claim.month, status: claim.decision.status });
  const book = bookOf(dues);
  const s = checkPayable(book, m, claim.month, localDate(a.now));
  if (!s.ok) return s;
  if (s.value.expected === undefined) return fail('dues.noAmount', { name: m.name });
  const p: Payment = {
    id: a.newId('p'),
    kind: 'payment',
    memberId: m.id,
    month: claim.month,
    amount: s.value.expected,
    method: claim.method,
    // the month is compared with the day the member paid (the claim), not the day it is confirmed
    offTurn: isOffTurn(claim.month, localDate(claim.at)),
    claimId: claim.id,
    by: a.by,
    at: a.now.toISOString(),
  };
  dues.entries.push(p);
  claim.decision = { status: 'confirmed', by: a.by, at: p.at, paymentId: p.id };
  return ok(p);
}

export function rejectClaim(dues: DuesData, claimId: string, reason: string, a: Stamp): Result<Claim> {
  const claim = dues.claims.find((c) => c.id === claimId);
  if (!claim) return fail('dues.unknownClaim');
  if (claim.decision) return fail('dues.claimDecided', { month: claim.month, status: claim.decision.status });
  if (!reason.trim()) return fail('dues.reasonNeeded');
  claim.decision = { status: 'rejected', by: a.by, at: a.now.toISOString(), reason: reason.trim() };
  return ok(claim);
}

/** A correction: a reversal entry pointing at the payment (never an edit). The month becomes unpaid. */
export function reversePayment(dues: DuesData, paymentId: string, reason: string, a: Stamp): Result<{ reversal: Reversal; payment: Payment }> {
  const payment = dues.entries.find((e): e is Payment => e.kind === 'payment' && e.id === paymentId);
  if (!payment) return fail('dues.unknownPayment');
  if (dues.entries.some((e) => e.kind === 'reversal' && e.paymentId === paymentId)) return fail('dues.alreadyReversed', { month: payment.month });
  if (!reason.trim()) return fail('dues.reasonNeeded');
  const reversal: Reversal = { id: a.newId('r'), kind: 'reversal', paymentId, reason: reason.trim(), by: a.by, at: a.now.toISOString() };
  dues.entries.push(reversal);
  return ok({ reversal, payment });
}

/** The payments of a member still in force, newest month first. */
export function activePayments(dues: DuesData, memberId: string): Payment[] {
  return [...readBook(dues).paid.values()].filter((p) => p.memberId === memberId).sort((a, b) => (a.month < b.month ? 1 : a.month > b.month ? -1 : 0));
}

function memberDues(dues: DuesData, memberId: string): MemberDues {
  return own(dues.members, memberId) ?? (dues.members[memberId] = { amounts: [], reliefs: [] });
}

/** Sets a member's monthly amount from a month on. */
export function setAmount(dues: DuesData, memberId: string, amount: number, from: Month, basis: AmountBasis, a: Pick<Stamp, 'by' | 'now'>): Result<AmountChange> {
  if (!Number.isInteger(amount) || amount <= 0) return fail('money.zero');
  if (amount > MAX_MONTHLY_DUES) return fail('money.tooLarge', { max: formatMoney(MAX_MONTHLY_DUES) });
  const change: AmountChange = { from, amount, basis, by: a.by, at: a.now.toISOString() };
  memberDues(dues, memberId).amounts.push(change);
  return ok(change);
}

/** Checks the span of a relief decision: `to` not before `from`, at most 12 months. */
export function checkReliefSpan(from: Month, to: Month): Result<Month> {
  if (to < from) return fail('relief.endBeforeStart');
  const months = monthRange(from, to).length;
  if (months > MAX_RELIEF_MONTHS) return fail('relief.tooLong', { max: MAX_RELIEF_MONTHS, months });
  return ok(to);
}

export function addRelief(
  dues: DuesData,
  memberId: string,
  r: { kind: ReliefKind; percent?: number; from: Month; to: Month; reason?: string },
  a: Stamp,
): Result<Relief> {
  if (r.kind === 'reduce' && !(REDUCTIONS as readonly number[]).includes(r.percent ?? -1)) return fail('relief.percent');
  const span = checkReliefSpan(r.from, r.to);
  if (!span.ok) return span;
  const relief: Relief = {
    id: a.newId('x'),
    kind: r.kind,
    ...(r.kind === 'reduce' ? { percent: r.percent as Reduction } : {}),
    from: r.from,
    to: r.to,
    ...(r.reason?.trim() ? { reason: r.reason.trim() } : {}),
    by: a.by,
    at: a.now.toISOString(),
  };
  memberDues(dues, memberId).reliefs.push(relief);
  return ok(relief);
}

/**
 * The relief in force or coming next for a member, seen from a month: what the member's
 * card shows ("giảm 50% từ 11/2024 đến 04/2025").
 */
export function currentRelief(md: MemberDues | undefined, month: Month): Relief | undefined {
  const now = reliefIn(md, month);
  if (now) return now;
  for (let mo = addMonths(month, 1); mo <= addMonths(month, MAX_RELIEF_MONTHS); mo = addMonths(mo, 1)) {
    const next = reliefIn(md, mo);
    if (next) return next;
  }
  return undefined;
}

// ---------------------------------------------------------------- figures

/** The cell's share of an amount collected, rounded half up to whole đồng; the rest is sent up. */
export function splitKept(collected: number, keptPercent: number): { kept: number; sent: number } {
  const kept = Math.round((collected * keptPercent) / 100);
  return { kept, sent: collected - kept };
}

export interface DuesMonthFigures {
  month: Month;
  expected: number;
  collected: number;
  outstanding: number;
  /** Members who owe the month (in the cell, not exempt). */
  owing: number;
  /** Of them, those who paid it. */
  paidInFull: number;
  exempt: number;
  kept: number;
  sent: number;
  keptPercent: number;
  /** Members who owe the month while no amount is set for them. */
  noAmount: string[];
  /** One row per member concerned (owed, exempt or paid), in the order of `members`. */
  rows: (MemberMonth & { name: string })[];
  openClaims: Claim[];
}

function monthFigures(book: Book, members: readonly DuesMember[], month: Month): DuesMonthFigures {
  const f: DuesMonthFigures = {
    month,
    expected: 0,
    collected: 0,
    outstanding: 0,
    owing: 0,
    paidInFull: 0,
    exempt: 0,
    kept: 0,
    sent: 0,
    keptPercent: book.dues.settings.keptPercent,
    noAmount: [],
    rows: [],
    openClaims: book.dues.claims.filter((c) => !c.decision && c.month === month),
  };
  for (const m of members) {
    const s = monthOf(book, m, month);
    if (s.state === 'not_owed') continue;
    f.rows.push({ ...s, name: m.name });
    if (s.payment) f.collected += s.payment.amount;
    if (s.state === 'exempt') f.exempt++;
    if (!s.owes) continue;
    f.owing++;
    if (s.expected === undefined) f.noAmount.push(m.id);
    f.expected += s.expected ?? 0;
    if (s.payment) f.paidInFull++;
    else f.outstanding += s.expected ?? 0;
  }
  Object.assign(f, splitKept(f.collected, f.keptPercent));
  return f;
}

/** Members the books concern: those approved at some time (present and past). */
function booked<M extends DuesMember>(members: readonly M[] | Record<string, M>): M[] {
  return (Array.isArray(members) ? members : Object.values(members)).filter((m) => m.approvedOn);
}

export function duesMonthFigures(dues: DuesData, members: readonly DuesMember[] | Record<string, DuesMember>, month: Month): DuesMonthFigures {
  return monthFigures(readBook(dues), booked(members), month);
}

export interface MemberArrears {
  memberId: string;
  name: string;
  /** Unpaid owed months of the year up to `through` (the current month included). */
  unpaid: Month[];
  /** Those already ended: what the flags count. */
  counted: Month[];
  flag: 0 | 2 | 3;
}

export interface DuesYearFigures {
  year: number;
  /** The last month counted (the current one for the current year); undefined for a future year. */
  through: Month | undefined;
  months: DuesMonthFigures[];
  expected: number;
  collected: number;
  outstanding: number;
  kept: number;
  sent: number;
  keptPercent: number;
  /** Members who owed at least one of the months. */
  members: number;
  /** Of them, those with no month unpaid. */
  paidInFull: number;
  /** Members with something unpaid, in the order of `members`. */
  arrears: MemberArrears[];
}

export function duesYearFigures(dues: DuesData, members: readonly DuesMember[] | Record<string, DuesMember>, year: number, today: LocalDate): DuesYearFigures {
  const book = readBook(dues);
  const list = booked(members);
  const current = monthOfDate(today);
  const through = current < `${year}-01` ? undefined : current < `${year}-12` ? current : `${year}-12`;
  const months = through ? monthRange(`${year}-01`, through) : [];
  const figures = months.map((mo) => monthFigures(book, list, mo));
  const sum = (k: 'expected' | 'collected' | 'outstanding' | 'kept') => figures.reduce((n, f) => n + f[k], 0);
  const collected = sum('collected');
  const kept = sum('kept');
  const y: DuesYearFigures = {
    year,
    through,
    months: figures,
    expected: sum('expected'),
    collected,
    outstanding: sum('outstanding'),
    kept,
    sent: collected - kept,
    keptPercent: dues.settings.keptPercent,
    members: 0,
    paidInFull: 0,
    arrears: [],
  };
  const ended = lastEndedMonth(year, today);
  for (const m of list) {
    const states = months.map((mo) => monthOf(book, m, mo));
    if (!states.some((s) => s.owes)) continue;
    y.members++;
    const unpaid = states.filter((s) => s.state === 'unpaid').map((s) => s.month);
    if (!unpaid.length) {
      y.paidInFull++;
      continue;
    }
    const counted = ended ? unpaid.filter((mo) => mo <= ended) : [];
    y.arrears.push({ memberId: m.id, name: m.name, unpaid, counted, flag: arrearsFlag(counted.length) });
  }
  return y;
}

/** Claims waiting for a collector, oldest first (all, or those of one month). */
export function openClaims(dues: DuesData, month?: Month): Claim[] {
  return dues.claims.filter((c) => !c.decision && (!month || c.month === month)).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

// ---------------------------------------------------------------- reminders

/** Who receives what is meant for "the collector": members marked collector, else the committee. */
export function collectorsOf(members: Record<string, Member> | readonly Member[]): Member[] {
  const active = (Array.isArray(members) ? members : Object.values(members)).filter((m) => m.state === 'active');
  const marked = active.filter((m) => m.collector);
  return marked.length ? marked : active.filter((m) => can(m, 'dues.collect'));
}

/**
 * The dues day of a month: the day set in /settings, else the day of the regular meeting
 * (`regularMeetingDate`), else the FALLBACK_DUES_DAY when the month has no regular meeting
 * (no rule yet, or the meeting was cancelled).
 */
export function duesDay(settings: DuesSettings, meetings: MeetingsData | undefined, month: Month): { date: LocalDate; source: 'setting' | 'meeting' | 'fallback' } {
  if (settings.day) return { date: `${month}-${pad2(settings.day)}`, source: 'setting' };
  let meeting: LocalDate | undefined;
  try {
    meeting = meetings ? regularMeetingDate(meetings, month) : undefined;
  } catch {
    meeting = undefined; // an older or partial meetings slot: fall back to the default day
  }
  return meeting ? { date: meeting, source: 'meeting' } : { date: `${month}-${pad2(FALLBACK_DUES_DAY)}`, source: 'fallback' };
}

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

export function claimViews(dues: DuesData, m: DuesMember, claims: readonly Claim[]): ClaimView[] {
  const book = bookOf(dues);
  return claims.map((c) => ({ id: c.id, month: c.month, method: c.method, amount: monthOf(book, m, c.month).expected }));
}

/**
 * What is due now: dues-day reminders to members with the current month unpaid (once per
 * month), claims waiting more than 3 days to the collectors (once per claim), the 3-month
 * alert to the secretary (once per member and year). Windows are bounded by
 * PLAN_WINDOW_DAYS so that nothing is planned again after the outbox forgets a key.
 */
export const planDues: Planner<PlannerInput & { dues: DuesData; meetings: MeetingsData }> = (data, now) => {
  const dues = duesView(data.dues);
  const book = readBook(dues);
  const cellId = data.cell.id;
  const t = now.getTime();
  const today = localDate(now);
  const month = monthOfDate(today);
  const members = Object.values(data.members);
  const out: PlannedMessage[] = [];

  // the dues day of this month
  const day = duesDay(dues.settings, data.meetings, month).date;
  if (t >= instantAt(day, DUES_REMINDER_TIME).getTime()) {
    const expiresAt = instantAt(`${addMonths(month, 1)}-01`).toISOString();
    for (const m of members) {
      if (!isInCell(m) || !m.reachable) continue;
      const s = monthOf(book, m, month);
      if (s.state !== 'unpaid' || s.claim) continue;
      const owedBefore = unpaidIn(book, m, addMonths(month, -12), addMonths(month, -1)).length;
      out.push({
        key: `${cellId}:dues:remind:${month}:${m.id}`,
        chatId: m.tgId,
        memberId: m.id,
        expiresAt,
        notice: { kind: 'dues.reminder', cellId, month, day, amount: s.expected ?? null, owedBefore },
      });
    }
  }

  // claims waiting more than 3 days, grouped per member and per sending
  const waiting = dues.claims.filter((c) => {
    const age = t - Date.parse(c.at);
    return !c.decision && age > CLAIM_WAIT_DAYS * 86_400_000 && age < PLAN_WINDOW_DAYS * 86_400_000;
  });
  const groups = new Map<string, Claim[]>();
  for (const c of waiting) groups.set(`${c.memberId}@${c.at}`, [...(groups.get(`${c.memberId}@${c.at}`) ?? []), c]);
  const collectors = collectorsOf(data.members);
  for (const claims of groups.values()) {
    const m = own(data.members, claims[0]!.memberId);
    if (!m) continue;
    const days = Math.floor((t - Date.parse(claims[0]!.at)) / 86_400_000);
    const notice: DuesNotice = { kind: 'dues.claim', cellId, memberName: m.name, claims: claimViews(dues, m, claims), waitingDays: days };
    for (const c of collectors.filter((c) => c.id !== m.id || collectors.length === 1)) {
      out.push({ key: `${cellId}:dues:claimwait:${claims[0]!.id}:${c.id}`, chatId: c.tgId, memberId: c.id, notice });
    }
  }

  // the 3-month alert, for this year and (early in a year) for the one just ended
  for (const year of [Number(month.slice(0, 4)) - 1, Number(month.slice(0, 4))]) {
    for (const m of members) {
      if (!isInCell(m)) continue;
      const counted = arrearsIn(book, m, year, today);
      if (counted.length < 3) continue;
      const moment = instantAt(`${addMonths(counted[2]!, 1)}-01`, ARREARS_ALERT_TIME).getTime();
      if (t < moment || t >= moment + PLAN_WINDOW_DAYS * 86_400_000) continue;
      out.push({
        key: `${cellId}:dues:arrears3:${year}:${m.id}`,
        chatId: secretaryChat(data),
        notice: { kind: 'dues.arrears', cellId, memberId: m.id, name: m.name, year, months: counted },
      });
    }
  }
  return out;
};

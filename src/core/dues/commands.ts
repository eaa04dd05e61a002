/** What a member may pay or claim, and the collectors' and secretary's commands on the book. */
import { formatMoney, MAX_MONTHLY_DUES } from '../money.ts';
import { own } from '../records.ts';
import { fail, ok, type Result } from '../result.ts';
import { addMonths, localDate, type LocalDate, type Month, monthOfDate, monthRange } from '../time.ts';
import { type Book, bookOf, type MemberMonth, monthOf, readBook, reliefIn } from './book.ts';
import {
  type AmountBasis,
  type AmountChange,
  type Claim,
  type DuesData,
  type DuesMember,
  MAX_AHEAD_MONTHS,
  MAX_RELIEF_MONTHS,
  type MemberDues,
  type Payment,
  type PayMethod,
  type Reduction,
  REDUCTIONS,
  type Relief,
  type ReliefKind,
  type Reversal,
} from './model.ts';

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
 * `before`: the same book as it stands, not a draft (the store's `base`), read for the checks
 * instead of `dues`: a year of payments read through a draft makes a draft of every entry.
 */
export function addClaims(dues: DuesData, m: DuesMember, months: readonly Month[], method: PayMethod, a: Stamp, before?: DuesData): Result<Claim[]> {
  const list = distinctSorted(months);
  if (!list.length) return fail('dues.noMonths');
  const book = bookOf(before ?? dues);
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
export function recordPayments(dues: DuesData, m: DuesMember, months: readonly Month[], method: PayMethod, approved: boolean, a: Stamp): Result<Payment[]> {
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

/** Confirms a claim: a payment for its month, ahead or late marked as approved by the confirmation (`before`: as for addClaims). */
export function confirmClaim(dues: DuesData, m: DuesMember, claimId: string, a: Stamp, before?: DuesData): Result<Payment> {
  const claim = dues.claims.find((c) => c.id === claimId);
  if (!claim || claim.memberId !== m.id) return fail('dues.unknownClaim');
  if (claim.decision) return fail('dues.claimDecided', { month: claim.month, status: claim.decision.status });
  const s = checkPayable(bookOf(before ?? dues), m, claim.month, localDate(a.now));
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

export function addRelief(dues: DuesData, memberId: string, r: { kind: ReliefKind; percent?: number; from: Month; to: Month; reason?: string }, a: Stamp): Result<Relief> {
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

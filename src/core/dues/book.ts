/** Reading the book: amounts, reliefs, what a member owes in a month, arrears. */
import { IN_CELL, type Member, stateOn } from '../members.ts';
import { addMonths, type LocalDate, type Month, monthOfDate, monthRange } from '../time.ts';
import { type AmountChange, type Claim, type DuesData, type DuesEntry, type DuesMember, MAX_AHEAD_MONTHS, type MemberDues, type Payment, type Relief } from './model.ts';

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
export interface Book {
  dues: DuesData;
  /** `${memberId}:${month}` → the payment in force (not reversed). */
  paid: Map<string, Payment>;
  /** `${memberId}:${month}` → the open claim. */
  claims: Map<string, Claim>;
}

export function bookOf(dues: DuesData, paid = paidOf(dues.entries)): Book {
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

export function readBook(dues: DuesData): Book {
  const cached = paidCache.get(dues.entries);
  if (cached && cached.length === dues.entries.length) return bookOf(dues, cached.paid);
  const paid = paidOf(dues.entries);
  paidCache.set(dues.entries, { length: dues.entries.length, paid });
  return bookOf(dues, paid);
}

export function monthOf(book: Book, m: DuesMember, month: Month): MemberMonth {
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

export function unpaidIn(book: Book, m: DuesMember, from: Month, through: Month): Month[] {
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

export function arrearsIn(book: Book, m: DuesMember, year: number, today: LocalDate): Month[] {
  const last = lastEndedMonth(year, today);
  return last ? unpaidIn(book, m, `${year}-01`, last) : [];
}

export function lastEndedMonth(year: number, today: LocalDate): Month | undefined {
  const prev = addMonths(monthOfDate(today), -1);
  const last = prev < `${year}-12` ? prev : `${year}-12`;
  return last >= `${year}-01` ? last : undefined;
}

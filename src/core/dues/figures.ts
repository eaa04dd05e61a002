/** The figures of the reports: a month, a year. */
import { type LocalDate, type Month, monthOfDate, monthRange } from '../time.ts';
import { arrearsFlag, type Book, lastEndedMonth, type MemberMonth, monthOf, readBook } from './book.ts';
import type { Claim, DuesData, DuesMember } from './model.ts';

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

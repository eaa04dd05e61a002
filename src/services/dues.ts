/**
 * Dues (đảng phí): what members and collectors do, one write per action, notices queued in
 * the same write. The rules are in core/dues/; the figures the report feature calls are
 * `monthFigures` and `yearFigures` (see the contract at the top of core/dues/index.ts).
 */
import {
  firstOwedMonth,
  activePayments,
  addClaims,
  addRelief,
  amountIn,
  arrearsFlag,
  arrearsMonths,
  claimViews,
  collectorsOf,
  confirmClaim,
  currentRelief,
  duesDay,
  duesMonthFigures,
  duesView,
  duesYearFigures,
  memberMonth,
  normalizeDues,
  openClaims,
  paidThrough,
  payableMonths,
  recordPayments,
  rejectClaim,
  reversePayment,
  setAmount,
  unpaidMonths,
  type AmountBasis,
  type AmountChange,
  type Claim,
  type DuesData,
  type DuesMonthFigures,
  type DuesSettings,
  type DuesYearFigures,
  type MemberMonth,
  type Payment,
  type PayMethod,
  type Relief,
  type ReliefKind,
  type Stamp,
} from '../core/dues/index.ts';
import { sortRoster, type Member } from '../core/members.ts';
import { enqueue, type PlannedMessage } from '../core/notices.ts';
import { RuleError } from '../core/result.ts';
import { localDate, monthOfDate, monthRange, yearOf, type LocalDate, type Month } from '../core/time.ts';
import type { CellFile } from '../store/schema.ts';
import type { ServiceDeps } from './deps.ts';
import { bindDeps } from './bind.ts';
import type { MemberHooks } from './members.ts';
import { must, requireActor } from './access.ts';
import { endIn } from './dialogs.ts';
import { newId } from './ids.ts';
import { own } from '../core/records.ts';

/** What /dues shows a member about themself. */
export interface MemberDuesStatus {
  member: Member;
  amount?: AmountChange;
  /** The relief in force, or the next one decided. */
  relief?: Relief;
  paidThrough?: Month;
  /** Unpaid owed months up to the current one, oldest first, with the amount of each. */
  owed: MemberMonth[];
  /** Claims waiting for a collector. */
  pending: Claim[];
  /** This year's unpaid months that have ended (what the flags count) and the flag. */
  arrears: Month[];
  flag: 0 | 2 | 3;
  /** Payments in force, newest month first. */
  payments: Payment[];
  /** First month owed (the month after approval). */
  firstOwed?: Month;
}

/** Members the books know: approved at some time (present and past), in roster order. */
function booked(d: CellFile): Member[] {
  return sortRoster(Object.values(d.members).filter((m) => m.approvedOn));
}

const now = (deps: ServiceDeps) => deps.clock.now();
const today = (deps: ServiceDeps): LocalDate => localDate(deps.clock.now());
const stamp = (deps: ServiceDeps, by: string): Stamp => {
  const at = now(deps);
  return { by, now: at, newId: (p) => newId(p, at) };
};
const notify = (deps: ServiceDeps, d: CellFile, planned: PlannedMessage[]) => enqueue(d.outbox, planned, now(deps));

const cellData = async (deps: ServiceDeps, cellId: string): Promise<CellFile> => {
  const d = await deps.store.cell(cellId);
  if (!d) throw new RuleError({ code: 'forbidden.member' });
  return d;
};
const book = async (deps: ServiceDeps, cellId: string): Promise<DuesData> => duesView((await cellData(deps, cellId)).dues);

/** The target of a collector's action: someone the books know, in the actor's cell. */
const target = (_deps: ServiceDeps, d: CellFile, memberId: string): Member => {
  const m = own(d.members, memberId);
  if (!m?.approvedOn) throw new RuleError({ code: 'member.unknown' });
  return m;
};

function status(deps: ServiceDeps, d: CellFile, m: Member): MemberDuesStatus {
  const dues = duesView(d.dues);
  const day = today(deps);
  const cur = monthOfDate(day);
  const firstOwed = firstOwedMonth(m);
  const owed = firstOwed
    ? monthRange(firstOwed, cur)
        .map((mo) => memberMonth(dues, m, mo))
        .filter((s) => s.state === 'unpaid')
    : [];
  const arrears = arrearsMonths(dues, m, yearOf(day), day);
  const amount = amountIn(dues.members[m.id], cur);
  const relief = currentRelief(dues.members[m.id], cur);
  const through = paidThrough(dues, m, day);
  return {
    member: m,
    ...(amount ? { amount } : {}),
    ...(relief ? { relief } : {}),
    ...(through ? { paidThrough: through } : {}),
    owed,
    pending: openClaims(dues).filter((c) => c.memberId === m.id),
    arrears,
    flag: arrearsFlag(arrears.length),
    payments: activePayments(dues, m.id),
    ...(firstOwed ? { firstOwed } : {}),
  };
}

export async function settings(deps: ServiceDeps, cellId: string): Promise<DuesSettings> {
  return (await book(deps, cellId)).settings;
}

/** The dues day of a month and where it comes from (setting, regular meeting, default). */
export async function dayOf(deps: ServiceDeps, cellId: string, month: Month = monthOfDate(today(deps))) {
  const d = await cellData(deps, cellId);
  return duesDay(duesView(d.dues).settings, d.meetings, month);
}

/** /settings (secretary): the dues day (null = the regular meeting's day) and the share kept. */
export async function setSettings(deps: ServiceDeps, tgId: number, patch: Partial<DuesSettings>, ends?: string): Promise<DuesSettings> {
  const { cell } = await requireActor(deps.store, tgId, 'cell.manage');
  const userShard = await deps.store.shardOfUser(tgId);
  return deps.store.updateCell(cell.id, (d) => {
    const dues = (d.dues = normalizeDues(d.dues));
    if (patch.day !== undefined) dues.settings.day = patch.day;
    if (patch.keptPercent !== undefined) dues.settings.keptPercent = patch.keptPercent;
    endIn(userShard, d, tgId, ends);
    return { ...dues.settings };
  });
}

/** A member's own status (/dues). */
export async function myStatus(deps: ServiceDeps, tgId: number): Promise<MemberDuesStatus> {
  const { data, member: m } = await requireActor(deps.store, tgId, 'member');
  return status(deps, data, m);
}

/** A member's status, for a collector (the member's dues card). */
export async function statusOf(deps: ServiceDeps, tgId: number, memberId: string): Promise<MemberDuesStatus> {
  const { data: d } = await requireActor(deps.store, tgId, 'dues.collect');
  return status(deps, d, target(deps, d, memberId));
}

/** The months of one year for one member (the member's /dues 2024). */
export async function myYear(deps: ServiceDeps, tgId: number, year: number): Promise<MemberMonth[]> {
  const { data, member: m } = await requireActor(deps.store, tgId, 'member');
  const dues = duesView(data.dues);
  const cur = monthOfDate(today(deps));
  const last = cur < `${year}-12` ? cur : `${year}-12`;
  return last < `${year}-01` ? [] : monthRange(`${year}-01`, last).map((mo) => memberMonth(dues, m, mo));
}

/** Months a member can claim (owed, unpaid, not already claimed). */
export async function claimable(deps: ServiceDeps, tgId: number): Promise<MemberMonth[]> {
  const { data, member: m } = await requireActor(deps.store, tgId, 'member');
  return payableMonths(duesView(data.dues), m, today(deps), { withoutClaims: true });
}

/** Months a collector can record for a member. */
export async function payable(deps: ServiceDeps, tgId: number, memberId: string): Promise<MemberMonth[]> {
  const { data: d } = await requireActor(deps.store, tgId, 'dues.collect');
  return payableMonths(duesView(d.dues), target(deps, d, memberId), today(deps));
}

/** For the report feature: the figures of a month (members in roster order). */
export async function monthFigures(deps: ServiceDeps, cellId: string, month: Month): Promise<DuesMonthFigures> {
  const d = await cellData(deps, cellId);
  return duesMonthFigures(duesView(d.dues), booked(d), month);
}

/** For the report feature: the figures of a year up to today. */
export async function yearFigures(deps: ServiceDeps, cellId: string, year: number): Promise<DuesYearFigures> {
  const d = await cellData(deps, cellId);
  return duesYearFigures(duesView(d.dues), booked(d), year, today(deps));
}

/** Claims waiting for a collector (of one month, or all), oldest first. */
export async function waitingClaims(deps: ServiceDeps, cellId: string, month?: Month): Promise<Claim[]> {
  return openClaims(await book(deps, cellId), month);
}

export async function claim(deps: ServiceDeps, cellId: string, claimId: string): Promise<Claim | undefined> {
  return (await book(deps, cellId)).claims.find((c) => c.id === claimId);
}

export async function payment(deps: ServiceDeps, cellId: string, paymentId: string): Promise<Payment | undefined> {
  return (await book(deps, cellId)).entries.find((e): e is Payment => e.kind === 'payment' && e.id === paymentId);
}

/** "Tôi đã đóng": claims for months; the collectors are told at once. */
export async function claimPaid(deps: ServiceDeps, tgId: number, months: Month[], method: PayMethod): Promise<Claim[]> {
  const { cell } = await requireActor(deps.store, tgId, 'member');
  return deps.store.updateCell(cell.id, (d, base) => {
    const dues = (d.dues = normalizeDues(d.dues));
    const before = duesView(base.dues);
    const m = d.members[String(tgId)]!;
    const claims = must(addClaims(dues, m, months, method, stamp(deps, m.id), before));
    const to = collectorsOf(d.members);
    notify(
      deps,
      d,
      to
        .filter((c) => c.id !== m.id || to.length === 1)
        .map((c) => ({
          key: `${d.cell.id}:dues:claim:${claims[0]!.id}:${c.id}`,
          chatId: c.tgId,
          memberId: c.id,
          notice: { kind: 'dues.claim' as const, cellId: d.cell.id, memberName: m.name, claims: claimViews(before, m, claims) },
        })),
    );
    return claims;
  });
}

export async function confirmPaid(deps: ServiceDeps, tgId: number, claimId: string): Promise<{ claim: Claim; payment: Payment; member: Member }> {
  const { cell, member: actor } = await requireActor(deps.store, tgId, 'dues.collect');
  return deps.store.updateCell(cell.id, (d, base) => {
    const dues = (d.dues = normalizeDues(d.dues));
    const c = dues.claims.find((x) => x.id === claimId);
    if (!c) throw new RuleError({ code: 'dues.unknownClaim' });
    const m = target(deps, d, c.memberId);
    const payment = must(confirmClaim(dues, m, claimId, stamp(deps, actor.id), duesView(base.dues)));
    notify(deps, d, [
      {
        key: `${d.cell.id}:dues:decided:${claimId}`,
        chatId: m.tgId,
        memberId: m.id,
        notice: { kind: 'dues.claimDecided', month: c.month, confirmed: true, amount: payment.amount },
      },
    ]);
    return { claim: c, payment, member: m };
  });
}

export async function rejectPaid(deps: ServiceDeps, tgId: number, claimId: string, reason: string, ends?: string): Promise<{ claim: Claim; member: Member }> {
  const { cell, member: actor } = await requireActor(deps.store, tgId, 'dues.collect');
  const userShard = await deps.store.shardOfUser(tgId);
  return deps.store.updateCell(cell.id, (d) => {
    const dues = (d.dues = normalizeDues(d.dues));
    const c = must(rejectClaim(dues, claimId, reason, stamp(deps, actor.id)));
    endIn(userShard, d, tgId, ends);
    const m = target(deps, d, c.memberId);
    notify(deps, d, [
      {
        key: `${d.cell.id}:dues:decided:${claimId}`,
        chatId: m.tgId,
        memberId: m.id,
        notice: { kind: 'dues.claimDecided', month: c.month, confirmed: false, reason: c.decision!.reason! },
      },
    ]);
    return { claim: c, member: m };
  });
}

/** A collector records payments of a member (ahead or late only with `approved`); the member gets a receipt. */
export async function record(deps: ServiceDeps, tgId: number, memberId: string, months: Month[], method: PayMethod, approved: boolean): Promise<{ payments: Payment[]; member: Member }> {
  const { cell, member: actor } = await requireActor(deps.store, tgId, 'dues.collect');
  return deps.store.updateCell(cell.id, (d) => {
    const dues = (d.dues = normalizeDues(d.dues));
    const m = target(deps, d, memberId);
    const payments = must(recordPayments(dues, m, months, method, approved, stamp(deps, actor.id)));
    if (m.id !== actor.id) {
      notify(deps, d, [
        {
          key: `${d.cell.id}:dues:receipt:${payments[0]!.id}`,
          chatId: m.tgId,
          memberId: m.id,
          notice: { kind: 'dues.receipt', months: payments.map((p) => p.month), total: payments.reduce((n, p) => n + p.amount, 0), method },
        },
      ]);
    }
    return { payments, member: m };
  });
}

/** A correction: the payment stays, a reversal entry points at it; the member is told. */
export async function reverse(deps: ServiceDeps, tgId: number, paymentId: string, reason: string, ends?: string): Promise<{ payment: Payment; member: Member }> {
  const { cell, member: actor } = await requireActor(deps.store, tgId, 'dues.collect');
  const userShard = await deps.store.shardOfUser(tgId);
  return deps.store.updateCell(cell.id, (d) => {
    const dues = (d.dues = normalizeDues(d.dues));
    const { reversal, payment } = must(reversePayment(dues, paymentId, reason, stamp(deps, actor.id)));
    endIn(userShard, d, tgId, ends);
    const m = target(deps, d, payment.memberId);
    if (m.id !== actor.id) {
      notify(deps, d, [
        {
          key: `${d.cell.id}:dues:reversed:${reversal.id}`,
          chatId: m.tgId,
          memberId: m.id,
          notice: { kind: 'dues.reversed', month: payment.month, amount: payment.amount, reason: reversal.reason },
        },
      ]);
    }
    return { payment, member: m };
  });
}

export async function setMemberAmount(
  deps: ServiceDeps,
  tgId: number,
  memberId: string,
  amount: number,
  from: Month,
  basis: AmountBasis,
  ends?: string,
): Promise<{ change: AmountChange; member: Member }> {
  const { cell, member: actor } = await requireActor(deps.store, tgId, 'dues.collect');
  const userShard = await deps.store.shardOfUser(tgId);
  return deps.store.updateCell(cell.id, (d) => {
    const dues = (d.dues = normalizeDues(d.dues));
    const m = target(deps, d, memberId);
    const change = must(setAmount(dues, m.id, amount, from, basis, stamp(deps, actor.id)));
    endIn(userShard, d, tgId, ends);
    return { change, member: m };
  });
}

export async function setRelief(
  deps: ServiceDeps,
  tgId: number,
  memberId: string,
  r: { kind: ReliefKind; percent?: number; from: Month; to: Month; reason?: string },
  ends?: string,
): Promise<{ relief: Relief; member: Member }> {
  const { cell, member: actor } = await requireActor(deps.store, tgId, 'dues.collect');
  const userShard = await deps.store.shardOfUser(tgId);
  return deps.store.updateCell(cell.id, (d) => {
    const dues = (d.dues = normalizeDues(d.dues));
    const m = target(deps, d, memberId);
    const relief = must(addRelief(dues, m.id, r, stamp(deps, actor.id)));
    endIn(userShard, d, tgId, ends);
    return { relief, member: m };
  });
}

/** Everyone the books know, in roster order (for the collector's member list). */
export async function bookedMembers(deps: ServiceDeps, cellId: string): Promise<Member[]> {
  return booked(await cellData(deps, cellId));
}

/** Unpaid owed months of a member in a span (for flags shown next to names). */
export async function unpaid(deps: ServiceDeps, cellId: string, memberId: string, from: Month, through: Month): Promise<Month[]> {
  const d = await cellData(deps, cellId);
  const m = own(d.members, memberId);
  return m ? unpaidMonths(duesView(d.dues), m, from, through) : [];
}

/** The use cases above, bound to one set of deps. */
export function duesService(deps: ServiceDeps) {
  return bindDeps(deps, {
    settings,
    dayOf,
    setSettings,
    myStatus,
    statusOf,
    myYear,
    claimable,
    payable,
    monthFigures,
    yearFigures,
    openClaims: waitingClaims,
    claim,
    payment,
    claimPaid,
    confirmClaim: confirmPaid,
    rejectClaim: rejectPaid,
    record,
    reverse,
    setAmount: setMemberAmount,
    setRelief,
    booked: bookedMembers,
    unpaid,
  });
}

export type DuesService = ReturnType<typeof duesService>;

/** Kept inside the write that records an application: the monthly amount the applicant gave. */
export const duesMemberHooks: MemberHooks = {
  onSubmitted(d, m, a) {
    if (!a.monthlyDues) return;
    const at = m.appliedAt ?? d.cell.createdAt;
    const dues = (d.dues = normalizeDues(d.dues));
    // The first amount also covers the months before it: `from` only orders later changes.
    must(setAmount(dues, m.id, a.monthlyDues, monthOfDate(localDate(at)), 'fixed', { by: m.id, now: new Date(at) }));
  },
};

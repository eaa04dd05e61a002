import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addClaims,
  addRelief,
  amountIn,
  arrearsFlag,
  arrearsMonths,
  checkReliefSpan,
  confirmClaim,
  duesDay,
  duesMonthFigures,
  duesYearFigures,
  emptyDues,
  memberMonth,
  normalizeDues,
  openClaims,
  owesIn,
  paidThrough,
  parseDuesDay,
  parseMonth,
  parsePercent,
  parsePeriod,
  payableMonths,
  planDues,
  recordPayments,
  rejectClaim,
  reversePayment,
  setAmount,
  splitKept,
  unpaidMonths,
  type DuesData,
  type Stamp,
} from '../../src/core/dues/index.ts';
import { applyRule, emptyMeetings, regularId } from '../../src/core/meetings/index.ts';
import type { Cell, Member, MemberState } from '../../src/core/members.ts';
import type { PlannedMessage } from '../../src/core/notices.ts';
import { aMember } from '../support/fixtures.ts';

let seq = 0;
const at = (iso: string): Stamp => ({ by: '900', now: new Date(iso), newId: (p) => `${p}${++seq}` });
const NOV = at('2024-11-15T10:00:00+07:00');

function member(id: string, approvedOn: string, extra: Partial<Member> & { moves?: [string, MemberState][] } = {}): Member {
  const { moves = [], ...rest } = extra;
  const history = [{ on: approvedOn, state: 'active' as MemberState }, ...moves.map(([on, state]) => ({ on, state }))];
  return aMember(id, { state: moves.at(-1)?.[1] ?? 'active', history, ...rest }, approvedOn);
}

function book(amounts: Record<string, number> = {}, from = '2023-01'): DuesData {
  const d = emptyDues();
  for (const [id, amount] of Object.entries(amounts)) setAmount(d, id, amount, from, 'fixed', NOV);
  return d;
}

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
  if (!r.ok) assert.fail(`refused: ${r.error.code}`);
  return r.value;
};
const refused = (r: { ok: boolean; error?: { code: string } }, code: string) => {
  assert.equal(r.ok, false, `expected refusal ${code}`);
  assert.equal(r.error!.code, code);
};

// ---------------------------------------------------------------- reading input

test('months, periods, percentages and the dues day are read with a reason for every refusal', () => {
  assert.deepEqual(parseMonth('11/2024'), { ok: true, value: '2024-11' });
  assert.deepEqual(parseMonth('3/2025'), { ok: true, value: '2025-03' });
  assert.deepEqual(parseMonth(' 03-2025 '), { ok: true, value: '2025-03' });
  refused(parseMonth('13/2024'), 'month.invalid');
  refused(parseMonth('2024-11'), 'month.format');
  refused(parseMonth('tháng 11'), 'month.format');
  const today = '2024-11-20';
  assert.deepEqual(parsePeriod('', today), { ok: true, value: { kind: 'month', month: '2024-11' } });
  assert.deepEqual(parsePeriod('11/2023', today), { ok: true, value: { kind: 'month', month: '2023-11' } });
  assert.deepEqual(parsePeriod('2024', today), { ok: true, value: { kind: 'year', year: 2024 } });
  refused(parsePeriod('năm ngoái', today), 'period.format');
  refused(parsePeriod('0999', today), 'period.format');
  assert.deepEqual(parsePercent('30%'), { ok: true, value: 30 });
  assert.deepEqual(parsePercent('0'), { ok: true, value: 0 });
  refused(parsePercent('101'), 'percent.range');
  refused(parsePercent('3,5'), 'percent.format');
  assert.deepEqual(parseDuesDay('10'), { ok: true, value: 10 });
  refused(parseDuesDay('29'), 'duesDay.range');
  refused(parseDuesDay('0'), 'duesDay.range');
  refused(parseDuesDay('mùng 5'), 'duesDay.format');
});

test('an older file whose dues slot is {} gets the defaults', () => {
  const d = normalizeDues({} as DuesData);
  assert.deepEqual(d, emptyDues());
  assert.equal(d.settings.keptPercent, 30);
  assert.equal(d.settings.day, null);
});

// ---------------------------------------------------------------- who owes, how much

test('a member who joined in June owes from July', () => {
  const m = member('1', '2024-06-12');
  const d = book({ 1: 45_000 });
  assert.deepEqual(unpaidMonths(d, m, '2024-01', '2024-09'), ['2024-07', '2024-08', '2024-09']);
  assert.equal(owesIn(m, '2024-06'), false);
  assert.equal(memberMonth(d, m, '2024-06').expected, 0);
  assert.equal(memberMonth(d, m, '2024-07').expected, 45_000);
  // approved on the first of the month: still from the next month
  assert.equal(owesIn(member('2', '2024-06-01'), '2024-06'), false);
  assert.equal(owesIn(member('2', '2024-06-01'), '2024-07'), true);
});

test('a member transferred out owes the transfer month and nothing after; removed and deceased alike', () => {
  const d = book({ 1: 40_000, 2: 40_000, 3: 40_000 });
  const moved = member('1', '2023-05-02', { moves: [['2024-03-15', 'transferred']] });
  assert.deepEqual(unpaidMonths(d, moved, '2024-01', '2024-12'), ['2024-01', '2024-02', '2024-03']);
  const movedOnFirst = member('2', '2023-05-02', { moves: [['2024-03-01', 'removed']] });
  assert.deepEqual(unpaidMonths(d, movedOnFirst, '2024-01', '2024-12'), ['2024-01', '2024-02', '2024-03']);
  const deceased = member('3', '2023-05-02', { moves: [['2024-08-20', 'deceased']] });
  assert.equal(unpaidMonths(d, deceased, '2024-01', '2024-12').length, 8);
  // the year's figures expect nothing of them after they left
  const y = duesYearFigures(d, [moved], 2024, '2025-01-10');
  assert.equal(y.expected, 3 * 40_000);
  assert.deepEqual(y.arrears[0]!.counted, ['2024-01', '2024-02', '2024-03']);
});

test('members exempted from activity still owe dues unless a dues exemption is recorded', () => {
  const d = book({ 1: 50_000 });
  const far = member('1', '2023-05-02', { moves: [['2024-02-10', 'temp_exempt']] });
  assert.equal(memberMonth(d, far, '2024-05').state, 'unpaid');
  addRelief(d, '1', { kind: 'exempt', from: '2024-05', to: '2024-08' }, NOV);
  assert.equal(memberMonth(d, far, '2024-05').state, 'exempt');
  assert.equal(memberMonth(d, far, '2024-09').state, 'unpaid');
});

test('expected amounts follow amount changes from their month on; the first amount covers the months before it', () => {
  const d = emptyDues();
  ok(setAmount(d, '1', 40_000, '2024-03', 'fixed', NOV));
  ok(setAmount(d, '1', 52_000, '2024-07', 'salary', NOV));
  ok(setAmount(d, '1', 55_000, '2025-01', 'salary', NOV));
  const m = member('1', '2023-05-02');
  const exp = (mo: string) => memberMonth(d, m, mo).expected;
  assert.equal(exp('2024-01'), 40_000, 'before the first amount: the first amount');
  assert.equal(exp('2024-03'), 40_000);
  assert.equal(exp('2024-06'), 40_000);
  assert.equal(exp('2024-07'), 52_000);
  assert.equal(exp('2024-12'), 52_000);
  assert.equal(exp('2025-02'), 55_000);
  // a newer decision for the same month wins
  ok(setAmount(d, '1', 53_000, '2024-07', 'fixed', NOV));
  assert.equal(exp('2024-08'), 53_000);
  assert.equal(amountIn(d.members['1'], '2024-08')!.basis, 'fixed');
  // no amount set: owed, but the amount is unknown
  assert.equal(memberMonth(d, member('2', '2023-05-02'), '2024-08').expected, undefined);
  assert.equal(memberMonth(d, member('2', '2023-05-02'), '2024-08').state, 'unpaid');
  refused(setAmount(d, '1', 0, '2024-07', 'fixed', NOV), 'money.zero');
  refused(setAmount(d, '1', 10_000_001, '2024-07', 'fixed', NOV), 'money.tooLarge');
});

test('exemptions and reductions spanning a year boundary; at most 12 months per decision; the newest decision wins', () => {
  const d = book({ 1: 45_000 });
  const m = member('1', '2023-05-02');
  ok(addRelief(d, '1', { kind: 'reduce', percent: 50, from: '2024-11', to: '2025-02', reason: 'ốm dài ngày' }, NOV));
  const exp = (mo: string) => memberMonth(d, m, mo).expected;
  assert.deepEqual(['2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03'].map(exp), [45_000, 22_500, 22_500, 22_500, 22_500, 45_000]);
  // 30% and 70% with rounding to whole đồng
  const odd = book({ 2: 45_555 });
  ok(addRelief(odd, '2', { kind: 'reduce', percent: 30, from: '2024-01', to: '2024-06' }, NOV));
  ok(addRelief(odd, '2', { kind: 'reduce', percent: 70, from: '2024-07', to: '2024-12' }, NOV));
  assert.equal(memberMonth(odd, member('2', '2023-05-02'), '2024-03').expected, 31_889); // 31.888,5 → 31.889
  assert.equal(memberMonth(odd, member('2', '2023-05-02'), '2024-09').expected, 13_667); // 13.666,5 → 13.667
  // an exemption across the new year
  ok(addRelief(d, '1', { kind: 'exempt', from: '2024-12', to: '2025-11' }, NOV));
  assert.equal(memberMonth(d, m, '2024-12').state, 'exempt');
  assert.equal(memberMonth(d, m, '2025-11').expected, 0);
  assert.equal(memberMonth(d, m, '2025-12').expected, 45_000);
  assert.equal(memberMonth(d, m, '2024-11').expected, 22_500, 'the older reduction still holds where the exemption does not reach');
  // lifting a relief early
  ok(addRelief(d, '1', { kind: 'end', from: '2025-06', to: '2025-11' }, NOV));
  assert.equal(memberMonth(d, m, '2025-05').state, 'exempt');
  assert.equal(memberMonth(d, m, '2025-06').expected, 45_000);
  // the span rules
  refused(addRelief(d, '1', { kind: 'exempt', from: '2024-12', to: '2025-12' }, NOV), 'relief.tooLong');
  refused(checkReliefSpan('2025-03', '2025-02'), 'relief.endBeforeStart');
  assert.equal(checkReliefSpan('2024-12', '2025-11').ok, true);
  refused(addRelief(d, '1', { kind: 'reduce', percent: 40, from: '2024-12', to: '2025-01' }, NOV), 'relief.percent');
});

// ---------------------------------------------------------------- the ledger

test('payments: one per month, ahead or late only when approved and marked; never for months not owed or exempt', () => {
  const d = book({ 1: 45_000 });
  const m = member('1', '2024-06-12');
  const [p] = ok(recordPayments(d, m, ['2024-11'], 'cash', false, NOV));
  assert.equal(p!.amount, 45_000);
  assert.equal(p!.offTurn, false);
  refused(recordPayments(d, m, ['2024-11'], 'cash', false, NOV), 'dues.alreadyPaid');
  refused(recordPayments(d, m, ['2024-09', '2024-10'], 'cash', false, NOV), 'dues.offTurn');
  assert.equal(d.entries.length, 1, 'a refusal records nothing');
  const late = ok(recordPayments(d, m, ['2024-10', '2024-09'], 'portal', true, NOV));
  assert.deepEqual(
    late.map((x) => [x.month, x.offTurn, x.method]),
    [
      ['2024-09', true, 'portal'],
      ['2024-10', true, 'portal'],
    ],
  );
  refused(recordPayments(d, m, ['2024-06'], 'cash', true, NOV), 'dues.notOwed');
  refused(recordPayments(d, m, ['2025-11'], 'cash', true, NOV), 'dues.tooFarAhead');
  ok(addRelief(d, '1', { kind: 'exempt', from: '2024-12', to: '2024-12' }, NOV));
  refused(recordPayments(d, m, ['2024-12'], 'cash', true, NOV), 'dues.exemptMonth');
  refused(recordPayments(d, member('2', '2024-01-05'), ['2024-11'], 'cash', false, NOV), 'dues.noAmount');
  refused(recordPayments(d, m, [], 'cash', false, NOV), 'dues.noMonths');
  assert.deepEqual(unpaidMonths(d, m, '2024-07', '2024-11'), ['2024-07', '2024-08']);
});

test('reversals: a payment is never edited; a reversal points at it with a reason and the month is unpaid again', () => {
  const d = book({ 1: 45_000 });
  const m = member('1', '2024-06-12');
  const [p] = ok(recordPayments(d, m, ['2024-11'], 'cash', false, NOV));
  refused(reversePayment(d, p!.id, '  ', NOV), 'dues.reasonNeeded');
  const { reversal } = ok(reversePayment(d, p!.id, 'Ghi nhầm người', NOV));
  assert.equal(reversal.paymentId, p!.id);
  assert.equal(memberMonth(d, m, '2024-11').state, 'unpaid');
  refused(reversePayment(d, p!.id, 'lần nữa', NOV), 'dues.alreadyReversed');
  refused(reversePayment(d, 'nope', 'x', NOV), 'dues.unknownPayment');
  // paid again after the reversal: the ledger keeps all three entries
  const [again] = ok(recordPayments(d, m, ['2024-11'], 'cash', false, NOV));
  assert.equal(memberMonth(d, m, '2024-11').payment!.id, again!.id);
  assert.deepEqual(
    d.entries.map((e) => e.kind),
    ['payment', 'reversal', 'payment'],
  );
  assert.equal(duesMonthFigures(d, [m], '2024-11').collected, 45_000, 'the reversed payment is not collected');
});

test('claims: one per month, confirmed into a payment or rejected with a reason; a direct payment closes the claim', () => {
  const d = book({ 1: 45_000 });
  const m = member('1', '2024-06-12');
  const claims = ok(addClaims(d, m, ['2024-11', '2024-10'], 'portal', NOV));
  assert.deepEqual(
    claims.map((c) => c.month),
    ['2024-10', '2024-11'],
  );
  refused(addClaims(d, m, ['2024-11'], 'cash', NOV), 'dues.alreadyClaimed');
  assert.equal(openClaims(d).length, 2);
  assert.deepEqual(
    payableMonths(d, m, '2024-11-15', { withoutClaims: true }).map((s) => s.month),
    ['2024-07', '2024-08', '2024-09', '2024-12', '2025-01'],
  );
  const p = ok(confirmClaim(d, m, claims[0]!.id, at('2024-11-20T10:00:00+07:00')));
  assert.equal(p.month, '2024-10');
  assert.equal(p.offTurn, true, 'October claimed in November: late, approved by the confirmation');
  assert.equal(p.method, 'portal');
  refused(confirmClaim(d, m, claims[0]!.id, NOV), 'dues.claimDecided');
  refused(rejectClaim(d, claims[1]!.id, '', NOV), 'dues.reasonNeeded');
  const r = ok(rejectClaim(d, claims[1]!.id, 'Chưa thấy trên Cổng', NOV));
  assert.equal(r.decision!.reason, 'Chưa thấy trên Cổng');
  assert.equal(memberMonth(d, m, '2024-11').state, 'unpaid');
  assert.equal(openClaims(d).length, 0);
  // claimed again, then the collector records the month directly: the claim is closed by the payment
  const [again] = ok(addClaims(d, m, ['2024-11'], 'cash', NOV));
  const [paid] = ok(recordPayments(d, m, ['2024-11'], 'cash', false, NOV));
  assert.equal(again!.decision?.paymentId, paid!.id);
  assert.equal(paid!.claimId, again!.id);
  refused(addClaims(d, m, ['2024-11'], 'cash', NOV), 'dues.alreadyPaid');
  refused(addClaims(d, m, ['2024-05'], 'cash', NOV), 'dues.notOwed');
});

test('paid through: the last month up to which every owed month is paid', () => {
  const d = book({ 1: 45_000 });
  const m = member('1', '2024-06-12');
  assert.equal(paidThrough(d, m, '2024-11-15'), undefined);
  ok(recordPayments(d, m, ['2024-07', '2024-08', '2024-10'], 'cash', true, NOV));
  assert.equal(paidThrough(d, m, '2024-11-15'), '2024-08');
  ok(recordPayments(d, m, ['2024-09'], 'cash', true, NOV));
  assert.equal(paidThrough(d, m, '2024-11-15'), '2024-10');
  ok(addRelief(d, '1', { kind: 'exempt', from: '2024-11', to: '2024-11' }, NOV));
  ok(recordPayments(d, m, ['2024-12'], 'cash', true, NOV));
  assert.equal(paidThrough(d, m, '2024-11-15'), '2024-12', 'an exempt month does not stop the run; ahead payments extend it');
});

// ---------------------------------------------------------------- arrears

test('arrears count ended months of the year, not necessarily consecutive, exempt months excluded; flags at 2 and 3', () => {
  const d = book({ 1: 45_000 });
  const m = member('1', '2023-05-02');
  ok(recordPayments(d, m, ['2024-01', '2024-03', '2024-04', '2024-06'], 'cash', true, NOV));
  ok(addRelief(d, '1', { kind: 'exempt', from: '2024-07', to: '2024-09' }, NOV));
  // on 15/06: Feb and May are unpaid; June is not counted before it ends
  assert.deepEqual(arrearsMonths(d, m, 2024, '2024-06-15'), ['2024-02', '2024-05']);
  assert.equal(arrearsFlag(2), 2);
  // exempt July–September do not count; October counts once November starts
  assert.deepEqual(arrearsMonths(d, m, 2024, '2024-10-31'), ['2024-02', '2024-05']);
  assert.deepEqual(arrearsMonths(d, m, 2024, '2024-11-01'), ['2024-02', '2024-05', '2024-10']);
  assert.equal(arrearsFlag(3), 3);
  assert.equal(arrearsFlag(5), 3);
  assert.equal(arrearsFlag(1), 0);
  // a past year counts all twelve months; a new year starts from zero
  assert.deepEqual(arrearsMonths(d, m, 2024, '2025-02-01'), ['2024-02', '2024-05', '2024-10', '2024-11', '2024-12']);
  assert.deepEqual(arrearsMonths(d, m, 2025, '2025-01-20'), []);
  // a member joining in June: June is not owed, July and August unpaid by September
  const june = member('2', '2024-06-12');
  setAmount(d, '2', 30_000, '2024-07', 'fixed', NOV);
  assert.deepEqual(arrearsMonths(d, june, 2024, '2024-09-02'), ['2024-07', '2024-08']);
  const y = duesYearFigures(d, [m, june], 2024, '2024-09-02');
  assert.deepEqual(
    y.arrears.map((a) => [a.memberId, a.flag, a.unpaid.length, a.counted.length]),
    [
      ['1', 2, 2, 2],
      ['2', 2, 3, 2],
    ],
  );
});

// ---------------------------------------------------------------- figures

test('kept vs sent up: whole đồng, rounded half up, kept + sent = collected', () => {
  assert.deepEqual(splitKept(405_000, 30), { kept: 121_500, sent: 283_500 });
  assert.deepEqual(splitKept(45_005, 30), { kept: 13_502, sent: 31_503 }); // 13.501,5 → 13.502
  assert.deepEqual(splitKept(1, 50), { kept: 1, sent: 0 });
  assert.deepEqual(splitKept(0, 30), { kept: 0, sent: 0 });
  assert.deepEqual(splitKept(99_999, 0), { kept: 0, sent: 99_999 });
  assert.deepEqual(splitKept(99_999, 100), { kept: 99_999, sent: 0 });
  for (let c = 0; c < 5000; c += 7) {
    for (const p of [0, 10, 25, 30, 33, 50, 70, 100]) {
      const { kept, sent } = splitKept(c, p);
      assert.ok(Number.isInteger(kept) && Number.isInteger(sent) && kept >= 0 && sent >= 0);
      assert.equal(kept + sent, c);
    }
  }
});

test('month and year figures: expected, collected, outstanding, paid in full, exempt, no amount, kept and sent', () => {
  const d = book({ 1: 45_000, 2: 30_000, 3: 50_001 });
  d.settings.keptPercent = 30;
  const a = member('1', '2023-05-02');
  const b = member('2', '2023-05-02');
  const c = member('3', '2023-05-02');
  const noAmount = member('4', '2023-05-02');
  const late = member('5', '2024-10-20'); // owes from November
  setAmount(d, '5', 20_000, '2024-11', 'fixed', NOV);
  ok(addRelief(d, '2', { kind: 'exempt', from: '2024-10', to: '2024-12' }, NOV));
  ok(recordPayments(d, a, ['2024-10'], 'cash', true, NOV));
  ok(recordPayments(d, c, ['2024-10'], 'portal', true, NOV));
  ok(recordPayments(d, a, ['2024-11'], 'cash', false, NOV));
  const all = [a, b, c, noAmount, late];
  const oct = duesMonthFigures(d, all, '2024-10');
  assert.equal(oct.owing, 3, 'a, c and the member without an amount; b is exempt; late not yet');
  assert.equal(oct.exempt, 1);
  assert.equal(oct.expected, 95_001);
  assert.equal(oct.collected, 95_001);
  assert.equal(oct.outstanding, 0);
  assert.equal(oct.paidInFull, 2);
  assert.deepEqual(oct.noAmount, ['4']);
  assert.deepEqual(splitKept(95_001, 30), { kept: oct.kept, sent: oct.sent });
  assert.deepEqual(
    oct.rows.map((r) => [r.memberId, r.state]),
    [
      ['1', 'paid'],
      ['2', 'exempt'],
      ['3', 'paid'],
      ['4', 'unpaid'],
    ],
  );
  const nov = duesMonthFigures(d, all, '2024-11');
  assert.equal(nov.expected, 45_000 + 50_001 + 20_000);
  assert.equal(nov.collected, 45_000);
  assert.equal(nov.outstanding, 70_001);
  assert.equal(nov.owing, 4);

  const y = duesYearFigures(d, all, 2024, '2024-11-20');
  assert.equal(y.through, '2024-11');
  assert.equal(y.months.length, 11);
  assert.equal(
    y.collected,
    y.months.reduce((n, f) => n + f.collected, 0),
  );
  assert.equal(
    y.kept,
    y.months.reduce((n, f) => n + f.kept, 0),
  );
  assert.equal(y.kept + y.sent, y.collected);
  assert.equal(y.members, 5);
  assert.equal(y.paidInFull, 0, 'everyone has some month unpaid');
  assert.deepEqual(
    y.arrears.map((x) => [x.memberId, x.unpaid.length, x.counted.length, x.flag]),
    [
      ['1', 9, 9, 3],
      ['2', 9, 9, 3],
      ['3', 10, 9, 3],
      ['4', 11, 10, 3],
      ['5', 1, 0, 0],
    ],
  );
  assert.equal(duesYearFigures(d, all, 2026, '2024-11-20').through, undefined);
});

// ---------------------------------------------------------------- the planner

const CELL: Cell = { id: 'c1', name: 'Chi bộ Thử', parentName: 'Đảng ủy xã Thử', createdAt: '2023-01-01T00:00:00Z', createdBy: 900, inviteCode: 'x' };

function cellWith(members: Member[], dues: DuesData) {
  return { cell: CELL, members: Object.fromEntries(members.map((m) => [m.id, m])), dues, meetings: emptyMeetings() };
}
const keys = (out: PlannedMessage[], part: string) =>
  out
    .filter((p) => p.key.includes(`:dues:${part}:`))
    .map((p) => p.key)
    .sort();

test('the dues day: the setting, else the regular meeting, else the fallback day', () => {
  const d = emptyDues();
  assert.deepEqual(duesDay(d.settings, emptyMeetings(), '2024-11'), { date: '2024-11-05', source: 'fallback' });
  assert.deepEqual(duesDay({ ...d.settings, day: 12 }, emptyMeetings(), '2024-11'), { date: '2024-11-12', source: 'setting' });
  assert.deepEqual(duesDay(d.settings, {} as never, '2024-11').source, 'fallback', 'a partial meetings slot falls back');
  // with a regular rule "thứ Hai tuần đầu tiên": the meeting's day, moved or not; a cancelled meeting falls back
  const meetings = emptyMeetings();
  applyRule(meetings, { from: '2024-01', rule: { on: { kind: 'weekday', weekday: 1, week: 1 }, time: '14:00', place: 'Phòng họp' }, setAt: '2024-01-01T00:00:00Z', by: '8' });
  assert.deepEqual(duesDay(d.settings, meetings, '2024-11'), { date: '2024-11-04', source: 'meeting' });
  meetings.records[regularId('2024-12')] = { id: regularId('2024-12'), kind: 'regular', date: '2024-12-06', rsvp: {} } as never;
  assert.deepEqual(duesDay(d.settings, meetings, '2024-12').date, '2024-12-06');
  meetings.records[regularId('2025-01')] = { id: regularId('2025-01'), kind: 'regular', cancelled: { at: 'x', by: '8' }, rsvp: {} } as never;
  assert.deepEqual(duesDay(d.settings, meetings, '2025-01'), { date: '2025-01-05', source: 'fallback' });
  assert.deepEqual(duesDay({ ...d.settings, day: 15 }, meetings, '2024-11').date, '2024-11-15', 'a day set wins over the meeting');
});

test('planner: on the dues day each member with the current month unpaid is reminded, once, privately', () => {
  const d = book({ 1: 45_000, 2: 45_000, 3: 45_000, 4: 45_000, 5: 45_000 });
  d.settings.day = 10;
  const ms = [
    member('1', '2023-05-02'),
    member('2', '2023-05-02'),
    member('3', '2023-05-02'),
    member('4', '2023-05-02', { reachable: false }),
    member('5', '2023-05-02', { moves: [['2024-10-01', 'transferred']] }),
  ];
  ok(recordPayments(d, ms[0]!, ['2024-11'], 'cash', false, NOV));
  ok(addClaims(d, ms[1]!, ['2024-11'], 'portal', NOV));
  const data = cellWith(ms, d);
  assert.deepEqual(keys(planDues(data, new Date('2024-11-10T06:59:00+07:00')), 'remind'), [], 'not before 07:00 of the dues day');
  const out = planDues(data, new Date('2024-11-10T07:00:00+07:00'));
  assert.deepEqual(keys(out, 'remind'), ['c1:dues:remind:2024-11:3'], 'paid, claimed, unreachable and transferred members are not reminded');
  const r = out.find((p) => p.key === 'c1:dues:remind:2024-11:3')!;
  assert.equal(r.chatId, 3);
  assert.equal(r.expiresAt, new Date('2024-12-01T00:00:00+07:00').toISOString());
  assert.deepEqual(r.notice, { kind: 'dues.reminder', cellId: 'c1', month: '2024-11', day: '2024-11-10', amount: 45_000, owedBefore: 12 });
  assert.deepEqual(keys(planDues(data, new Date('2024-11-25T10:00:00+07:00')), 'remind'), ['c1:dues:remind:2024-11:3'], 'same key later in the month: the outbox sends it once');
});

test('planner: claims waiting more than 3 days go to the collectors, once per claim', () => {
  const d = book({ 1: 45_000 });
  const ms = [member('1', '2023-05-02'), member('7', '2023-05-02', { collector: true }), member('8', '2023-05-02', { role: 'secretary' })];
  const claims = ok(addClaims(d, ms[0]!, ['2024-10', '2024-11'], 'portal', NOV));
  const data = cellWith(ms, d);
  assert.deepEqual(keys(planDues(data, new Date('2024-11-18T10:00:00+07:00')), 'claimwait'), []);
  const out = planDues(data, new Date('2024-11-18T10:01:00+07:00'));
  assert.deepEqual(keys(out, 'claimwait'), [`c1:dues:claimwait:${claims[0]!.id}:7`], 'to the designated collector only, both months in one message');
  const n = out.find((p) => p.key.includes('claimwait'))!.notice;
  assert.ok(n.kind === 'dues.claim' && n.claims.length === 2 && n.waitingDays === 3);
  // without a designated collector: the committee
  ms[1]!.collector = false;
  assert.deepEqual(keys(planDues(cellWith(ms, d), new Date('2024-11-19T10:00:00+07:00')), 'claimwait'), [`c1:dues:claimwait:${claims[0]!.id}:8`]);
  ok(rejectClaim(d, claims[0]!.id, 'x', NOV));
  ok(rejectClaim(d, claims[1]!.id, 'x', NOV));
  assert.deepEqual(keys(planDues(cellWith(ms, d), new Date('2024-11-19T10:00:00+07:00')), 'claimwait'), []);
});

test('planner: the 3-month alert goes to the secretary once per member and year', () => {
  const d = book({ 1: 45_000, 2: 45_000 });
  const ms = [member('1', '2023-05-02'), member('2', '2023-05-02'), member('8', '2023-05-02', { role: 'secretary' })];
  setAmount(d, '8', 45_000, '2024-01', 'fixed', NOV);
  ok(recordPayments(d, ms[1]!, ['2024-01', '2024-02', '2024-03', '2024-04'], 'cash', true, NOV));
  ok(recordPayments(d, ms[2]!, ['2024-01', '2024-02', '2024-03', '2024-04'], 'cash', true, NOV));
  const data = cellWith(ms, d);
  assert.deepEqual(keys(planDues(data, new Date('2024-03-20T10:00:00+07:00')), 'arrears3'), [], 'two ended months: flag only');
  assert.deepEqual(keys(planDues(data, new Date('2024-04-01T07:59:00+07:00')), 'arrears3'), []);
  const out = planDues(data, new Date('2024-04-01T08:00:00+07:00'));
  assert.deepEqual(keys(out, 'arrears3'), ['c1:dues:arrears3:2024:1']);
  const a = out.find((p) => p.key.includes('arrears3'))!;
  assert.equal(a.chatId, 8);
  assert.deepEqual(a.notice, { kind: 'dues.arrears', cellId: 'c1', memberId: '1', name: 'Đảng viên 1', year: 2024, months: ['2024-01', '2024-02', '2024-03'] });
  // the same key all year long (the outbox sends a key once); none after the window
  assert.deepEqual(keys(planDues(data, new Date('2024-05-15T10:00:00+07:00')), 'arrears3'), ['c1:dues:arrears3:2024:1']);
  assert.deepEqual(keys(planDues(data, new Date('2024-06-10T10:00:00+07:00')), 'arrears3'), [], 'beyond 60 days: never planned again');
  // the others reach 3 on August 1st (May–July unpaid)
  assert.deepEqual(keys(planDues(data, new Date('2024-08-01T09:00:00+07:00')), 'arrears3'), ['c1:dues:arrears3:2024:2', 'c1:dues:arrears3:2024:8']);
});

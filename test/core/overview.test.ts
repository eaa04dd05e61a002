import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellOverview, compareOverview, overviewTotals, type CellOverview } from '../../src/core/overview.ts';
import type { Payment } from '../../src/core/dues/index.ts';
import { seedCell } from '../support/seed.ts';

const seeded = () => seedCell({ cellId: 'c1', cellName: 'Chi bộ Trường THCS Phong Hải', year: 2024, asOf: '2024-11-28', members: 12, firstId: 100, seed: 7 });
const paymentsOf = (file: ReturnType<typeof seeded>) => file.dues.entries.filter((e): e is Payment => e.kind === 'payment');

test('a cell that kept its year on the bot: members, meetings, dues, review and the drafted report, as counted by hand', () => {
  const file = seeded();
  const row = cellOverview({ ...file, reports: { '2024': { draftedAt: '2024-11-28T08:00:00.000Z' } } }, 2024, '2024-11-28');
  const members = Object.values(file.members);
  const probationary = members.filter((m) => m.partyStatus === 'du_bi').length;
  assert.deepEqual(row.members, { total: 12, full: 12 - probationary, probationary });
  // the 5th of each month January–November, attendance taken; a themed topic in March, June, September, November
  assert.deepEqual(row.meetings, { regularHeld: 11, regularPlanned: 11, themed: 4, extraordinary: 0 });
  // every member owes January–November at their amount; each payment pays one month in full
  const expected = members.reduce((n, m) => n + file.dues.members[m.id]!.amounts[0]!.amount * 11, 0);
  const collected = paymentsOf(file).reduce((n, p) => n + p.amount, 0);
  assert.equal(row.dues.expected, expected);
  assert.equal(row.dues.collected, collected);
  assert.equal(row.dues.outstanding, expected - collected);
  const late = members.filter((m) => paymentsOf(file).filter((p) => p.memberId === m.id).length < 11).length;
  assert.equal(row.dues.members, 12);
  assert.equal(row.dues.paidInFull, 12 - late);
  assert.ok(late > 0, 'the fixture has late payers');
  // everyone sent and was rated: two "xuất sắc", the last one "hoàn thành", the rest "tốt"
  assert.deepEqual(row.review, {
    state: 'open',
    expected: 12,
    sent: 12,
    drafts: 0,
    notStarted: 0,
    decided: { xuat_sac: 2, tot: 9, hoan_thanh: 1, khong_hoan_thanh: 0 },
    undecided: 0,
    // 2 "xuất sắc" is more than 20% of 9 "tốt"
    quotaExceeded: true,
  });
  assert.equal(row.reportDraftedAt, '2024-11-28T08:00:00.000Z');
  assert.deepEqual(row.attention, ['review.quota', 'dues.short'], 'the quota for the committee above, and the unpaid months');
});

test('what needs attention: a review not finished, a member with no dues amount, no report of the year', () => {
  const file = seeded();
  const review = file.review.reviews['2024']!;
  delete review.submissions['111'];
  delete review.decisions['111'];
  delete review.decisions['110'];
  delete file.dues.members['105'];
  // a report of another year does not count for this one
  const row = cellOverview({ ...file, reports: { '2023': { draftedAt: '2024-01-10T02:00:00.000Z' } } }, 2024, '2024-11-28', [{ memberId: '111', year: 2024 }]);
  assert.equal(row.review!.sent, 11);
  assert.equal(row.review!.drafts, 1, 'the member writing a draft');
  assert.equal(row.review!.notStarted, 0);
  assert.equal(row.review!.undecided, 2);
  assert.equal(row.dues.noAmount, 1);
  assert.equal(row.reportDraftedAt, undefined);
  assert.deepEqual(row.attention, ['review.unfinished', 'review.quota', 'dues.short', 'dues.noAmount', 'report.none']);
});

test('a past year before the bot: the members of 31/12, no meetings planned, no review opened', () => {
  const row = cellOverview(seeded(), 2023, '2024-11-28');
  assert.equal(row.members.total, 12, 'approved on 20/12/2023');
  assert.deepEqual(row.meetings, { regularHeld: 0, regularPlanned: 0, themed: 0, extraordinary: 0 });
  assert.deepEqual([row.dues.expected, row.dues.collected, row.dues.outstanding], [0, 0, 0], 'nobody owed 2023 (dues start the month after approval)');
  assert.equal(row.review, undefined);
  assert.deepEqual(row.attention, ['review.none', 'report.none']);
});

test('totals over the rows, and the rows in the order of the committee above, then the name', () => {
  const a = cellOverview({ ...seeded(), reports: { '2024': { draftedAt: '2024-11-28T08:00:00.000Z' } } }, 2024, '2024-11-28');
  const other = seedCell({ cellId: 'c2', cellName: 'Chi bộ Ấp Đông', year: 2024, asOf: '2024-11-28', members: 5, firstId: 300, seed: 3, review: false });
  const b = cellOverview(other, 2024, '2024-11-28');
  const t = overviewTotals([a, b]);
  assert.equal(t.cells, 2);
  assert.equal(t.members, 17);
  assert.equal(t.regularHeld, 22);
  assert.equal(t.regularPlanned, 22);
  assert.equal(t.duesExpected, a.dues.expected + b.dues.expected);
  assert.equal(t.duesCollected, a.dues.collected + b.dues.collected);
  assert.equal(t.reviewsOpened, 1);
  assert.equal(t.reviewExpected, 12);
  assert.deepEqual(t.decided, { xuat_sac: 2, tot: 9, hoan_thanh: 1, khong_hoan_thanh: 0 });
  assert.equal(t.reportsDrafted, 1);
  assert.equal(t.needAttention, 2);

  const named = (name: string, parentName: string) => ({ cellId: name, name, parentName }) as CellOverview;
  const rows = [named('Chi bộ Trường Tiểu học', 'Đảng ủy xã Phong Hải'), named('Chi bộ Ấp Đông', 'Đảng ủy xã Phong Hải'), named('Chi bộ Ấp Tây', 'Đảng ủy thị trấn Cam Lộ')];
  assert.deepEqual(
    rows.sort(compareOverview).map((r) => r.name),
    ['Chi bộ Ấp Tây', 'Chi bộ Ấp Đông', 'Chi bộ Trường Tiểu học'],
  );
});

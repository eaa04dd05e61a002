import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkOpening,
  checkRegularHeld,
  entriesOf,
  groupOf,
  inspectionFigures,
  JOURNAL_SECTIONS,
  openingChoices,
  openingOf,
  parseOpeningCount,
  parseOpeningDues,
  quarterOf,
  reportYearOn,
  SECTION_GROUP_IDS,
  SECTION_GROUPS,
  type JournalEntry,
  type OpeningInput,
} from '../../src/core/journal.ts';
import type { Result } from '../../src/core/result.ts';

let n = 0;
const entry = (over: Partial<JournalEntry>): JournalEntry => ({ id: `j${++n}`, on: '2024-03-01', section: 'tu_tuong', text: 't', by: '1', at: `2024-03-01T00:00:0${n % 10}Z`, ...over });

test('entries of a year and section, oldest first, deleted ones left out', () => {
  const data = {
    entries: [
      entry({ on: '2024-05-02', text: 'b' }),
      entry({ on: '2024-01-15', text: 'a' }),
      entry({ on: '2023-12-31', text: 'last year' }),
      entry({ on: '2024-02-01', text: 'gone', deletedAt: '2024-02-02T00:00:00Z' }),
      entry({ on: '2024-02-01', section: 'kho_khan', text: 'other section' }),
    ],
  };
  assert.deepEqual(
    entriesOf(data, 2024, 'tu_tuong').map((e) => e.text),
    ['a', 'b'],
  );
  assert.equal(entriesOf(data, 2024).length, 3);
});

test('inspections and supervisions are counted by kind with the members concerned and the month', () => {
  const data = {
    entries: [
      entry({ on: '2024-05-15', section: 'kiem_tra', inspection: { kind: 'giam_sat', members: 1 }, text: 'giám sát' }),
      entry({ on: '2024-10-03', section: 'kiem_tra', inspection: { kind: 'kiem_tra', members: 1 }, text: 'kiểm tra' }),
      entry({ on: '2024-09-20', section: 'kiem_tra', inspection: { kind: 'kiem_tra', members: 0 }, text: 'kiểm tra chi bộ' }),
      entry({ on: '2024-09-21', section: 'kiem_tra', text: 'ghi chú không phải cuộc kiểm tra' }),
      entry({ on: '2024-06-01', section: 'kiem_tra', inspection: { kind: 'kiem_tra', members: 2 }, text: 'đã xóa', deletedAt: '2024-06-02T00:00:00Z' }),
    ],
  };
  const f = inspectionFigures(data, 2024);
  assert.equal(f.inspections, 2);
  assert.equal(f.supervisions, 1);
  assert.equal(f.membersInspected, 1);
  assert.equal(f.membersSupervised, 1);
  assert.deepEqual(
    f.lines.map((l) => `${l.month}:${l.kind}:${l.members}`),
    ['5:giam_sat:1', '9:kiem_tra:0', '10:kiem_tra:1'],
  );
});

test('the report year: a report finished in January or February is still the previous year’s', () => {
  assert.equal(reportYearOn('2024-11-25'), 2024);
  assert.equal(reportYearOn('2025-01-10'), 2024);
  assert.equal(reportYearOn('2025-02-28'), 2024);
  assert.equal(reportYearOn('2025-03-01'), 2025);
});

test('every section belongs to exactly one part of the report; the existing sections keep their place first', () => {
  const grouped = SECTION_GROUP_IDS.flatMap((g) => [...SECTION_GROUPS[g]]);
  assert.deepEqual([...grouped].sort(), [...JOURNAL_SECTIONS].sort());
  assert.equal(new Set(grouped).size, grouped.length);
  assert.deepEqual(JOURNAL_SECTIONS.slice(0, 8), ['thuan_loi', 'kho_khan', 'tu_tuong', 'chuyen_mon', 'doan_the', 'xay_dung_dang', 'kiem_tra', 'phuong_huong']);
  assert.equal(groupOf('khuyet_diem'), 'ton_tai');
  assert.equal(groupOf('phuong_huong_doan_the'), 'phuong_huong');
  assert.equal(groupOf('bien_phap'), 'phuong_huong');
  // a phone screen: no part has more than 6 sections
  for (const g of SECTION_GROUP_IDS) assert.ok(SECTION_GROUPS[g].length <= 6, g);
});

test('opening figures: counts are whole numbers 0 … 31; regular meetings at most one a month', () => {
  for (const [typed, value] of [
    ['0', 0],
    ['5', 5],
    [' 31 ', 31],
    ['07', 7],
  ] as const)
    assert.deepEqual(parseOpeningCount(typed), { ok: true, value });
  for (const typed of ['32', '-1', '1.5', '2,0', 'năm', '', '100', '５', '1e1']) {
    assert.deepEqual(parseOpeningCount(typed), { ok: false, error: { code: 'opening.count', params: { max: 31 } } }, typed);
  }
  assert.deepEqual(checkRegularHeld(5, '2024-05'), { ok: true, value: 5 });
  assert.deepEqual(checkRegularHeld(6, '2024-05'), { ok: false, error: { code: 'opening.regular', params: { months: 5, through: '2024-05' } } });
});

const codeOf = (r: Result<unknown>) => (r.ok ? 'accepted' : r.error.code);

test('opening figures: dues typed like every amount, 0 is a figure, a cell-sized maximum', () => {
  assert.deepEqual(parseOpeningDues('450.000'), { ok: true, value: 450_000 });
  assert.deepEqual(parseOpeningDues('450k'), { ok: true, value: 450_000 });
  assert.deepEqual(parseOpeningDues('1,2 triệu'), { ok: true, value: 1_200_000 });
  assert.deepEqual(parseOpeningDues('0'), { ok: true, value: 0 });
  assert.deepEqual(parseOpeningDues('0 đ'), { ok: true, value: 0 });
  assert.equal(codeOf(parseOpeningDues('-5')), 'money.negative');
  assert.equal(codeOf(parseOpeningDues('abc')), 'money.format');
  assert.equal(codeOf(parseOpeningDues('45.000,50')), 'money.fraction');
  assert.equal(codeOf(parseOpeningDues('200 triệu')), 'money.tooLarge');
});

test('opening figures: the months offered are those of the year before the current one; the month before the cell was created is suggested', () => {
  assert.deepEqual(openingChoices(2024, '2024-06-20', '2024-06-05'), { months: ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05'], suggested: '2024-05' });
  // created in another year: nothing suggested; in January: no month before it
  assert.deepEqual(openingChoices(2024, '2024-03-02', '2023-11-01'), { months: ['2024-01', '2024-02'], suggested: undefined });
  assert.deepEqual(openingChoices(2024, '2024-03-02', '2024-01-20').suggested, undefined);
  // the report of a year written in January of the next: all twelve months
  assert.equal(openingChoices(2024, '2025-01-10', '2024-09-01').months.length, 12);
  assert.equal(openingChoices(2024, '2025-01-10', '2024-09-01').suggested, '2024-08');
  // January of the year itself: nothing before it
  assert.deepEqual(openingChoices(2024, '2024-01-15', '2024-01-02').months, []);
  assert.deepEqual(['2024-01', '2024-03', '2024-04', '2024-12'].map(quarterOf), [0, 0, 1, 3]);
});

test('opening figures: the record is checked as a whole before it is stored', () => {
  const good: OpeningInput = {
    through: '2024-05',
    regularHeld: 5,
    themedByQuarter: [1, 1, 0, 0],
    extraordinaryHeld: 0,
    duesByMonth: { '2024-01': 450_000, '2024-02': 450_000, '2024-05': 0 },
    inspections: 0,
    supervisions: 1,
  };
  const today = '2024-06-20';
  assert.equal(checkOpening(2024, good, today), undefined);
  const bad = (over: Partial<OpeningInput>) => checkOpening(2024, { ...good, ...over }, today)?.code;
  assert.equal(bad({ through: '2024-06' }), 'opening.through', 'the current month is the bot’s');
  assert.equal(bad({ through: '2023-12' }), 'opening.through', 'another year');
  assert.equal(bad({ through: '2024-13' }), 'opening.through');
  assert.equal(bad({ regularHeld: 6 }), 'opening.regular');
  assert.equal(bad({ supervisions: 32 }), 'opening.count');
  assert.equal(bad({ inspections: 1.5 }), 'opening.count');
  assert.equal(bad({ themedByQuarter: [1, 1, 1, 0] }), 'opening.quarter', 'quý III is after May');
  assert.equal(bad({ duesByMonth: { '2024-06': 450_000 } }), 'opening.duesMonth');
  assert.equal(bad({ duesByMonth: { '2024-01': -1 } }), 'money.negative');
  assert.equal(bad({ duesByMonth: { '2024-01': 0.5 } }), 'money.fraction');
  assert.equal(bad({ duesByMonth: { '2024-01': 100_000_001 } }), 'money.tooLarge');
  assert.equal(openingOf({}, 2024), undefined, 'a file written before opening figures existed');
  assert.equal(openingOf({ opening: { '2024': { ...good, by: '1', at: 'x' } } }, 2024)!.through, '2024-05');
});

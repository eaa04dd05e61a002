import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entriesOf, inspectionFigures, reportYearOn, type JournalEntry } from '../../src/core/journal.ts';

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
  assert.deepEqual(entriesOf(data, 2024, 'tu_tuong').map((e) => e.text), ['a', 'b']);
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
  assert.deepEqual(f.lines.map((l) => `${l.month}:${l.kind}:${l.members}`), ['5:giam_sat:1', '9:kiem_tra:0', '10:kiem_tra:1']);
});

test('the report year: a report finished in January or February is still the previous year’s', () => {
  assert.equal(reportYearOn('2024-11-25'), 2024);
  assert.equal(reportYearOn('2025-01-10'), 2024);
  assert.equal(reportYearOn('2025-02-28'), 2024);
  assert.equal(reportYearOn('2025-03-01'), 2025);
});

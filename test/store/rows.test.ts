/** The PostgreSQL engine's rows (src/store/postgres/rows.ts): split and join are inverse, and neither changes what it is given. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, rowId, split } from '../../src/store/postgres/rows.ts';
import { newCellFile, newIndexFile, type CellFile } from '../../src/store/schema.ts';
import type { Member } from '../../src/core/members.ts';

function member(tgId: number): Member {
  return { id: String(tgId), tgId, name: `Đ/c ${tgId}`, gender: 'nu', partyStatus: 'du_bi', theory: 'trung_cap', role: 'member', collector: false, state: 'active', history: [], reachable: true };
}

function sample(): CellFile {
  const f = newCellFile({ id: 'c1', name: 'Chi bộ Trường THCS Phong Hải', parentName: 'Đảng ủy xã Phong Hải', createdAt: '2024-01-02T00:00:00.000Z', createdBy: 1, inviteCode: 'inv' });
  f.members = { '12': member(12), '3': member(3) };
  f.review.reviews['2024'] = {
    year: 2024,
    openedBy: '12',
    openedAt: 'x',
    openedOn: '2024-12-01',
    deadline: '2024-12-15',
    state: 'open',
    submissions: { '3': [] },
    decisions: { '12': { level: 'tot' } as never },
  } as never;
  f.dues.entries = [{ id: 'p2', kind: 'payment', memberId: '3', month: '2024-11', amount: 45000, method: 'cash', offTurn: false, by: '12', at: 'x' }];
  f.outbox.pending = [
    { key: 'b', chatId: 3, notice: { kind: 'join.approved', cellName: 'x' }, createdAt: 'x', attempts: 0 },
    { key: 'a', chatId: 12, notice: { kind: 'join.approved', cellName: 'x' }, createdAt: 'x', attempts: 0 },
  ];
  f.outbox.sent = { k: '2024-11-04T00:00:00.000Z' };
  f.journal.inputs['2024'] = {};
  return f;
}

test('a cell splits into one row per entry and a small root, and joins back to the same data', () => {
  const f = sample();
  const before = JSON.stringify(f);
  const rows = split('cell', f);
  assert.equal(JSON.stringify(f), before, 'the data split is left as it was');
  for (const id of [
    rowId('member', '12'),
    rowId('member', '3'),
    rowId('review', '2024'),
    rowId('review.submission', '2024/3'),
    rowId('review.decision', '2024/12'),
    rowId('dues.entry', 'p2'),
    rowId('outbox', 'b'),
    rowId('outbox', 'a'),
    rowId('sent', 'k'),
    rowId('journal.inputs', '2024'),
  ]) {
    assert.ok(rows.has(id), id);
  }
  const root = rows.get(rowId('root', '')) as CellFile;
  assert.deepEqual(root.members, {});
  assert.deepEqual((rows.get(rowId('review', '2024')) as { submissions: unknown }).submissions, {}, "a review's row holds none of its submissions");
  const back = join(
    'cell',
    [...rows].map(([id, v]) => [id, JSON.parse(JSON.stringify(v))]),
  );
  assert.deepEqual(back, f);
  assert.deepEqual(
    (back as CellFile).outbox.pending.map((p) => p.key),
    ['b', 'a'],
    "an array's order is the rows' order",
  );
  assert.deepEqual(join('index', split('index', newIndexFile())), newIndexFile());
});

test('join places the values it is given without changing them (a cache passes its own)', () => {
  const rows = split('cell', sample());
  const given = JSON.stringify([...rows]);
  const a = join('cell', rows) as CellFile;
  const b = join('cell', rows) as CellFile;
  assert.equal(JSON.stringify([...rows]), given);
  assert.equal(a.members['3'], rows.get(rowId('member', '3')), 'an entry is placed as it is');
  assert.notEqual(a.review.reviews['2024'], b.review.reviews['2024'], 'a holder of entries is a copy');
  assert.deepEqual(a, b);
});

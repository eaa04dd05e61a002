/**
 * The storage port's contract (src/store/port.ts): what every engine must do, as tests.
 * An engine's test file calls `storageContract(name, engine)`; `engine.open()` gives a fresh,
 * empty store the first time and the same data again after `close()` (a restart), and
 * `engine.dispose()` removes what the tests left.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INDEX_SHARD, type StoragePort } from '../../src/store/port.ts';
import { newCellFile, type CellFile } from '../../src/store/schema.ts';
import type { Cell, Member, MemberState } from '../../src/core/members.ts';

export interface Engine {
  /** Opens the store (the same data across opens of one engine). */
  open(): Promise<StoragePort & { close(): Promise<void> }>;
  dispose(): Promise<void>;
}

function cell(id: string, extra: Partial<Cell> = {}): Cell {
  return { id, name: `Chi bộ ${id}`, parentName: 'Đảng ủy xã Phong Hải', createdAt: '2024-11-01T00:00:00.000Z', createdBy: 1, inviteCode: `inv-${id}`, ...extra };
}

function member(tgId: number, state: MemberState): Member {
  return { id: String(tgId), tgId, name: `Đ/c ${tgId}`, gender: 'nam', partyStatus: 'chinh_thuc', theory: 'so_cap', role: 'member', collector: false, state, history: [], reachable: true };
}

function join(d: CellFile, tgId: number, state: MemberState): void {
  d.members[String(tgId)] = member(tgId, state);
}

export function storageContract(name: string, makeEngine: () => Promise<Engine>): void {
  /** Runs `fn` on a fresh engine, always disposed. */
  const withEngine = (fn: (e: Engine) => Promise<void>) => async () => {
    const e = await makeEngine();
    try {
      await fn(e);
    } finally {
      await e.dispose();
    }
  };

  test(
    `${name}: a new store has an empty index and no cells`,
    withEngine(async (e) => {
      const s = await e.open();
      assert.deepEqual(s.cellIds(), []);
      assert.deepEqual(s.indexData.admins, []);
      assert.equal(s.cell('nope'), undefined);
      assert.equal(s.shard(INDEX_SHARD), s.indexData);
      await s.close();
    }),
  );

  test(
    `${name}: a created cell is listed, readable and opened by its invite; a second one with its id is refused`,
    withEngine(async (e) => {
      const s = await e.open();
      await s.createCell(newCellFile(cell('c1', { secretaryInvite: 'sec-c1' })));
      assert.deepEqual(s.cellIds(), ['c1']);
      assert.equal(s.cell('c1')?.cell.name, 'Chi bộ c1');
      assert.equal(s.shard('c1'), s.cell('c1'));
      assert.deepEqual(s.invite('inv-c1'), { cellId: 'c1', kind: 'member' });
      assert.deepEqual(s.invite('sec-c1'), { cellId: 'c1', kind: 'secretary' });
      assert.equal(s.invite('inv-other'), undefined);
      await assert.rejects(s.createCell(newCellFile(cell('c1'))));
      assert.deepEqual(s.cellIds(), ['c1']);
      await s.close();
    }),
  );

  test(
    `${name}: an update resolves with its result and is seen by reads, and survives a restart`,
    withEngine(async (e) => {
      const s = await e.open();
      await s.createCell(newCellFile(cell('c1')));
      const r = await s.updateCell('c1', (d) => {
        d.cell.placeName = 'Phong Hải';
        return d.cell.name;
      });
      assert.equal(r, 'Chi bộ c1');
      await s.updateIndex((d) => void d.admins.push(42));
      assert.equal(s.cell('c1')?.cell.placeName, 'Phong Hải');
      await s.close();
      const again = await e.open();
      assert.equal(again.cell('c1')?.cell.placeName, 'Phong Hải');
      assert.deepEqual(again.indexData.admins, [42]);
      await again.close();
    }),
  );

  test(
    `${name}: an update that throws changes nothing; an unknown cell is refused`,
    withEngine(async (e) => {
      const s = await e.open();
      await s.createCell(newCellFile(cell('c1')));
      await assert.rejects(
        s.updateCell('c1', (d) => {
          d.cell.placeName = 'half done';
          throw new Error('refused');
        }),
        /refused/,
      );
      assert.equal(s.cell('c1')?.cell.placeName, undefined);
      await assert.rejects(s.updateCell('c9', () => undefined));
      await s.close();
      const again = await e.open();
      assert.equal(again.cell('c1')?.cell.placeName, undefined);
      await again.close();
    }),
  );

  test(
    `${name}: concurrent updates of one cell are each applied once (atomic read-modify-write)`,
    withEngine(async (e) => {
      const s = await e.open();
      await s.createCell(newCellFile(cell('c1')));
      await Promise.all(Array.from({ length: 20 }, (_, i) => s.updateCell('c1', (d) => void d.processedUpdates.push(i))));
      assert.equal(s.cell('c1')!.processedUpdates.length, 20);
      await s.close();
    }),
  );

  test(
    `${name}: a value read before an update is not changed by it`,
    withEngine(async (e) => {
      const s = await e.open();
      await s.createCell(newCellFile(cell('c1')));
      const before = s.cell('c1')!;
      await s.updateCell('c1', (d) => {
        d.cell.placeName = 'Phong Hải';
      });
      assert.equal(before.cell.placeName, undefined);
      await s.close();
    }),
  );

  test(
    `${name}: user → cell follows the members: current before pending before applying; none once left or refused`,
    withEngine(async (e) => {
      const s = await e.open();
      await s.createCell(newCellFile(cell('c1')));
      await s.createCell(newCellFile(cell('c2')));
      assert.equal(s.cellOfUser(7), undefined);
      assert.equal(s.shardOfUser(7), INDEX_SHARD);
      await s.updateCell('c1', (d) => join(d, 7, 'applying'));
      assert.equal(s.cellOfUser(7), 'c1');
      assert.equal(s.shardOfUser(7), 'c1');
      await s.updateCell('c2', (d) => join(d, 7, 'pending'));
      assert.equal(s.cellOfUser(7), 'c2', 'pending outranks applying');
      await s.updateCell('c1', (d) => join(d, 7, 'active'));
      assert.equal(s.cellOfUser(7), 'c1', 'a current member outranks pending');
      await s.updateCell('c2', (d) => void (d.members['7']!.state = 'refused'));
      assert.equal(s.cellOfUser(7), 'c1');
      await s.updateCell('c1', (d) => void (d.members['7']!.state = 'transferred'));
      assert.equal(s.cellOfUser(7), undefined, 'a member who left belongs to no cell through it');
      assert.equal(s.shardOfUser(7), INDEX_SHARD);
      await s.updateCell('c2', (d) => join(d, 8, 'active'));
      await s.close();
      const again = await e.open();
      assert.equal(again.cellOfUser(8), 'c2', 'after a restart too');
      assert.equal(again.cellOfUser(7), undefined);
      await again.close();
    }),
  );

  test(
    `${name}: invite → cell follows a changed code; the old one opens nothing`,
    withEngine(async (e) => {
      const s = await e.open();
      await s.createCell(newCellFile(cell('c1')));
      await s.updateCell('c1', (d) => {
        d.cell.inviteCode = 'inv-new';
        d.cell.secretaryInvite = 'sec-new';
      });
      assert.equal(s.invite('inv-c1'), undefined);
      assert.deepEqual(s.invite('inv-new'), { cellId: 'c1', kind: 'member' });
      assert.deepEqual(s.invite('sec-new'), { cellId: 'c1', kind: 'secretary' });
      await s.updateCell('c1', (d) => void delete d.cell.secretaryInvite);
      assert.equal(s.invite('sec-new'), undefined);
      await s.close();
    }),
  );

  test(
    `${name}: updateShard reaches a cell and the index alike`,
    withEngine(async (e) => {
      const s = await e.open();
      await s.createCell(newCellFile(cell('c1')));
      for (const id of ['c1', INDEX_SHARD]) await s.updateShard(id, (d) => void (d.dialogs['5'] = { states: {} }));
      assert.ok(s.cell('c1')!.dialogs['5']);
      assert.ok(s.indexData.dialogs['5']);
      await s.close();
    }),
  );

  test(
    `${name}: an update id is claimed once, and still known after a restart when its handling wrote`,
    withEngine(async (e) => {
      const s = await e.open();
      await s.createCell(newCellFile(cell('c1')));
      assert.equal(s.claimUpdate(1001), true);
      assert.equal(s.claimUpdate(1001), false);
      assert.equal(s.claimUpdate(1002), true);
      const r = await s.runForUpdate(1001, () => s.updateCell('c1', (d) => void (d.cell.placeName = 'x')).then(() => 'done'));
      assert.equal(r, 'done');
      await s.close();
      const again = await e.open();
      assert.equal(again.claimUpdate(1001), false, 'its effects are stored: a redelivery is a duplicate');
      await again.close();
    }),
  );

  test(
    `${name}: the outbox feed — every committed write is told, with its shard and data`,
    withEngine(async (e) => {
      const s = await e.open();
      const seen: [string, string | undefined][] = [];
      s.onCommit((shardId, data) => seen.push([shardId, 'cell' in data ? data.cell.placeName : undefined]));
      await s.createCell(newCellFile(cell('c1')));
      await s.updateCell('c1', (d) => void (d.cell.placeName = 'Phong Hải'));
      await s.updateIndex((d) => void d.admins.push(1));
      assert.deepEqual(seen.at(-2), ['c1', 'Phong Hải']);
      assert.deepEqual(seen.at(-1), [INDEX_SHARD, undefined]);
      assert.ok(
        seen.some(([id, place]) => id === 'c1' && place === undefined),
        'the new cell was told too',
      );
      await s.close();
    }),
  );
}

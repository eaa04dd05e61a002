/**
 * The storage port's contract (src/store/port.ts): what every engine must do, as tests.
 * An engine's test file calls `storageContract(engine)` with a factory:
 * - `open()` gives a fresh, empty store (its own folder, database or schema) for each case;
 * - `reopen()` opens again the data of the store `open()` gave last, once that one is closed
 *   (a restart); an engine without it skips the cases that need a restart;
 * - `dispose()`, if given, removes what the cases left, once after all of them.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { DuplicateUpdateError, INDEX_SHARD, type StoragePort } from '../../src/store/port.ts';
import { newCellFile, type CellFile, type IndexFile } from '../../src/store/schema.ts';
import type { Cell, Member, MemberState } from '../../src/core/members.ts';
import type { OutboxItem } from '../../src/core/notices.ts';

export type OpenedStore = StoragePort & { close(): Promise<void> };

export interface StorageEngine {
  /** Names the engine in the cases' titles. */
  name: string;
  /** A fresh store with no data. */
  open(): Promise<OpenedStore>;
  /** The data of the store `open()` gave last, opened again after its `close()` (a restart). */
  reopen?(): Promise<OpenedStore>;
  /** Removes what the cases left (folders, databases), after the last case. */
  dispose?(): Promise<void>;
  /**
   * Whether the id of a handling that only read is stored too. A shared engine stores it (a
   * redelivery to another instance must not answer twice); the files keep it in memory only
   * (a write per read-only update would cost a file write).
   */
  storesReadOnlyIds?: boolean;
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

/** A promise and the function that settles it. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** What a case is given: a fresh store, and the same data again after a restart. */
interface Stores {
  open(): Promise<OpenedStore>;
  /** Opens the last opened store's data again; only in cases declared with `restarts`. */
  reopen(): Promise<OpenedStore>;
}

export function storageContract(engine: StorageEngine): void {
  const { name } = engine;
  if (engine.dispose) after(() => engine.dispose?.());

  /**
   * A case: `fn` opens stores through `stores`; every store it opened and did not close is
   * closed afterwards, whatever happened. `restarts`: the case reopens, skipped without `reopen`.
   */
  const contractCase = (title: string, opts: { restarts?: boolean }, fn: (stores: Stores) => Promise<void>) =>
    test(`${name}: ${title}`, { skip: opts.restarts && !engine.reopen ? `${name} cannot reopen its data` : false }, async () => {
      const open = new Set<OpenedStore>();
      const track = async (opening: Promise<OpenedStore>) => {
        const s = await opening;
        const close = s.close.bind(s);
        open.add(s);
        s.close = async () => {
          open.delete(s);
          await close();
        };
        return s;
      };
      try {
        await fn({
          open: () => track(engine.open()),
          reopen: () => {
            assert.ok(engine.reopen && opts.restarts, 'a case that reopens is declared with restarts');
            return track(engine.reopen());
          },
        });
      } finally {
        for (const s of [...open]) await s.close().catch(() => undefined);
      }
    });

  contractCase('a new store has an empty index and no cells', {}, async ({ open }) => {
    const s = await open();
    assert.deepEqual(await s.cellIds(), []);
    assert.deepEqual((await s.index()).admins, []);
    assert.equal(await s.cell('nope'), undefined);
    assert.equal(await s.shard(INDEX_SHARD), await s.index());
    await s.close();
  });

  contractCase('a created cell is listed, readable and opened by its invite; a second one with its id is refused', {}, async ({ open }) => {
    const s = await open();
    await s.createCell(newCellFile(cell('c1', { secretaryInvite: 'sec-c1' })));
    assert.deepEqual(await s.cellIds(), ['c1']);
    assert.equal((await s.cell('c1'))?.cell.name, 'Chi bộ c1');
    assert.equal(await s.shard('c1'), await s.cell('c1'));
    assert.deepEqual(await s.invite('inv-c1'), { cellId: 'c1', kind: 'member' });
    assert.deepEqual(await s.invite('sec-c1'), { cellId: 'c1', kind: 'secretary' });
    assert.equal(await s.invite('inv-other'), undefined);
    await assert.rejects(s.createCell(newCellFile(cell('c1'))));
    assert.deepEqual(await s.cellIds(), ['c1']);
    await s.close();
  });

  contractCase('a change reads the version its draft was made from as `base`: never a draft, never its own edits', {}, async ({ open }) => {
    const s = await open();
    const file = newCellFile(cell('c1'));
    file.members['101'] = member(101, 'active');
    await s.createCell(file);
    const seen = await s.updateCell('c1', (d, base) => {
      d.members['101']!.name = 'Nguyễn Văn Một';
      d.cell.name = 'Chi bộ Thôn 1';
      return { member: base.members['101']!.name, cell: base.cell.name, same: base === d };
    });
    assert.deepEqual(seen, { member: 'Đ/c 101', cell: 'Chi bộ c1', same: false });
    const index = await s.updateIndex((d, base) => {
      d.admins.push(7);
      return [...base.admins];
    });
    assert.deepEqual(index, [], 'the index likewise');
    assert.equal((await s.cell('c1'))!.members['101']!.name, 'Nguyễn Văn Một', 'the draft’s edits are what is kept');
    await s.close();
  });

  contractCase('an update resolves with its result and is seen by reads, and survives a restart', { restarts: true }, async ({ open, reopen }) => {
    const s = await open();
    await s.createCell(newCellFile(cell('c1')));
    const r = await s.updateCell('c1', (d) => {
      d.cell.placeName = 'Phong Hải';
      return d.cell.name;
    });
    assert.equal(r, 'Chi bộ c1');
    await s.updateIndex((d) => void d.admins.push(42));
    assert.equal((await s.cell('c1'))?.cell.placeName, 'Phong Hải');
    await s.close();
    const again = await reopen();
    assert.equal((await again.cell('c1'))?.cell.placeName, 'Phong Hải');
    assert.deepEqual((await again.index()).admins, [42]);
    await again.close();
  });

  contractCase('an update that throws changes nothing; an unknown cell is refused', { restarts: true }, async ({ open, reopen }) => {
    const s = await open();
    await s.createCell(newCellFile(cell('c1')));
    await assert.rejects(
      s.updateCell('c1', (d) => {
        d.cell.placeName = 'half done';
        throw new Error('refused');
      }),
      /refused/,
    );
    assert.equal((await s.cell('c1'))?.cell.placeName, undefined);
    await assert.rejects(s.updateCell('c9', () => undefined));
    await s.close();
    const again = await reopen();
    assert.equal((await again.cell('c1'))?.cell.placeName, undefined);
    await again.close();
  });

  contractCase('concurrent updates of one cell are each applied once (atomic read-modify-write)', {}, async ({ open }) => {
    const s = await open();
    await s.createCell(newCellFile(cell('c1')));
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.updateCell('c1', (d) => void d.processedUpdates.push(i))));
    assert.equal((await s.cell('c1'))!.processedUpdates.length, 20);
    await s.close();
  });

  contractCase('a value read before an update is not changed by it', {}, async ({ open }) => {
    const s = await open();
    await s.createCell(newCellFile(cell('c1')));
    const before = (await s.cell('c1'))!;
    await s.updateCell('c1', (d) => {
      d.cell.placeName = 'Phong Hải';
    });
    assert.equal(before.cell.placeName, undefined);
    await s.close();
  });

  contractCase('user → cell follows the members: current before pending before applying; none once left or refused', { restarts: true }, async ({ open, reopen }) => {
    const s = await open();
    await s.createCell(newCellFile(cell('c1')));
    await s.createCell(newCellFile(cell('c2')));
    assert.equal(await s.cellOfUser(7), undefined);
    assert.equal(await s.shardOfUser(7), INDEX_SHARD);
    await s.updateCell('c1', (d) => join(d, 7, 'applying'));
    assert.equal(await s.cellOfUser(7), 'c1');
    assert.equal(await s.shardOfUser(7), 'c1');
    await s.updateCell('c2', (d) => join(d, 7, 'pending'));
    assert.equal(await s.cellOfUser(7), 'c2', 'pending outranks applying');
    await s.updateCell('c1', (d) => join(d, 7, 'active'));
    assert.equal(await s.cellOfUser(7), 'c1', 'a current member outranks pending');
    await s.updateCell('c2', (d) => void (d.members['7']!.state = 'refused'));
    assert.equal(await s.cellOfUser(7), 'c1');
    await s.updateCell('c1', (d) => void (d.members['7']!.state = 'transferred'));
    assert.equal(await s.cellOfUser(7), undefined, 'a member who left belongs to no cell through it');
    assert.equal(await s.shardOfUser(7), INDEX_SHARD);
    await s.updateCell('c2', (d) => join(d, 8, 'active'));
    await s.close();
    const again = await reopen();
    assert.equal(await again.cellOfUser(8), 'c2', 'after a restart too');
    assert.equal(await again.cellOfUser(7), undefined);
    await again.close();
  });

  contractCase('invite → cell follows a changed code; the old one opens nothing', {}, async ({ open }) => {
    const s = await open();
    await s.createCell(newCellFile(cell('c1')));
    await s.updateCell('c1', (d) => {
      d.cell.inviteCode = 'inv-new';
      d.cell.secretaryInvite = 'sec-new';
    });
    assert.equal(await s.invite('inv-c1'), undefined);
    assert.deepEqual(await s.invite('inv-new'), { cellId: 'c1', kind: 'member' });
    assert.deepEqual(await s.invite('sec-new'), { cellId: 'c1', kind: 'secretary' });
    await s.updateCell('c1', (d) => void delete d.cell.secretaryInvite);
    assert.equal(await s.invite('sec-new'), undefined);
    await s.close();
  });

  contractCase('group → cell follows a linked, moved and unlinked group; every cell’s own record is listed without its data', { restarts: true }, async ({ open, reopen }) => {
    const s = await open();
    await s.createCell(newCellFile(cell('c1')));
    await s.createCell(newCellFile(cell('c2', { groupChatId: -100 })));
    assert.equal(await s.cellOfGroup(-100), 'c2');
    await s.updateCell('c1', (d) => void (d.cell.groupChatId = -200));
    await s.updateCell('c2', (d) => void (d.cell.groupChatId = -300));
    assert.equal(await s.cellOfGroup(-100), undefined, 'the old id of a moved group opens nothing');
    assert.equal(await s.cellOfGroup(-200), 'c1');
    await s.updateCell('c1', (d) => void delete d.cell.groupChatId);
    assert.equal(await s.cellOfGroup(-200), undefined);
    assert.deepEqual(
      (await s.cellInfos()).map((c) => [c.id, c.name, c.groupChatId]),
      [
        ['c1', 'Chi bộ c1', undefined],
        ['c2', 'Chi bộ c2', -300],
      ],
    );
    await s.close();
    const again = await reopen();
    assert.equal(await again.cellOfGroup(-300), 'c2', 'after a restart');
    await again.close();
  });

  contractCase('updateShard reaches a cell and the index alike', {}, async ({ open }) => {
    const s = await open();
    await s.createCell(newCellFile(cell('c1')));
    for (const id of ['c1', INDEX_SHARD]) await s.updateShard(id, (d) => void (d.dialogs['5'] = { states: {} }));
    assert.ok((await s.cell('c1'))!.dialogs['5']);
    assert.ok((await s.index()).dialogs['5']);
    await s.close();
  });

  contractCase('an update id is claimed once, and still known after a restart when its handling wrote', { restarts: true }, async ({ open, reopen }) => {
    const s = await open();
    await s.createCell(newCellFile(cell('c1')));
    assert.equal(await s.claimUpdate(1001), true);
    assert.equal(await s.claimUpdate(1001), false);
    assert.equal(await s.claimUpdate(1002), true);
    const r = await s.runForUpdate(1001, () => s.updateCell('c1', (d) => void (d.cell.placeName = 'x')).then(() => 'done'));
    assert.equal(r, 'done');
    await s.close();
    const again = await reopen();
    assert.equal(await again.claimUpdate(1001), false, 'its effects are stored: a redelivery is a duplicate');
    await again.close();
  });

  contractCase('claimUpdate is false once an update’s write is stored, in a cell or the index, and after a restart', { restarts: true }, async ({ open, reopen }) => {
    const s = await open();
    await s.createCell(newCellFile(cell('c1')));
    // Never claimed here: what makes them known is the stored write (as for another instance's handling).
    await s.runForUpdate(2001, () => s.updateCell('c1', (d) => void (d.cell.placeName = 'Phong Hải')));
    await s.runForUpdate(2002, () => s.updateIndex((d) => void d.admins.push(7)));
    assert.equal(await s.claimUpdate(2001), false, 'a cell written for the update: a duplicate');
    assert.equal(await s.claimUpdate(2002), false, 'the index written for the update: a duplicate');
    assert.equal(await s.claimUpdate(2003), true, 'an update never handled is new');
    await s.close();
    const again = await reopen();
    assert.equal(await again.claimUpdate(2001), false, 'after a restart too');
    assert.equal(await again.claimUpdate(2002), false, 'after a restart too');
    assert.equal(await again.claimUpdate(2004), true);
    await again.close();
  });

  contractCase('runForUpdate records the id with the write: resolves with its result; no write, or a refused one, records nothing', { restarts: true }, async ({ open, reopen }) => {
    const s = await open();
    await s.createCell(newCellFile(cell('c1')));
    const r = await s.runForUpdate(3001, async () => {
      await s.updateCell('c1', (d) => void (d.cell.placeName = 'Phong Hải'));
      return 'done';
    });
    assert.equal(r, 'done');
    await assert.rejects(
      s.runForUpdate(3002, () =>
        s.updateCell('c1', (d) => {
          d.cell.placeName = 'half done';
          throw new Error('refused');
        }),
      ),
      /refused/,
    );
    assert.equal(await s.runForUpdate(3003, async () => (await s.cell('c1'))?.cell.placeName), 'Phong Hải', 'a handling that only reads');
    await s.close();
    const again = await reopen();
    assert.equal((await again.cell('c1'))?.cell.placeName, 'Phong Hải', 'the effect is stored');
    assert.equal(await again.claimUpdate(3001), false, 'and its id with it');
    assert.equal(await again.claimUpdate(3002), true, 'a refused write stored nothing, nor its id: a redelivery is handled');
    if (engine.storesReadOnlyIds) assert.equal(await again.claimUpdate(3003), false, 'a handling that only read is known too, after a restart and on any instance');
    else assert.equal(await again.claimUpdate(3003), true, 'a handling that wrote nothing is not known after a restart');
    await again.close();
  });

  contractCase('runForUpdate of an id whose handling is already stored rejects with DuplicateUpdateError and writes nothing', {}, async ({ open }) => {
    const s = await open();
    await s.createCell(newCellFile(cell('c1')));
    await s.runForUpdate(3101, () => s.updateCell('c1', (d) => void (d.cell.placeName = 'Phong Hải')));
    await assert.rejects(
      s.runForUpdate(3101, () => s.updateCell('c1', (d) => void (d.cell.placeName = 'again'))),
      (e: unknown) => e instanceof DuplicateUpdateError && e.updateId === 3101,
    );
    assert.equal((await s.cell('c1'))?.cell.placeName, 'Phong Hải', 'the redelivery changed nothing');
    await s.close();
  });

  contractCase('exclusive: two calls with one key run one after the other; another key runs meanwhile', {}, async ({ open }) => {
    const s = await open();
    const log: string[] = [];
    const aStarted = gate();
    const aMayEnd = gate();
    const a = s.exclusive('chat:1', async () => {
      log.push('a start');
      aStarted.open();
      await aMayEnd.promise;
      log.push('a end');
      return 'a';
    });
    await aStarted.promise;
    const b = s.exclusive('chat:1', async () => {
      log.push('b start');
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push('b end');
      return 'b';
    });
    // Another key does not wait for chat:1 (a still holds it).
    assert.equal(
      await s.exclusive('chat:2', async () => {
        log.push('c');
        return 'c';
      }),
      'c',
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(log, ['a start', 'c'], 'b waits while a holds the key');
    aMayEnd.open();
    assert.deepEqual(await Promise.all([a, b]), ['a', 'b']);
    assert.deepEqual(log, ['a start', 'c', 'a end', 'b start', 'b end']);
    await s.close();
  });

  contractCase('exclusive: calls with one key never overlap, and a call that throws frees the key', {}, async ({ open }) => {
    const s = await open();
    let running = 0;
    let most = 0;
    const calls = Array.from({ length: 8 }, (_, i) =>
      s.exclusive('chat:7', async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 2));
        running--;
        if (i === 3) throw new Error('refused');
        return i;
      }),
    );
    const results = await Promise.allSettled(calls);
    assert.equal(most, 1, 'never two at once');
    assert.deepEqual(
      results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
      [0, 1, 2, 'refused', 4, 5, 6, 7],
    );
    assert.equal(await s.exclusive('chat:7', async () => 'free'), 'free', 'the key is free again');
    await s.close();
  });

  contractCase('the only instance holds every role, and holds them again after a restart', { restarts: true }, async ({ open, reopen }) => {
    const s = await open();
    assert.equal(await s.holdsRole('planner'), true);
    assert.equal(await s.holdsRole('sender'), true);
    assert.equal(await s.holdsRole('planner'), true, 'still, when asked again');
    await s.close();
    const again = await reopen();
    assert.equal(await again.holdsRole('planner'), true);
    assert.equal(await again.holdsRole('sender'), true);
    await again.close();
  });

  contractCase('close waits for the writes in flight, and a reopened store has all the data', { restarts: true }, async ({ open, reopen }) => {
    const s = await open();
    await s.createCell(newCellFile(cell('c1')));
    const settled: string[] = [];
    const writes = [
      s.updateCell('c1', (d) => void (d.cell.placeName = 'Phong Hải')).then(() => settled.push('cell')),
      s.updateIndex((d) => void d.admins.push(42)).then(() => settled.push('index')),
      s.createCell(newCellFile(cell('c2'))).then(() => settled.push('new cell')),
    ];
    await s.close();
    assert.deepEqual([...settled].sort(), ['cell', 'index', 'new cell'], 'every write was durable before close resolved');
    await Promise.all(writes);
    const again = await reopen();
    assert.deepEqual((await again.cellIds()).sort(), ['c1', 'c2']);
    assert.equal((await again.cell('c1'))?.cell.placeName, 'Phong Hải');
    assert.deepEqual((await again.index()).admins, [42]);
    assert.deepEqual(await again.invite('inv-c2'), { cellId: 'c2', kind: 'member' });
    await again.close();
  });

  contractCase('the sender’s marks: every shard’s pending items oldest first; attempt once, release, settle; kept after a restart', { restarts: true }, async ({ open, reopen }) => {
    const s = await open();
    await s.createCell(newCellFile(cell('c1')));
    const item = (key: string, minute: number): OutboxItem => ({
      key,
      chatId: 101,
      notice: { kind: 'join.approved', cellName: 'Chi bộ c1' },
      createdAt: `2024-11-04T01:${String(minute).padStart(2, '0')}:00.000Z`,
      attempts: 0,
    });
    await s.updateCell('c1', (d) => void d.outbox.pending.push(item('k1', 1)));
    await s.updateIndex((d) => void d.outbox.pending.push(item('k2', 2)));
    await s.updateCell('c1', (d) => void d.outbox.pending.push(item('k3', 3)));
    const pending = async (store: StoragePort) => (await store.pendingOutbox()).map((p) => [p.shardId, p.item.key]);
    assert.deepEqual(await pending(s), [
      ['c1', 'k1'],
      [INDEX_SHARD, 'k2'],
      ['c1', 'k3'],
    ]);
    const others = await s.pendingOutbox((shardId, key) => shardId === 'c1' && key === 'k1');
    assert.deepEqual(
      others.map((p) => [p.shardId, p.item.key, p.item.createdAt]),
      [
        [INDEX_SHARD, 'k2', item('k2', 2).createdAt],
        ['c1', 'k3', item('k3', 3).createdAt],
      ],
      'the sender’s sweep: the items it does not hold, whole, oldest first',
    );
    assert.deepEqual(await s.pendingOutbox(() => true), [], 'it holds them all: nothing');
    const at = new Date('2024-11-04T02:00:00.000Z');
    const attempted = await s.markOutbox('c1', 'k1', 'attempt', at);
    assert.ok(attempted && attempted !== 'busy', 'nothing else writes: never busy');
    assert.equal(attempted.attempts, 1);
    assert.equal(attempted.attemptedAt, at.toISOString());
    assert.equal(await s.markOutbox('c1', 'k1', 'attempt', at), undefined, 'an item already attempted is not attempted twice');
    const released = await s.markOutbox('c1', 'k1', 'release', at);
    assert.ok(released && released !== 'busy');
    assert.equal(released.attempts, 1);
    assert.equal(released.attemptedAt, undefined, 'released: to be tried again');
    assert.ok(await s.markOutbox('c1', 'k1', 'attempt', at), 'a released item can be attempted again');
    await s.markOutbox('c1', 'k1', 'settle', at);
    assert.equal(await s.markOutbox('c1', 'k1', 'attempt', at), undefined, 'a settled item is no longer pending');
    assert.equal(await s.markOutbox('c1', 'nope', 'attempt', at), undefined, 'an unknown key');
    const c1 = (await s.cell('c1'))!;
    assert.deepEqual(
      c1.outbox.pending.map((p) => p.key),
      ['k3'],
    );
    assert.equal(c1.outbox.sent.k1, at.toISOString(), 'its key remembered as sent');
    const indexItem = await s.markOutbox(INDEX_SHARD, 'k2', 'attempt', at);
    assert.ok(indexItem && indexItem !== 'busy' && indexItem.attempts === 1, 'the index’s items are marked alike');
    assert.deepEqual(await pending(s), [
      [INDEX_SHARD, 'k2'],
      ['c1', 'k3'],
    ]);
    await s.close();
    const again = await reopen();
    assert.deepEqual(await pending(again), [
      [INDEX_SHARD, 'k2'],
      ['c1', 'k3'],
    ]);
    const stored = (await again.pendingOutbox()).find((p) => p.item.key === 'k2')!.item;
    assert.equal(stored.attempts, 1, 'the attempt was stored');
    assert.equal(stored.attemptedAt, at.toISOString());
    assert.equal((await again.cell('c1'))!.outbox.sent.k1, at.toISOString());
    await again.close();
  });

  contractCase('cellVersions: each cell’s version changes with its data, not with its outbox nor the sender’s marks, nor with another cell', {}, async ({ open }) => {
    const s = await open();
    const first = newCellFile(cell('c1'));
    join(first, 7, 'active');
    await s.createCell(first);
    await s.createCell(newCellFile(cell('c2')));
    const version = async (id: string) => (await s.cellVersions()).get(id);
    const created = await version('c1');
    assert.equal(typeof created, 'number', 'a created cell has a version');
    assert.equal(typeof (await version('c2')), 'number');
    assert.equal(await version('nope'), undefined, 'an unknown cell has none');
    assert.equal(await version(INDEX_SHARD), undefined, 'the index is no cell');
    await s.updateCell('c1', (d) => void (d.members['7']!.name = 'Nguyễn Văn Bảy'));
    const renamed = await version('c1');
    assert.notEqual(renamed, created, 'renaming a member changes it');
    await s.updateCell('c1', (d) => void d.outbox.pending.push({ key: 'k1', chatId: 7, notice: { kind: 'join.approved', cellName: 'Chi bộ c1' }, createdAt: '2024-11-04T01:00:00.000Z', attempts: 0 }));
    assert.equal(await version('c1'), renamed, 'a queued message leaves it');
    const at = new Date('2024-11-04T02:00:00.000Z');
    const attempted = await s.markOutbox('c1', 'k1', 'attempt', at);
    assert.ok(attempted && attempted !== 'busy' && attempted.attempts === 1);
    assert.equal(await version('c1'), renamed, 'the sender’s attempt leaves it');
    await s.markOutbox('c1', 'k1', 'settle', at);
    assert.equal((await s.cell('c1'))!.outbox.sent.k1, at.toISOString(), 'settled');
    assert.equal(await version('c1'), renamed, 'the sender’s settle leaves it');
    const second = await version('c2');
    await s.updateCell('c2', (d) => void (d.cell.placeName = 'Phong Hải'));
    assert.notEqual(await version('c2'), second, 'the second cell’s write changes its own');
    assert.equal(await version('c1'), renamed, 'and not the first’s');
    await s.updateCell('c1', (d) => void (d.members['7']!.name = 'Đ/c 7'));
    const back = await version('c1');
    assert.ok(back !== renamed && back !== created, 'a change after the marks changes it again, to a value not seen before');
    await s.close();
  });

  contractCase('cellMembers: a cell’s member records as in its data, without the rest', {}, async ({ open }) => {
    const s = await open();
    const file = newCellFile(cell('c1'));
    await s.createCell(file);
    assert.deepEqual(await s.cellMembers('c1'), {}, 'a new cell has none');
    assert.equal(await s.cellMembers('nope'), undefined, 'an unknown cell');
    assert.equal(await s.cellMembers(INDEX_SHARD), undefined, 'the index is no cell');
    await s.updateCell('c1', (d) => {
      join(d, 7, 'active');
      join(d, 8, 'pending');
      join(d, 9, 'active');
    });
    await s.updateCell('c1', (d) => {
      d.members['7']!.role = 'secretary';
      delete d.members['8'];
    });
    const members = await s.cellMembers('c1');
    assert.deepEqual(members, (await s.cell('c1'))!.members);
    assert.deepEqual(Object.keys(members!).sort(), ['7', '9']);
    assert.equal(members!['7']!.role, 'secretary');
    await s.close();
  });

  contractCase('the commit feed tells what each write started from: what it left alone is the same object', {}, async ({ open }) => {
    const s = await open();
    const file = newCellFile(cell('c1'));
    join(file, 7, 'active');
    await s.createCell(file);
    const told: { data: CellFile | IndexFile; before: CellFile | IndexFile | undefined }[] = [];
    s.onCommit((_shardId, data, before) => told.push({ data, before }));
    await s.updateCell('c1', (d) => void (d.cell.placeName = 'Phong Hải'));
    const [placed] = told.splice(0) as { data: CellFile; before: CellFile }[];
    assert.equal(placed!.before.cell.placeName, undefined);
    assert.equal(placed!.data.cell.placeName, 'Phong Hải');
    assert.equal(placed!.before.members, placed!.data.members, 'the members, not written, are the same object');
    await s.updateCell('c1', (d) => void (d.members['7']!.name = 'Nguyễn Văn Bảy'));
    const [renamed] = told.splice(0) as { data: CellFile; before: CellFile }[];
    assert.notEqual(renamed!.before.members, renamed!.data.members);
    assert.equal(renamed!.before.members['7']!.name, 'Đ/c 7');
    await s.updateIndex((d) => void d.admins.push(1));
    const [index] = told.splice(0) as { data: IndexFile; before: IndexFile }[];
    assert.deepEqual([index!.before.admins, index!.data.admins], [[], [1]]);
    await s.close();
  });

  contractCase('the outbox feed — every committed write is told, with its shard and data', {}, async ({ open }) => {
    const s = await open();
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
  });
}

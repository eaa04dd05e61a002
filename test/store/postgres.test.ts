/**
 * What only the PostgreSQL engine has to show: a press writes the rows it changed, the
 * database itself refuses what breaks an invariant, two instances see each other's writes
 * (deletions too), and a role passes to another instance when its holder goes.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import postgres from 'postgres';
import { PgStore } from '../../src/store/postgres/engine.ts';
import { PG_MIGRATIONS } from '../../src/store/postgres/migrations.ts';
import { newCellFile, type CellFile } from '../../src/store/schema.ts';
import type { Cell, Member } from '../../src/core/members.ts';
import type { Payment } from '../../src/core/dues/index.ts';
import type { OutboxItem } from '../../src/core/notices.ts';
import { freshDatabase, stopPostgres } from '../support/postgres.ts';

/** Instances a failed test left open: closed before the server stops, or their reconnecting keeps the file running. */
const leftOpen = new Set<() => Promise<void>>();
after(async () => {
  await Promise.all([...leftOpen].map((close) => close()));
  await stopPostgres();
});

function cell(id: string): Cell {
  return { id, name: `Chi bộ ${id}`, parentName: 'Đảng ủy xã Phong Hải', createdAt: '2024-11-01T00:00:00.000Z', createdBy: 1, inviteCode: `inv-${id}` };
}

function member(tgId: number): Member {
  return { id: String(tgId), tgId, name: `Đ/c ${tgId}`, gender: 'nam', partyStatus: 'chinh_thuc', theory: 'so_cap', role: 'member', collector: false, state: 'active', history: [], reachable: true };
}

function payment(id: string, memberId: string, month: string): Payment {
  return { id, kind: 'payment', memberId, month, amount: 45000, method: 'cash', offTurn: false, by: '1', at: '2024-11-04T01:00:00.000Z' } as Payment;
}

async function twoInstances(): Promise<{ url: string; a: PgStore; b: PgStore; sql: postgres.Sql; done: () => Promise<void> }> {
  const url = await freshDatabase();
  const [a, b] = await Promise.all([PgStore.open({ url }), PgStore.open({ url })]);
  const sql = postgres(url, { max: 2, onnotice: () => undefined });
  const done = () => {
    leftOpen.delete(done);
    return Promise.all([a.close(), b.close(), sql.end()]).then(() => undefined);
  };
  leftOpen.add(done);
  return { url, a, b, sql, done };
}

function withMembers(id: string, n: number): CellFile {
  const f = newCellFile(cell(id));
  for (let i = 1; i <= n; i++) f.members[String(100 + i)] = member(100 + i);
  return f;
}

test('a press writes the rows it changed: renaming one member of 25 writes one row', async () => {
  const { a, sql, done } = await twoInstances();
  await a.createCell(withMembers('c1', 25));
  const [{ rev } = { rev: '0' }] = await sql<{ rev: string }[]>`SELECT rev FROM shards WHERE id = 'c1'`;
  await a.updateCell('c1', (d) => {
    d.members['105']!.name = 'Nguyễn Văn Năm';
  });
  const written = await sql<{ kind: string; key: string }[]>`SELECT kind, key FROM docs WHERE shard_id = 'c1' AND rev > ${rev}`;
  assert.deepEqual([...written], [{ kind: 'member', key: '105' }]);
  await done();
});

test('instances started together migrate once', async () => {
  const url = await freshDatabase();
  const stores = await Promise.all([1, 2, 3, 4].map(() => PgStore.open({ url })));
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  assert.deepEqual(
    [...(await sql`SELECT version FROM schema_migrations ORDER BY version`)],
    PG_MIGRATIONS.map((m) => ({ version: m.version })),
  );
  await Promise.all([...stores.map((s) => s.close()), sql.end()]);
});

test('the database refuses what breaks an invariant, and the write that tried keeps nothing', async () => {
  const { a, b, sql, done } = await twoInstances();
  await a.createCell(withMembers('c1', 1));
  await a.createCell(newCellFile(cell('c2')));
  // One current cell per Telegram user: the second instance cannot make 101 a member of c2 too.
  await assert.rejects(
    b.updateCell('c2', (d) => {
      d.members['101'] = member(101);
      d.cell.name = 'đổi tên';
    }),
    (e: Error) => e.name === 'StoreWriteError',
    'a second current cell',
  );
  assert.equal((await a.cell('c2'))!.cell.name, 'Chi bộ c2', 'nothing of the refused write is kept');
  assert.equal(await b.cellOfUser(101), 'c1');
  // Unique invite codes across cells.
  await assert.rejects(
    a.updateCell('c2', (d) => {
      d.cell.inviteCode = 'inv-c1';
    }),
    (e: Error) => e.name === 'StoreWriteError',
    'an invite code of another cell',
  );
  // One payment in force per member and month: a second one for 2024-11 is refused …
  await a.updateCell('c1', (d) => {
    d.dues.entries.push(payment('p1', '101', '2024-11'));
  });
  await assert.rejects(
    b.updateCell('c1', (d) => {
      d.dues.entries.push(payment('p2', '101', '2024-11'));
    }),
    (e: Error) => e.name === 'StoreWriteError',
    'a second payment of the month',
  );
  // … and allowed once the first is reversed.
  await b.updateCell('c1', (d) => {
    d.dues.entries.push({ id: 'r1', kind: 'reversal', paymentId: 'p1', reason: 'nhầm tháng', by: '1', at: '2024-11-05T01:00:00.000Z' });
    d.dues.entries.push(payment('p3', '101', '2024-11'));
  });
  assert.deepEqual([...(await sql`SELECT member_id, month, payment_id FROM payments WHERE cell_id = 'c1'`)], [{ member_id: '101', month: '2024-11', payment_id: 'p3' }]);
  // And by the database itself, whoever writes: a second row for the same member and month.
  await assert.rejects(sql`INSERT INTO payments (cell_id, member_id, month, payment_id) VALUES ('c1', '101', '2024-11', 'x')`, /duplicate key/);
  await done();
});

test('the writes of one chat’s handling share its session: started together or left running, each ends whole before the chat is let go', async () => {
  const { a, b, sql, done } = await twoInstances();
  await a.createCell(withMembers('c1', 1));
  await a.createCell(newCellFile(cell('c2')));
  await a.createCell(newCellFile(cell('c3')));
  // Another connection holds c3's row: a write of c3 waits for it.
  let holding!: () => void;
  let release!: () => void;
  const held = new Promise<void>((r) => (holding = r));
  const blocker = sql.begin(async (tx) => {
    await tx`SELECT 1 FROM shards WHERE id = 'c3' FOR UPDATE`;
    holding();
    await new Promise<void>((r) => (release = r));
  });
  await held;
  let ended = false;
  const handling = a
    .exclusive('chat:101', async () => {
      // Started together, one of them refused by the database (a second current cell for 101): the others are kept.
      const writes = await Promise.allSettled([
        a.updateCell('c2', (d) => void (d.members['101'] = member(101))),
        a.updateCell('c1', (d) => void (d.cell.placeName = 'Phong Hải')),
        a.updateCell('c2', (d) => void (d.cell.placeName = 'Phong Bình')),
        a.updateIndex((d) => void d.admins.push(7)),
      ]);
      assert.deepEqual(
        writes.map((w) => w.status),
        ['rejected', 'fulfilled', 'fulfilled', 'fulfilled'],
      );
      // Started and not waited for: the handling ends when it is written.
      void a.updateCell('c3', (d) => void (d.cell.placeName = 'Phong Thạnh'));
    })
    .then(() => {
      ended = true;
    });
  await new Promise((r) => setTimeout(r, 300));
  const endedFirst = ended;
  release();
  await Promise.all([blocker, handling]);
  assert.equal(endedFirst, false, 'the handling waits for the write it left running');
  assert.equal((await b.cell('c3'))!.cell.placeName, 'Phong Thạnh');
  assert.equal((await b.cell('c1'))!.cell.placeName, 'Phong Hải');
  assert.equal((await b.cell('c2'))!.cell.placeName, 'Phong Bình');
  assert.deepEqual((await b.index()).admins, [7]);
  assert.equal(await b.cellOfUser(101), 'c1', 'the refused member of c2 was not kept');
  await done();
});

test('the reads that leave with a chat’s lock see what the handling before it wrote, on another instance', async () => {
  const { a, b, done } = await twoInstances();
  await a.createCell(newCellFile(cell('c1')));
  const first = a.exclusive(
    'chat:101',
    () =>
      a.runForUpdate(5, async () => {
        await new Promise((r) => setTimeout(r, 200));
        await a.updateCell('c1', (d) => void (d.members['101'] = member(101)));
      }),
    { id: 5, from: 101 },
  );
  await new Promise((r) => setTimeout(r, 50));
  // The same update delivered again, to the other instance, while the first handling runs.
  const again = await b.exclusive('chat:101', async () => ({ claimed: await b.claimUpdate(5), cell: await b.runForUpdate(6, () => b.cellOfUser(101)) }), { id: 5, from: 101 });
  await first;
  assert.deepEqual(again, { claimed: false, cell: 'c1' });
  await done();
});

test('two instances see each other’s writes, deletions included, and a redelivered update is refused on the other', async () => {
  const { a, b, done } = await twoInstances();
  await a.createCell(withMembers('c1', 3));
  assert.equal(Object.keys((await b.cell('c1'))!.members).length, 3);
  await a.updateCell('c1', (d) => {
    delete d.members['102'];
    d.journal.entries.push({ id: 'j1', on: '2024-11-04', section: 'tu_tuong', text: 'Học tập nghị quyết', by: '101', at: '2024-11-04T01:00:00.000Z' });
  });
  const seen = (await b.cell('c1'))!;
  assert.deepEqual(Object.keys(seen.members), ['101', '103']);
  assert.equal(seen.journal.entries[0]?.text, 'Học tập nghị quyết');
  assert.equal(await b.cellOfUser(102), undefined);
  await a.runForUpdate(77, () => a.updateCell('c1', (d) => void (d.cell.name = 'A')));
  assert.equal(await b.claimUpdate(77), false);
  await assert.rejects(
    b.runForUpdate(77, () => b.updateCell('c1', (d) => void (d.cell.name = 'B'))),
    /already handled/,
  );
  assert.equal((await a.cell('c1'))!.cell.name, 'A');
  await done();
});

test('a redelivered update refused by the write’s first statement (lock, update id, rows) writes nothing, even a change of no row', async () => {
  const { a, b, sql, done } = await twoInstances();
  await a.createCell(withMembers('c1', 2));
  await b.cell('c1');
  await a.runForUpdate(91, () => a.updateCell('c1', (d) => void (d.members['101']!.name = 'A')));
  const [before] = await sql<{ rev: string; data_rev: string }[]>`SELECT rev, data_rev FROM shards WHERE id = 'c1'`;
  let ran = 0;
  for (const change of [(d: CellFile) => void (d.members['102']!.name = 'B'), () => undefined]) {
    await assert.rejects(
      b.runForUpdate(91, () =>
        b.updateCell('c1', (d) => {
          ran++;
          change(d);
        }),
      ),
      (e: Error) => e.name === 'DuplicateUpdateError',
    );
  }
  assert.equal(ran, 0, 'refused before the change is applied');
  assert.deepEqual([...(await sql`SELECT rev, data_rev FROM shards WHERE id = 'c1'`)], [before]);
  assert.deepEqual([...(await sql`SELECT kind, key FROM docs WHERE shard_id = 'c1' AND rev > ${before!.rev}`)], []);
  assert.equal((await b.cell('c1'))!.members['102']!.name, 'Đ/c 102');
  assert.equal((await b.cell('c1'))!.members['101']!.name, 'A', 'the other instance’s write, read as it is stored');
  await done();
});

test('a write that waited for another writer’s lock builds on that writer’s rows (its statement’s snapshot predates them)', async () => {
  const { a, b, sql, done } = await twoInstances();
  await a.createCell(withMembers('c1', 2));
  await b.cell('c1');
  // Another writer holds the cell's row and writes a member's row and the revision, as an instance's write does …
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const writing = sql.begin(async (tx) => {
    const [{ rev } = { rev: '0' }] = await tx<{ rev: string }[]>`SELECT rev FROM shards WHERE id = 'c1' FOR UPDATE`;
    await tx`UPDATE docs SET data = jsonb_set(data::jsonb, '{name}', '"Nguyễn Văn Một"')::json, rev = ${Number(rev) + 1} WHERE shard_id = 'c1' AND kind = 'member' AND key = '101'`;
    await tx`UPDATE shards SET rev = ${Number(rev) + 1}, data_rev = ${Number(rev) + 1} WHERE id = 'c1'`;
    locked();
    await held;
  });
  await isLocked;
  // … while this instance's write of another member waits for it.
  const waiting = b.updateCell('c1', (d) => {
    d.members['102']!.name = 'Trần Văn Hai';
    return d.members['101']!.name;
  });
  await new Promise((r) => setTimeout(r, 100));
  release();
  await writing;
  assert.equal(await waiting, 'Nguyễn Văn Một', 'the change saw the other writer’s row');
  const seen = (await b.cell('c1'))!.members;
  assert.deepEqual([seen['101']!.name, seen['102']!.name], ['Nguyễn Văn Một', 'Trần Văn Hai'], 'and so does the cache');
  const stored = (await a.cell('c1'))!.members;
  assert.deepEqual([stored['101']!.name, stored['102']!.name], ['Nguyễn Văn Một', 'Trần Văn Hai']);
  await done();
});

test('a role is held by one instance; when it goes, another takes it at its next ask', async () => {
  const { a, b, done } = await twoInstances();
  assert.equal(await a.holdsRole('planner'), true);
  assert.equal(await b.holdsRole('planner'), false);
  assert.equal(await a.holdsRole('planner'), true, 'held, not taken again');
  await a.close();
  assert.equal(await b.holdsRole('planner'), true);
  await done();
});

test('the sender’s claim skips a cell being written instead of waiting for it', async () => {
  const { url, a, b, sql, done } = await twoInstances();
  const f = withMembers('c1', 1);
  f.outbox.pending.push({ key: 'k1', chatId: 101, notice: { kind: 'join.approved', cellName: 'x' }, createdAt: '2024-11-04T01:00:00.000Z', attempts: 0 });
  await a.createCell(f);
  // A write of the cell in progress elsewhere (its row locked) …
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const writing = sql.begin(async (tx) => {
    await tx`SELECT 1 FROM shards WHERE id = 'c1' FOR UPDATE`;
    locked();
    await held;
  });
  await isLocked;
  // … the sender answers at once that the cell is busy …
  assert.equal(await b.markOutbox('c1', 'k1', 'attempt', new Date()), 'busy');
  release();
  await writing;
  // … and claims the item once the write is done; a second claim (another sender) is refused.
  const item = await b.markOutbox('c1', 'k1', 'attempt', new Date());
  assert.equal(typeof item === 'object' ? item.attempts : item, 1);
  assert.equal(await a.markOutbox('c1', 'k1', 'attempt', new Date()), undefined);
  // Read fresh by an instance with no cache (a restart): the mark is stored as the item it is.
  const fresh = await PgStore.open({ url });
  const marked = (await fresh.cell('c1'))!.outbox.pending[0]!;
  assert.equal(marked.key, 'k1');
  assert.equal(marked.attempts, 1);
  assert.ok(marked.attemptedAt);
  await fresh.close();
  await b.markOutbox('c1', 'k1', 'settle', new Date('2024-11-04T02:00:00.000Z'));
  const after = (await a.cell('c1'))!.outbox;
  assert.deepEqual(after.pending, []);
  assert.equal(after.sent.k1, '2024-11-04T02:00:00.000Z');
  await done();
});

test('the daily housekeeping beside users writing the entries it forgets: no write fails, nothing is lost', async () => {
  const { url, a, b, done } = await twoInstances();
  await a.createCell(withMembers('c1', 5));
  // The other instance serves the cell (it is in its cache) …
  await b.runForUpdate(1, () => b.cell('c1'));
  // A dialog entry deleted and written again, round after round, while the other instance keeps forgetting deleted rows.
  let writing = true;
  const housekeeping = (async () => {
    let n = 0;
    while (writing || n === 0) {
      await b.backup('2024-11-04');
      n++;
    }
    return n;
  })();
  for (let round = 0; round < 30; round++) {
    await a.updateCell('c1', (d) => {
      d.dialogs[String(round)] = { states: {} };
      delete d.dialogs[String(round - 1)];
    });
  }
  writing = false;
  assert.ok((await housekeeping) > 1);
  const seen = await b.runForUpdate(2, () => b.cell('c1'));
  assert.deepEqual(Object.keys(seen!.dialogs), ['29'], 'the other instance’s cache, brought up to date across the forgotten rows');
  const after = await PgStore.open({ url });
  assert.deepEqual(Object.keys((await after.cell('c1'))!.dialogs), ['29']);
  await after.close();
  await done();
});

test('another instance hears an outbox change: the shard’s pending items, read without loading the cell', async () => {
  const { a, b, done } = await twoInstances();
  await a.createCell(withMembers('c1', 1));
  const heard: { shardId: string; keys: string[] }[] = [];
  b.onOutbox((shardId, pending) => heard.push({ shardId, keys: pending.map((p) => p.key) }));
  await b.listeningToOthers();
  await a.updateCell('c1', (d) => {
    d.outbox.pending.push({ key: 'k1', chatId: 101, notice: { kind: 'join.approved', cellName: 'x' }, createdAt: '2024-11-04T01:00:00.000Z', attempts: 0 });
  });
  const deadline = Date.now() + 5000;
  while (!heard.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(heard, [{ shardId: 'c1', keys: ['k1'] }]);
  await done();
});

test('an instance that does not want other instances’ outbox changes reads nothing for them', async () => {
  const { a, b, done } = await twoInstances();
  await a.createCell(withMembers('c1', 1));
  const heard: string[][] = [];
  let wanted = false;
  b.onOutbox(
    (_shardId, pending) => heard.push(pending.map((p) => p.key)),
    () => wanted,
  );
  await b.listeningToOthers();
  const queue = (key: string) =>
    a.updateCell('c1', (d) => {
      d.outbox.pending.push({ key, chatId: 101, notice: { kind: 'join.approved', cellName: 'x' }, createdAt: '2024-11-04T01:00:00.000Z', attempts: 0 });
    });
  await queue('k1');
  // Notices arrive in order on one connection: once the second is heard, the first was passed over.
  await new Promise((r) => setTimeout(r, 200));
  wanted = true;
  await queue('k2');
  const deadline = Date.now() + 5000;
  while (!heard.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(heard, [['k1', 'k2']], 'one read, for the change made while wanted');
  await done();
});

test('the session holding a role or a chat’s lock killed on the server: the instance goes on, and asks again', async () => {
  const { a, b, sql, done } = await twoInstances();
  assert.equal(await a.holdsRole('sender'), true);
  const inChat = a.exclusive('chat:1', async () => {
    const killed = await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%advisory%'`;
    assert.ok(killed.length >= 2, 'the role’s session and the chat’s');
    await new Promise((r) => setTimeout(r, 100));
    return 'handled';
  });
  assert.equal(await inChat, 'handled', 'the update whose lock session died is still handled');
  // The role's session is gone with it: the lock is free, the other instance may take it, and this one learns it.
  const taken = await b.holdsRole('sender');
  assert.equal(await a.holdsRole('sender'), !taken);
  assert.equal(await a.exclusive('chat:1', async () => 'again'), 'again');
  await done();
});

test('the planner’s walk: a write after its read of a cell not cached builds on that read, and the cache keeps what it had', async () => {
  const { a, b, done } = await twoInstances();
  await a.createCell(withMembers('c1', 25));
  await a.createCell(newCellFile(cell('c2')));
  await b.runForUpdate(1, () => b.cell('c2')); // a user's cell, in b's cache
  const before = b.stats.rowsFetched;
  const read = await b.cell('c1'); // outside an update, as the planner reads
  assert.equal(Object.keys(read!.members).length, 25);
  const afterRead = b.stats.rowsFetched;
  assert.ok(afterRead - before >= 26, `the read fetched the cell's rows (${afterRead - before})`);
  await b.updateCell('c1', (d) => {
    d.members['105']!.name = 'Nguyễn Văn Năm';
  });
  // The write's statement fetched only its head row: nothing was written since the read.
  assert.equal(b.stats.rowsFetched - afterRead, 1);
  assert.equal((await a.cell('c1'))!.members['105']!.name, 'Nguyễn Văn Năm');
  // Another instance's write since: b's next walk fetches that row alone, and sees it.
  await a.updateCell('c1', (d) => {
    d.members['106']!.name = 'Trần Thị Sáu';
  });
  const mark = b.stats.rowsFetched;
  const again = await b.cell('c1');
  assert.equal(again!.members['106']!.name, 'Trần Thị Sáu');
  assert.equal(again!.members['105']!.name, 'Nguyễn Văn Năm');
  assert.equal(b.stats.rowsFetched - mark, 1);
  // c2, read in an update, is still current in b's cache: its next read in an update fetches nothing new.
  const c2 = b.stats.rowsFetched;
  await b.runForUpdate(2, () => b.cell('c2'));
  assert.equal(b.stats.rowsFetched - c2, 1);
  await done();
});

test('the sender’s marks of one cell’s items side by side (a fan-out) do not find each other busy', async () => {
  const { a, done } = await twoInstances();
  const f = withMembers('c1', 25);
  for (let i = 1; i <= 25; i++) f.outbox.pending.push({ key: `k${i}`, chatId: 100 + i, notice: { kind: 'join.approved', cellName: 'x' }, createdAt: '2024-11-04T01:00:00.000Z', attempts: 0 });
  await a.createCell(f);
  const at = new Date('2024-11-04T02:00:00.000Z');
  const marked = await Promise.all(f.outbox.pending.map((p) => a.markOutbox('c1', p.key, 'attempt', at)));
  assert.deepEqual(
    marked.map((m) => (typeof m === 'object' ? m.key : m)),
    f.outbox.pending.map((p) => p.key),
  );
  await Promise.all(f.outbox.pending.map((p) => a.markOutbox('c1', p.key, 'settle', at)));
  const box = (await a.cell('c1'))!.outbox;
  assert.deepEqual(box.pending, []);
  assert.equal(Object.keys(box.sent).length, 25);
  await done();
});

test('a database of schema 2 (rows as jsonb) is upgraded at start: its cells read the same, and are written and marked as before', async () => {
  const url = await freshDatabase();
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  const written = withMembers('c1', 3);
  written.dues.entries.push(payment('p1', '101', '2024-11'));
  written.outbox.pending.push({ key: 'k1', chatId: 101, notice: { kind: 'join.approved', cellName: 'Chi bộ c1' }, createdAt: '2024-11-04T01:00:00.000Z', attempts: 0 } satisfies OutboxItem);
  const first = await PgStore.open({ url });
  await first.createCell(written);
  await first.close();
  // The database as schema 2 left it: the rows' data as jsonb.
  await sql`ALTER TABLE docs ALTER COLUMN data TYPE jsonb USING data::jsonb`;
  await sql`DELETE FROM schema_migrations WHERE version = 3`;
  const store = await PgStore.open({ url });
  try {
    assert.deepEqual([...(await sql`SELECT DISTINCT pg_typeof(data)::text AS type FROM docs`)], [{ type: 'json' }]);
    assert.deepEqual(await store.cell('c1'), written, 'the cell reads as it was written');
    const at = new Date('2024-11-04T02:00:00.000Z');
    const attempted = await store.markOutbox('c1', 'k1', 'attempt', at);
    assert.ok(attempted && attempted !== 'busy' && attempted.attempts === 1 && attempted.attemptedAt === at.toISOString(), 'an item stored as jsonb is marked');
    assert.equal(await store.markOutbox('c1', 'k1', 'attempt', at), undefined, 'and not twice');
    await store.markOutbox('c1', 'k1', 'settle', at);
    await store.updateCell('c1', (d) => {
      d.members['102']!.name = 'Nguyễn Văn Hai';
    });
    const again = await PgStore.open({ url });
    const c1 = (await again.cell('c1'))!;
    await again.close();
    assert.equal(c1.members['102']!.name, 'Nguyễn Văn Hai');
    assert.deepEqual([c1.outbox.pending, c1.outbox.sent.k1], [[], at.toISOString()]);
    assert.deepEqual(c1.dues.entries, written.dues.entries);
  } finally {
    await Promise.all([store.close(), sql.end()]);
  }
});

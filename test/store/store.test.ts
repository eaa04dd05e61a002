import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { Store, DataFileError } from '../../src/store/store.ts';
import { StoreWriteError } from '../../src/store/shard.ts';
import { newCellFile, migrate, type Migration } from '../../src/store/schema.ts';
import { dailyBackup, KEEP_BACKUP_DAYS } from '../../src/store/backup.ts';
import { DataDirLockedError } from '../../src/store/lock.ts';
import type { Cell } from '../../src/core/members.ts';

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'chibo-store-'));
}

function cell(id: string): Cell {
  return { id, name: `Chi bộ ${id}`, parentName: 'Đảng ủy xã', createdAt: '2024-11-01T00:00:00.000Z', createdBy: 1, inviteCode: `inv${id}` };
}

test('changes are on disk once acknowledged and survive a reopen (the real file, not memory)', async () => {
  const dir = await tempDir();
  try {
    const s1 = await Store.open({ dir, today: '2024-11-04' });
    await s1.createCell(newCellFile(cell('c1')));
    await s1.updateCell('c1', (d) => {
      d.cell.placeName = 'Phong Hải';
    });
    const onDisk = JSON.parse(await readFile(path.join(dir, 'cells', 'c1.json'), 'utf8'));
    assert.equal(onDisk.cell.placeName, 'Phong Hải');
    assert.equal(onDisk.schemaVersion, 1);
    await s1.close();
    const s2 = await Store.open({ dir, today: '2024-11-04' });
    assert.equal((await s2.cell('c1'))?.cell.placeName, 'Phong Hải');
    assert.equal((await s2.invite('invc1'))?.cellId, 'c1');
    await s2.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('data files and folders are readable by their owner only', async () => {
  const dir = await tempDir();
  try {
    const s = await Store.open({ dir, today: '2024-11-04' });
    await s.createCell(newCellFile(cell('c1')));
    await s.updateIndex((d) => d.admins.push(5));
    for (const f of [path.join(dir, 'cells', 'c1.json'), path.join(dir, 'index.json')]) {
      assert.equal((await stat(f)).mode & 0o777, 0o600, f);
    }
    assert.equal((await stat(path.join(dir, 'cells'))).mode & 0o077, 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an update that throws changes nothing, in memory or on disk', async () => {
  const dir = await tempDir();
  try {
    const s = await Store.open({ dir, today: '2024-11-04' });
    await s.createCell(newCellFile(cell('c1')));
    await assert.rejects(
      s.updateCell('c1', (d) => {
        d.cell.name = 'half-done';
        throw new Error('refused');
      }),
      /refused/,
    );
    assert.equal((await s.cell('c1'))?.cell.name, 'Chi bộ c1');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a write that fails is reported and memory goes back to what is on disk', async (t) => {
  const dir = await tempDir();
  try {
    const s = await Store.open({ dir, today: '2024-11-04' });
    await s.createCell(newCellFile(cell('c1')));
    const cells = path.join(dir, 'cells');
    // Make the write fail: the temporary file cannot be created (works for root too).
    await rm(cells, { recursive: true });
    await writeFile(cells, 'not a folder');
    const a = s.updateCell('c1', (d) => {
      d.cell.name = 'A';
    });
    const b = s.updateCell('c1', (d) => {
      d.cell.placeName = 'B';
    });
    await assert.rejects(a, StoreWriteError);
    await assert.rejects(b, StoreWriteError);
    assert.equal((await s.cell('c1'))?.cell.name, 'Chi bộ c1');
    assert.equal((await s.cell('c1'))?.cell.placeName, undefined);
    // Once the disk is writable again, the next change is saved normally.
    await rm(cells);
    await mkdir(cells);
    await s.updateCell('c1', (d) => {
      d.cell.name = 'C';
    });
    const onDisk = JSON.parse(await readFile(path.join(cells, 'c1.json'), 'utf8'));
    assert.equal(onDisk.cell.name, 'C');
    assert.equal(onDisk.cell.placeName, undefined);
    t.diagnostic('write failure reverted memory to the disk state');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('concurrent updates of one file are all kept, in order', async () => {
  const dir = await tempDir();
  try {
    const s = await Store.open({ dir, today: '2024-11-04' });
    await s.createCell(newCellFile(cell('c1')));
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        s.updateCell('c1', (d) => {
          d.processedUpdates.push(i);
        }),
      ),
    );
    const onDisk = JSON.parse(await readFile(path.join(dir, 'cells', 'c1.json'), 'utf8'));
    assert.deepEqual(
      onDisk.processedUpdates,
      Array.from({ length: 50 }, (_, i) => i),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a file that does not parse stops the start, naming the file and the newest backup; nothing is overwritten', async () => {
  const dir = await tempDir();
  try {
    const s = await Store.open({ dir, today: '2024-11-03' });
    await s.createCell(newCellFile(cell('c1')));
    await s.backup('2024-11-04');
    await s.close();
    const file = path.join(dir, 'cells', 'c1.json');
    const good = await readFile(file, 'utf8');
    const truncated = good.slice(0, Math.floor(good.length / 2));
    await writeFile(file, truncated);
    await assert.rejects(Store.open({ dir, today: '2024-11-05' }), (e: unknown) => {
      assert.ok(e instanceof DataFileError);
      assert.match(e.message, /cells\/c1\.json/);
      assert.match(e.message, /backups\/2024-11-04\/cells\/c1\.json/);
      return true;
    });
    assert.equal(await readFile(file, 'utf8'), truncated, 'the broken file is left as it was');
    assert.deepEqual((await readdir(path.join(dir, 'backups'))).sort(), ['2024-11-04'], 'no backup of the broken file was taken');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('daily backups: one folder per day, whole, the newest 14 kept', async () => {
  const dir = await tempDir();
  try {
    const s = await Store.open({ dir, today: '2024-11-01' });
    await s.createCell(newCellFile(cell('c1')));
    for (let d = 1; d <= 20; d++) await dailyBackup(dir, `2024-12-${String(d).padStart(2, '0')}`);
    assert.equal(await dailyBackup(dir, '2024-12-20'), undefined, 'a second backup on the same day is not taken');
    const days = (await readdir(path.join(dir, 'backups'))).sort();
    assert.equal(days.length, KEEP_BACKUP_DAYS);
    assert.equal(days[0], '2024-12-07');
    assert.equal(days.at(-1), '2024-12-20');
    const copy = JSON.parse(await readFile(path.join(dir, 'backups', '2024-12-20', 'cells', 'c1.json'), 'utf8'));
    assert.equal(copy.cell.id, 'c1');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('migrations run in order, once, and record the version', async () => {
  const dir = await tempDir();
  const ran: string[] = [];
  const migrations: Migration[] = [
    {
      to: 3,
      describe: 'rename placeName',
      cell: (d) => {
        ran.push(`cell3:${d.cell.id}`);
        d.cell.placeName = d.cell.place;
        delete d.cell.place;
      },
    },
    {
      to: 2,
      describe: 'add a place',
      cell: (d) => {
        ran.push(`cell2:${d.cell.id}`);
        d.cell.place = 'Phong Hải';
      },
      index: () => ran.push('index2'),
    },
  ];
  try {
    const s1 = await Store.open({ dir, today: '2024-11-04', migrations: [], schemaVersion: 1 });
    await s1.createCell(newCellFile(cell('c1')));
    await s1.close();
    const s2 = await Store.open({ dir, today: '2024-11-04', migrations, schemaVersion: 3 });
    assert.deepEqual([...ran].sort(), ['cell2:c1', 'cell3:c1', 'index2']);
    assert.equal((await s2.cell('c1'))?.cell.placeName, 'Phong Hải');
    const onDisk = JSON.parse(await readFile(path.join(dir, 'cells', 'c1.json'), 'utf8'));
    assert.equal(onDisk.schemaVersion, 3);
    assert.equal(onDisk.cell.placeName, 'Phong Hải');
    ran.length = 0;
    await s2.close();
    await (await Store.open({ dir, today: '2024-11-04', migrations, schemaVersion: 3 })).close();
    assert.deepEqual(ran, [], 'a second start runs no migration');
    await assert.rejects(Store.open({ dir, today: '2024-11-04', migrations: [], schemaVersion: 2 }), /newer/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('migrate(): order by target version, regardless of list order', () => {
  const order: number[] = [];
  const data: { schemaVersion: number } = { schemaVersion: 1 };
  migrate(
    data,
    'cell',
    'f',
    [
      { to: 4, describe: '', cell: () => order.push(4) },
      { to: 2, describe: '', cell: () => order.push(2) },
      { to: 3, describe: '', cell: () => order.push(3) },
    ],
    4,
  );
  assert.deepEqual(order, [2, 3, 4]);
  assert.equal(data.schemaVersion, 4);
});

test('files are written as exactly the JSON of the data, a top-level value at a time', async () => {
  const { jsonParts } = await import('../../src/store/durable-file.ts');
  const samples: unknown[] = [
    { a: 1, b: [1, { c: 'Đảng viên', d: undefined }, null], e: { f: { g: [undefined, 'x'] } }, h: undefined, 'k"ey': 'v\n"', fn: () => 1 },
    {},
    { only: undefined },
    [{ x: [[1, 2], { y: null }] }],
    'chuỗi',
  ];
  for (const s of samples) assert.equal(Buffer.concat(jsonParts(s)).toString('utf8'), JSON.stringify(s));
});

test('a folder is held by one open store: a second open is refused naming the pid, and after close() it opens', async () => {
  const dir = await tempDir();
  try {
    const s1 = await Store.open({ dir, today: '2024-11-04' });
    await assert.rejects(Store.open({ dir, today: '2024-11-04' }), (e: unknown) => {
      assert.ok(e instanceof DataDirLockedError);
      assert.ok(e.message.includes(`pid ${process.pid}`) && e.message.includes(dir), e.message);
      return true;
    });
    assert.equal((await readFile(path.join(dir, '.lock'), 'utf8')).trim(), String(process.pid));
    await s1.close();
    assert.ok(!(await readdir(dir)).includes('.lock'), 'close() frees the folder');
    const s2 = await Store.open({ dir, today: '2024-11-04' });
    await s2.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('on a file system without hard links the folder is locked all the same', async (t) => {
  const dir = await tempDir();
  t.mock.method(fsp, 'link', async () => {
    throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
  });
  syncBuiltinESMExports();
  try {
    const s1 = await Store.open({ dir, today: '2024-11-04' });
    await assert.rejects(Store.open({ dir, today: '2024-11-04' }), DataDirLockedError);
    assert.equal((await readFile(path.join(dir, '.lock'), 'utf8')).trim(), String(process.pid));
    await s1.close();
    await (await Store.open({ dir, today: '2024-11-04' })).close();
  } finally {
    t.mock.restoreAll();
    syncBuiltinESMExports();
    await rm(dir, { recursive: true, force: true });
  }
});

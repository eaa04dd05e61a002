/**
 * The store's edges: a backup is made as durably as a write (every copy and folder fsynced
 * before the day's folder appears, and its rename fsynced); an index.json or cell file that
 * is not a JSON object stops the start with the corrupt-file message and nothing written;
 * a cell is written back to the file it was read from; a rename that succeeded before its
 * folder's fsync failed is undone on disk as it is in memory; a failed write leaves no
 * temporary file. Disk faults the test cannot make for real (a failing fsync) are injected
 * into node:fs/promises, which the store's modules see through their live bindings.
 */
import { afterEach, test } from 'node:test';
import { mock } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Store, DataFileError } from '../../src/store/store.ts';
import { StoreWriteError } from '../../src/store/shard.ts';
import { newCellFile, type CellFile } from '../../src/store/schema.ts';
import { dailyBackup } from '../../src/store/backup.ts';
import { dataFiles } from './world.ts';

const dirs: string[] = [];
const stores: Store[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'chibo-edges-'));
  dirs.push(dir);
  return dir;
}

async function open(dir: string, today = '2024-11-04'): Promise<Store> {
  const s = await Store.open({ dir, today });
  stores.push(s);
  return s;
}

function cellFile(id: string): CellFile {
  return newCellFile({ id, name: `Chi bộ ${id}`, parentName: 'Đảng ủy xã', createdAt: '2024-11-01T00:00:00.000Z', createdBy: 1, inviteCode: `inv${id}` });
}

afterEach(async () => {
  mock.restoreAll();
  syncBuiltinESMExports();
  for (const s of stores.splice(0)) await s.close().catch(() => undefined);
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

/** Records fsyncs (by path) and renames from now on, in order. */
function traceDisk(): string[] {
  const events: string[] = [];
  const realOpen = fsp.open;
  const realRename = fsp.rename;
  mock.method(fsp, 'open', async (...args: Parameters<typeof realOpen>) => {
    const fh = await realOpen(...args);
    const p = String(args[0]);
    const sync = fh.sync.bind(fh);
    const datasync = fh.datasync.bind(fh);
    fh.sync = () => sync().then(() => void events.push(`fsync ${p}`));
    fh.datasync = () => datasync().then(() => void events.push(`fsync ${p}`));
    return fh;
  });
  mock.method(fsp, 'rename', async (from: string, to: string) => {
    await realRename(from, to);
    events.push(`rename ${from} -> ${to}`);
  });
  syncBuiltinESMExports();
  return events;
}

/** From now on the fsync of `dir` fails with EIO (the renames in it still happen). */
function failFolderSync(dir: string): void {
  const realOpen = fsp.open;
  mock.method(fsp, 'open', async (...args: Parameters<typeof realOpen>) => {
    const fh = await realOpen(...args);
    if (path.resolve(String(args[0])) === path.resolve(dir)) {
      fh.sync = async () => {
        throw Object.assign(new Error(`EIO: i/o error, fsync '${dir}'`), { code: 'EIO' });
      };
    }
    return fh;
  });
  syncBuiltinESMExports();
}

test('a backup is as durable as a write: every copy and both its folders are fsynced before the day appears, and the rename is fsynced', async () => {
  const dir = await tempDir();
  const s = await open(dir);
  await s.createCell(cellFile('c1'));
  await s.createCell(cellFile('c2'));
  await s.updateIndex((d) => d.admins.push(5));
  const events = traceDisk();
  const target = await dailyBackup(dir, '2024-11-05');
  assert.equal(target, path.join(dir, 'backups', '2024-11-05'));

  const work = path.join(dir, 'backups', '.2024-11-05.partial');
  const renamed = events.indexOf(`rename ${work} -> ${target}`);
  assert.ok(renamed >= 0, `the day's folder is renamed into place: ${events.join('; ')}`);
  const before = events.slice(0, renamed);
  for (const rel of ['index.json', 'cells/c1.json', 'cells/c2.json', 'cells', '']) {
    assert.ok(before.includes(`fsync ${path.join(work, rel)}`), `${path.join(work, rel)} is fsynced before the rename (saw: ${before.join('; ') || 'no fsync'})`);
  }
  assert.ok(events.slice(renamed + 1).includes(`fsync ${path.join(dir, 'backups')}`), 'the rename is fsynced (the backups folder)');
  const copy = JSON.parse(await readFile(path.join(target!, 'index.json'), 'utf8'));
  assert.deepEqual(copy.admins, [5]);
});

test('an index.json or a cell file that is not a JSON object (null, [], cut short, empty) stops the start, naming it and its backup; nothing is overwritten', async () => {
  for (const [rel, content] of [
    ['index.json', 'null'],
    ['index.json', '[]'],
    ['index.json', '{"admins":[5'],
    ['index.json', ''],
    ['cells/c1.json', 'null'],
  ] as const) {
    const dir = await tempDir();
    const s = await open(dir, '2024-11-03');
    await s.createCell(cellFile('c1'));
    await s.updateIndex((d) => d.admins.push(5));
    await s.backup('2024-11-04');
    await s.close();
    await writeFile(path.join(dir, rel), content);
    const before = await dataFiles(dir);
    await assert.rejects(Store.open({ dir, today: '2024-11-05' }), (e: unknown) => {
      assert.ok(e instanceof DataFileError, `${rel} = ${JSON.stringify(content)}: ${String(e)}`);
      assert.ok(e.message.includes(`Không đọc được tệp dữ liệu ${path.join(dir, rel)} (tệp bị hỏng)`), e.message);
      assert.ok(e.message.includes(path.join(dir, 'backups', '2024-11-04', rel)), `names the newest backup: ${e.message}`);
      assert.ok(e.message.includes('nothing was overwritten'));
      return true;
    });
    assert.deepEqual(await dataFiles(dir), before, `${rel} = ${JSON.stringify(content)}: no data file was written`);
    assert.deepEqual(await readdir(path.join(dir, 'backups')), ['2024-11-04'], 'no backup of the broken file was taken');
  }
});

test('a cell is written back to the file it was read from, whatever its name; two files of one cell stop the start', async () => {
  const dir = await tempDir();
  await mkdir(path.join(dir, 'cells'), { recursive: true });
  // A cell file restored by hand under another name.
  await writeFile(path.join(dir, 'cells', 'thon-dong.json'), JSON.stringify(cellFile('c7')));
  const s = await open(dir);
  await s.updateCell('c7', (d) => {
    d.cell.placeName = 'Phong Hải';
  });
  assert.deepEqual(
    (await readdir(path.join(dir, 'cells'))).filter((n) => n.endsWith('.json')),
    ['thon-dong.json'],
    'no second file of the cell',
  );
  const onDisk = JSON.parse(await readFile(path.join(dir, 'cells', 'thon-dong.json'), 'utf8'));
  assert.equal(onDisk.cell.placeName, 'Phong Hải', 'the change is in the file the cell came from');
  await s.close();
  const again = await open(dir);
  assert.equal((await again.cell('c7'))?.cell.placeName, 'Phong Hải');
  await again.close();

  await writeFile(path.join(dir, 'cells', 'c7.json'), JSON.stringify(cellFile('c7')));
  const before = await dataFiles(dir);
  await assert.rejects(Store.open({ dir, today: '2024-11-05' }), (e: unknown) => {
    assert.ok(e instanceof DataFileError);
    assert.match(e.message, /cells\/c7\.json/);
    assert.match(e.message, /cells\/thon-dong\.json/);
    return true;
  });
  assert.deepEqual(await dataFiles(dir), before);
});

test("a rename that succeeded before its folder's fsync failed: the write is refused, and the disk goes back to what memory holds", async () => {
  const dir = await tempDir();
  const s = await open(dir);
  await s.createCell(cellFile('c1'));
  const cells = path.join(dir, 'cells');
  failFolderSync(cells);

  await assert.rejects(
    s.updateCell('c1', (d) => {
      d.cell.name = 'Chi bộ đã đổi tên';
    }),
    StoreWriteError,
  );
  assert.equal((await s.cell('c1'))?.cell.name, 'Chi bộ c1', 'memory is as before the failed write');
  const onDisk = JSON.parse(await readFile(path.join(cells, 'c1.json'), 'utf8'));
  assert.deepEqual(onDisk, JSON.parse(JSON.stringify(await s.cell('c1'))), 'the disk holds what memory holds');

  // A new cell whose first write fails so: it is in neither.
  await assert.rejects(s.createCell(cellFile('c2')), StoreWriteError);
  assert.equal(await s.cell('c2'), undefined);
  assert.deepEqual((await readdir(cells)).sort(), ['c1.json'], 'no file of the refused cell, no temporary file');

  mock.restoreAll();
  syncBuiltinESMExports();
  await s.close();
  const again = await open(dir);
  assert.equal((await again.cell('c1'))?.cell.name, 'Chi bộ c1', 'after a restart too');
  assert.equal(await again.cell('c2'), undefined);
});

test('a write that fails leaves no temporary file behind, and the next write succeeds', async () => {
  const dir = await tempDir();
  const s = await open(dir);
  await s.createCell(cellFile('c1'));
  const cells = path.join(dir, 'cells');
  const file = path.join(cells, 'c1.json');
  const good = await readFile(file, 'utf8');
  // The rename over the file fails for real: a folder now stands where the file was.
  await rm(file);
  await mkdir(path.join(file, 'x'), { recursive: true });
  for (let i = 0; i < 3; i++) {
    await assert.rejects(
      s.updateCell('c1', (d) => {
        d.cell.placeName = `lần ${i}`;
      }),
      StoreWriteError,
    );
  }
  assert.deepEqual((await readdir(cells)).sort(), ['c1.json'], 'no temporary file is left in cells/');
  await rm(file, { recursive: true });
  await writeFile(file, good);
  await s.updateCell('c1', (d) => {
    d.cell.placeName = 'Phong Hải';
  });
  assert.equal(JSON.parse(await readFile(file, 'utf8')).cell.placeName, 'Phong Hải');
  assert.deepEqual((await readdir(cells)).sort(), ['c1.json']);
});

/**
 * `npm run migrate -- --to postgres`: a deployment's data folder moved into an empty
 * PostgreSQL database (a real server, test/support/postgres.ts). The command runs as the
 * operator runs it, a child process with DATA_DIR and DATABASE_URL; afterwards the
 * PostgreSQL engine must give the same cells, members and report as the files did.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { freshDatabase, stopPostgres } from '../support/postgres.ts';
import { runDemo } from '../demo/run.ts';
import { cellIdOf, generate } from '../bench/generate.ts';
import { Store } from '../../src/store/store.ts';
import { PgStore } from '../../src/store/postgres/engine.ts';
import { checkCopy, copyCells, copyIndex } from '../../src/migrate.ts';
import { reportModelOf } from '../../src/services/reports.ts';
import { localDate } from '../../src/core/time.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TODAY = localDate(new Date());
const dirs: string[] = [];

after(async () => {
  await stopPostgres();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function tempDir(name: string): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), `chibo-migrate-${name}-`));
  dirs.push(d);
  return d;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run migrate -- <args>` as the operator runs it. */
function migrate(env: { DATA_DIR: string; DATABASE_URL: string }, args: string[] = ['--to', 'postgres']): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/migrate.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The cells' ids, members and report models of `years`, compared between the data folder and PostgreSQL (a fresh engine). */
async function assertSameDeployment(dataDir: string, url: string, years: number[], today: string): Promise<{ cells: number; members: number }> {
  const files = await Store.open({ dir: dataDir, today });
  const pg = await PgStore.open({ url });
  try {
    const ids = await files.cellIds();
    assert.deepEqual([...(await pg.cellIds())].sort(), [...ids].sort());
    let members = 0;
    for (const id of ids) {
      const a = (await files.cell(id))!;
      const b = await pg.cell(id);
      assert.ok(b, `${id} is in PostgreSQL`);
      assert.deepEqual(b.members, a.members, `${id}: the same members`);
      members += Object.keys(a.members).length;
      for (const year of years) assert.deepEqual(await reportModelOf(b, year, today), await reportModelOf(a, year, today), `${id}: the same report of ${year}`);
    }
    assert.deepEqual((await pg.index()).admins, (await files.index()).admins);
    return { cells: ids.length, members };
  } finally {
    await pg.close();
    await files.close();
  }
}

describe('npm run migrate -- --to postgres', () => {
  test("the demo's year moves to PostgreSQL: the same cell, members and /report", async () => {
    const dataDir = await tempDir('demo');
    const { errors } = await runDemo({ dataDir, out: await tempDir('demo-out') });
    assert.deepEqual(errors, []);
    const url = await freshDatabase();

    const run = await migrate({ DATA_DIR: dataDir, DATABASE_URL: url });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    // One cell of 12 members; its years from 2023 (a member admitted then) to this one.
    const years = Number(TODAY.slice(0, 4)) - 2023 + 1;
    assert.match(run.stdout, new RegExp(`^Xong: 1 chi bộ, 12 đảng viên, ${years} năm báo cáo đã đối chiếu, \\d+,\\d giây\\. / Done: 1 cells, 12 members, ${years} report years checked`, 'm'));

    const same = await assertSameDeployment(dataDir, url, [2024], '2024-12-10');
    assert.deepEqual(same, { cells: 1, members: 12 });
    // What the secretary's /report of 10/12/2024 shows, read from PostgreSQL.
    const pg = await PgStore.open({ url });
    try {
      const [id] = await pg.cellIds();
      const model = await reportModelOf((await pg.cell(id!))!, 2024, '2024-12-10');
      assert.equal(model.cell.name, 'Chi bộ Trường THCS Phong Hải');
      assert.equal(model.roster.total, 12);
      assert.ok(model.review && model.dues && model.meetings, 'the review, the dues and the meetings are in the report');
    } finally {
      await pg.close();
    }
  });

  describe('a generated deployment of 30 cells', () => {
    let dataDir = '';
    let url = '';

    test('is copied and checked: progress, then one line of cells, members, years and time', async () => {
      dataDir = await tempDir('bench');
      await generate(dataDir, 30, 6, 2025, '2025-12-10');
      url = await freshDatabase();

      const run = await migrate({ DATA_DIR: dataDir, DATABASE_URL: url });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^Đã chép 30\/30 chi bộ \/ copied 30\/30 cells$/m);
      assert.match(run.stdout, /^Đã đối chiếu 30\/30 chi bộ \/ checked 30\/30 cells$/m);
      assert.match(run.stdout, /^Xong: 30 chi bộ, 180 đảng viên, \d+ năm báo cáo đã đối chiếu, \d+,\d giây\. \/ Done: 30 cells, 180 members, \d+ report years checked, \d+\.\d s\.$/m);

      const same = await assertSameDeployment(dataDir, url, [2024, 2025], '2025-12-20');
      assert.deepEqual(same, { cells: 30, members: 180 });
    });

    test('a second run into the now filled database is refused, and nothing in it changes', async () => {
      assert.ok(url, 'the copy above ran');
      const sql = postgres(url, { max: 1, onnotice: () => undefined });
      const snapshot = () => sql`SELECT shard_id, kind, key, rev, md5(data::text) AS sum FROM docs ORDER BY shard_id, kind, key`.then((rows) => JSON.stringify(rows));
      try {
        const before = await snapshot();
        const shardsBefore = JSON.stringify(await sql`SELECT id, rev FROM shards ORDER BY id`);
        const run = await migrate({ DATA_DIR: dataDir, DATABASE_URL: url });
        assert.equal(run.code, 1);
        assert.equal(run.stdout, '');
        assert.equal(
          run.stderr,
          'Cơ sở dữ liệu đã có 30 chi bộ; chỉ chuyển vào một cơ sở dữ liệu trống. Không có gì được ghi / the database already holds 30 cells; migrate only into an empty database. Nothing was written\n',
        );
        assert.equal(await snapshot(), before);
        assert.equal(JSON.stringify(await sql`SELECT id, rev FROM shards ORDER BY id`), shardsBefore);
      } finally {
        await sql.end();
      }
    });
  });

  test('a data folder held by the running bot: stop the bot first, nothing is written', async () => {
    const dataDir = await tempDir('locked');
    await generate(dataDir, 2, 5, 2025, '2025-12-10');
    const url = await freshDatabase();
    const bot = await Store.open({ dir: dataDir, today: TODAY });
    try {
      const run = await migrate({ DATA_DIR: dataDir, DATABASE_URL: url });
      assert.equal(run.code, 1);
      assert.match(run.stderr, new RegExp(`^Thư mục dữ liệu .+ đang được bot giữ \\(pid ${process.pid}\\); hãy dừng bot rồi chạy lại lệnh chuyển dữ liệu\\. Không có gì được ghi / `));
    } finally {
      await bot.close();
    }
    const pg = await PgStore.open({ url });
    try {
      assert.deepEqual(await pg.cellIds(), []);
    } finally {
      await pg.close();
    }
  });

  test('--to anything but postgres, or no --to: the usage line, exit 2', async () => {
    for (const args of [['--to', 'mysql'], [], ['--to']]) {
      const run = await migrate({ DATA_DIR: '/nonexistent', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, args);
      assert.equal(run.code, 2, `${args.join(' ')}`);
      assert.match(run.stderr, /^Cách dùng: npm run migrate -- --to postgres .* \/ Usage: npm run migrate -- --to postgres/);
    }
  });

  test('a cell changed after the copy is caught: the check names the cell and the year', async () => {
    const dataDir = await tempDir('differ');
    await generate(dataDir, 5, 6, 2025, '2025-12-10');
    const url = await freshDatabase();
    const today = '2025-12-20';
    const files = await Store.open({ dir: dataDir, today });
    try {
      const copy = await PgStore.open({ url });
      try {
        await copyIndex(await files.index(), copy);
        assert.equal(await copyCells(files, copy), 5);
        const exact = await PgStore.open({ url });
        try {
          assert.deepEqual((await checkCopy(files, exact, today)).mismatches, [], 'an exact copy passes');
        } finally {
          await exact.close();
        }
        // One payment of 2025 in the third cell recorded 1.000 đ higher than in the files.
        await copy.updateCell(cellIdOf(2), (d) => {
          const payment = d.dues.entries.find((e) => e.kind === 'payment' && e.month.startsWith('2025-'));
          assert.ok(payment?.kind === 'payment');
          payment.amount += 1000;
        });
      } finally {
        await copy.close();
      }
      const fresh = await PgStore.open({ url });
      try {
        const outcome = await checkCopy(files, fresh, today);
        assert.equal(outcome.cells, 5);
        assert.ok(outcome.mismatches.length > 0, 'a mismatch is reported');
        assert.deepEqual([...new Set(outcome.mismatches.map((m) => m.cellId))], [cellIdOf(2)]);
        const of2025 = outcome.mismatches.find((m) => m.year === 2025);
        assert.ok(of2025, 'the year 2025 is named');
        assert.equal(of2025.cellName, 'Chi bộ Trường số 3');
        assert.ok(of2025.what.includes('dues'), `the dues differ (${of2025.what.join(', ')})`);
      } finally {
        await fresh.close();
      }
    } finally {
      await files.close();
    }
  });
});

/**
 * Two processes on one data folder: a second `npm start` on the folder of a running bot
 * exits 1 with one line naming the folder and the pid that holds it, and touches nothing
 * — not the files, not the running bot's temporary files — while the first goes on
 * serving. A folder whose bot was killed (kill -9) is taken over by the next start, which
 * removes the temporary files of the dead process and keeps those of a live one.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeBotApi } from '../support/fake-bot-api.ts';
import { cellData, dataFiles, usersOf, writeCells } from './world.ts';
import { MAIN, reap, spawnBot, type BotChild } from './bot-child.ts';
import { LOCK_FILE } from '../../src/store/lock.ts';
import type { CellFile } from '../../src/store/schema.ts';
import { t } from '../../src/telegram/texts/index.ts';

let api: FakeBotApi;
let parent: string;
let dataDir: string;
let env: Record<string, string>;
const children: BotChild[] = [];

function start(): BotChild {
  const child = spawnBot(MAIN, env, parent);
  children.push(child);
  return child;
}

before(async () => {
  api = await FakeBotApi.start();
  parent = await mkdtemp(path.join(tmpdir(), 'chibo-faults-second-'));
  dataDir = path.join(parent, 'data');
  const cell = cellData({ cellId: 'sp', year: 2024, asOf: '2024-11-01', members: 4, firstId: 1600, review: false });
  await writeCells(dataDir, [cell]);
  usersOf(api, cell);
  env = { BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.url, DATA_DIR: dataDir, ADMIN_IDS: '900', LOG_LEVEL: 'info' };
});

after(async () => {
  for (const c of children) await reap(c);
  await api.stop();
  await rm(parent, { recursive: true, force: true });
});

test('a second npm start on the folder of a running bot exits 1 with one line naming the folder and the pid; it removes and writes nothing, and the first goes on serving', async () => {
  const first = start();
  await first.waitFor(/is running/);
  // The running bot's own work done first: on a day the cell has a reminder due (the bot runs
  // on the real date), it is still sending and settling it after its start.
  const cellFile = path.join(dataDir, 'cells', 'sp.json');
  for (let t = Date.now(); (JSON.parse(await readFile(cellFile, 'utf8')) as CellFile).outbox.pending.length; ) {
    assert.ok(Date.now() - t < 10_000, 'the running bot settles its outbox');
    await new Promise((r) => setTimeout(r, 50));
  }
  // A write of the running bot in progress: its temporary file.
  const inProgress = path.join(dataDir, 'cells', `.sp.json.${first.pid}.999.tmp`);
  await writeFile(inProgress, '{"schemaVersion":');
  const before = await dataFiles(dataDir);

  const second = start();
  const outcome = await Promise.race([second.exited, second.waitFor(/is running/).then(() => 'running' as const)]);
  assert.notEqual(outcome, 'running', 'the second process started on a folder in use');
  assert.equal(typeof outcome === 'object' && outcome.code, 1, 'exit code 1');
  const lines = second.stderr().trim().split('\n');
  assert.equal(lines.length, 1, `one line: ${second.stderr()}`);
  const line = lines[0]!;
  assert.ok(line.includes(dataDir), `names the folder: ${line}`);
  assert.ok(line.includes(`pid ${first.pid}`), `names the pid holding it: ${line}`);
  assert.match(line, /^Thư mục dữ liệu .* \/ Data folder /, 'Vietnamese, then English');

  assert.equal(await readFile(inProgress, 'utf8'), '{"schemaVersion":', "the running bot's temporary file is left alone");
  assert.deepEqual(await dataFiles(dataDir), before, 'no data file was written');
  assert.equal((await readFile(path.join(dataDir, LOCK_FILE), 'utf8')).trim(), String(first.pid), 'the lock is still the first bot’s');

  const admin = api.user({ id: 900, first_name: 'Quản trị' });
  const mark = admin.mark();
  await admin.send('/help');
  assert.ok(admin.messages().length > mark, 'the first bot still answers');
  assert.ok(!admin.since(mark).includes(t.common.apology));

  await rm(inProgress);
  first.proc.kill('SIGTERM');
  assert.equal((await first.exited).code, 0);
  assert.ok(!(await readdir(dataDir)).includes(LOCK_FILE), 'a clean stop frees the folder');
});

test('a folder whose bot was killed is taken over by the next start; temporary files go only when the process that made them is gone', async () => {
  const killed = start();
  await killed.waitFor(/is running/);
  killed.proc.kill('SIGKILL');
  await killed.exited;
  const leftBehind = await readFile(path.join(dataDir, LOCK_FILE), 'utf8').catch(() => undefined);
  const ofDead = [path.join(dataDir, 'cells', `.sp.json.${killed.pid}.7.tmp`), path.join(dataDir, `.index.json.${killed.pid}.8.tmp`)];
  // This test's own process runs and holds no lock: its files are somebody's write in progress.
  const ofLive = [path.join(dataDir, 'cells', `.sp.json.${process.pid}.7.tmp`), path.join(dataDir, `.index.json.${process.pid}.8.tmp`)];
  for (const f of [...ofDead, ...ofLive]) await writeFile(f, '{');

  const next = start();
  await next.waitFor(/is running/);
  const left = [...(await readdir(dataDir)), ...(await readdir(path.join(dataDir, 'cells')))];
  for (const f of ofDead) assert.ok(!left.includes(path.basename(f)), `${path.basename(f)} of the dead process is removed`);
  for (const f of ofLive) assert.ok(left.includes(path.basename(f)), `${path.basename(f)} of a live process is kept`);
  assert.equal(leftBehind?.trim(), String(killed.pid), 'kill -9 had left its lock behind');
  assert.equal((await readFile(path.join(dataDir, LOCK_FILE), 'utf8')).trim(), String(next.pid), 'the stale lock was taken over');
  const admin = api.user({ id: 900, first_name: 'Quản trị' });
  const mark = admin.mark();
  await admin.send('/help');
  assert.ok(admin.messages().length > mark, 'the new bot answers');
  next.proc.kill('SIGTERM');
  assert.equal((await next.exited).code, 0);
});

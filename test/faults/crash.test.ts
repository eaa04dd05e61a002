/**
 * Crash: the real bot in a child process serves a stream of user actions (RSVPs with
 * reasons, journal notes through their dialog, dues claims) while the meeting reminder of
 * six cells of 40 members fans out, and is killed with SIGKILL at random moments, 20
 * times. After each kill: every data file parses, every acknowledged action (its reply
 * reached the user) is on disk, no half action is (the disk is the state after some
 * prefix of each user's actions, never between two writes of one action), and no
 * reminder reached a chat twice. At the end a last run settles everything and the
 * reminders lost in a crash instant (marked as being sent when the process died, so not
 * repeated) are counted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Actor, checkClaims, checkNotes, checkReminders, checkRsvps, claimThenRsvp, interruptedSends, noteLoop, rsvpLoop, type Reading } from '../support/actors.ts';
import { FakeBotApi } from '../support/fake-bot-api.ts';
import { random } from '../support/seed.ts';
import { cellData, parseAll, usersOf, writeCells } from './world.ts';
import { renderNotice } from '../../src/telegram/notices/index.ts';
import { PLANNERS } from '../../src/scheduler/scheduler.ts';

const CHILD = path.join(import.meta.dirname, '../support/bot-process.ts');
const KILLS = 20;
/** Three days before the meetings of 05/11/2024 14:00: their first reminder is due. */
const NOW = '2024-11-02T15:00:00+07:00';

// ---------------------------------------------------------------- the child

interface Child {
  proc: ChildProcessWithoutNullStreams;
  stderr: () => string;
  go(): void;
  ready: Promise<void>;
  isReady(): boolean;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnChild(env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), CHILD], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  let out = '';
  let isReady = false;
  proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('ready\n')) {
        isReady = true;
        resolve();
      }
    });
    proc.on('exit', () => reject(new Error(`child exited before it was ready: ${err.slice(-2000)}`)));
  });
  ready.catch(() => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return { proc, stderr: () => err, go: () => proc.stdin.write('go\n'), ready, isReady: () => isReady, exited };
}

// ---------------------------------------------------------------- the test

test('kill -9 of the bot at 20 random moments while users act and reminders fan out: whole acknowledged actions, no reminder twice', async (t) => {
  const api = await FakeBotApi.start();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chibo-faults-crash-'));
  const children: Child[] = [];
  let abort = () => {};
  let loops: Promise<void>[] = [];
  try {
    const cells = Array.from({ length: 6 }, (_, i) => cellData({ cellId: `c${i + 1}`, year: 2024, asOf: '2024-11-01', members: 40, firstId: 10_000 * (i + 1), review: false, groupChatId: -1001 - i }));
    await writeCells(dataDir, cells);
    const users = usersOf(api, cells[0]!);
    for (const c of cells.slice(1)) usersOf(api, c);
    for (const c of cells) api.group({ id: c.cell.groupChatId!, title: c.cell.name });
    const member = (i: number) => users.get(String(10_000 + i))!;

    const env = {
      BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.url,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      BOT_CLOCK_BASE: NOW,
      BOT_CLOCK_EPOCH: String(Date.now()),
      BOT_WAIT_STDIN: '1',
    };
    const seed = Number(process.env.FAULT_SEED ?? Date.now() % 1_000_000);
    const rnd = random(seed);
    t.diagnostic(`FAULT_SEED=${seed}`);

    let stopping = false;
    const stop = () => stopping;
    const aborted = new Promise<never>((_, reject) => (abort = () => reject(new Error('aborted'))));
    aborted.catch(() => undefined);
    const secretary = new Actor(member(0), 'c1', api, aborted);
    const rsvpers = [3, 4, 5, 6].map((i) => new Actor(member(i), 'c1', api, aborted));
    const claimers = [7, 8].map((i) => new Actor(member(i), 'c1', api, aborted));
    loops = [noteLoop(secretary, stop), ...rsvpers.map((a) => rsvpLoop(a, stop)), ...claimers.map((a) => claimThenRsvp(a, stop, { rsvp: true, untilAnswered: true }))];

    const checkDisk = async (when: string) => {
      const { cells: onDisk } = await parseAll(dataDir); // every file parses
      assert.equal(onDisk.size, cells.length);
      const c1 = onDisk.get('c1')!;
      // What a crash may lose: an action whose reply did not reach the user.
      const reading: Reading = { when, held: 'answered' };
      for (const a of [...rsvpers, ...claimers]) checkRsvps(a, c1, reading);
      for (const a of claimers) checkClaims(a, c1, reading);
      return checkNotes(secretary, c1, reading);
    };

    let child = spawnChild(env);
    children.push(child);
    const killedAt: string[] = [];
    for (let round = 0; round < KILLS; round++) {
      child.go();
      // The spare loads its modules once this one is up (or dead), not during its start.
      let spare: Child | undefined;
      const makeSpare = () => {
        spare ??= spawnChild(env);
        if (!children.includes(spare)) children.push(spare);
      };
      child.ready.then(makeSpare, () => undefined);
      // Some kills fall in the start (store open, catch-up), most while serving.
      const delay = 20 + Math.floor(rnd() * 1500);
      await new Promise((r) => setTimeout(r, delay));
      const wasReady = child.isReady();
      child.proc.kill('SIGKILL');
      const { signal } = await child.exited;
      assert.equal(signal, 'SIGKILL', `round ${round}: the child died on its own: ${child.stderr().slice(-2000)}`);
      killedAt.push(`${delay}${wasReady ? '' : '*'}`);
      makeSpare();
      await checkDisk(`after kill ${round + 1}`);
      child = spare!;
    }

    // The last run: the users finish what they were doing, everything planned goes out, SIGTERM.
    stopping = true;
    child.go();
    await child.ready;
    await Promise.all(loops);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { cells: now } = await parseAll(dataDir);
      if ([...now.values()].every((c) => c.outbox.pending.length === 0)) break;
      assert.ok(Date.now() < deadline, 'the outbox did not empty in the last run');
      await new Promise((r) => setTimeout(r, 100));
    }
    child.proc.kill('SIGTERM');
    assert.equal((await child.exited).code, 0, 'a clean stop after all the crashes');
    const notes = await checkDisk('at the end');

    // Reminders: the 3-day reminder of 05/11 was due for every member and group at the start.
    const logs = children.map((c) => c.stderr()).join('\n');
    const interrupted = interruptedSends(logs);
    const { cells: final } = await parseAll(dataDir);
    const { planned, lost } = checkReminders(final.values(), api, interrupted);
    // Every other notice planned for these cells (dues alerts, probation) reached its chat at most once, with the same text.
    for (const c of cells) {
      for (const p of PLANNERS.flatMap((p) => p.plan(c, new Date(NOW)))) {
        if (p.key.includes(':meeting:')) continue;
        const { text } = renderNotice(p.notice);
        const got = api.botMessages(p.chatId).filter((m) => m.text === text).length;
        assert.ok(got <= 1, `${p.key}: sent ${got} times`);
        if (got === 0) assert.ok(interrupted.has(p.key), `${p.key}: never sent, and not one interrupted by a crash`);
      }
    }
    assert.ok(!logs.includes(api.token) && !logs.includes(api.token.split(':')[1]!), 'the token is in no log line');
    assert.ok(
      !/update failed|unhandled error/.test(logs),
      `no update failed: ${logs
        .split('\n')
        .filter((l) => /update failed|unhandled/.test(l))
        .slice(0, 3)
        .join('\n')}`,
    );
    const acked = (a: Actor) => a.lastAnswered();
    assert.ok(notes > 0 && rsvpers.every((a) => acked(a) > 0), 'the users got things done between the kills');
    t.diagnostic(`kills after (ms; * = before the bot was ready): ${killedAt.join(' ')}`);
    t.diagnostic(
      `reminders planned ${planned}, interrupted by a kill ${interrupted.size}, lost in a crash instant ${lost}; notes saved ${notes}; actions ${[secretary, ...rsvpers, ...claimers].reduce((n, a) => n + a.actions.length, 0)}`,
    );
  } finally {
    abort();
    await Promise.allSettled(loops);
    for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await api.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

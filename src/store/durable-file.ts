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

export async function fsyncDir(dir: string): Promise<void> {
  const dh = await open(dir, 'r');
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
}

/**
 * Daily copies of every data file into backups/YYYY-MM-DD/, keeping the newest 14 days.
 * A backup is as durable as a write: each copy and its folders are fsynced before the
 * day's folder is renamed into place, and the rename is fsynced.
 */
import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fsyncPath } from './durable-file.ts';
import { mapLimit } from '../concurrency.ts';

export const KEEP_BACKUP_DAYS = 14;

/** Takes today's backup unless it exists; returns its folder when one was taken. */
export async function dailyBackup(dataDir: string, today: string): Promise<string | undefined> {
  const root = path.join(dataDir, 'backups');
  const target = path.join(root, today);
  if (await exists(target)) return undefined;
  const work = path.join(root, `.${today}.partial`);
  await rm(work, { recursive: true, force: true });
  await mkdir(path.join(work, 'cells'), { recursive: true, mode: 0o700 });
  const cellsDir = path.join(dataDir, 'cells');
  const names = (await exists(cellsDir)) ? (await readdir(cellsDir)).filter((n) => n.endsWith('.json') && !n.startsWith('.')) : [];
  const files = [...((await exists(path.join(dataDir, 'index.json'))) ? ['index.json'] : []), ...names.map((n) => path.join('cells', n))];
  if (files.length === 0) {
    await rm(work, { recursive: true, force: true });
    return undefined;
  }
  await mapLimit(files, 8, async (rel) => {
    await copyFile(path.join(dataDir, rel), path.join(work, rel));
    await fsyncPath(path.join(work, rel));
  });
  await fsyncPath(path.join(work, 'cells'));
  await fsyncPath(work);
  // The folder appears whole or not at all.
  await rename(work, target);
  await fsyncPath(root);
  const days = (await readdir(root)).filter((n) => /^\d{4}-\d{2}-\d{2}$/.test(n)).sort();
  for (const old of days.slice(0, Math.max(0, days.length - KEEP_BACKUP_DAYS))) await rm(path.join(root, old), { recursive: true, force: true });
  return target;
}

/** The newest backup copy of a data file, if any. */
export async function newestBackupOf(dataDir: string, file: string): Promise<string | undefined> {
  const root = path.join(dataDir, 'backups');
  if (!(await exists(root))) return undefined;
  const rel = path.relative(dataDir, file);
  const days = (await readdir(root))
    .filter((n) => /^\d{4}-\d{2}-\d{2}$/.test(n))
    .sort()
    .reverse();
  for (const d of days) {
    const candidate = path.join(root, d, rel);
    if (await exists(candidate)) return candidate;
  }
  return undefined;
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

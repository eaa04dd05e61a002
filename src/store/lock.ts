/**
 * One process per data folder. Two processes on one folder would each write whole files
 * from their own memory (losing the other's acknowledged changes) and both send the
 * outbox, so the store holds an exclusive lock for as long as it is open: `DATA_DIR/.lock`
 * holding the owner's pid. It is made atomically — the pid is written to a file of our
 * own, which is then hard-linked to `.lock`, and a link fails if `.lock` exists — so a
 * lock is never seen half-written. A lock whose pid no longer runs (a crash, a kill -9)
 * is stale and taken over; so is one holding our own pid, which in a container that
 * restarted (pid 1 again) is a previous life of ours.
 */
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = '.lock';

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `Thư mục dữ liệu ${dir} đang được một tiến trình chibo-bot khác sử dụng (pid ${pid}); hãy dừng tiến trình đó trước khi chạy lại. Không tệp nào bị thay đổi. / Data folder ${dir} is in use by another chibo-bot process (pid ${pid}); stop it before starting again. Nothing was changed.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  /** Removes the lock; safe to call twice. */
  release(): Promise<void>;
}

/** The folders this process holds (a second store on one of them is refused too). */
const held = new Set<string>();

/** Whether a process with this pid runs, other than this one. */
export function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readPid(file: string): Promise<number | undefined> {
  try {
    return Number.parseInt(await readFile(file, 'utf8'), 10);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Takes the lock on `dir` or throws DataDirLockedError naming the pid that holds it. */
export async function lockDataDir(dir: string): Promise<DataDirLock> {
  const abs = path.resolve(dir);
  const file = path.join(abs, LOCK_FILE);
  if (held.has(abs)) throw new DataDirLockedError(abs, process.pid);
  const mine = path.join(abs, `${LOCK_FILE}.${process.pid}.tmp`);
  await writeFile(mine, `${process.pid}\n`, { mode: 0o600 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await place(mine, file);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw e;
      }
      const holder = await readPid(file);
      if (holder === undefined) continue; // released meanwhile
      if (isRunning(holder)) throw new DataDirLockedError(abs, holder);
      await removeStale(file, holder);
    }
  } finally {
    await rm(mine, { force: true });
  }
  held.add(abs);
  // A process that exits without closing its store (process.exit after a failure) still frees the folder.
  const onExit = () => {
    try {
      unlinkSync(file);
    } catch {
      // gone already
    }
  };
  process.once('exit', onExit);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      process.removeListener('exit', onExit);
      held.delete(abs);
      // Left behind (the folder replaced, say), it holds our pid: stale once we are gone.
      await rm(file, { force: true }).catch(() => undefined);
    },
  };
}

/** Errors of a file system without hard links (some network shares). */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/** Puts our lock in place; EEXIST when there is one. */
async function place(mine: string, file: string): Promise<void> {
  try {
    await link(mine, file);
  } catch (e) {
    if (!NO_LINKS.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
    // Without hard links: an exclusive create, its few bytes written in one call.
    await writeFile(file, await readFile(mine), { flag: 'wx', mode: 0o600 });
  }
}

/**
 * Removes a stale lock. Moved aside first and checked there: if another starting process
 * took the folder over in the meantime, what was moved is its fresh lock, which goes back.
 */
async function removeStale(file: string, pid: number): Promise<void> {
  const aside = `${file}.${process.pid}.stale.tmp`;
  try {
    await rename(file, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (!Object.is(await readPid(aside), pid)) {
    await link(aside, file).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
  }
  await rm(aside, { force: true });
}

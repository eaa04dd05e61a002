/**
 * One data file in memory. Reads come from memory. An update applies the change to a
 * draft and makes the result current — a new version that shares every part it did not
 * change with the old one (immer), so versions are never changed in place — and resolves
 * once a write that includes it is durable on disk. Writes of one file are serialized and
 * coalesced. When a write fails, memory goes back to what is on disk and every update not
 * yet on disk fails with it, so memory and disk always agree: a write whose rename was
 * done when its folder's fsync failed is undone on disk (the previous version written back,
 * or a new file removed).
 *
 * immer instead of copying the whole file on each change: a cell's year of data is about
 * 100 KB, and a deep copy per button press cost ~2 ms of CPU and as much garbage.
 */
import { Low } from 'lowdb';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { DurableJSONFile, FolderSyncError, fsyncDir, jsonParts, writeDurably } from './durable-file.ts';
import { StoreWriteError } from './port.ts';
import { change } from './draft.ts';

export { StoreWriteError } from './port.ts';

interface Waiter {
  resolve: () => void;
  reject: (e: unknown) => void;
}

export class ShardFile<T extends object> {
  private readonly db: Low<T>;
  private persisted: T;
  private waiting: Waiter[] = [];
  private writing: Promise<void> | null = null;

  /** `written` false: a new file, not on disk yet. */
  constructor(
    readonly file: string,
    data: T,
    private readonly onCommit: (data: T) => void,
    private written = true,
  ) {
    this.db = new Low<T>(new DurableJSONFile<T>(file), data);
    this.persisted = data;
  }

  get data(): T {
    return this.db.data;
  }

  /** Whether the file is on disk (false for a new file until its first write). */
  get onDisk(): boolean {
    return this.written;
  }

  /** Applies `fn` to a draft; if it throws nothing changes. Resolves when durable. */
  update<R>(fn: (draft: T, base: T) => R): Promise<R> {
    let result: R;
    try {
      const changed = change(this.db.data, fn);
      result = changed.result;
      this.db.data = changed.next;
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ resolve: () => resolve(result), reject });
      this.writing ??= this.drain();
    });
  }

  /** Writes the current data as it is (used after a migration). */
  save(): Promise<void> {
    return this.update(() => undefined);
  }

  /** Resolves when every update made so far is on disk (or failed). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing.catch(() => undefined);
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length) {
        const batch = this.waiting;
        this.waiting = [];
        const snapshot = this.db.data;
        try {
          await this.db.write();
        } catch (e) {
          const undone = await this.undo(e);
          // Everything applied since the last good write is lost: memory returns to the disk's state.
          const failed = [...batch, ...this.waiting];
          this.waiting = [];
          if (undone) this.db.data = this.persisted;
          else this.commit((this.db.data = snapshot));
          const error = new StoreWriteError(this.file, e);
          for (const w of failed) w.reject(error);
          continue;
        }
        this.commit(snapshot);
        for (const w of batch) w.resolve();
      }
    } finally {
      this.writing = null;
    }
  }

  private commit(snapshot: T): void {
    this.persisted = snapshot;
    this.written = true;
    this.onCommit(snapshot);
  }

  /**
   * After a failed write, puts the disk back to the last good version (or no file, for a
   * new one). False when the failed write's file stayed on disk, which memory then takes.
   */
  private async undo(error: unknown): Promise<boolean> {
    if (!(error instanceof FolderSyncError)) return true; // the file was never replaced
    try {
      if (this.written) await writeDurably(this.file, jsonParts(this.persisted));
      else await rm(this.file, { force: true });
    } catch (e) {
      // A folder fsync failing again leaves the disk undone, only not known to be durable.
      if (!(e instanceof FolderSyncError)) return false;
    }
    if (!this.written) await fsyncDir(path.dirname(this.file)).catch(() => undefined);
    return true;
  }
}

/**
 * One data file in memory. Reads come from memory. An update copies the data, applies the
 * change to the copy, makes the copy current and resolves once a write that includes it
 * is durable on disk. Writes of one file are serialized and coalesced. When a write fails,
 * memory goes back to what is on disk and every update not yet on disk fails with it, so
 * memory and disk always agree.
 */
import { Low } from 'lowdb';
import { DurableJSONFile } from './durable-file.ts';

/** A write to disk failed: nothing of the change was kept, in memory or on disk. */
export class StoreWriteError extends Error {
  constructor(readonly file: string, override readonly cause: unknown) {
    super(`writing ${file} failed: ${(cause as Error)?.message ?? cause}`);
    this.name = 'StoreWriteError';
  }
}

interface Waiter {
  resolve: () => void;
  reject: (e: unknown) => void;
}

export class Shard<T extends object> {
  private readonly db: Low<T>;
  private persisted: T;
  private waiting: Waiter[] = [];
  private writing: Promise<void> | null = null;

  constructor(readonly file: string, data: T, private readonly onCommit: (data: T) => void) {
    this.db = new Low<T>(new DurableJSONFile<T>(file), data);
    this.persisted = data;
  }

  get data(): T {
    return this.db.data;
  }

  /** Applies `fn` to a copy; if it throws nothing changes. Resolves when durable. */
  update<R>(fn: (draft: T) => R): Promise<R> {
    const draft = structuredClone(this.db.data);
    let result: R;
    try {
      result = fn(draft);
    } catch (e) {
      return Promise.reject(e);
    }
    this.db.data = draft;
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
          // Everything applied since the last good write is lost: memory returns to the disk's state.
          const failed = [...batch, ...this.waiting];
          this.waiting = [];
          this.db.data = this.persisted;
          const error = new StoreWriteError(this.file, e);
          for (const w of failed) w.reject(error);
          continue;
        }
        this.persisted = snapshot;
        this.onCommit(snapshot);
        for (const w of batch) w.resolve();
      }
    } finally {
      this.writing = null;
    }
  }
}

/**
 * The embedded store: one lowdb JSON file per cell plus a small index, all loaded at start
 * and kept in memory; every change is written durably before it is acknowledged.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { CorruptFileError, DurableJSONFile } from './durable-file.ts';
import { ShardFile } from './shard.ts';
import { DuplicateUpdateError, INDEX_SHARD, StoreWriteError, type CommitListener, type OutboxListener, type InviteRef, type OutboxMark, type StoragePort } from './port.ts';
import { holdRank, migrate, newIndexFile, MIGRATIONS, SCHEMA_VERSION, type CellFile, type IndexFile, type Migration } from './schema.ts';
import { dailyBackup, newestBackupOf } from './backup.ts';
import { isRunning, lockDataDir, type DataDirLock } from './lock.ts';
import { mapLimit } from '../concurrency.ts';
import type { LocalDate } from '../core/time.ts';
import { markItem, type OutboxItem } from '../core/notices.ts';
import type { Cell, Member } from '../core/members.ts';

/** How many handled update ids each file remembers. */
const REMEMBERED_UPDATES = 64;
/** How many update ids are remembered in memory across all files. */
const MEMORY_UPDATES = 20_000;

export class DataFileError extends Error {
  /** For 'duplicate', `backup` is the other file holding the same cell. */
  constructor(
    readonly file: string,
    readonly backup: string | undefined,
    readonly reason: 'corrupt' | 'newer' | 'duplicate',
  ) {
    super(
      reason === 'corrupt'
        ? `Không đọc được tệp dữ liệu ${file} (tệp bị hỏng). Bản sao lưu mới nhất: ${backup ?? 'không có'}. Không tệp nào bị ghi đè. / Cannot parse data file ${file}; newest backup: ${backup ?? 'none'}; nothing was overwritten.`
        : reason === 'duplicate'
          ? `Hai tệp ${backup} và ${file} cùng chứa một chi bộ; hãy giữ lại một tệp. Không tệp nào bị ghi đè. / ${backup} and ${file} hold the same cell; keep one of them. Nothing was overwritten.`
          : `Tệp ${file} được ghi bởi phiên bản mới hơn của chibo-bot; hãy cập nhật chương trình. / ${file} was written by a newer chibo-bot; update the program.`,
    );
  }
}

/** The parts of a cell's data that cellVersions() ignores: the queued messages and the stored update ids. */
const UNVERSIONED = new Set(['outbox', 'processedUpdates']);

/** Whether a cell's data changed beyond its unversioned parts (an update shares every part it did not change, see draft.ts). */
function versionedChange(before: CellFile, after: CellFile): boolean {
  const a = before as unknown as Record<string, unknown>;
  const b = after as unknown as Record<string, unknown>;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) if (!UNVERSIONED.has(k) && a[k] !== b[k]) return true;
  return false;
}

/** A temporary file of a write (`.<name>.<pid>.<n>.tmp`, `.lock.<pid>.tmp`): the pid that made it. */
function tmpOwner(name: string): number | undefined {
  const m = /\.(\d+)(?:\.[^.]+)?\.tmp$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

export interface StoreOptions {
  dir: string;
  /** Today in Vietnam, for the backup taken before a migration. */
  today: LocalDate;
  migrations?: readonly Migration[];
  schemaVersion?: number;
}

export { INDEX_SHARD } from './port.ts';

/** One handling of an update (`runForUpdate`), told apart from another of the same id by identity. */
interface Handling {
  updateId: number;
}

/** The handling of an id found in the files at start: any handling now is another one. */
const LOADED: Handling = { updateId: -1 };

export class Store implements StoragePort {
  private indexShard!: ShardFile<IndexFile>;
  private readonly cellShards = new Map<string, ShardFile<CellFile>>();
  private readonly userCell = new Map<number, string>();
  private readonly inviteCell = new Map<string, InviteRef>();
  /** Update ids claimed (a duplicate delivery is refused at the door). */
  private readonly recentUpdates = new Set<number>();
  /** Update ids whose handling wrote, each with that handling (LOADED: read from the files). */
  private readonly storedUpdates = new Map<number, Handling>();
  private readonly listeners: CommitListener[] = [];
  private readonly op = new AsyncLocalStorage<Handling>();
  /** The tail of each `exclusive` key's queue. */
  private readonly exclusives = new Map<string, Promise<void>>();
  private lock: DataDirLock | undefined;
  /** Each cell's version (see cellVersions), all drawn from one counter: no value repeats in this process. */
  private readonly versions = new Map<string, number>();
  private lastVersion = 0;

  private constructor(readonly dir: string) {}

  /** Loads the data folder, which this store holds locked until `close()` (or the process exits). */
  static async open(opts: StoreOptions): Promise<Store> {
    const store = new Store(opts.dir);
    try {
      await store.load(opts);
    } catch (e) {
      await store.lock?.release();
      throw e;
    }
    return store;
  }

  /** Waits for the writes in flight and frees the data folder for another process. */
  async close(): Promise<void> {
    await this.flush();
    await this.lock?.release();
  }

  // ---- reads (from memory, answered at once) ----

  index(): Promise<IndexFile> {
    return Promise.resolve(this.indexShard.data);
  }

  cell(id: string): Promise<CellFile | undefined> {
    return Promise.resolve(this.cellNow(id));
  }

  cellIds(): Promise<string[]> {
    return Promise.resolve([...this.cellShards.keys()]);
  }

  /** The cell a Telegram user belongs to (as member, applicant or pending). */
  cellOfUser(tgId: number): Promise<string | undefined> {
    return Promise.resolve(this.userCell.get(tgId));
  }

  invite(code: string): Promise<InviteRef | undefined> {
    return Promise.resolve(this.inviteCell.get(code));
  }

  cellOfGroup(chatId: number): Promise<string | undefined> {
    for (const [id, shard] of this.cellShards) if (shard.data.cell.groupChatId === chatId) return Promise.resolve(id);
    return Promise.resolve(undefined);
  }

  cellMembers(id: string): Promise<Readonly<Record<string, Member>> | undefined> {
    return Promise.resolve(this.cellNow(id)?.members);
  }

  cellInfos(): Promise<Cell[]> {
    return Promise.resolve([...this.cellShards.values()].map((s) => s.data.cell));
  }

  /** In memory only: set when a cell is loaded or created, bumped by each commit that changed its versioned parts. */
  cellVersions(): Promise<Map<string, number>> {
    return Promise.resolve(new Map(this.versions));
  }

  /** The file that holds a user's dialogs: their cell's, or the index for users of no cell. */
  shardOfUser(tgId: number): Promise<string> {
    return Promise.resolve(this.userCell.get(tgId) ?? INDEX_SHARD);
  }

  shard(shardId: string): Promise<CellFile | IndexFile | undefined> {
    return Promise.resolve(this.shardNow(shardId));
  }

  // ---- writes ----

  updateCell<R>(id: string, fn: (draft: CellFile, base: CellFile) => R): Promise<R> {
    const shard = this.cellShards.get(id);
    if (!shard) return Promise.reject(new Error(`unknown cell ${id}`));
    return this.stamped(shard, fn).catch((e: unknown) => {
      // Memory went back to the disk's data, which reads may have seen changed meanwhile: a new version.
      if (e instanceof StoreWriteError) this.bumpVersion(id);
      throw e;
    });
  }

  updateIndex<R>(fn: (draft: IndexFile, base: IndexFile) => R): Promise<R> {
    return this.stamped(this.indexShard, fn);
  }

  /** Updates the shard that holds `shardId` (a cell id or INDEX_SHARD) through their common part. */
  updateShard<R>(shardId: string, fn: (draft: CellFile | IndexFile, base: CellFile | IndexFile) => R): Promise<R> {
    return shardId === INDEX_SHARD ? this.updateIndex(fn) : this.updateCell(shardId, fn);
  }

  async createCell(file: CellFile): Promise<void> {
    const target = path.join(this.dir, 'cells', `${file.cell.id}.json`);
    if (this.cellShards.has(file.cell.id) || [...this.cellShards.values()].some((s) => s.file === target)) throw new Error(`cell ${file.cell.id} exists`);
    const shard = this.makeCellShard(target, file, false);
    this.cellShards.set(file.cell.id, shard);
    this.reindexCell(undefined, file);
    try {
      await shard.save();
    } catch (e) {
      // Unless its file stayed on disk (see ShardFile), the cell is gone again.
      if (!shard.onDisk) {
        this.cellShards.delete(file.cell.id);
        this.versions.delete(file.cell.id);
        this.reindexCell(file, undefined);
      }
      throw e;
    }
  }

  onCommit(listener: CommitListener): void {
    this.listeners.push(listener);
  }

  /** Every write is this process's (no other instance opens the folder). */
  onOutbox(listener: OutboxListener): void {
    this.onCommit((shardId, d) => listener(shardId, d.outbox.pending));
  }

  /** One process holds the data folder, so a queue per key in memory is enough. */
  async exclusive<R>(key: string, fn: () => Promise<R>): Promise<R> {
    const before = this.exclusives.get(key) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    const tail = before.then(() => mine);
    this.exclusives.set(key, tail);
    await before;
    try {
      return await fn();
    } finally {
      done();
      if (this.exclusives.get(key) === tail) this.exclusives.delete(key);
    }
  }

  // ---- the sender's marks (from memory; a mark is one durable write of its shard) ----

  /** Every shard's pending outbox items, oldest first (a shard's own in their order). */
  pendingOutbox(held: (shardId: string, key: string) => boolean = () => false): Promise<{ shardId: string; item: OutboxItem }[]> {
    const all = [INDEX_SHARD, ...this.cellShards.keys()].flatMap((shardId) =>
      (this.shardNow(shardId)?.outbox.pending ?? []).filter((item) => !held(shardId, item.key)).map((item) => ({ shardId, item })),
    );
    return Promise.resolve(all.sort((a, b) => (a.item.createdAt < b.item.createdAt ? -1 : a.item.createdAt > b.item.createdAt ? 1 : 0)));
  }

  /** Never 'busy': a write here waits its turn in the shard's queue. Nothing is written when there is nothing to mark. */
  async markOutbox(shardId: string, key: string, mark: OutboxMark, at: Date): Promise<OutboxItem | undefined | 'busy'> {
    const item = this.shardNow(shardId)?.outbox.pending.find((p) => p.key === key);
    if (!item || (mark === 'attempt' && item.attemptedAt)) return undefined;
    return this.updateShard(shardId, (d) => markItem(d.outbox, key, mark, at));
  }

  /** Only one process can open the data folder, so it holds every role. */
  holdsRole(_role: string): Promise<boolean> {
    return Promise.resolve(true);
  }

  /**
   * Runs `fn` as the handling of one Telegram update: every file it writes records the id. A
   * write of it rejects with DuplicateUpdateError, writing nothing, when another handling of
   * the same id has already written.
   */
  runForUpdate<R>(updateId: number, fn: () => Promise<R>): Promise<R> {
    return this.op.run({ updateId }, fn);
  }

  /** True the first time an update id is seen; false for a duplicate delivery (claimed, or its handling stored). */
  async claimUpdate(updateId: number): Promise<boolean> {
    if (this.recentUpdates.has(updateId) || this.storedUpdates.has(updateId)) return false;
    this.recentUpdates.add(updateId);
    if (this.recentUpdates.size > MEMORY_UPDATES) {
      const oldest = this.recentUpdates.values().next().value;
      if (oldest !== undefined) this.recentUpdates.delete(oldest);
    }
    return true;
  }

  async backup(today: LocalDate): Promise<string | undefined> {
    await this.flush();
    return dailyBackup(this.dir, today);
  }

  async flush(): Promise<void> {
    await Promise.all([this.indexShard.flush(), ...[...this.cellShards.values()].map((s) => s.flush())]);
  }

  // ---- internals ----

  private cellNow(id: string): CellFile | undefined {
    return this.cellShards.get(id)?.data;
  }

  private shardNow(shardId: string): CellFile | IndexFile | undefined {
    return shardId === INDEX_SHARD ? this.indexShard.data : this.cellNow(shardId);
  }

  /**
   * An update of a shard that, inside `runForUpdate`, records the update id in the same
   * write; refused (DuplicateUpdateError, nothing written) when another handling of the id wrote.
   */
  private stamped<T extends CellFile | IndexFile, R>(shard: ShardFile<T>, fn: (draft: T, base: T) => R): Promise<R> {
    const op = this.op.getStore();
    if (!op) return shard.update(fn);
    const owner = this.storedUpdates.get(op.updateId);
    if (owner !== undefined && owner !== op) return Promise.reject(new DuplicateUpdateError(op.updateId));
    const written = shard.update((d, base) => {
      const r = fn(d, base);
      this.stamp(d, op);
      return r;
    });
    if (owner === undefined) {
      this.rememberStored(op.updateId, op);
      written.catch(() => {
        // Nothing of the failed write was kept: the id is not stored either (unless the file stayed).
        if (this.storedUpdates.get(op.updateId) === op && !shard.data.processedUpdates.includes(op.updateId)) this.storedUpdates.delete(op.updateId);
      });
    }
    return written;
  }

  private rememberStored(updateId: number, handling: Handling): void {
    this.storedUpdates.set(updateId, handling);
    if (this.storedUpdates.size > MEMORY_UPDATES) {
      const oldest = this.storedUpdates.keys().next().value;
      if (oldest !== undefined) this.storedUpdates.delete(oldest);
    }
  }

  private stamp(d: CellFile | IndexFile, op: Handling): void {
    const ids = d.processedUpdates;
    if (!ids.includes(op.updateId)) {
      ids.push(op.updateId);
      if (ids.length > REMEMBERED_UPDATES) ids.splice(0, ids.length - REMEMBERED_UPDATES);
    }
  }

  private bumpVersion(cellId: string): void {
    this.versions.set(cellId, ++this.lastVersion);
  }

  /** A cell's shard, written back to the file it was read from; its version starts here. */
  private makeCellShard(file: string, data: CellFile, onDisk = true): ShardFile<CellFile> {
    let last = data;
    this.bumpVersion(data.cell.id);
    return new ShardFile<CellFile>(
      file,
      data,
      (d) => {
        if (versionedChange(last, d)) this.bumpVersion(d.cell.id);
        this.reindexCell(last, d);
        const before = last;
        last = d;
        for (const l of this.listeners) l(d.cell.id, d, before);
      },
      onDisk,
    );
  }

  /**
   * Keeps the user → cell and invite → cell maps in step with a cell's data. A user belongs
   * to the cell where they are a current member, else where they wait for approval, else
   * where they are applying; a member who left (transferred, removed, deceased) or was
   * refused belongs to no cell through that file, so another cell's invite is open to them.
   */
  private reindexCell(before: CellFile | undefined, after: CellFile | undefined): void {
    if (before) {
      for (const m of Object.values(before.members)) if (this.userCell.get(m.tgId) === before.cell.id) this.userCell.delete(m.tgId);
      this.inviteCell.delete(before.cell.inviteCode);
      if (before.cell.secretaryInvite) this.inviteCell.delete(before.cell.secretaryInvite);
    }
    if (after) {
      for (const m of Object.values(after.members)) {
        const rank = holdRank(m.state);
        if (rank === 0) continue;
        const other = this.userCell.get(m.tgId);
        const otherMember = other === undefined ? undefined : this.cellShards.get(other)?.data.members[String(m.tgId)];
        if (other === undefined || other === after.cell.id || rank > holdRank(otherMember?.state)) this.userCell.set(m.tgId, after.cell.id);
      }
      this.inviteCell.set(after.cell.inviteCode, { cellId: after.cell.id, kind: 'member' });
      if (after.cell.secretaryInvite) this.inviteCell.set(after.cell.secretaryInvite, { cellId: after.cell.id, kind: 'secretary' });
    }
  }

  private async load(opts: StoreOptions): Promise<void> {
    const cellsDir = path.join(this.dir, 'cells');
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    // Before anything is read or removed: a second process on the folder stops here.
    this.lock = await lockDataDir(this.dir);
    await mkdir(cellsDir, { recursive: true, mode: 0o700 });
    await mkdir(path.join(this.dir, 'backups'), { recursive: true, mode: 0o700 });

    const indexFile = path.join(this.dir, 'index.json');
    const names = (await readdir(cellsDir)).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
    // Leftovers of a write interrupted by a crash (the real file was never replaced): removed
    // when the process that made them is gone. Any other is still someone's write.
    for (const dir of [cellsDir, this.dir]) {
      const stale = (await readdir(dir)).filter((n) => n.endsWith('.tmp') && !isRunning(tmpOwner(n) ?? 0));
      await Promise.all(stale.map((n) => rm(path.join(dir, n), { force: true })));
    }

    const read = async <T>(file: string): Promise<T | null> => {
      try {
        return await new DurableJSONFile<T>(file).read();
      } catch (e) {
        if (e instanceof CorruptFileError) throw new DataFileError(file, await newestBackupOf(this.dir, file), 'corrupt');
        throw e;
      }
    };
    // Parse everything before touching anything, so a bad file stops the start with nothing written.
    const indexData = await read<IndexFile>(indexFile);
    // A few files at a time: reading every file at once would hold all their texts in memory together.
    const cells = await mapLimit(names, 4, async (n) => ({ file: path.join(cellsDir, n), data: await read<CellFile>(path.join(cellsDir, n)) }));
    const fileOf = new Map<string, string>();
    for (const { file, data } of cells) {
      if (!data) continue; // removed while the folder was read
      const other = fileOf.get(data.cell.id);
      if (other) throw new DataFileError(file, other, 'duplicate');
      fileOf.set(data.cell.id, file);
    }

    const migrations = opts.migrations ?? MIGRATIONS;
    const version = opts.schemaVersion ?? SCHEMA_VERSION;
    // Before a migration rewrites files, today's backup keeps them as they were. Otherwise
    // the daily backup is the scheduler's first job, after the bot already answers.
    const outdated = [indexData, ...cells.map((c) => c.data)].some((d) => d && (d.schemaVersion ?? 0) < version);
    if (outdated) await dailyBackup(this.dir, opts.today);

    const migrateOrStop = (data: { schemaVersion?: number }, kind: 'cell' | 'index', file: string) => {
      try {
        return migrate(data, kind, file, migrations, version);
      } catch (_e) {
        throw new DataFileError(file, undefined, 'newer');
      }
    };

    const index = indexData ?? newIndexFile();
    const indexChanged = migrateOrStop(index, 'index', indexFile) || indexData === null;
    let lastIndex = index;
    this.indexShard = new ShardFile<IndexFile>(
      indexFile,
      index,
      (d) => {
        const before = lastIndex;
        lastIndex = d;
        for (const l of this.listeners) l(INDEX_SHARD, d, before);
      },
      indexData !== null,
    );
    for (const id of index.processedUpdates) this.rememberStored(id, LOADED);

    // Every file is migrated in memory before any is written: a file that stops the start leaves all as they were.
    const changed: { save(): Promise<void> }[] = indexChanged ? [this.indexShard] : [];
    for (const { file, data } of cells) {
      if (!data) continue;
      const migrated = migrateOrStop(data, 'cell', file);
      const shard = this.makeCellShard(file, data);
      if (migrated) changed.push(shard);
      this.cellShards.set(data.cell.id, shard);
      this.reindexCell(undefined, data);
      for (const id of data.processedUpdates) this.rememberStored(id, LOADED);
    }
    await Promise.all(changed.map((s) => s.save()));
  }
}

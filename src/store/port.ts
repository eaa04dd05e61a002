/**
 * The storage port: everything services may ask of a storage engine. The lowdb files
 * (store.ts) implement it today; a second engine (PostgreSQL, say) implements the same
 * interface and passes the same contract tests (test/store/contract.ts), with no change to
 * services, features or core.
 *
 * A "shard" is one unit of atomic writes: a cell (by its id) or the index (INDEX_SHARD),
 * which holds what belongs to no cell (admins, the dialogs and notices of users of no cell).
 */
import type { LocalDate } from '../core/time.ts';
import type { CellFile, IndexFile } from './schema.ts';

export type { CellFile, IndexFile, ShardData } from './schema.ts';

/** The id of the index's shard (a cell id never starts with '#'). */
export const INDEX_SHARD = '#index';

/**
 * A write failed: nothing of the change was kept, in memory or in storage, and every
 * change not yet stored failed with it. Every engine rejects with this (`file`: where).
 */
export class StoreWriteError extends Error {
  constructor(
    readonly file: string,
    override readonly cause: unknown,
  ) {
    super(`writing ${file} failed: ${(cause as Error)?.message ?? cause}`);
    this.name = 'StoreWriteError';
  }
}

/** Which cell an invite code opens, and as what. */
export interface InviteRef {
  cellId: string;
  kind: 'member' | 'secretary';
}

/** Told of every committed write: the shard and its data as now stored (the outbox feed). */
export type CommitListener = (shardId: string, data: CellFile | IndexFile) => void;

export interface StoragePort {
  // ---- reads: the last committed (or being committed) data, never to be changed in place

  /** A cell's data, undefined for an unknown id. */
  cell(id: string): CellFile | undefined;
  /** Every cell's id. */
  cellIds(): string[];
  /** The index's data. */
  readonly indexData: IndexFile;
  /** A cell's data by id, or the index's for INDEX_SHARD. */
  shard(shardId: string): CellFile | IndexFile | undefined;
  /**
   * The cell a Telegram user belongs to: where they are a current member, else where they
   * wait for approval, else where they are applying; none for a member who left or was refused.
   */
  cellOfUser(tgId: number): string | undefined;
  /** The cell an invite code (member or secretary) opens. */
  invite(code: string): InviteRef | undefined;
  /** The shard that holds a user's dialogs and private notices: their cell's, or INDEX_SHARD. */
  shardOfUser(tgId: number): string;

  // ---- writes: `fn` changes a draft; if it throws nothing changes; resolves with its result once durable
  // (the outbox's marks — attempted, released, settled — are such updates, made by the outbox service)

  updateCell<R>(id: string, fn: (draft: CellFile) => R): Promise<R>;
  updateIndex<R>(fn: (draft: IndexFile) => R): Promise<R>;
  /** Updates a cell or the index (INDEX_SHARD) through their common part. */
  updateShard<R>(shardId: string, fn: (draft: CellFile | IndexFile) => R): Promise<R>;
  /** Adds a new cell; rejects when its id is taken. */
  createCell(file: CellFile): Promise<void>;

  // ---- updates from Telegram

  /** True the first time an update id is seen; false for a duplicate delivery. */
  claimUpdate(updateId: number): boolean;
  /** Runs `fn` as the handling of one update: every shard it writes remembers the id (so a restart still knows it). */
  runForUpdate<R>(updateId: number, fn: () => Promise<R>): Promise<R>;

  // ---- the outbox feed

  /** Calls `listener` after each committed write (the outbox sender and the command menus follow it). */
  onCommit(listener: CommitListener): void;

  // ---- housekeeping

  /** Today's copy of all data (kept for some days); resolves with where it is, if one was made. */
  backup(today: LocalDate): Promise<string | undefined>;
}

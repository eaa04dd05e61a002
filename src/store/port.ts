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
import type { OutboxItem } from '../core/notices.ts';
import type { Cell, Member } from '../core/members.ts';
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

/** The update an `exclusive` handling is for: its id and, when it has one, its sender's Telegram id. */
export interface UpdateAhead {
  id: number;
  from?: number;
}

/** Which cell an invite code opens, and as what. */
export interface InviteRef {
  cellId: string;
  kind: 'member' | 'secretary';
}

/**
 * Told of every committed write: the shard, its data as now stored, and the data the write
 * started from (undefined for a new cell). Parts a write left alone are the same objects in both.
 */
export type CommitListener = (shardId: string, data: CellFile | IndexFile, before: CellFile | IndexFile | undefined) => void;

/** Told of a shard's pending outbox items as now stored. */
export type OutboxListener = (shardId: string, pending: readonly OutboxItem[]) => void;

export interface StoragePort {
  // ---- reads: the last committed data, never to be changed in place. Asynchronous, so that
  // an engine may fetch from a server (PostgreSQL) instead of holding every cell in memory.

  /** A cell's data, undefined for an unknown id. */
  cell(id: string): Promise<CellFile | undefined>;
  /** Every cell's id. */
  cellIds(): Promise<string[]>;
  /** The index's data. */
  index(): Promise<IndexFile>;
  /** A cell's data by id, or the index's for INDEX_SHARD. */
  shard(shardId: string): Promise<CellFile | IndexFile | undefined>;
  /**
   * The cell a Telegram user belongs to: where they are a current member, else where they
   * wait for approval, else where they are applying; none for a member who left or was refused.
   */
  cellOfUser(tgId: number): Promise<string | undefined>;
  /** The cell an invite code (member or secretary) opens. */
  invite(code: string): Promise<InviteRef | undefined>;
  /** The cell that linked a Telegram group (one cell per group). */
  cellOfGroup(chatId: number): Promise<string | undefined>;
  /** A cell's member records (any state) without the rest of its data (a sweep over every cell's roles); undefined for an unknown id. */
  cellMembers(id: string): Promise<Readonly<Record<string, Member>> | undefined>;
  /** Every cell's own record (name, committee above, creator, group…), without the rest of its data. */
  cellInfos(): Promise<Cell[]>;
  /** The shard that holds a user's dialogs and private notices: their cell's, or INDEX_SHARD. */
  shardOfUser(tgId: number): Promise<string>;
  /**
   * Every cell's version of what the planners read: a number that changes with every
   * write that changes the cell's data beyond its outbox and its stored update ids (the
   * sender's marks and the queued messages leave it as it is). Cheap: no cell is loaded.
   */
  cellVersions(): Promise<Map<string, number>>;

  // ---- writes: `fn` changes a draft; if it throws nothing changes; resolves with its result once durable
  // (the outbox's marks — attempted, released, settled — are such updates, made by the outbox service).
  // `base` is the version the draft was made from, to read and never to change: a walk over a large
  // collection there (a year of payments) makes no draft of each entry it reads, as the draft would.

  updateCell<R>(id: string, fn: (draft: CellFile, base: CellFile) => R): Promise<R>;
  updateIndex<R>(fn: (draft: IndexFile, base: IndexFile) => R): Promise<R>;
  /** Updates a cell or the index (INDEX_SHARD) through their common part. */
  updateShard<R>(shardId: string, fn: (draft: CellFile | IndexFile, base: CellFile | IndexFile) => R): Promise<R>;
  /** Adds a new cell; rejects when its id is taken. */
  createCell(file: CellFile): Promise<void>;

  // ---- updates from Telegram

  /** True unless the update id is known as handled (a duplicate delivery). */
  claimUpdate(updateId: number): Promise<boolean>;
  /**
   * Runs `fn` as the handling of one update: every write it makes records the id in the
   * same atomic write as its effect (so a restart, or another instance, still knows it).
   * Rejects with DuplicateUpdateError when another handling of the same id got there first.
   */
  runForUpdate<R>(updateId: number, fn: () => Promise<R>): Promise<R>;
  /**
   * Runs `fn` while no other `exclusive(key)` runs, in this process or (for a shared
   * engine) in any other instance: updates of one chat keep their effects in order.
   * `update` names the update `fn` handles: an engine may read its first answers (whether
   * the id is handled, the sender's cell) together with the lock.
   */
  exclusive<R>(key: string, fn: () => Promise<R>, update?: UpdateAhead): Promise<R>;

  // ---- the feeds

  /** Calls `listener` after each committed write of this process (the command menus follow it). */
  onCommit(listener: CommitListener): void;
  /**
   * Calls `listener` with a shard's pending outbox items after each write that may have
   * changed them — this process's, and on a shared engine other instances' too (the sender's feed).
   * `others`: whether other instances' changes are wanted now (default always); on a shared
   * engine each costs a read of the shard's pending items.
   */
  onOutbox(listener: OutboxListener, others?: () => boolean): void;

  // ---- the sender's marks (written without reading the shard: a fan-out touches thousands of cells)

  /**
   * Every shard's pending outbox items, oldest first (the sender's start and its sweep),
   * except those `held` says the caller has already: on a shared engine their data is not read.
   */
  pendingOutbox(held?: (shardId: string, key: string) => boolean): Promise<{ shardId: string; item: OutboxItem }[]>;
  /**
   * Marks one pending item: 'attempt' before its send (attempts + 1, attemptedAt), 'release'
   * to retry it later (attemptedAt cleared), 'settle' when sent or given up (no longer
   * pending, its key remembered as sent). Resolves with the item as now stored; undefined
   * when it is not pending (any more) or — for 'attempt' — already attempted; 'busy' when
   * the shard is being written just then (the claim takes the shard's row with SKIP
   * LOCKED: the sender never waits behind a cell's write; it tries the item again shortly).
   */
  markOutbox(shardId: string, key: string, mark: OutboxMark, at: Date): Promise<OutboxItem | undefined | 'busy'>;

  // ---- one instance at a time

  /**
   * Whether this process holds the role ('planner', 'sender') now, taking it when it is free.
   * Always true for an engine only one process can open; on a shared engine a role is held
   * by one instance until it stops or dies, then the next instance to ask takes it over.
   */
  holdsRole(role: string): Promise<boolean>;

  // ---- housekeeping

  /** Today's copy of all data (kept for some days); resolves with where it is, if one was made. */
  backup(today: LocalDate): Promise<string | undefined>;
  /** Waits for the writes in flight and frees what the engine holds (locks, connections). */
  close(): Promise<void>;
}

export type OutboxMark = 'attempt' | 'release' | 'settle';

/** Another handling of the same update id (a redelivery, on this or another instance) has its effect stored. */
export class DuplicateUpdateError extends Error {
  constructor(readonly updateId: number) {
    super(`update ${updateId} was already handled`);
    this.name = 'DuplicateUpdateError';
  }
}

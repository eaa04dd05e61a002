/**
 * The PostgreSQL engine (DATABASE_URL set): the same storage port as the files, for a
 * deployment of many cells served by several instances.
 *
 * - A write is one transaction: the shard's row is locked (FOR UPDATE), the shard is read
 *   at that revision, the change is applied to a draft, and only the rows that changed are
 *   written (rows.ts), with the invariant tables and the handled update id — so two
 *   instances never interleave inside one cell, and a crash keeps all or nothing.
 * - Reads come from a bounded cache of shards, checked against the shard's revision (one
 *   indexed lookup) and brought up to date with the rows written since: nothing is loaded
 *   at start, and an instance holds only the cells it is serving now.
 * - Roles (the planner, the sender) and per-chat order are advisory locks held by a
 *   connection: when an instance dies its connections close and another takes over.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import postgres, { type Sql, type TransactionSql } from 'postgres';
import { change } from '../draft.ts';
import { DuplicateUpdateError, INDEX_SHARD, StoreWriteError, type CommitListener, type InviteRef, type OutboxListener, type OutboxMark, type StoragePort, type UpdateAhead } from '../port.ts';
import { markItem, type OutboxItem } from '../../core/notices.ts';
import type { Cell, Member } from '../../core/members.ts';
import { holdRank, migrate, newIndexFile, SCHEMA_VERSION, type CellFile, type IndexFile } from '../schema.ts';
import { join, parseRowId, ROOT, rowId, split, type Layout } from './rows.ts';
import { migrateDatabase } from './migrations.ts';
import type { LocalDate } from '../../core/time.ts';

type ShardData = CellFile | IndexFile;
/** Where statements go: the pool, a transaction of postgres' `begin`, or a session of its own. */
type Statements = Sql | TransactionSql;

/** A row as the cache holds it: no text of it is kept (a cell's year would be held twice). */
interface Row {
  /** The value as split from the cached data: compared by identity, then by its JSON. */
  value: unknown;
  pos: number;
}

interface Cached {
  rev: number;
  data: ShardData;
  rows: Map<string, Row>;
}

interface Op {
  updateId: number;
  /** This handling's id is stored (by its first write). */
  claimed: boolean;
  /** Shards already checked against the database during this update. */
  fresh: Set<string>;
  /** Users' cells as read during this update, until its next write (which may change them). */
  users: Map<number, string | undefined>;
}

/** The session an `exclusive` handling holds its chat's lock on, lent to the handling's writes one at a time while it runs. */
interface Held {
  session: Sql;
  open: boolean;
  tail: Promise<unknown>;
  /** The handled update's first answers, read on the session right after the lock (each taken once). */
  ahead?: Ahead;
}

interface Ahead {
  updateId: number;
  known?: Promise<boolean>;
  from?: number;
  user?: Promise<UserRow | undefined>;
}

/** A user's cell with that cell's and the index's revisions (one statement: see cellOfUser). */
type UserRow = { cell_id: string | null; cell_rev: string | null; index_rev: string | null };

/** A query's promise whose failure is also kept for whoever takes it later (none may). */
function kept<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

export interface PgStoreOptions {
  url: string;
  /** Connections for reads and writes. */
  poolSize?: number;
  /** Connections that hold advisory locks (chats being handled, roles). */
  lockPoolSize?: number;
  /** How many shards the cache keeps (default 100: more than the chats a busy minute has at once; 64 and 300 measured the same throughput, 300 at 250 MB more RSS). */
  cacheShards?: number;
}

/** A write's outcome, told after the commit. */
interface Written<R> {
  result: R;
  cached: Cached;
  changed: boolean;
  outbox: boolean;
  /** The data the write started from. */
  before?: ShardData;
}

/** Thrown from inside a transaction by the caller's change: passed on as it is, not as a write failure. */
class ChangeError {
  constructor(readonly error: unknown) {}
}

/**
 * The statement that writes rows (id, JSON) at `rev`: new, changed or revived (a revived row
 * goes last, as a new one); it returns each row's kind, key and position, in no promised order.
 */
function upsertRows(tx: Statements, shardId: string, rev: number, rows: readonly [string, string][]) {
  const ids = rows.map(([id]) => parseRowId(id));
  return tx`
    INSERT INTO docs AS d (shard_id, kind, key, rev, data)
    SELECT ${shardId}, t.kind, t.key, ${rev}, t.json::json
    FROM unnest(${ids.map((i) => i.kind)}::text[], ${ids.map((i) => i.key)}::text[], ${rows.map((r) => r[1])}::text[]) WITH ORDINALITY AS t(kind, key, json, n)
    ORDER BY t.n
    ON CONFLICT (shard_id, kind, key) DO UPDATE SET rev = excluded.rev, data = excluded.data,
      pos = CASE WHEN d.data IS NULL THEN excluded.pos ELSE d.pos END
    RETURNING kind, key, pos`;
}

const NOTIFY = 'chibo_outbox';
/** The row kinds of a shard's outbox: a write of these alone leaves the shard's data_rev (see cellVersions). */
const OUTBOX_KINDS = new Set(['outbox', 'sent']);
/** The namespaces of our advisory locks (the two-key form): a chat's hash never meets a role's. */
const LOCK_ROLE = 1;
const LOCK_CHAT = 2;

/** A shard's row as fetched with its revision (the row's fields null when the shard has none in the query). */
type Fetched = { rev: string; floor_rev: string; kind: string | null; key: string; pos: string; json: string | null };

/** The live rows of a fetch, in their insertion order. */
function rowsOf(fetched: readonly Fetched[]): Map<string, Row> {
  const live = fetched.filter((r) => r.kind !== null && r.json !== null).sort((a, b) => Number(a.pos) - Number(b.pos));
  return new Map(live.map((r) => [rowId(r.kind!, r.key), { value: JSON.parse(r.json!) as unknown, pos: Number(r.pos) }]));
}

/**
 * Sessions of their own for advisory locks held across statements, each a client of one
 * connection, lent one call at a time. Not the pool's reserved connections: with postgres
 * 3.4.9 a reserved connection whose server session dies throws outside any promise on its
 * next query (porsager/postgres#1208) and stops the process; a client of one connection
 * reconnects instead (its locks are gone then, as the server freed them).
 */
class LockSessions {
  private readonly free: Sql[] = [];
  private readonly all: Sql[] = [];
  private readonly waiting: ((s: Sql) => void)[] = [];

  constructor(
    private readonly connect: () => Sql,
    private readonly max: number,
  ) {}

  async use<R>(fn: (session: Sql) => Promise<R>): Promise<R> {
    let session = this.free.pop();
    if (!session && this.all.length < this.max) this.all.push((session = this.connect()));
    session ??= await new Promise<Sql>((resolve) => this.waiting.push(resolve));
    try {
      return await fn(session);
    } finally {
      const next = this.waiting.shift();
      if (next) next(session);
      else this.free.push(session);
    }
  }

  async end(): Promise<void> {
    await Promise.all(this.all.map((s) => s.end({ timeout: 5 })));
  }
}
const MEMORY_UPDATES = 20_000;
/** Walked shards kept (the planner walks 8 cells at a time). */
const WALKED = 16;

/** Runs `fn` after the calls before it with the same key (a chain per key, forgotten when it ends). */
function inTurn<R>(tails: Map<string, Promise<unknown>>, key: string, fn: () => Promise<R>): Promise<R> {
  const run = (tails.get(key) ?? Promise.resolve()).then(fn);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}

function layoutOf(shardId: string): Layout {
  return shardId === INDEX_SHARD ? 'index' : 'cell';
}

export class PgStore implements StoragePort {
  private readonly sql: Sql;
  /** Sessions that hold a chat's lock while its update is handled. */
  private readonly locks: LockSessions;
  private readonly connect: () => Sql;
  private readonly cache = new Map<string, Cached>();
  /** Shards read or written outside an update and not cached (the planner's walk): a walk's write builds on its read instead of loading the cell again. */
  private readonly walked = new Map<string, Cached>();
  private readonly cacheSize: number;
  private readonly op = new AsyncLocalStorage<Op>();
  private readonly held = new AsyncLocalStorage<Held>();
  /** The pipelined transactions running (their sessions are not the pool's: close waits for them itself). */
  private readonly writing = new Set<Promise<unknown>>();
  private readonly listeners: CommitListener[] = [];
  private readonly outboxListeners: OutboxListener[] = [];
  private readonly othersWanted: (() => boolean)[] = [];
  private listening: Promise<unknown> | undefined;
  private readonly remoteQueue = new Set<string>();
  private remoteDraining = false;
  /** One session of its own per role: the role is its advisory lock, held as long as the session lives. */
  private readonly roles = new Map<string, Sql>();
  private readonly roleAsks = new Map<string, Promise<boolean>>();
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly markTails = new Map<string, Promise<unknown>>();
  private readonly seen = new Set<number>();
  private readonly instance = randomBytes(6).toString('hex');
  private closed = false;
  /** The rows this instance fetched of shards' data (the bench and the tests read it). */
  readonly stats = { rowsFetched: 0 };

  private constructor(opts: PgStoreOptions) {
    const common = {
      onnotice: () => undefined,
      connect_timeout: 10,
      // The server notices a dead instance (a machine gone, not only a killed process) within ~25 s and frees its locks.
      connection: { application_name: process.env.PGAPPNAME || 'chibo-bot', tcp_keepalives_idle: 10, tcp_keepalives_interval: 5, tcp_keepalives_count: 3, tcp_user_timeout: 25_000 },
    } as const;
    this.sql = postgres(opts.url, { ...common, idle_timeout: 60, max: opts.poolSize ?? 10 });
    // A lock lives as long as its session: these connections never close for idleness.
    this.connect = () => postgres(opts.url, { ...common, idle_timeout: 0, max: 1 });
    this.locks = new LockSessions(this.connect, opts.lockPoolSize ?? 24);
    this.cacheSize = opts.cacheShards ?? 100;
  }

  /** Connects, applies the migrations not yet applied (once across instances), and makes the index. Loads no cell. */
  static async open(opts: PgStoreOptions): Promise<PgStore> {
    const store = new PgStore(opts);
    try {
      await migrateDatabase(store.sql);
      await store.sql.begin(async (tx) => {
        const made = await tx`INSERT INTO shards (id, rev, schema_version) VALUES (${INDEX_SHARD}, 1, ${SCHEMA_VERSION}) ON CONFLICT DO NOTHING RETURNING id`;
        if (made.length)
          await store.insertRows(
            tx,
            INDEX_SHARD,
            1,
            [...split('index', newIndexFile())].map(([id, v]) => [id, JSON.stringify(v)]),
          );
      });
    } catch (e) {
      await store.close();
      throw e;
    }
    return store;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const roles = [...this.roles.values()];
    this.roles.clear();
    // As long as the pool waits for its queries (sql.end's timeout).
    await Promise.race([Promise.all(this.writing), new Promise((r) => setTimeout(r, 5000).unref())]);
    await Promise.all([this.sql.end({ timeout: 5 }), this.locks.end(), ...roles.map((r) => r.end({ timeout: 5 }))]);
  }

  // ---- reads ----

  async cell(id: string): Promise<CellFile | undefined> {
    if (id === INDEX_SHARD) return undefined;
    return (await this.read(id))?.data as CellFile | undefined;
  }

  async cellIds(): Promise<string[]> {
    const rows = await this.sql<{ id: string }[]>`SELECT id FROM shards WHERE id <> ${INDEX_SHARD} ORDER BY created_at, id`;
    return rows.map((r) => r.id);
  }

  async index(): Promise<IndexFile> {
    return (await this.read(INDEX_SHARD))!.data as IndexFile;
  }

  async shard(shardId: string): Promise<ShardData | undefined> {
    return (await this.read(shardId))?.data;
  }

  /**
   * Read once per update (until its next write). With the revisions of that cell and of the
   * index: the update's first reads of them (who is asking, whether an admin) need no
   * statement of their own when the cache holds them current.
   */
  async cellOfUser(tgId: number): Promise<string | undefined> {
    const op = this.op.getStore();
    if (op?.users.has(tgId)) return op.users.get(tgId);
    const ahead = this.held.getStore()?.ahead;
    let r: UserRow | undefined;
    if (ahead?.user && ahead.from === tgId) {
      r = await ahead.user;
      ahead.user = undefined;
    } else r = await this.userRow(this.sql, tgId);
    const cellId = r?.cell_id ?? undefined;
    if (op) {
      op.users.set(tgId, cellId);
      this.checked(op, INDEX_SHARD, r?.index_rev);
      if (cellId) this.checked(op, cellId, r?.cell_rev);
    }
    return cellId;
  }

  async invite(code: string): Promise<InviteRef | undefined> {
    const [r] = await this.sql<{ cell_id: string; kind: InviteRef['kind'] }[]>`SELECT cell_id, kind FROM invites WHERE code = ${code}`;
    return r ? { cellId: r.cell_id, kind: r.kind } : undefined;
  }

  async cellOfGroup(chatId: number): Promise<string | undefined> {
    const [r] = await this.sql<{ cell_id: string }[]>`SELECT cell_id FROM cell_groups WHERE chat_id = ${chatId}`;
    return r?.cell_id;
  }

  /** From the cache when current for this update; else the member rows alone, in one statement (far smaller than the cell). */
  async cellMembers(id: string): Promise<Readonly<Record<string, Member>> | undefined> {
    if (id === INDEX_SHARD) return undefined;
    const cached = this.cache.get(id);
    if (cached && this.op.getStore()?.fresh.has(id)) return (cached.data as CellFile).members;
    const rows = await this.sql<{ key: string | null; json: string | null }[]>`
      SELECT d.key, d.data::text AS json FROM shards s LEFT JOIN docs d ON d.shard_id = s.id AND d.kind = 'member' AND d.data IS NOT NULL
      WHERE s.id = ${id} ORDER BY d.pos`;
    if (!rows.length) return undefined;
    const members: Record<string, Member> = {};
    for (const r of rows) if (r.key !== null && r.json !== null) members[r.key] = JSON.parse(r.json) as Member;
    return members;
  }

  /** From each cell's root row alone (the cell's record lives there), not its whole data. */
  async cellInfos(): Promise<Cell[]> {
    const rows = await this.sql<{ json: string }[]>`
      SELECT (d.data -> 'cell')::text AS json FROM shards s JOIN docs d ON d.shard_id = s.id AND d.kind = ${ROOT} AND d.key = ''
      WHERE s.id <> ${INDEX_SHARD} ORDER BY s.created_at, s.id`;
    return rows.map((r) => JSON.parse(r.json) as Cell);
  }

  /** The revision of each cell's last write of a row other than its outbox's (data_rev), from the shards alone. */
  async cellVersions(): Promise<Map<string, number>> {
    const rows = await this.sql<{ id: string; data_rev: string }[]>`SELECT id, data_rev FROM shards WHERE id <> ${INDEX_SHARD}`;
    return new Map(rows.map((r) => [r.id, Number(r.data_rev)]));
  }

  async shardOfUser(tgId: number): Promise<string> {
    return (await this.cellOfUser(tgId)) ?? INDEX_SHARD;
  }

  // ---- writes ----

  updateCell<R>(id: string, fn: (draft: CellFile, base: CellFile) => R): Promise<R> {
    if (id === INDEX_SHARD) return Promise.reject(new Error(`unknown cell ${id}`));
    return this.write(id, fn as (d: ShardData, base: ShardData) => R);
  }

  updateIndex<R>(fn: (draft: IndexFile, base: IndexFile) => R): Promise<R> {
    return this.write(INDEX_SHARD, fn as (d: ShardData, base: ShardData) => R);
  }

  updateShard<R>(shardId: string, fn: (draft: ShardData, base: ShardData) => R): Promise<R> {
    return this.write(shardId, fn);
  }

  async createCell(file: CellFile): Promise<void> {
    const id = file.cell.id;
    const rows = split('cell', file);
    const cached: Cached = { rev: 1, data: file, rows: new Map() };
    await this.transaction(async (tx) => {
      const made = await tx`INSERT INTO shards (id, rev, data_rev, schema_version) VALUES (${id}, 1, 1, ${file.schemaVersion}) ON CONFLICT DO NOTHING RETURNING id`;
      if (!made.length) throw new ChangeError(new Error(`cell ${id} exists`));
      const written = [...rows].map(([rid, v]) => [rid, JSON.stringify(v)] as [string, string]);
      const pos = await this.insertRows(tx, id, 1, written);
      written.forEach(([rid], i) => {
        cached.rows.set(rid, { value: rows.get(rid), pos: pos[i]! });
      });
      await this.project(tx, id, undefined, file);
      await this.stampUpdate(tx);
    });
    this.remember(id, cached);
    this.tellCommit(id, file, undefined);
    if (file.outbox.pending.length) this.tellOutbox(id, file.outbox.pending);
  }

  // ---- updates from Telegram ----

  async claimUpdate(updateId: number): Promise<boolean> {
    if (this.seen.has(updateId)) return false;
    const ahead = this.held.getStore()?.ahead;
    const read = ahead?.updateId === updateId ? ahead.known : undefined;
    if (ahead) ahead.known = undefined;
    if (await (read ?? this.handled(this.sql, updateId))) return false;
    this.seen.add(updateId);
    if (this.seen.size > MEMORY_UPDATES) this.seen.delete(this.seen.values().next().value as number);
    return true;
  }

  /** A handling that wrote nothing stores its id at its end: a redelivery to another instance is not handled again. */
  runForUpdate<R>(updateId: number, fn: () => Promise<R>): Promise<R> {
    const op: Op = { updateId, claimed: false, fresh: new Set(), users: new Map() };
    return this.op.run(op, async () => {
      const r = await fn();
      if (!op.claimed) await this.sql`INSERT INTO updates (update_id) VALUES (${updateId}) ON CONFLICT DO NOTHING`.catch(() => undefined);
      return r;
    });
  }

  /**
   * One at a time per key in this process (a chain), and across instances (an advisory lock
   * held by a session meanwhile). The update's first reads leave with the lock, in one round
   * trip: a session runs its statements in order, so they read what was written before it.
   */
  exclusive<R>(key: string, fn: () => Promise<R>, update?: UpdateAhead): Promise<R> {
    return inTurn(this.tails, key, () =>
      this.locks.use(async (session) => {
        const locked = session`SELECT pg_advisory_lock(${LOCK_CHAT}, hashtext(${key}))`.execute();
        const held: Held = { session, open: true, tail: Promise.resolve() };
        // In this order on the session: the duplicate check, then the sender's cell.
        if (update)
          held.ahead = {
            updateId: update.id,
            known: kept(this.handled(session, update.id)),
            ...(update.from === undefined ? {} : { from: update.from, user: kept(this.userRow(session, update.from)) }),
          };
        await locked;
        try {
          return await this.held.run(held, fn);
        } finally {
          // A write still running on the session (one started and not waited for) ends before the session goes back.
          held.open = false;
          await held.tail;
          // Not waited for: this session's next statement goes after it on its connection, and
          // another session taking the key waits for it in the database. The update is answered sooner.
          void session`SELECT pg_advisory_unlock(${LOCK_CHAT}, hashtext(${key}))`.catch(() => undefined);
        }
      }),
    );
  }

  // ---- the feeds ----

  onCommit(listener: CommitListener): void {
    this.listeners.push(listener);
  }

  /** This process's writes that changed an outbox, and other instances' (told by NOTIFY). */
  onOutbox(listener: OutboxListener, others: () => boolean = () => true): void {
    this.outboxListeners.push(listener);
    this.othersWanted.push(others);
    this.listening ??= this.sql.listen(NOTIFY, (payload) => this.onNotify(payload)).catch(() => undefined);
  }

  /** Resolves once this instance hears other instances' outbox changes (tests wait on it). */
  async listeningToOthers(): Promise<void> {
    await this.listening;
  }

  // ---- the sender's marks ----

  /**
   * The keys first, then the data of the items the caller does not hold: the sender's sweep
   * during a fan-out of 100,000 read every item's data every 30 s (a third of a second's sends lost each time).
   */
  async pendingOutbox(held?: (shardId: string, key: string) => boolean): Promise<{ shardId: string; item: OutboxItem }[]> {
    let rows: { shard_id: string; json: string }[];
    if (!held) rows = await this.sql`SELECT shard_id, data::text AS json FROM docs WHERE kind = 'outbox' AND data IS NOT NULL ORDER BY pos`;
    else {
      const keys = (await this.sql<{ shard_id: string; key: string }[]>`SELECT shard_id, key FROM docs WHERE kind = 'outbox' AND data IS NOT NULL ORDER BY pos`).filter(
        (r) => !held(r.shard_id, r.key),
      );
      if (!keys.length) return [];
      rows = await this.sql`
        SELECT d.shard_id, d.data::text AS json FROM docs d
        JOIN unnest(${this.sql.array(keys.map((k) => k.shard_id))}::text[], ${this.sql.array(keys.map((k) => k.key))}::text[]) AS w (shard_id, key) USING (shard_id, key)
        WHERE d.kind = 'outbox' AND d.data IS NOT NULL ORDER BY d.pos`;
    }
    return rows.map((r) => ({ shardId: r.shard_id, item: JSON.parse(r.json) as OutboxItem }));
  }

  /**
   * One item's row (and for 'settle' its sent key) and the shard's revision, under the
   * shard's lock, in one statement: a fan-out writes two short statements per message.
   */
  markOutbox(shardId: string, key: string, mark: OutboxMark, at: Date): Promise<OutboxItem | undefined | 'busy'> {
    // One shard's marks one at a time: a fan-out's items of one cell, marked side by side, found each other's lock and answered 'busy'.
    return inTurn(this.markTails, shardId, () => this.mark(shardId, key, mark, at));
  }

  private async mark(shardId: string, key: string, mark: OutboxMark, at: Date): Promise<OutboxItem | undefined | 'busy'> {
    const iso = at.toISOString();
    type Marked = { known: boolean; locked: number; json: string | null; rev: string | null; pos: string | null };
    let out: Marked | undefined;
    try {
      [out] =
        mark === 'attempt'
          ? await this.sql<Marked[]>`
            WITH s AS (SELECT rev FROM shards WHERE id = ${shardId} FOR UPDATE SKIP LOCKED),
            d AS (
              UPDATE docs SET rev = (SELECT rev + 1 FROM s),
                data = jsonb_set(jsonb_set(data::jsonb, '{attempts}', to_jsonb(COALESCE((data ->> 'attempts')::int, 0) + 1)), '{attemptedAt}', to_jsonb(${iso}::text))::json
              WHERE shard_id = ${shardId} AND kind = 'outbox' AND key = ${key} AND data IS NOT NULL AND data ->> 'attemptedAt' IS NULL AND EXISTS (SELECT 1 FROM s)
              RETURNING data::text AS json),
            u AS (UPDATE shards SET rev = rev + 1 WHERE id = ${shardId} AND EXISTS (SELECT 1 FROM d) RETURNING rev)
            SELECT EXISTS (SELECT 1 FROM shards WHERE id = ${shardId}) AS known, (SELECT count(*) FROM s)::int AS locked,
              (SELECT json FROM d) AS json, (SELECT rev FROM u) AS rev, NULL::bigint AS pos`
          : mark === 'release'
            ? await this.sql<Marked[]>`
            WITH s AS (SELECT rev FROM shards WHERE id = ${shardId} FOR UPDATE),
            d AS (
              UPDATE docs SET rev = (SELECT rev + 1 FROM s), data = (data::jsonb - 'attemptedAt')::json
              WHERE shard_id = ${shardId} AND kind = 'outbox' AND key = ${key} AND data IS NOT NULL AND EXISTS (SELECT 1 FROM s)
              RETURNING data::text AS json),
            u AS (UPDATE shards SET rev = rev + 1 WHERE id = ${shardId} AND EXISTS (SELECT 1 FROM d) RETURNING rev)
            SELECT true AS known, 1 AS locked, (SELECT json FROM d) AS json, (SELECT rev FROM u) AS rev, NULL::bigint AS pos`
            : await this.sql<Marked[]>`
            WITH s AS (SELECT rev FROM shards WHERE id = ${shardId} FOR UPDATE),
            d AS (
              UPDATE docs SET rev = (SELECT rev + 1 FROM s), data = NULL
              WHERE shard_id = ${shardId} AND kind = 'outbox' AND key = ${key} AND data IS NOT NULL AND EXISTS (SELECT 1 FROM s)
              RETURNING key),
            n AS (
              INSERT INTO docs AS x (shard_id, kind, key, rev, data)
              SELECT ${shardId}, 'sent', ${key}, (SELECT rev + 1 FROM s), to_json(${iso}::text) WHERE EXISTS (SELECT 1 FROM d)
              ON CONFLICT (shard_id, kind, key) DO UPDATE SET rev = excluded.rev, data = excluded.data, pos = CASE WHEN x.data IS NULL THEN excluded.pos ELSE x.pos END
              RETURNING pos),
            u AS (UPDATE shards SET rev = rev + 1 WHERE id = ${shardId} AND EXISTS (SELECT 1 FROM d) RETURNING rev)
            SELECT true AS known, 1 AS locked, NULL::text AS json, (SELECT rev FROM u) AS rev, (SELECT pos FROM n) AS pos`;
    } catch (e) {
      throw new StoreWriteError('postgres', e);
    }
    if (!out?.known) return undefined;
    if (!out.locked) return 'busy';
    if (out.rev === null) return undefined; // not pending (any more), or already attempted
    const rev = Number(out.rev);
    const item = out.json === null ? undefined : (JSON.parse(out.json) as OutboxItem);
    // A cache one revision behind is brought along; an older one checks at its next read.
    const c = this.cache.get(shardId);
    if (c && c.rev === rev - 1) {
      const id = rowId('outbox', key);
      const { next } = change(c.data, (d) => {
        markItem(d.outbox, key, mark, at);
      });
      const rows = new Map(c.rows);
      if (mark === 'settle') {
        rows.delete(id);
        rows.set(rowId('sent', key), { value: iso, pos: Number(out.pos) });
      } else rows.set(id, { value: next.outbox.pending.find((p) => p.key === key), pos: c.rows.get(id)?.pos ?? 0 });
      this.remember(shardId, { rev, data: next, rows });
    }
    return item;
  }

  // ---- roles ----

  holdsRole(role: string): Promise<boolean> {
    let ask = this.roleAsks.get(role);
    if (!ask) {
      ask = this.askRole(role).finally(() => this.roleAsks.delete(role));
      this.roleAsks.set(role, ask);
    }
    return ask;
  }

  /**
   * Asks the role's lock again on the role's own session: an advisory lock is re-entrant, so
   * this is true while the session that took it lives; when that session was lost (the
   * database restarted, the network broke) the client reconnects and the answer is whether
   * the role was still free.
   */
  private async askRole(role: string): Promise<boolean> {
    if (this.closed) return false;
    let session = this.roles.get(role);
    if (!session) this.roles.set(role, (session = this.connect()));
    try {
      const [r] = await session<{ got: boolean }[]>`SELECT pg_try_advisory_lock(${LOCK_ROLE}, hashtext(${role})) AS got`;
      return r?.got === true;
    } catch {
      // The database is unreachable: nobody here holds the role.
      return false;
    }
  }

  // ---- housekeeping ----

  /**
   * No file copy: a database is backed up by its own tools (pg_dump, the provider's
   * snapshots). Daily, it forgets what no instance needs any more: update ids older than
   * 30 days, and deleted rows (a cache older than that revision reloads its shard whole).
   */
  async backup(_today: LocalDate): Promise<string | undefined> {
    await this.sql`DELETE FROM updates WHERE at < now() - interval '30 days'`;
    // Shard by shard, its row locked first, as every write takes its locks: deleting the rows
    // first (all shards in one statement) and then updating the shards deadlocked with a
    // user's write of a deleted entry (the cell's row held, waiting for that entry's row).
    const shards = await this.sql<{ id: string }[]>`SELECT DISTINCT shard_id AS id FROM docs WHERE data IS NULL`;
    for (const { id } of shards) {
      await this.sql.begin(async (tx) => {
        await tx`SELECT 1 FROM shards WHERE id = ${id} FOR UPDATE`;
        await tx`
          WITH gone AS (DELETE FROM docs WHERE shard_id = ${id} AND data IS NULL RETURNING rev)
          UPDATE shards SET floor_rev = (SELECT max(rev) FROM gone) WHERE id = ${id} AND floor_rev < (SELECT max(rev) FROM gone)`;
      });
    }
    return undefined;
  }

  // ---- internals ----

  /** Whether an update's id is stored as handled. */
  private async handled(q: Statements, updateId: number): Promise<boolean> {
    return (await q`SELECT 1 FROM updates WHERE update_id = ${updateId}`).length > 0;
  }

  /** A user's cell (the highest-ranked of theirs) and the revisions of that cell and of the index, in one statement. */
  private async userRow(q: Statements, tgId: number): Promise<UserRow | undefined> {
    const [r] = await q<UserRow[]>`
      SELECT u.cell_id, (SELECT rev FROM shards WHERE id = u.cell_id) AS cell_rev, (SELECT rev FROM shards WHERE id = ${INDEX_SHARD}) AS index_rev
      FROM (SELECT 1) AS one LEFT JOIN LATERAL (SELECT cell_id FROM cell_users WHERE tg_id = ${tgId} ORDER BY rank DESC, cell_id LIMIT 1) u ON true`;
    return r;
  }

  /** A shard's revision read during an update: a cache at that revision is current for the rest of it. */
  private checked(op: Op, shardId: string, rev: string | null | undefined): void {
    if (rev != null && this.cache.get(shardId)?.rev === Number(rev)) op.fresh.add(shardId);
  }

  private async read(shardId: string): Promise<Cached | undefined> {
    const op = this.op.getStore();
    const cached = this.cache.get(shardId);
    if (cached && op?.fresh.has(shardId)) return cached;
    // Outside an update (the planner's walk over every cell) a miss is not kept: it would push out the cells being served.
    const got = await this.load(this.sql, shardId, op !== undefined || cached !== undefined || shardId === INDEX_SHARD);
    if (got) op?.fresh.add(shardId);
    return got;
  }

  /**
   * The shard as stored now: the cache as it is when current, brought up to date with the
   * rows written since, or loaded whole. The revision and the rows come from one statement
   * (one snapshot), so the daily housekeeping forgetting deleted rows in between cannot
   * leave one of them in the cache.
   */
  private async load(q: Statements, shardId: string, keep = true): Promise<Cached | undefined> {
    const cached = this.known(shardId);
    const since = cached?.rev ?? -1;
    const changed = await q<Fetched[]>`
      SELECT s.rev, s.floor_rev, d.kind, d.key, d.pos, d.data::text AS json
      FROM shards s LEFT JOIN docs d ON d.shard_id = s.id AND d.rev > ${since}
      WHERE s.id = ${shardId}`;
    this.stats.rowsFetched += changed.length;
    return this.loaded(q, shardId, cached, changed, keep);
  }

  /**
   * The shard from one statement's fetch of its revision and of the rows written since
   * `cached` (every row, without a cache); none when the fetch found no shard.
   */
  private async loaded(q: Statements, shardId: string, cached: Cached | undefined, changed: readonly Fetched[], keep: boolean): Promise<Cached | undefined> {
    const head = changed[0];
    if (!head) {
      this.cache.delete(shardId);
      this.walked.delete(shardId);
      return undefined;
    }
    const rev = Number(head.rev);
    if (cached?.rev === rev) {
      this.remember(shardId, cached, keep);
      return cached;
    }
    // No cache: every row came with the revision (deleted ones left out).
    if (!cached) return this.built(shardId, rev, rowsOf(changed), keep);
    // A cache older than rows the housekeeping forgot: the shard whole, again in one statement.
    if (cached.rev < Number(head.floor_rev)) {
      const whole = await q<Fetched[]>`
        SELECT s.rev, s.floor_rev, d.kind, d.key, d.pos, d.data::text AS json
        FROM shards s LEFT JOIN docs d ON d.shard_id = s.id AND d.data IS NOT NULL
        WHERE s.id = ${shardId}`;
      this.stats.rowsFetched += whole.length;
      if (!whole[0]) return undefined;
      return this.built(shardId, Number(whole[0].rev), rowsOf(whole), keep);
    }
    let rows = new Map(cached.rows);
    let moved = false;
    for (const r of changed) {
      if (r.kind === null) continue;
      const id = rowId(r.kind, r.key);
      const pos = Number(r.pos);
      if (r.json === null) rows.delete(id);
      else {
        const before = rows.get(id);
        if (!before || before.pos !== pos) moved = true;
        rows.set(id, { value: JSON.parse(r.json), pos });
      }
    }
    if (moved) rows = new Map([...rows].sort((a, b) => a[1].pos - b[1].pos));
    return this.built(shardId, rev, rows, keep);
  }

  private built(shardId: string, rev: number, rows: Map<string, Row>, keep: boolean): Cached {
    const layout = layoutOf(shardId);
    // The rows not written since are placed as the cache holds them (join never changes them).
    const data = join(
      layout,
      [...rows].map(([id, r]) => [id, r.value]),
    ) as ShardData;
    migrate(data, layout, `postgres:${shardId}`);
    // The values as split from these data: the next write compares its rows with them by identity first.
    for (const [id, v] of split(layout, data)) {
      const r = rows.get(id);
      if (r && r.value !== v) rows.set(id, { ...r, value: v });
    }
    const fresh: Cached = { rev, data, rows };
    this.remember(shardId, fresh, keep);
    return fresh;
  }

  /** A shard's version as this instance holds it: cached, or walked. */
  private known(shardId: string): Cached | undefined {
    return this.cache.get(shardId) ?? this.walked.get(shardId);
  }

  /**
   * Keeps a shard's version, never in place of a newer one (a slow read finishing after a
   * write): in the cache, or — `keep` false, for a walk's read or write of a shard not cached
   * — among the few walked ones, which push nothing out of the cache.
   */
  private remember(shardId: string, c: Cached, keep = true): void {
    const held = this.known(shardId);
    if (held && held.rev > c.rev) return;
    const [into, size] = keep || this.cache.has(shardId) ? [this.cache, this.cacheSize] : [this.walked, WALKED];
    this.walked.delete(shardId);
    into.delete(shardId);
    into.set(shardId, c);
    while (into.size > size) into.delete(into.keys().next().value as string);
  }

  /**
   * A write in two round trips: BEGIN with the lock-and-load statement, then the write
   * statement with COMMIT (COMMIT alone when no row changed) — plus an invariant table's
   * statements when the change touched what it projects. During an update it runs on the
   * session that holds the chat's lock.
   */
  private async write<R>(shardId: string, fn: (d: ShardData, base: ShardData) => R): Promise<R> {
    const layout = layoutOf(shardId);
    const op = this.op.getStore();
    const stamping = op !== undefined && !op.claimed;
    // As for reads: a write outside an update (the planner's, the housekeeping's) of a cell not
    // cached leaves the cache alone — walking 4,000 cells would push out the ones being served.
    let keep = true;
    const out: Written<R> = await this.pipelined(async (tx, commit) => {
      const cached = this.known(shardId);
      keep = op !== undefined || this.cache.has(shardId) || shardId === INDEX_SHARD;
      // The lock and load: the shard's row locked, this handling's update id stored (a second
      // handling of the id stops here: nothing of it is written), and the rows written since
      // the cached revision, in one statement. A statement reads from the snapshot it started
      // with, so when it waited for another writer's lock (the row it locked, s, is newer than
      // the snapshot's, v) that writer's rows are not among them: read again, under the lock.
      const fetched = await tx<(Fetched & { seen_rev: string; seen_floor_rev: string; stamped: boolean })[]>`
        WITH s AS (SELECT id, rev, floor_rev FROM shards WHERE id = ${shardId} FOR UPDATE),
        stamp AS (
          INSERT INTO updates (update_id) SELECT ${op?.updateId ?? 0}::bigint FROM s WHERE ${stamping}::boolean
          ON CONFLICT DO NOTHING RETURNING update_id)
        SELECT s.rev, s.floor_rev, v.rev AS seen_rev, v.floor_rev AS seen_floor_rev, EXISTS (SELECT 1 FROM stamp) AS stamped,
          d.kind, d.key, d.pos, d.data::text AS json
        FROM s JOIN shards v ON v.id = s.id LEFT JOIN docs d ON d.shard_id = s.id AND d.rev > ${cached?.rev ?? -1}`;
      this.stats.rowsFetched += fetched.length;
      const head = fetched[0];
      if (!head) throw new ChangeError(new Error(`unknown cell ${shardId}`));
      if (stamping && !head.stamped) throw new DuplicateUpdateError(op.updateId);
      // Every writer of the shard holds its row now: nothing changes under this read.
      const waited = head.rev !== head.seen_rev || head.floor_rev !== head.seen_floor_rev;
      const base = (waited ? await this.load(tx, shardId, keep) : await this.loaded(tx, shardId, cached, fetched, keep))!;
      let next: ShardData;
      let result: R;
      try {
        ({ next, result } = change(base.data, fn));
      } catch (e) {
        throw new ChangeError(e);
      }
      if (next === base.data) {
        await commit();
        return { result, cached: base, changed: false, outbox: false };
      }
      const rev = base.rev + 1;
      const rows = new Map<string, Row>();
      const upserts: [string, string][] = [];
      for (const [id, value] of split(layout, next)) {
        const before = base.rows.get(id);
        if (before && before.value === value) {
          rows.set(id, before);
          continue;
        }
        const json = JSON.stringify(value);
        if (before && JSON.stringify(before.value) === json) rows.set(id, { ...before, value });
        else {
          upserts.push([id, json]);
          rows.set(id, { value, pos: before?.pos ?? 0 });
        }
      }
      const deletes = [...base.rows.keys()].filter((id) => !rows.has(id));
      if (!upserts.length && !deletes.length) {
        await commit();
        return { result, cached: { ...base, data: next, rows }, changed: false, outbox: false };
      }
      // The invariant tables first: a change they refuse fails before its rows are sent.
      if (layout === 'cell') await this.project(tx, shardId, base.data as CellFile, next as CellFile);
      const kinds = [...upserts.map((u) => u[0]), ...deletes].map((id) => parseRowId(id).kind);
      // data_rev follows the rows the planners read: every kind but the outbox's (its items and sent keys).
      const data = kinds.some((k) => !OUTBOX_KINDS.has(k));
      const outbox = kinds.includes('outbox');
      const gone = deletes.map(parseRowId);
      // The write: the changed rows upserted (a revived row goes last, as a new one), the
      // deleted ones kept with data NULL, the revision, and the sender's notice when the outbox
      // changed, in one statement; the rows' positions come back as JSON, matched by id.
      const [w] = await commit(tx<{ written: string | null }[]>`
        WITH up AS (${upsertRows(tx, shardId, rev, upserts)}),
        gone AS (
          UPDATE docs SET data = NULL, rev = ${rev}
          WHERE shard_id = ${shardId} AND (kind, key) IN (SELECT * FROM unnest(${gone.map((d) => d.kind)}::text[], ${gone.map((d) => d.key)}::text[]))),
        s AS (UPDATE shards SET rev = ${rev}, data_rev = CASE WHEN ${data}::boolean THEN ${rev}::bigint ELSE data_rev END WHERE id = ${shardId})
        SELECT (SELECT json_agg(json_build_array(kind, key, pos)) FROM up)::text AS written
          ${outbox ? tx`, pg_notify(${NOTIFY}, ${`${this.instance}:${shardId}`})::text AS notified` : tx``}`);
      for (const [kind, key, pos] of JSON.parse(w?.written ?? '[]') as [string, string, number][]) rows.get(rowId(kind, key))!.pos = pos;
      return { result, cached: { rev, data: next, rows }, changed: true, outbox, before: base.data };
    });
    this.remember(shardId, out.cached, keep);
    // Read under the shard's lock: as current as a check, for the rest of the update.
    op?.fresh.add(shardId);
    if (out.changed) this.tellCommit(shardId, out.cached.data, out.before);
    if (out.outbox) this.tellOutbox(shardId, out.cached.data.outbox.pending);
    return out.result;
  }

  /** Runs a transaction on the pool; a failure of the database rejects with StoreWriteError, the caller's own error as it is. */
  private async transaction<T>(body: (tx: TransactionSql) => Promise<T>): Promise<T> {
    return this.committed(() => this.sql.begin((tx) => body(tx)) as Promise<T>);
  }

  /**
   * A transaction in two round trips where postgres' `begin` takes four: on a session of its
   * own, BEGIN leaves with the first statement and COMMIT with the last (the one `body` hands
   * to `commit`), as one write each. A failure rolls back; a failed last statement makes the
   * COMMIT a rollback.
   */
  private pipelined<T>(body: (q: Sql, commit: <Q>(last?: PromiseLike<Q>) => Promise<Q>) => Promise<T>): Promise<T> {
    const run = this.committed(() =>
      this.onSession(async (q) => {
        const begun = q`BEGIN`.then(
          () => undefined,
          (e: unknown) => e,
        );
        let ended = false;
        const commit = async <Q>(last?: PromiseLike<Q>): Promise<Q> => {
          ended = true;
          const [r] = await Promise.all([last, q`COMMIT`]);
          return r as Q;
        };
        try {
          const out = await body(q, commit);
          const failed = await begun;
          if (failed) throw failed;
          return out;
        } catch (e) {
          // Not waited for: the session's next statement goes after it.
          if (!ended) void q`ROLLBACK`.catch(() => undefined);
          throw e;
        }
      }),
    );
    const settled = run.catch(() => undefined);
    this.writing.add(settled);
    void settled.then(() => this.writing.delete(settled));
    return run;
  }

  /** Runs `fn` on a session of its own, alone on it: the held session of the handling it runs in, or one lent from the pool of sessions. */
  private onSession<T>(fn: (session: Sql) => Promise<T>): Promise<T> {
    const held = this.held.getStore();
    if (!held?.open) return this.locks.use(fn);
    const run = held.tail.then(() => fn(held.session));
    held.tail = run.catch(() => undefined);
    return run;
  }

  /** After a transaction committed: the update's id is stored and its users' cells are read again. Errors as for `transaction`. */
  private async committed<T>(run: () => Promise<T>): Promise<T> {
    const op = this.op.getStore();
    try {
      const out = await run();
      if (op) {
        op.claimed = true;
        op.users.clear();
      }
      // A user's cell read with the lock is not current after a write.
      const ahead = this.held.getStore()?.ahead;
      if (ahead) ahead.user = undefined;
      return out;
    } catch (e) {
      if (e instanceof ChangeError) throw e.error;
      if (e instanceof DuplicateUpdateError) throw e;
      throw new StoreWriteError('postgres', e);
    }
  }

  /** The first write of an update stores its id in the same transaction; a second handling of the id stops there. */
  private async stampUpdate(tx: TransactionSql): Promise<void> {
    const op = this.op.getStore();
    if (!op || op.claimed) return;
    const stored = await tx`INSERT INTO updates (update_id) VALUES (${op.updateId}) ON CONFLICT DO NOTHING RETURNING update_id`;
    if (!stored.length) throw new DuplicateUpdateError(op.updateId);
  }

  /** Writes rows (new, changed or revived) at `rev`; resolves with their positions (a revived row goes last, as a new one). */
  private async insertRows(tx: Statements, shardId: string, rev: number, rows: readonly [string, string][]): Promise<number[]> {
    if (!rows.length) return [];
    const written = await tx<{ kind: string; key: string; pos: string }[]>`${upsertRows(tx, shardId, rev, rows)}`;
    // RETURNING promises no order: the positions are matched by id.
    const pos = new Map(written.map((r) => [rowId(r.kind, r.key), Number(r.pos)]));
    return rows.map(([id]) => pos.get(id)!);
  }

  /** Keeps the invariant tables in step with a cell's change; a violation (a constraint) fails the whole write. */
  private async project(tx: Statements, cellId: string, before: CellFile | undefined, after: CellFile): Promise<void> {
    if (before?.members !== after.members) {
      const was = ranks(before);
      const now = ranks(after);
      const gone = [...was.keys()].filter((tg) => !now.has(tg));
      const set = [...now].filter(([tg, rank]) => was.get(tg) !== rank);
      if (gone.length) await tx`DELETE FROM cell_users WHERE cell_id = ${cellId} AND tg_id = ANY(${gone}::bigint[])`;
      if (set.length)
        await tx`INSERT INTO cell_users (tg_id, cell_id, rank)
          SELECT t.tg, ${cellId}, t.rank FROM unnest(${set.map((s) => s[0])}::bigint[], ${set.map((s) => s[1])}::smallint[]) AS t(tg, rank)
          ON CONFLICT (tg_id, cell_id) DO UPDATE SET rank = excluded.rank`;
    }
    if (before?.cell !== after.cell) {
      const was = codes(before);
      const now = codes(after);
      const gone = [...was.keys()].filter((c) => now.get(c) !== was.get(c));
      const add = [...now].filter(([c, kind]) => was.get(c) !== kind);
      if (gone.length) await tx`DELETE FROM invites WHERE cell_id = ${cellId} AND code = ANY(${gone}::text[])`;
      if (add.length) await tx`INSERT INTO invites (code, cell_id, kind) SELECT * FROM unnest(${add.map((a) => a[0])}::text[], ${add.map(() => cellId)}::text[], ${add.map((a) => a[1])}::text[])`;
      const group = after.cell.groupChatId;
      if (before?.cell.groupChatId !== group) {
        await tx`DELETE FROM cell_groups WHERE cell_id = ${cellId}`;
        if (group != null) await tx`INSERT INTO cell_groups (chat_id, cell_id) VALUES (${group}, ${cellId})`;
      }
    }
    if (before?.dues.entries !== after.dues.entries) {
      // By payment id, never collapsed by member and month: a second payment of a month reaches the table and is refused there.
      const was = inForce(before);
      const now = inForce(after);
      const gone = [...was.values()].filter((p) => !now.has(p.id));
      const add = [...now.values()].filter((p) => !was.has(p.id));
      if (gone.length) await tx`DELETE FROM payments WHERE cell_id = ${cellId} AND payment_id = ANY(${gone.map((p) => p.id)}::text[])`;
      if (add.length)
        await tx`INSERT INTO payments (cell_id, member_id, month, payment_id)
          SELECT ${cellId}, t.m, t.mo, t.p FROM unnest(${add.map((p) => p.memberId)}::text[], ${add.map((p) => p.month)}::text[], ${add.map((p) => p.id)}::text[]) AS t(m, mo, p)`;
    }
  }

  private onNotify(payload: string): void {
    const at = payload.indexOf(':');
    if (payload.slice(0, at) === this.instance) return; // told already, as a local commit
    if (!this.othersWanted.some((wanted) => wanted())) return; // no listener wants them (this instance does not send): nothing to read
    this.remoteQueue.add(payload.slice(at + 1));
    if (!this.remoteDraining) void this.drainRemote();
  }

  /** Another instance changed these shards' outboxes: their pending items, read alone (the rest of the shard is not loaded). */
  private async drainRemote(): Promise<void> {
    this.remoteDraining = true;
    try {
      while (this.remoteQueue.size && !this.closed) {
        const shardId = this.remoteQueue.values().next().value as string;
        this.remoteQueue.delete(shardId);
        const rows = await this.sql<{ json: string }[]>`SELECT data::text AS json FROM docs WHERE shard_id = ${shardId} AND kind = 'outbox' AND data IS NOT NULL ORDER BY pos`.catch(() => undefined);
        // A failed read is not retried here: the sender's periodic sweep finds those items.
        if (rows)
          this.tellOutbox(
            shardId,
            rows.map((r) => JSON.parse(r.json) as OutboxItem),
          );
      }
    } finally {
      this.remoteDraining = false;
    }
  }

  /** Listeners run outside the writer's update: a menu refreshed later must not take that update's view of the cells. */
  private tellCommit(shardId: string, data: ShardData, before: ShardData | undefined): void {
    this.op.exit(() => {
      for (const l of this.listeners) l(shardId, data as CellFile | IndexFile, before as CellFile | IndexFile | undefined);
    });
  }

  private tellOutbox(shardId: string, pending: readonly OutboxItem[]): void {
    this.op.exit(() => {
      for (const l of this.outboxListeners) l(shardId, pending);
    });
  }
}

/** Telegram user → rank of their tie to the cell (see holdRank), for those tied at all. */
function ranks(d: CellFile | undefined): Map<number, number> {
  const out = new Map<number, number>();
  for (const m of Object.values(d?.members ?? {})) {
    const r = holdRank(m.state);
    if (r > 0) out.set(m.tgId, r);
  }
  return out;
}

function codes(d: CellFile | undefined): Map<string, InviteRef['kind']> {
  const out = new Map<string, InviteRef['kind']>();
  if (!d) return out;
  out.set(d.cell.inviteCode, 'member');
  if (d.cell.secretaryInvite) out.set(d.cell.secretaryInvite, 'secretary');
  return out;
}

/** The payments in force (not reversed), by id. */
function inForce(d: CellFile | undefined): Map<string, { id: string; memberId: string; month: string }> {
  const entries = d?.dues.entries ?? [];
  const reversed = new Set(entries.flatMap((e) => (e.kind === 'reversal' ? [e.paymentId] : [])));
  return new Map(entries.flatMap((e) => (e.kind === 'payment' && !reversed.has(e.id) ? [[e.id, e] as const] : [])));
}

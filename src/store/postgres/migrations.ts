/**
 * The PostgreSQL schema, as versioned migrations applied at start under an advisory lock
 * (instances starting together migrate once; the others wait, then find nothing to do).
 * A migration is never edited once released: add the next one.
 *
 * The model (docs/postgres.md says why):
 *   shards        one row per cell (and '#index'): the row a write locks, its revision, and
 *                 the revision of its last change beyond the outbox (data_rev, migration 2)
 *   docs          one row per entry of the shard's collections (see rows.ts); a deleted
 *                 entry stays a while with data NULL, so another instance's cache learns of it
 *   updates       Telegram update ids whose effects are stored (same transaction as the effect)
 *   cell_users    who belongs where (one current membership per Telegram user)
 *   invites       invite codes (unique across cells)
 *   cell_groups   the Telegram group each cell linked (one cell per group)
 *   payments      the effective payment of each member and month (one at most)
 */
import type { Sql, TransactionSql } from 'postgres';

export interface PgMigration {
  version: number;
  describe: string;
  sql: string;
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    describe: 'shards, their rows and the invariants',
    sql: `
      CREATE TABLE shards (
        id text PRIMARY KEY,
        rev bigint NOT NULL,
        -- rows deleted at or before this revision are gone for good: an older cache reloads whole
        floor_rev bigint NOT NULL DEFAULT 0,
        schema_version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE SEQUENCE doc_pos;
      CREATE TABLE docs (
        shard_id text NOT NULL REFERENCES shards (id) ON DELETE CASCADE,
        kind text NOT NULL,
        key text NOT NULL,
        rev bigint NOT NULL,
        pos bigint NOT NULL DEFAULT nextval('doc_pos'),
        data jsonb,
        PRIMARY KEY (shard_id, kind, key)
      );
      CREATE INDEX docs_by_rev ON docs (shard_id, rev);
      CREATE INDEX docs_outbox ON docs (pos) WHERE kind = 'outbox' AND data IS NOT NULL;
      CREATE INDEX docs_gone ON docs (shard_id) WHERE data IS NULL;
      CREATE TABLE updates (
        update_id bigint PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX updates_by_age ON updates (at);
      CREATE TABLE cell_users (
        tg_id bigint NOT NULL,
        cell_id text NOT NULL REFERENCES shards (id) ON DELETE CASCADE,
        -- 3 a current member, 2 waiting for approval, 1 applying
        rank smallint NOT NULL CHECK (rank BETWEEN 1 AND 3),
        PRIMARY KEY (tg_id, cell_id)
      );
      CREATE UNIQUE INDEX one_cell_per_member ON cell_users (tg_id) WHERE rank = 3;
      CREATE TABLE invites (
        code text PRIMARY KEY,
        cell_id text NOT NULL REFERENCES shards (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('member', 'secretary'))
      );
      CREATE TABLE cell_groups (
        chat_id bigint PRIMARY KEY,
        cell_id text NOT NULL REFERENCES shards (id) ON DELETE CASCADE
      );
      CREATE TABLE payments (
        cell_id text NOT NULL REFERENCES shards (id) ON DELETE CASCADE,
        member_id text NOT NULL,
        month text NOT NULL,
        payment_id text NOT NULL,
        PRIMARY KEY (cell_id, member_id, month)
      );
    `,
  },
  {
    version: 2,
    describe: "each shard's revision of its last change beyond the outbox (the planner's wake-ups)",
    sql: `
      -- the rev of the last write of a row other than the outbox's items and sent keys: cellVersions()
      ALTER TABLE shards ADD COLUMN data_rev bigint NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 3,
    describe: 'the rows kept as JSON text (json), not parsed into jsonb',
    sql: `
      -- Every read sends the rows back as text for the program to parse, and no query searches
      -- inside them but the sender's marks (small, cast there): jsonb cost the server a
      -- serialisation of every row read (a cell's 390 rows: 1.6 against 1.0 ms), and a stored
      -- object's keys came back in jsonb's order, not the order the program wrote them in.
      ALTER TABLE docs ALTER COLUMN data TYPE json USING data::json;
    `,
  },
];

/** Applies the migrations not yet applied, once across every instance starting now. */
export async function migrateDatabase(sql: Sql, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<number[]> {
  return sql.begin(async (tx: TransactionSql) => {
    // A transaction-scoped lock: released by the commit, or by the connection's end if this instance dies.
    await tx`SELECT pg_advisory_xact_lock(hashtext('chibo:migrate'))`;
    await tx`CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, describe text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`;
    const done = new Set((await tx<{ version: number }[]>`SELECT version FROM schema_migrations`).map((r) => r.version));
    const newest = Math.max(0, ...done);
    const known = Math.max(0, ...migrations.map((m) => m.version));
    if (newest > known) throw new Error(`the database has schema ${newest}, newer than this program knows (${known}): update chibo-bot`);
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await tx.unsafe(m.sql);
      await tx`INSERT INTO schema_migrations (version, describe) VALUES (${m.version}, ${m.describe})`;
      applied.push(m.version);
    }
    return applied;
  });
}

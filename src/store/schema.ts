/**
 * The shape of the data files and their migrations.
 *
 * Layout under DATA_DIR:
 *   index.json          global things: admins added with the setup code, dialogs and
 *                       notices of users who belong to no cell, recently handled update ids
 *   cells/<id>.json     everything of one cell: its members, dialogs, meetings, dues,
 *                       review, journal and outbox
 *   backups/YYYY-MM-DD/ daily copies of all of the above, the last 14 days
 *
 * Which cell a user belongs to and which cell an invite code opens are derived from the
 * cell files at load and kept in memory, so joining is one write to one file.
 */
import { IN_CELL, type Cell, type Member, type MemberState } from '../core/members.ts';
import type { UserDialogs } from '../core/dialog-state.ts';
import { emptyOutbox, type OutboxData } from '../core/notices.ts';
import { emptyMeetings, type MeetingsData } from '../core/meetings/index.ts';
import { emptyDues, type DuesData } from '../core/dues/index.ts';
import { emptyReview, type ReviewData } from '../core/review/index.ts';
import { emptyJournal, type JournalData } from '../core/journal.ts';
import type { LocalDate } from '../core/time.ts';
import type { DraftedReport } from '../core/overview.ts';

export const SCHEMA_VERSION = 1;

/** Shared by both kinds of file (a shard: the unit of atomic writes, see port.ts). */
export interface ShardData {
  schemaVersion: number;
  dialogs: Record<string, UserDialogs>;
  outbox: OutboxData;
  /** The last update ids whose effects are in this file (duplicate delivery is ignored). */
  processedUpdates: number[];
}

export interface CellFile extends ShardData {
  cell: Cell;
  members: Record<string, Member>;
  meetings: MeetingsData;
  dues: DuesData;
  review: ReviewData;
  journal: JournalData;
  /** Year ("2024") → when /report last made that year's draft (for the admins' /overview). Optional: older files have none. */
  reports?: Record<string, DraftedReport>;
}

export interface IndexFile extends ShardData {
  /** Admins who claimed the bot with the one-time setup code (besides ADMIN_IDS). */
  admins: number[];
  /** The day the daily housekeeping last ran: a restart, or another instance taking over the planning, does not repeat it. */
  housekeptOn?: LocalDate;
}

export function newCellFile(cell: Cell): CellFile {
  return {
    schemaVersion: SCHEMA_VERSION,
    cell,
    members: {},
    meetings: emptyMeetings(),
    dues: emptyDues(),
    review: emptyReview(),
    journal: emptyJournal(),
    dialogs: {},
    outbox: emptyOutbox(),
    processedUpdates: [],
  };
}

export function newIndexFile(): IndexFile {
  return { schemaVersion: SCHEMA_VERSION, admins: [], dialogs: {}, outbox: emptyOutbox(), processedUpdates: [] };
}

export interface Migration {
  /** The version this migration produces. */
  to: number;
  describe: string;
  // biome-ignore lint/suspicious/noExplicitAny: a migration reads data of an older shape, which has no type of its own
  cell?: (data: any) => void;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  index?: (data: any) => void;
}

/**
 * Ordered migrations. Add one whenever a released shape changes: bump SCHEMA_VERSION and
 * write `{ to: SCHEMA_VERSION, describe, cell(d) { … }, index(d) { … } }` mutating in place.
 */
export const MIGRATIONS: readonly Migration[] = [];

export class NewerSchemaError extends Error {
  constructor(
    readonly file: string,
    readonly version: number,
  ) {
    super(`${file} has schema version ${version}, newer than this program knows`);
  }
}

/** Runs the migrations a file needs, in order; returns whether anything changed. */
export function migrate(data: { schemaVersion?: number }, kind: 'cell' | 'index', file: string, migrations: readonly Migration[] = MIGRATIONS, target: number = SCHEMA_VERSION): boolean {
  const from = data.schemaVersion ?? 0;
  if (from > target) throw new NewerSchemaError(file, from);
  let changed = false;
  for (const m of [...migrations].sort((a, b) => a.to - b.to)) {
    if (m.to <= (data.schemaVersion ?? 0) || m.to > target) continue;
    m[kind]?.(data);
    data.schemaVersion = m.to;
    changed = true;
  }
  if ((data.schemaVersion ?? 0) < target) {
    data.schemaVersion = target;
    changed = true;
  }
  return changed;
}

/**
 * How firmly a member's state ties the user to the cell: a current member (3), waiting for
 * approval (2), applying (1), or not (0: left, refused). A user belongs to the cell of the
 * highest rank; every engine derives "which cell is this user's" by it.
 */
export function holdRank(state: MemberState | undefined): number {
  if (state === undefined) return 0;
  return IN_CELL.includes(state) ? 3 : state === 'pending' ? 2 : state === 'applying' ? 1 : 0;
}

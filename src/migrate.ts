/**
 * `npm run migrate -- --to postgres`: moves a deployment from the data folder (DATA_DIR) to
 * PostgreSQL (DATABASE_URL), both read from the environment or .env as `npm start` does.
 *
 * The bot must be stopped: the files engine holds the folder's lock while it is open. Only
 * an empty database is filled (one holding cells is refused with nothing written). The index
 * (admins, dialogs, outbox) is copied, then every cell, one at a time; then every cell is
 * read back through a fresh engine (not the copy's cache) and, for every year of its data,
 * the report model /report builds must be the same before and after.
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { ConfigError, databaseUrlOf } from './config.ts';
import { systemClock } from './clock.ts';
import { redact } from './log.ts';
import { localDate, type LocalDate } from './core/time.ts';
import { wasAdmitted } from './core/members.ts';
import { reportModelOf } from './services/reports.ts';
import type { CellFile, IndexFile, StoragePort } from './store/port.ts';
import { DataFileError, Store } from './store/store.ts';
import { DataDirLockedError } from './store/lock.ts';
import { PgStore } from './store/postgres/engine.ts';

/** A progress line every this many cells. */
const PROGRESS_EVERY = 100;

const USAGE =
  'Cách dùng: npm run migrate -- --to postgres (DATA_DIR và DATABASE_URL lấy từ biến môi trường hoặc tệp .env) / Usage: npm run migrate -- --to postgres (DATA_DIR and DATABASE_URL from the environment or .env)';

/** The migration stops with this line (exit 1). */
export class MigrateError extends Error {
  constructor(vi: string, en: string) {
    super(`${vi} / ${en}`);
    this.name = 'MigrateError';
  }
}

/** What the check found different: the cell (and the report year, when it is the model that differs). */
export interface Mismatch {
  cellId: string;
  cellName?: string;
  year?: number;
  /** The parts of the report model that differ, or what else is wrong. */
  what: string[];
}

export interface CheckOutcome {
  cells: number;
  members: number;
  /** Report years compared, over all cells. */
  years: number;
  mismatches: Mismatch[];
}

type Reads = Pick<StoragePort, 'cell' | 'cellIds'>;

/**
 * The report years of a cell's data: from the earliest year any of its records carries (a
 * date, a month, an instant, a review or report year) up to today's year.
 */
export function reportYearsOf(d: CellFile, today: LocalDate): number[] {
  const current = Number(today.slice(0, 4));
  let earliest = current;
  const consider = (y: number) => {
    if (y >= 1900 && y < earliest) earliest = y;
  };
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      const m = /^(\d{4})-(0[1-9]|1[0-2])(?:$|-\d{2})/.exec(v);
      if (m) consider(Number(m[1]));
    } else if (Array.isArray(v)) for (const x of v) visit(x);
    else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) visit(x);
  };
  visit(d);
  for (const key of [...Object.keys(d.review.reviews), ...Object.keys(d.journal.inputs), ...Object.keys(d.journal.opening ?? {})]) if (/^\d{4}$/.test(key)) consider(Number(key));
  const years: number[] = [];
  for (let y = earliest; y <= current; y++) years.push(y);
  return years;
}

/** Copies the index into the database's (admins joined, the files' dialogs and outbox items added). */
export async function copyIndex(index: IndexFile, to: StoragePort): Promise<void> {
  await to.updateIndex((d) => {
    for (const id of index.admins) if (!d.admins.includes(id)) d.admins.push(id);
    for (const [user, dialogs] of Object.entries(index.dialogs)) d.dialogs[user] = dialogs;
    const pending = new Set(d.outbox.pending.map((p) => p.key));
    for (const item of index.outbox.pending) if (!pending.has(item.key)) d.outbox.pending.push(item);
    for (const [key, at] of Object.entries(index.outbox.sent)) d.outbox.sent[key] = at;
  });
}

/** Copies every cell, one at a time (only the one being written is held twice). */
export async function copyCells(from: Reads, to: StoragePort, onProgress: (done: number, total: number) => void = () => undefined): Promise<number> {
  const ids = await from.cellIds();
  let done = 0;
  for (const id of ids) {
    const data = await from.cell(id);
    if (!data) continue;
    try {
      await to.createCell(data);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      throw new MigrateError(
        `Không chép được ${data.cell.name} (${id}): ${msg}. Đã chép ${done}/${ids.length} chi bộ; hãy xóa và tạo lại cơ sở dữ liệu trước khi chạy lại`,
        `could not copy cell ${id}: ${msg}. ${done}/${ids.length} cells were copied; drop and recreate the database before running again`,
      );
    }
    done++;
    if (done % PROGRESS_EVERY === 0 || done === ids.length) onProgress(done, ids.length);
  }
  return done;
}

/** The parts of two report models that differ (their top-level fields). */
function differingParts(a: object, b: object): string[] {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return [...new Set([...Object.keys(ra), ...Object.keys(rb)])].filter((k) => !isDeepStrictEqual(ra[k], rb[k]));
}

/**
 * For every cell of `before`, for every year of its data, the report model built from
 * `before` and from `after` must be deeply equal; a cell missing from either is named too.
 * One cell at a time.
 */
export async function checkCopy(before: Reads, after: Reads, today: LocalDate, onProgress: (done: number, total: number) => void = () => undefined): Promise<CheckOutcome> {
  const ids = await before.cellIds();
  const out: CheckOutcome = { cells: 0, members: 0, years: 0, mismatches: [] };
  const known = new Set(ids);
  for (const id of await after.cellIds()) if (!known.has(id)) out.mismatches.push({ cellId: id, what: ['không có trong thư mục dữ liệu / not in the data folder'] });
  for (const id of ids) {
    const a = await before.cell(id);
    if (!a) continue;
    const b = await after.cell(id);
    out.cells++;
    out.members += Object.values(a.members).filter(wasAdmitted).length;
    if (!b) {
      out.mismatches.push({ cellId: id, cellName: a.cell.name, what: ['không có trong cơ sở dữ liệu / missing from the database'] });
    } else {
      for (const year of reportYearsOf(a, today)) {
        out.years++;
        const ma = await reportModelOf(a, year, today);
        const mb = await reportModelOf(b, year, today);
        if (!isDeepStrictEqual(ma, mb)) out.mismatches.push({ cellId: id, cellName: a.cell.name, year, what: differingParts(ma, mb) });
      }
    }
    if (out.cells % PROGRESS_EVERY === 0 || out.cells === ids.length) onProgress(out.cells, ids.length);
  }
  return out;
}

/** What of the files' index is not in the database's as it was copied (empty: all there). */
export function indexDifferences(files: IndexFile, db: IndexFile): string[] {
  const out: string[] = [];
  if (files.admins.some((id) => !db.admins.includes(id))) out.push('admins');
  if (Object.entries(files.dialogs).some(([user, dialogs]) => !isDeepStrictEqual(db.dialogs[user], dialogs))) out.push('dialogs');
  const pending = new Map(db.outbox.pending.map((p) => [p.key, p]));
  if (files.outbox.pending.some((p) => !isDeepStrictEqual(pending.get(p.key), p)) || Object.entries(files.outbox.sent).some(([k, at]) => db.outbox.sent[k] !== at)) out.push('outbox');
  return out;
}

/** Never printed: the database's password. */
const secrets: string[] = [];

const say = (s: string) => process.stdout.write(`${s}\n`);
const count = (n: number) => n.toLocaleString('vi-VN');

function parseArgs(argv: readonly string[]): 'postgres' | undefined {
  if (argv.length === 2 && argv[0] === '--to' && argv[1] === 'postgres') return 'postgres';
  if (argv.length === 1 && argv[0] === '--to=postgres') return 'postgres';
  return undefined;
}

/** DATA_DIR and DATABASE_URL, checked as src/config.ts checks them (the bot's token is not needed here). */
function settings(env: Record<string, string | undefined>): { dataDir: string; url: string } {
  const dataDir = (env.DATA_DIR ?? '').trim() || 'data';
  const url = databaseUrlOf(env);
  if (!url) throw new ConfigError('DATABASE_URL', 'chưa đặt địa chỉ cơ sở dữ liệu PostgreSQL cần chuyển vào', 'not set; give the PostgreSQL database to move into');
  return { dataDir, url };
}

/** The database, its migrations applied; keeping no more than the cell at hand in its cache. */
async function openDatabase(url: string): Promise<PgStore> {
  try {
    return await PgStore.open({ url, poolSize: 2, lockPoolSize: 1, cacheShards: 1 });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new MigrateError(`Không mở được cơ sở dữ liệu DATABASE_URL: ${msg}`, `cannot open the database of DATABASE_URL: ${msg}`);
  }
}

async function main(): Promise<number> {
  if (!parseArgs(process.argv.slice(2))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { dataDir, url } = settings(process.env);
  secrets.push(decodeURIComponent(new URL(url).password));
  const started = Date.now();
  const today = localDate(systemClock.now());
  if (!existsSync(path.join(dataDir, 'cells')) && !existsSync(path.join(dataDir, 'index.json'))) {
    throw new MigrateError(`Không thấy dữ liệu của bot trong thư mục ${path.resolve(dataDir)} (DATA_DIR)`, `no bot data in ${path.resolve(dataDir)} (DATA_DIR)`);
  }

  let files: Store;
  try {
    files = await Store.open({ dir: dataDir, today });
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      throw new MigrateError(
        `Thư mục dữ liệu ${e.dir} đang được bot giữ (pid ${e.pid}); hãy dừng bot rồi chạy lại lệnh chuyển dữ liệu. Không có gì được ghi`,
        `data folder ${e.dir} is held by the running bot (pid ${e.pid}); stop the bot, then run the migration again. Nothing was written`,
      );
    }
    throw e;
  }
  let copy: PgStore | undefined;
  let check: PgStore | undefined;
  try {
    copy = await openDatabase(url);
    const held = (await copy.cellIds()).length;
    if (held > 0) {
      throw new MigrateError(
        `Cơ sở dữ liệu đã có ${count(held)} chi bộ; chỉ chuyển vào một cơ sở dữ liệu trống. Không có gì được ghi`,
        `the database already holds ${held} cells; migrate only into an empty database. Nothing was written`,
      );
    }
    const index = await files.index();
    await copyIndex(index, copy);
    const copied = await copyCells(files, copy, (done, total) => say(`Đã chép ${count(done)}/${count(total)} chi bộ / copied ${done}/${total} cells`));
    await copy.close();
    copy = undefined;

    // Read back through a fresh engine: what the bot will see, not what the copy remembers.
    check = await openDatabase(url);
    const indexGaps = indexDifferences(index, await check.index());
    const outcome = await checkCopy(files, check, today, (done, total) => say(`Đã đối chiếu ${count(done)}/${count(total)} chi bộ / checked ${done}/${total} cells`));
    if (indexGaps.length) outcome.mismatches.unshift({ cellId: '#index', what: indexGaps });
    if (outcome.mismatches.length) {
      for (const m of outcome.mismatches) {
        const who = m.cellName ? `${m.cellName} (${m.cellId})` : m.cellId === '#index' ? 'mục chung (index.json)' : m.cellId;
        process.stderr.write(
          m.year === undefined
            ? `Khác nhau: ${who}: ${m.what.join(', ')} / Mismatch: ${m.cellId}: ${m.what.join(', ')}\n`
            : `Khác nhau: ${who}, báo cáo năm ${m.year}: ${m.what.join(', ')} / Mismatch: cell ${m.cellId}, report of ${m.year}: ${m.what.join(', ')}\n`,
        );
      }
      throw new MigrateError(
        `${outcome.mismatches.length} chỗ khác nhau sau khi chép; đừng chạy bot trên cơ sở dữ liệu này (thư mục dữ liệu vẫn nguyên vẹn)`,
        `${outcome.mismatches.length} mismatches after the copy; do not run the bot on this database (the data folder is unchanged)`,
      );
    }
    const seconds = (Date.now() - started) / 1000;
    say(
      `Xong: ${count(copied)} chi bộ, ${count(outcome.members)} đảng viên, ${count(outcome.years)} năm báo cáo đã đối chiếu, ${seconds.toFixed(1).replace('.', ',')} giây. / Done: ${copied} cells, ${outcome.members} members, ${outcome.years} report years checked, ${seconds.toFixed(1)} s.`,
    );
    return 0;
  } finally {
    await copy?.close();
    await check?.close();
    await files.close();
  }
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(realpathSync(entry)).href) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      const known = e instanceof MigrateError || e instanceof ConfigError || e instanceof DataFileError || e instanceof DataDirLockedError;
      const msg = known ? (e as Error).message : `Không chuyển được dữ liệu / the migration failed: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
      process.stderr.write(`${redact(msg, secrets)}\n`);
      process.exit(1);
    },
  );
}

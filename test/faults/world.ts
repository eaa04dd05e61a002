/**
 * Shared set-up of the fault suite: data folders holding seeded cells (a synthetic year of
 * each, built as data by test/support/seed.ts), the fake users of their members, and
 * readers of what is on disk.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { seedCell, type SeedOptions } from '../support/seed.ts';
import type { CellFile, IndexFile } from '../../src/store/schema.ts';
import type { FakeBotApi, FakeUser } from '../support/fake-bot-api.ts';

export interface SeededCell extends SeedOptions {
  /** The cell's linked group, if any. */
  groupChatId?: number;
}

/** A seeded cell as data, with its group linked. */
export function cellData(o: SeededCell): CellFile {
  const file = seedCell(o);
  if (o.groupChatId !== undefined) file.cell.groupChatId = o.groupChatId;
  return file;
}

/** Writes cell files into a data folder the way the store would find them. */
export async function writeCells(dataDir: string, cells: readonly CellFile[]): Promise<void> {
  await mkdir(path.join(dataDir, 'cells'), { recursive: true, mode: 0o700 });
  for (const c of cells) await writeFile(path.join(dataDir, 'cells', `${c.cell.id}.json`), JSON.stringify(c), { mode: 0o600 });
}

/** The fake users of a cell's members, by member id. */
export function usersOf(api: FakeBotApi, cell: CellFile): Map<string, FakeUser> {
  const out = new Map<string, FakeUser>();
  for (const m of Object.values(cell.members)) out.set(m.id, api.user({ id: m.tgId, first_name: m.name.split(' ').at(-1)! }));
  return out;
}

/** Every data file (index and cells) as text, by path relative to the data folder: what "nothing changed" compares. */
export async function dataFiles(dataDir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const add = async (rel: string) => {
    try {
      out.set(rel, await readFile(path.join(dataDir, rel), 'utf8'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  };
  await add('index.json');
  for (const n of (await readdir(path.join(dataDir, 'cells'))).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort()) await add(path.join('cells', n));
  return out;
}

/** Parses every data file; throws naming the file that does not parse. */
export async function parseAll(dataDir: string): Promise<{ index: IndexFile | undefined; cells: Map<string, CellFile> }> {
  const files = await dataFiles(dataDir);
  const cells = new Map<string, CellFile>();
  let index: IndexFile | undefined;
  for (const [rel, text] of files) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new Error(`${rel} does not parse: ${(e as Error).message}`);
    }
    if (rel === 'index.json') index = data as IndexFile;
    else cells.set((data as CellFile).cell.id, data as CellFile);
  }
  return { index, cells };
}

/** Whether a string is well-formed UTF-16 (no lone surrogate): what Telegram can carry. */
export function wellFormed(s: string): boolean {
  return !/[\uD800-\uDFFF]/.test(s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''));
}

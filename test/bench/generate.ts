/**
 * Writes a synthetic deployment into a data folder: `cells` cells of `perCell` members,
 * each with a full year (meetings, attendance, dues, journal, sent self-evaluations of
 * realistic length; see test/support/seed.ts). Three ordinary members of each cell (the
 * 4th to 6th) are left half-way through editing their self-evaluation (the bench types into it).
 * Run as a child process so that the bench's own memory stays the bot's:
 *   tsx test/bench/generate.ts <dir> <cells> <perCell> <year> <asOf>
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { seedCell } from '../support/seed.ts';
import { versionToAnswers } from '../../src/telegram/dialogs/evaluate.ts';
import type { CellFile } from '../../src/store/schema.ts';

export const cellIdOf = (c: number) => `cb${String(c).padStart(4, '0')}`;
export const firstIdOf = (c: number, perCell: number) => 1_000_000 + c * Math.max(perCell, 50);

/** The `c`-th cell of a deployment, as data (the same whichever engine it is written to). */
export function cellFileOf(c: number, perCell: number, year: number, asOf: string): CellFile {
  const file = seedCell({ cellId: cellIdOf(c), cellName: `Chi bộ Trường số ${c + 1}`, year, asOf, members: perCell, firstId: firstIdOf(c, perCell), seed: c + 1 });
  const review = file.review.reviews[String(year)]!;
  for (const m of Object.values(file.members).slice(3, 6)) {
    const latest = review.submissions[m.id]!.at(-1)!;
    file.dialogs[m.id] = {
      active: 'evaluate',
      states: { evaluate: { id: 'evaluate', step: 's11', answers: versionToAnswers(latest), meta: { cellId: file.cell.id, year }, updatedAt: `${asOf}T00:00:00.000Z` } },
    };
  }
  return file;
}

export async function generate(dir: string, cells: number, perCell: number, year: number, asOf: string): Promise<void> {
  await mkdir(path.join(dir, 'cells'), { recursive: true, mode: 0o700 });
  for (let c = 0; c < cells; c++) {
    const file = cellFileOf(c, perCell, year, asOf);
    await writeFile(path.join(dir, 'cells', `${file.cell.id}.json`), JSON.stringify(file), { mode: 0o600 });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, cells, perCell, year, asOf] = process.argv.slice(2);
  await generate(dir!, Number(cells), Number(perCell), Number(year), asOf!);
}

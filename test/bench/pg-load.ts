/**
 * Fills an empty PostgreSQL database with the bench's deployment: `cells` cells of `perCell`
 * members with a full year each (the same cells generate.ts writes to a data folder:
 * cellFileOf), and, with `fifty`, one more cell of 50 members (index `cells`) for the
 * /report figure. Each cell is written whole through the engine (PgStore.createCell: its
 * rows, the invariant tables), a few at a time. Run as a child process so that the bench's
 * own memory stays the bot's:
 *   tsx test/bench/pg-load.ts <databaseUrl> <cells> <perCell> <year> <asOf> [fifty]
 */
import { mapLimit } from '../../src/concurrency.ts';
import { PgStore } from '../../src/store/postgres/engine.ts';
import { cellFileOf } from './generate.ts';

/** Cells written at once: the generation (here) and the inserts (the server) overlap. */
const AT_ONCE = 4;

export async function loadDeployment(url: string, cells: number, perCell: number, year: number, asOf: string, fifty: boolean, progress: (line: string) => void = () => undefined): Promise<void> {
  const store = await PgStore.open({ url, poolSize: AT_ONCE, lockPoolSize: 1, cacheShards: 1 });
  try {
    if ((await store.cellIds()).length) throw new Error('the database already holds cells');
    const started = performance.now();
    let done = 0;
    const jobs = Array.from({ length: cells }, (_, c) => ({ c, perCell }));
    if (fifty) jobs.push({ c: cells, perCell: 50 });
    await mapLimit(jobs, AT_ONCE, async ({ c, perCell: n }) => {
      await store.createCell(cellFileOf(c, n, year, asOf));
      if (++done % 500 === 0) progress(`  … ${done}/${jobs.length} cells written (${Math.round((performance.now() - started) / 1000)} s)`);
    });
  } finally {
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [url, cells, perCell, year, asOf, fifty] = process.argv.slice(2);
  await loadDeployment(url!, Number(cells), Number(perCell), Number(year), asOf!, fifty === 'fifty', (l) => process.stderr.write(`${l}\n`));
}

/**
 * `npm run bench`: runs the benches and prints one table of figures against targets.
 * Options: `--cells N --per-cell M` to run the fan-out at another size (default 400 × 25).
 * Later benches add their rows here.
 */
import { benchFanout, fanoutRows } from './fanout.ts';
import { printTable, type BenchRow } from './table.ts';

function arg(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : undefined;
}

const rows: BenchRow[] = [];
const log = (line: string) => process.stderr.write(`${line}\n`);

log('Fan-out: reminding every member of every cell through the fake Bot API with Telegram\'s limits …');
rows.push(...fanoutRows(await benchFanout({ cells: arg('cells'), perCell: arg('per-cell'), progress: log })));

printTable('chibo-bot bench', rows);
process.exitCode = rows.every((r) => r.ok) ? 0 : 1;

/** The bench's output: one table of figures against their targets, plus the machine it ran on. */
import os from 'node:os';

export interface BenchRow {
  figure: string;
  value: string | number;
  target: string;
  ok: boolean;
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** The rows as an aligned text table, with "ok" / "MISS" in the last column. */
export function formatTable(rows: readonly BenchRow[]): string {
  const cells = [['figure', 'value', 'target', 'ok'], ...rows.map((r) => [r.figure, String(r.value), r.target, r.ok ? 'ok' : 'MISS'])];
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((c) => [...c[i]!].length)));
  const line = (c: string[]) => c.map((x, i) => x + ' '.repeat(widths[i]! - [...x].length)).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function printTable(title: string, rows: readonly BenchRow[]): void {
  process.stdout.write(`\n${title}\nMachine: ${machine()}\n\n${formatTable(rows)}\n`);
}

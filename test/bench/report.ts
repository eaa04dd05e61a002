/** /report: the year's model and its .docx, per cell, as the committee's command makes them. */
import { annexDocx, reportDocx } from '../../src/documents/report.ts';
import { t } from '../../src/telegram/texts/index.ts';
import type { InProcessBot } from './inproc.ts';
import { cellIdOf } from './generate.ts';

/** Milliseconds to build one cell's year summary and its two .docx files (what /report does besides sending). */
export async function reportOnce(b: InProcessBot, cellId: string, year: number): Promise<number> {
  const secretary = Object.values((await b.app.store.cell(cellId))!.members).find((m) => m.role === 'secretary')!;
  const t0 = performance.now();
  const model = await b.app.services.reports.year(secretary.tgId, year);
  t.report.yearSummary(model);
  const file = await reportDocx(model);
  if (file.length < 5000) throw new Error('the report is suspiciously small');
  await annexDocx(model);
  return performance.now() - t0;
}

/** Every cell's report, one after the other: total seconds. */
export async function reportAll(b: InProcessBot, cells: number, year: number): Promise<number> {
  const t0 = performance.now();
  for (let c = 0; c < cells; c++) await reportOnce(b, cellIdOf(c), year);
  return (performance.now() - t0) / 1000;
}

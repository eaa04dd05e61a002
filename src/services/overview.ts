/**
 * /overview: the admin's figures of a year across every cell. Cells are read through the
 * port one at a time and only their row is kept (at a province's scale there are thousands
 * of cells: their data never sits in memory all at once), letting other chats' updates run
 * between two cells.
 */
import { reportAsOf } from '../core/report.ts';
import { cellOverview, compareOverview, overviewTotals, type CellOverview, type OverviewTotals } from '../core/overview.ts';
import { RuleError } from '../core/result.ts';
import { localDate, type LocalDate } from '../core/time.ts';
import type { ServiceDeps } from './deps.ts';
import { bindDeps } from './bind.ts';
import { isAdmin } from './cells.ts';
import { reviewDrafts } from './review-drafts.ts';

export interface Overview {
  year: number;
  /** The day the figures run to: today for the current year, 31/12 for a past one. */
  asOf: LocalDate;
  today: LocalDate;
  /** One row per cell, by the committee above, then the cell's name. */
  rows: CellOverview[];
  totals: OverviewTotals;
}

/** Every cell's row for `year`; for admins only. */
export async function year(deps: ServiceDeps, tgId: number, year: number): Promise<Overview> {
  if (!(await isAdmin(deps, tgId))) throw new RuleError({ code: 'forbidden.admin' });
  const today = localDate(deps.clock.now());
  if (year > Number(today.slice(0, 4))) throw new RuleError({ code: 'report.future', params: { year } });
  const rows: CellOverview[] = [];
  for (const id of await deps.store.cellIds()) {
    const d = await deps.store.cell(id);
    // (a cell removed since the ids were read)
    if (d) rows.push(cellOverview(d, year, today, reviewDrafts(d.dialogs)));
    await new Promise((resolve) => setImmediate(resolve));
  }
  rows.sort(compareOverview);
  return { year, asOf: reportAsOf(year, today), today, rows, totals: overviewTotals(rows) };
}

/** The use cases above, bound to one set of deps. */
export function overviewService(deps: ServiceDeps) {
  return bindDeps(deps, { year });
}

export type OverviewService = ReturnType<typeof overviewService>;

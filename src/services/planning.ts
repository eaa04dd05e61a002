/**
 * The planners' tick: for every cell, the planners (core) answer "what is due now?" from
 * the cell's data, and what is new goes into its outbox; once a day, the backup and the
 * outbox housekeeping. The scheduler only decides when a tick runs.
 */
import { mapLimit } from '../concurrency.ts';
import type { Planner } from '../core/planner.ts';
import { localDate } from '../core/time.ts';
import type { CellFile } from '../store/port.ts';
import type { ServiceDeps } from './deps.ts';
import { plan as queuePlanned, prune } from './outbox.ts';
import { bindDeps } from './bind.ts';

/**
 * Plans everything due now in every cell; the first tick of a day also backs up and prunes.
 * Returns how many messages were queued. Only the instance holding the planner's role plans
 * (and does the daily housekeeping); any other does nothing.
 */
export async function planTick(deps: PlanningDeps, planners: readonly Planner<CellFile>[]): Promise<number> {
  if (!(await deps.store.holdsRole('planner'))) return 0;
  const now = deps.clock.now();
  let queued = 0;
  // A few cells at a time, yielding to waiting updates before each: planning every cell
  // must never hold a user's button press, and a catch-up's writes go out side by side.
  await mapLimit(await deps.store.cellIds(), 8, async (cellId) => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const data = await deps.store.cell(cellId);
    if (!data) return;
    try {
      const planned = planners.flatMap((plan) => plan(data, now));
      if (planned.length) queued += await queuePlanned(deps, cellId, planned, data);
    } catch (e) {
      deps.log.error('planning failed for a cell', { cellId, error: e });
    }
  });
  const today = localDate(now);
  if (today !== deps.planning.lastDay) {
    deps.planning.lastDay = today;
    try {
      const folder = await deps.store.backup(today);
      if (folder) deps.log.info('daily backup written', { folder });
      await prune(deps);
    } catch (e) {
      deps.log.error('daily backup failed', { error: e });
    }
  }
  return queued;
}

/** The planners' deps: with the day of the last tick (one per service instance), so that the daily work runs once a day. */
export interface PlanningDeps extends ServiceDeps {
  planning: { lastDay: string };
}

/** The use case above, bound to one set of deps. */
export function planningService(deps: ServiceDeps) {
  return bindDeps({ ...deps, planning: { lastDay: '' } }, { tick: planTick });
}

export type PlanningService = ReturnType<typeof planningService>;

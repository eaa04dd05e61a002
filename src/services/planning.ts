/**
 * The planners' tick: the planners (core) answer "what is due now?" from a cell's data,
 * and what is new goes into its outbox; once a day, the backup and the outbox
 * housekeeping. The scheduler only decides when a tick runs.
 *
 * A cell is read and planned again only when its data changed (its version, from the
 * store without loading it) or when the planners' next-due instant has come: at 4,000
 * cells, planning all of them each minute took most of a core.
 */
import { mapLimit } from '../concurrency.ts';
import type { FeaturePlanner } from '../core/planner.ts';
import { localDate } from '../core/time.ts';
import type { CellFile } from '../store/port.ts';
import type { ServiceDeps } from './deps.ts';
import { plan as queuePlanned, prune } from './outbox.ts';
import { bindDeps } from './bind.ts';

/**
 * Plans everything due now in every cell that may have something new; the first tick of a
 * day also backs up and prunes (once a day: the day is kept in the index, so a restart or
 * another instance taking over the planning does not repeat it). Returns how many messages
 * were queued. Only the instance holding the planner's role plans (and does the daily
 * housekeeping); any other does nothing.
 */
export async function planTick(deps: PlanningDeps, planners: readonly FeaturePlanner<CellFile>[], signal?: AbortSignal): Promise<number> {
  if (!(await deps.store.holdsRole('planner'))) return 0;
  const now = deps.clock.now();
  const versions = await deps.store.cellVersions();
  const { wakes } = deps.planning;
  for (const id of wakes.keys()) if (!versions.has(id)) wakes.delete(id);
  const due = [...versions].filter(([id, version]) => {
    const w = wakes.get(id);
    return !w || w.version !== version || w.at <= now.getTime();
  });
  let queued = 0;
  // A few cells at a time, yielding to waiting updates before each: planning many cells
  // must never hold a user's button press, and a catch-up's writes go out side by side.
  await mapLimit(due, 8, async ([cellId, version]) => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (signal?.aborted) return; // the app is stopping: the cells not planned yet wait for the next start
    const data = await deps.store.cell(cellId);
    if (!data) return;
    try {
      const planned = planners.flatMap((p) => p.plan(data, now));
      if (planned.length) queued += await queuePlanned(deps, cellId, planned, data);
      // The version was read before the data: a write in between only makes the next tick plan again.
      wakes.set(cellId, { version, at: Math.min(...planners.map((p) => p.nextDue(data, now))) });
    } catch (e) {
      deps.log.error('planning failed for a cell', { cellId, error: e });
    }
  });
  const today = localDate(now);
  if (today !== deps.planning.lastDay && !signal?.aborted) {
    deps.planning.lastDay = today;
    try {
      if ((await deps.store.index()).housekeptOn === today) return queued;
      const folder = await deps.store.backup(today);
      if (folder) deps.log.info('daily backup written', { folder });
      await prune(deps);
      await deps.store.updateIndex((d) => {
        d.housekeptOn = today;
      });
    } catch (e) {
      deps.log.error('daily backup failed', { error: e });
    }
  }
  return queued;
}

/**
 * The planners' deps, with what one service instance remembers: the day of the last tick
 * (the daily work runs once a day), and per cell the version last planned and when it has
 * something new due.
 */
export interface PlanningDeps extends ServiceDeps {
  planning: { lastDay: string; wakes: Map<string, { version: number; at: number }> };
}

/** The use case above, bound to one set of deps. */
export function planningService(deps: ServiceDeps) {
  return bindDeps({ ...deps, planning: { lastDay: '', wakes: new Map() } }, { tick: planTick });
}

export type PlanningService = ReturnType<typeof planningService>;

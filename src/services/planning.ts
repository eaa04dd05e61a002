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
import type { OutboxService } from './outbox.ts';

export function planningService({ store, clock, log }: ServiceDeps, outbox: OutboxService) {
  let lastDay = '';
  return {
    /** Plans everything due now in every cell; the first tick of a day also backs up and prunes. Returns how many messages were queued. */
    async tick(planners: readonly Planner<CellFile>[]): Promise<number> {
      const now = clock.now();
      let queued = 0;
      // A few cells at a time, yielding to waiting updates before each: planning every cell
      // must never hold a user's button press, and a catch-up's writes go out side by side.
      await mapLimit(store.cellIds(), 8, async (cellId) => {
        await new Promise<void>((resolve) => setImmediate(resolve));
        const data = store.cell(cellId);
        if (!data) return;
        try {
          const planned = planners.flatMap((plan) => plan(data, now));
          if (planned.length) queued += await outbox.plan(cellId, planned);
        } catch (e) {
          log.error('planning failed for a cell', { cellId, error: e });
        }
      });
      const today = localDate(now);
      if (today !== lastDay) {
        lastDay = today;
        try {
          const folder = await store.backup(today);
          if (folder) log.info('daily backup written', { folder });
          await outbox.prune();
        } catch (e) {
          log.error('daily backup failed', { error: e });
        }
      }
      return queued;
    },
  };
}

export type PlanningService = ReturnType<typeof planningService>;

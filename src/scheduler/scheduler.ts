/**
 * node-cron only ticks (every minute). On each tick the planners answer "what is due
 * now?" for every cell from the store and the clock, and what is new goes into the
 * outbox. The same tick runs at start, so reminders missed while the bot was down still
 * go out when they are still relevant. Once a day: the backup and outbox housekeeping.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Services } from '../services/index.ts';
import { mapLimit } from '../concurrency.ts';
import type { Logger } from '../log.ts';
import type { CellFile } from '../store/schema.ts';
import { localDate, TZ } from '../core/time.ts';
import { planProbation, type Planner } from '../core/planner.ts';
import { planMeetings } from '../core/meetings.ts';
import { planDues } from '../core/dues.ts';
import { planReview } from '../core/review.ts';
import { reviewDrafts } from '../services/review-drafts.ts';

/** Every planner of every feature. */
export const PLANNERS: readonly Planner<CellFile>[] = [planProbation, planMeetings, planDues, (d, now) => planReview({ ...d, drafts: reviewDrafts(d.dialogs) }, now)];

export interface Scheduler {
  /** Plans everything due now; returns how many messages were queued. */
  tick(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export function createScheduler(services: Services, log: Logger, planners: readonly Planner<CellFile>[] = PLANNERS): Scheduler {
  const { store, clock, outbox } = services;
  let lastDay = '';
  let task: ScheduledTask | undefined;

  async function tick(): Promise<number> {
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
  }

  return {
    tick,
    start() {
      task = cron.createTask('* * * * *', () => tick(), { timezone: TZ, noOverlap: true, name: 'planner' });
      void task.start();
    },
    async stop() {
      await task?.stop();
      await task?.destroy();
    },
  };
}

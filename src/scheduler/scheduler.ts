/**
 * node-cron only ticks (every minute). On each tick the planners answer "what is due
 * now?" from the store and the clock, for every cell whose data changed or whose next-due
 * instant has come, and what is new goes into the outbox. The same tick runs at start, so
 * reminders missed while the bot was down still go out when they are still relevant. Once
 * a day: the backup and outbox housekeeping.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Services } from '../services/index.ts';
import type { Logger } from '../log.ts';
import type { CellFile } from '../services/index.ts';
import { TZ } from '../core/time.ts';
import { type FeaturePlanner, nextProbationDue, planProbation } from '../core/planner.ts';
import { nextMeetingsDue, planMeetings } from '../core/meetings/index.ts';
import { nextDuesDue, planDues } from '../core/dues/index.ts';
import { nextReviewDue, planReview } from '../core/review/index.ts';
import { reviewDrafts } from '../services/review-drafts.ts';

/** Every planner of every feature. */
export const PLANNERS: readonly FeaturePlanner<CellFile>[] = [
  { plan: planProbation, nextDue: nextProbationDue },
  { plan: planMeetings, nextDue: nextMeetingsDue },
  { plan: planDues, nextDue: nextDuesDue },
  { plan: (d, now) => planReview({ ...d, drafts: reviewDrafts(d.dialogs) }, now), nextDue: nextReviewDue },
];

export interface Scheduler {
  /** Plans everything due now; returns how many messages were queued. */
  tick(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export function createScheduler(services: Services, _log: Logger, planners: readonly FeaturePlanner<CellFile>[] = PLANNERS): Scheduler {
  let task: ScheduledTask | undefined;
  const stopped = new AbortController();
  const running = new Set<Promise<number>>();
  const tick = () => {
    const t = services.planning.tick(planners, stopped.signal);
    running.add(t);
    void t.finally(() => running.delete(t)).catch(() => undefined);
    return t;
  };

  return {
    tick,
    start() {
      task = cron.createTask('* * * * *', () => tick(), { timezone: TZ, noOverlap: true, name: 'planner' });
      void task.start();
    },
    /** Stops the minute's ticks, and a tick in progress after the cells it is planning (the rest wait for the next start). */
    async stop() {
      stopped.abort();
      await task?.stop();
      await task?.destroy();
      await Promise.allSettled(running);
    },
  };
}

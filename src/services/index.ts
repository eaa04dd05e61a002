/** All services, built once by the composition root and put on every update's context. */
import type { ServiceDeps } from './deps.ts';
import { cellService } from './cells.ts';
import { memberService } from './members.ts';
import { dialogService } from './dialogs.ts';
import { outboxService } from './outbox.ts';
import { meetingService } from './meetings.ts';
import { duesMemberHooks, duesService } from './dues.ts';
import { reviewService } from './review.ts';
import { journalService } from './journal.ts';
import { reportService } from './reports.ts';
import { groupService } from './groups.ts';
import { updateService } from './updates.ts';
import { planningService } from './planning.ts';
import { overviewService } from './overview.ts';

// What other layers may know of the storage: the shape of a cell's data (the planners read it), the index's id, a failed write, a duplicate handling.
export type { CellFile } from '../store/port.ts';
export { DuplicateUpdateError, INDEX_SHARD, StoreWriteError } from '../store/port.ts';

export function createServices(deps: ServiceDeps) {
  const outbox = outboxService(deps);
  return {
    updates: updateService(deps),
    cells: cellService(deps),
    members: memberService(deps, duesMemberHooks),
    dialogs: dialogService(deps),
    outbox,
    planning: planningService(deps),
    meetings: meetingService(deps),
    dues: duesService(deps),
    review: reviewService(deps),
    journal: journalService(deps),
    reports: reportService(deps),
    groups: groupService(deps),
    overview: overviewService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;

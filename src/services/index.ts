/** All services, built once by the composition root and put on every update's context. */
import type { ServiceDeps } from './deps.ts';
import { cellService } from './cells.ts';
import { memberService } from './members.ts';
import { dialogService } from './dialogs.ts';
import { outboxService } from './outbox.ts';

export function createServices(deps: ServiceDeps) {
  return {
    store: deps.store,
    clock: deps.clock,
    cells: cellService(deps),
    members: memberService(deps),
    dialogs: dialogService(deps),
    outbox: outboxService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;

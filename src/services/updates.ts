/** The update ledger: a Telegram update delivered twice (same update_id) is handled once. */
import type { ServiceDeps } from './deps.ts';

export function updateService({ store }: ServiceDeps) {
  return {
    /** True the first time an update id is seen; false for a duplicate delivery. */
    claim(updateId: number): boolean {
      return store.claimUpdate(updateId);
    },

    /** Runs the handling of one update: every file it writes remembers the id, so a restart still knows it. */
    handle<R>(updateId: number, fn: () => Promise<R>): Promise<R> {
      return store.runForUpdate(updateId, fn);
    },
  };
}

export type UpdateService = ReturnType<typeof updateService>;

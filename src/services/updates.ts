/** The update ledger: a Telegram update delivered twice (same update_id) is handled once. */
import type { UpdateAhead } from '../store/port.ts';
import type { ServiceDeps } from './deps.ts';

/** True the first time an update id is seen; false for a duplicate delivery. */
export function claimUpdate(deps: ServiceDeps, updateId: number): Promise<boolean> {
  return deps.store.claimUpdate(updateId);
}

/** Runs the handling of one update: every file it writes remembers the id, so a restart still knows it. */
export function handleUpdate<R>(deps: ServiceDeps, updateId: number, fn: () => Promise<R>): Promise<R> {
  return deps.store.runForUpdate(updateId, fn);
}

/**
 * Runs `fn` while no other handling of the same chat runs (in this process or, on a shared
 * engine, in any instance), so a chat's updates keep their effects in order.
 */
export function inOrder<R>(deps: ServiceDeps, key: string, fn: () => Promise<R>, update?: UpdateAhead): Promise<R> {
  return deps.store.exclusive(`chat:${key}`, fn, update);
}

/** The use cases above, bound to one set of deps (by hand: `handle` keeps its type parameter). */
export function updateService(deps: ServiceDeps) {
  return {
    claim: (updateId: number) => claimUpdate(deps, updateId),
    handle: <R>(updateId: number, fn: () => Promise<R>) => handleUpdate(deps, updateId, fn),
    inOrder: <R>(key: string, fn: () => Promise<R>, update?: UpdateAhead) => inOrder(deps, key, fn, update),
  };
}

export type UpdateService = ReturnType<typeof updateService>;

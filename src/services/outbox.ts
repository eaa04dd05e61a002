/** The persisted side of the outbox: what is waiting, what was sent. The sender lives in telegram/. */
import { enqueue, pruneSent, settle, PRUNE_SENT_DAYS, type OutboxItem, type PlannedMessage } from '../core/notices.ts';
import type { ServiceDeps } from './deps.ts';
import { bindDeps } from './bind.ts';
import { INDEX_SHARD } from '../store/port.ts';

/** Adds planned messages to a shard's outbox, skipping keys already pending or sent. */
export async function plan(deps: ServiceDeps, shardId: string, planned: readonly PlannedMessage[]): Promise<number> {
  const box = deps.store.shard(shardId)?.outbox;
  if (!box || planned.every((p) => box.sent[p.key] !== undefined || box.pending.some((q) => q.key === p.key))) return 0;
  return deps.store.updateShard(shardId, (d) => enqueue(d.outbox, planned, deps.clock.now()));
}

/** Every shard that has an outbox: the index and each cell. */
export function shards(deps: ServiceDeps): string[] {
  return [INDEX_SHARD, ...deps.store.cellIds()];
}

/** Follows every committed write: what then waits in that shard's outbox (the sender's feed). */
export function follow(deps: ServiceDeps, listener: (shardId: string, pending: readonly OutboxItem[]) => void): void {
  deps.store.onCommit((shardId, d) => listener(shardId, d.outbox.pending));
}

/** Whether an item may no longer be sent (its moment has passed). */
export function expired(deps: ServiceDeps, item: OutboxItem): boolean {
  return item.expiresAt !== undefined && Date.parse(item.expiresAt) < deps.clock.now().getTime();
}

export function pending(deps: ServiceDeps, shardId: string): readonly OutboxItem[] {
  return deps.store.shard(shardId)?.outbox.pending ?? [];
}

/** Marks an item as being sent now: after a crash it will not be sent again. */
export async function attempt(deps: ServiceDeps, shardId: string, key: string): Promise<OutboxItem | undefined> {
  return deps.store.updateShard(shardId, (d) => {
    const item = d.outbox.pending.find((p) => p.key === key);
    if (!item) return undefined;
    item.attempts++;
    item.attemptedAt = deps.clock.now().toISOString();
    return item;
  });
}

/** The send failed in a way that is worth retrying: clear the attempt mark. */
export async function release(deps: ServiceDeps, shardId: string, key: string): Promise<void> {
  await deps.store.updateShard(shardId, (d) => {
    const item = d.outbox.pending.find((p) => p.key === key);
    if (item) delete item.attemptedAt;
  });
}

/** Sent, expired or given up: never again. */
export async function settleItem(deps: ServiceDeps, shardId: string, key: string): Promise<void> {
  await deps.store.updateShard(shardId, (d) => settle(d.outbox, key, deps.clock.now()));
}

/**
 * At start: items whose send began but was never confirmed (the process died in
 * between) may or may not have arrived. They are not sent again: a duplicate reminder
 * is worse than the rare one lost in that instant, and the log says which.
 */
export async function settleInterrupted(deps: ServiceDeps): Promise<number> {
  let n = 0;
  for (const shardId of shards(deps)) {
    const stuck = deps.store.shard(shardId)!.outbox.pending.filter((p) => p.attemptedAt);
    if (!stuck.length) continue;
    for (const p of stuck) deps.log.warn('outbox: send interrupted by a restart, not repeated', { shardId, key: p.key });
    n += stuck.length;
    await deps.store.updateShard(shardId, (d) => {
      for (const p of stuck) settle(d.outbox, p.key, deps.clock.now());
    });
  }
  return n;
}

/** Forgets sent keys older than planners ever look back (daily housekeeping). */
export async function prune(deps: ServiceDeps): Promise<void> {
  const limit = deps.clock.now().getTime() - PRUNE_SENT_DAYS * 86_400_000;
  for (const shardId of shards(deps)) {
    const sent = deps.store.shard(shardId)!.outbox.sent;
    if (!Object.values(sent).some((at) => Date.parse(at) < limit)) continue;
    await deps.store.updateShard(shardId, (d) => pruneSent(d.outbox, deps.clock.now()));
  }
}

/** The use cases above, bound to one set of deps. */
export function outboxService(deps: ServiceDeps) {
  return bindDeps(deps, {
    plan,
    shards,
    follow,
    expired,
    pending,
    attempt,
    release,
    settle: settleItem,
    settleInterrupted,
    prune,
  });
}

export type OutboxService = ReturnType<typeof outboxService>;

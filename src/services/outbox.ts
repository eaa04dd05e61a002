/** The persisted side of the outbox: what is waiting, what was sent. The sender lives in telegram/. */
import { enqueue, pruneSent, PRUNE_SENT_DAYS, type OutboxItem, type PlannedMessage } from '../core/notices.ts';
import type { ServiceDeps } from './deps.ts';
import { bindDeps } from './bind.ts';
import { INDEX_SHARD, type CellFile, type IndexFile } from '../store/port.ts';

/**
 * Adds planned messages to a shard's outbox, skipping keys already pending or sent. `read`:
 * the shard's data the planners just read, so that the usual case (every key known) reads nothing again.
 */
export async function plan(deps: ServiceDeps, shardId: string, planned: readonly PlannedMessage[], read?: CellFile | IndexFile): Promise<number> {
  const box = (read ?? (await deps.store.shard(shardId)))?.outbox;
  if (!box || planned.every((p) => box.sent[p.key] !== undefined || box.pending.some((q) => q.key === p.key))) return 0;
  return deps.store.updateShard(shardId, (d) => enqueue(d.outbox, planned, deps.clock.now()));
}

/** Every shard that has an outbox: the index and each cell. */
export async function shards(deps: ServiceDeps): Promise<string[]> {
  return [INDEX_SHARD, ...(await deps.store.cellIds())];
}

/**
 * Follows every committed write, and other instances' that changed an outbox while `others()`
 * holds: what then waits in that shard's outbox (the sender's feed).
 */
export function follow(deps: ServiceDeps, listener: (shardId: string, pending: readonly OutboxItem[]) => void, others: () => boolean): void {
  deps.store.onOutbox(listener, others);
}

/** Whether an item may no longer be sent (its moment has passed). */
export function expired(deps: ServiceDeps, item: Pick<OutboxItem, 'expiresAt'>): boolean {
  return item.expiresAt !== undefined && Date.parse(item.expiresAt) < deps.clock.now().getTime();
}

/** Every pending item of every shard, oldest first, but those `held` says the sender has queued already. */
export function pendingAll(deps: ServiceDeps, held?: (shardId: string, key: string) => boolean): Promise<{ shardId: string; item: OutboxItem }[]> {
  return deps.store.pendingOutbox(held);
}

/** Whether this instance is the one that sends (one sender for the whole bot, so Telegram's limits hold). */
export function leads(deps: ServiceDeps): Promise<boolean> {
  return deps.store.holdsRole('sender');
}

/** Marks an item as being sent now (after a crash it is not sent again): the item, undefined when gone or already attempted, 'busy' to try again shortly. */
export function attempt(deps: ServiceDeps, shardId: string, key: string): Promise<OutboxItem | undefined | 'busy'> {
  return deps.store.markOutbox(shardId, key, 'attempt', deps.clock.now());
}

/** The send failed in a way that is worth retrying: clear the attempt mark. */
export async function release(deps: ServiceDeps, shardId: string, key: string): Promise<void> {
  await deps.store.markOutbox(shardId, key, 'release', deps.clock.now());
}

/** Sent, expired or given up: never again. */
export async function settleItem(deps: ServiceDeps, shardId: string, key: string): Promise<void> {
  await deps.store.markOutbox(shardId, key, 'settle', deps.clock.now());
}

/**
 * When this instance becomes the sender (at start, or taking over from one that died):
 * items whose send began but was never confirmed may or may not have arrived. They are
 * not sent again: a duplicate reminder is worse than the rare one lost in that instant,
 * and the log says which.
 */
export async function settleInterrupted(deps: ServiceDeps): Promise<number> {
  const stuck = (await deps.store.pendingOutbox()).filter((p) => p.item.attemptedAt);
  for (const { shardId, item } of stuck) {
    deps.log.warn('outbox: send interrupted by a restart, not repeated', { shardId, key: item.key });
    await settleItem(deps, shardId, item.key);
  }
  return stuck.length;
}

/** Forgets sent keys older than planners ever look back (daily housekeeping). */
export async function prune(deps: ServiceDeps): Promise<void> {
  const limit = deps.clock.now().getTime() - PRUNE_SENT_DAYS * 86_400_000;
  for (const shardId of await shards(deps)) {
    const sent = (await deps.store.shard(shardId))!.outbox.sent;
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
    pendingAll,
    leads,
    attempt,
    release,
    settle: settleItem,
    settleInterrupted,
    prune,
  });
}

export type OutboxService = ReturnType<typeof outboxService>;

/** The persisted side of the outbox: what is waiting, what was sent. The sender lives in telegram/. */
import { enqueue, pruneSent, settle, PRUNE_SENT_DAYS, type OutboxItem, type PlannedMessage } from '../core/notices.ts';
import type { ServiceDeps } from './deps.ts';
import { INDEX_SHARD } from '../store/port.ts';

export function outboxService({ store, clock, log }: ServiceDeps) {
  return {
    /** Adds planned messages to a shard's outbox, skipping keys already pending or sent. */
    async plan(shardId: string, planned: readonly PlannedMessage[]): Promise<number> {
      const box = store.shard(shardId)?.outbox;
      if (!box || planned.every((p) => box.sent[p.key] !== undefined || box.pending.some((q) => q.key === p.key))) return 0;
      return store.updateShard(shardId, (d) => enqueue(d.outbox, planned, clock.now()));
    },

    /** Every shard that has an outbox: the index and each cell. */
    shards(): string[] {
      return [INDEX_SHARD, ...store.cellIds()];
    },

    /** Follows every committed write: what then waits in that shard's outbox (the sender's feed). */
    follow(listener: (shardId: string, pending: readonly OutboxItem[]) => void): void {
      store.onCommit((shardId, d) => listener(shardId, d.outbox.pending));
    },

    /** Whether an item may no longer be sent (its moment has passed). */
    expired(item: OutboxItem): boolean {
      return item.expiresAt !== undefined && Date.parse(item.expiresAt) < clock.now().getTime();
    },

    pending(shardId: string): readonly OutboxItem[] {
      return store.shard(shardId)?.outbox.pending ?? [];
    },

    /** Marks an item as being sent now: after a crash it will not be sent again. */
    async attempt(shardId: string, key: string): Promise<OutboxItem | undefined> {
      return store.updateShard(shardId, (d) => {
        const item = d.outbox.pending.find((p) => p.key === key);
        if (!item) return undefined;
        item.attempts++;
        item.attemptedAt = clock.now().toISOString();
        return item;
      });
    },

    /** The send failed in a way that is worth retrying: clear the attempt mark. */
    async release(shardId: string, key: string): Promise<void> {
      await store.updateShard(shardId, (d) => {
        const item = d.outbox.pending.find((p) => p.key === key);
        if (item) delete item.attemptedAt;
      });
    },

    /** Sent, expired or given up: never again. */
    async settle(shardId: string, key: string): Promise<void> {
      await store.updateShard(shardId, (d) => settle(d.outbox, key, clock.now()));
    },

    /**
     * At start: items whose send began but was never confirmed (the process died in
     * between) may or may not have arrived. They are not sent again: a duplicate reminder
     * is worse than the rare one lost in that instant, and the log says which.
     */
    async settleInterrupted(): Promise<number> {
      let n = 0;
      for (const shardId of [INDEX_SHARD, ...store.cellIds()]) {
        const stuck = store.shard(shardId)!.outbox.pending.filter((p) => p.attemptedAt);
        if (!stuck.length) continue;
        for (const p of stuck) log.warn('outbox: send interrupted by a restart, not repeated', { shardId, key: p.key });
        n += stuck.length;
        await store.updateShard(shardId, (d) => {
          for (const p of stuck) settle(d.outbox, p.key, clock.now());
        });
      }
      return n;
    },

    /** Forgets sent keys older than planners ever look back (daily housekeeping). */
    async prune(): Promise<void> {
      const limit = clock.now().getTime() - PRUNE_SENT_DAYS * 86_400_000;
      for (const shardId of [INDEX_SHARD, ...store.cellIds()]) {
        const sent = store.shard(shardId)!.outbox.sent;
        if (!Object.values(sent).some((at) => Date.parse(at) < limit)) continue;
        await store.updateShard(shardId, (d) => pruneSent(d.outbox, clock.now()));
      }
    },
  };
}

export type OutboxService = ReturnType<typeof outboxService>;

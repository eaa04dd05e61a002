/**
 * The one outgoing queue for every message that is not a direct reply.
 *
 * Items are persisted in the store's outboxes before they get here. The sender paces them
 * within Telegram's limits (about 30 messages/s overall, 1/s per private chat, 20/min per
 * group), keeps each chat's messages in order, waits `retry_after` on 429, retries
 * network errors and 5xx with backoff, and on 403 gives the message up and marks the
 * member unreachable. An item is marked as attempted before its send and settled after,
 * so that after a crash nothing is sent twice.
 */
import type { Telegram } from 'telegraf';
import type { OutboxItem } from '../core/notices.ts';
import { INDEX_SHARD, type Services } from '../services/index.ts';
import type { Logger } from '../log.ts';
import { renderNotice } from './notices/index.ts';
import { renderDocument } from './notices/documents.ts';
import { classifyTelegramError } from './errors.ts';

export interface SenderOptions {
  /** Messages per second overall. */
  perSecond: number;
  /** Smallest gap between two messages to one private chat. */
  privateGapMs: number;
  /** Smallest gap between two messages to one group (20 per minute → 3 s). */
  groupGapMs: number;
  /** Attempts for network errors and 5xx before the message is given up. */
  maxAttempts: number;
  /** Backoff before retry n (1-based). */
  backoffMs: (attempt: number) => number;
  /** Real (monotonic) time and waiting; replaceable in tests. */
  now: () => number;
  /** The Mini App's address (WEBAPP_URL): the review's messages get its button and set the menu button. */
  webappUrl?: string;
  /** How often an instance that is not the sender asks for the role (and the sender checks it still holds it). */
  leaderPollMs: number;
  /** How often the sender looks for pending items it was not told of (a notice from another instance lost on the way). */
  sweepMs: number;
}

export const DEFAULT_SENDER: SenderOptions = {
  perSecond: 28,
  privateGapMs: 1000,
  groupGapMs: 3000,
  maxAttempts: 8,
  backoffMs: (n) => Math.min(300_000, 1000 * 2 ** (n - 1)),
  now: () => performance.now(),
  leaderPollMs: 2000,
  sweepMs: 30_000,
};

/** How late a wake may be and still send the slots it missed: timers' and a busy loop's lateness, not a stall. */
export const CATCH_UP_MS = 10;

/**
 * The pacing grid's next slot after a send that was due at `due` and taken at `now`. A wake
 * late by up to one slot, or CATCH_UP_MS when slots are shorter, still sends the slots it
 * missed: at 280/s (the bench's tenfold pace) a slot is 3.6 ms, and restarting the grid from
 * `now` lost the timers' lateness on every wake (a fan-out ran at 267/s). Not more: the
 * calls of a larger burst are in flight together, and a stall delaying them all bunched
 * their arrivals over Telegram's limit (a 250 ms catch-up drew 116 × 429 in a fan-out of
 * 100,000). At Telegram's own pace (a slot is 36 ms) this is the grid as it always was.
 * The overall limit still holds: callSlot keeps any second within perSecond.
 */
export function nextOnGrid(due: number, now: number, interval: number): number {
  return Math.max(now - Math.max(interval, CATCH_UP_MS), due) + interval;
}

interface Entry {
  shardId: string;
  key: string;
  chatId: number;
  /** What the send needs before the attempt mark answers with the item as stored (a queue of 100,000 kept whole items' notices). */
  item: Pick<OutboxItem, 'expiresAt' | 'document'>;
  /** Not before this (monotonic ms): after a backoff. */
  notBefore: number;
}

export interface SenderStats {
  sent: number;
  retried429: number;
  retriedErrors: number;
  failed: number;
  blocked: number;
  expired: number;
}

export class OutboxSender {
  private readonly opts: SenderOptions;
  private readonly queues = new Map<number, Entry[]>();
  /** Chats with something to send, with the time they may next send. */
  private readonly ready = new MinHeap<{ chatId: number; at: number }>((a, b) => a.at - b.at);
  private readonly scheduled = new Set<number>();
  private readonly known = new Set<string>();
  private readonly busyChats = new Set<number>();
  /** When each chat was last sent to, oldest first; forgotten once its gap has passed (ledAt is no later). */
  private readonly lastSent = new Map<number, number>();
  /** When this instance took the sender role: a chat it has not written to may have had a message from the sender before it, up to then. */
  private ledAt = -Infinity;
  private inFlight = 0;
  /** Times of the last calls to Telegram (at most `perSecond`, within the last second). */
  private readonly recentCalls: number[] = [];
  private nextGlobal = 0;
  private pausedUntil = 0;
  private running = false;
  /** This instance holds the sender role: one sender for the whole bot, so Telegram's limits hold across instances. */
  private leading = false;
  private lastRoleCheck = 0;
  private lastSweep = 0;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private idleWaiters: (() => void)[] = [];
  readonly stats: SenderStats = { sent: 0, retried429: 0, retriedErrors: 0, failed: 0, blocked: 0, expired: 0 };

  constructor(
    private readonly services: Services,
    private readonly telegram: Telegram,
    private readonly log: Logger,
    opts: Partial<SenderOptions> = {},
  ) {
    this.opts = { ...DEFAULT_SENDER, ...opts };
    // Other instances' items only while this one sends: taking the role, it reads every pending item anyway.
    services.outbox.follow(
      (shardId, pending) => this.sync(shardId, pending),
      () => this.leading,
    );
  }

  /**
   * Starts sending as soon as this instance holds the sender role (at once on the files).
   * Resolves after the first ask: a sender has then queued everything pending; another
   * instance keeps asking, and takes over when the sender stops or dies.
   */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.tryLead();
    if (this.running) this.loop = this.run();
  }

  /** Takes the sender role when it is free: settles what a dead sender left marked, then queues everything pending. */
  private async tryLead(): Promise<void> {
    if (this.leading || !(await this.services.outbox.leads())) return;
    const interrupted = await this.services.outbox.settleInterrupted();
    if (interrupted) this.log.warn('messages whose send was interrupted by the last stop were not repeated', { count: interrupted });
    this.leading = true;
    this.ledAt = this.lastRoleCheck = this.opts.now();
    await this.sweep();
  }

  /** Queues every pending item not queued yet; a failure is tried again at the next sweep. */
  private async sweep(): Promise<void> {
    this.lastSweep = this.opts.now();
    for (const { shardId, item } of await this.services.outbox.pendingAll((s, key) => this.known.has(entryId(s, key)))) this.sync(shardId, [item]);
  }

  /** The role was lost (the database connection that held it broke): forget the queue, another sender has it now. */
  private checkRole(): void {
    const now = this.opts.now();
    if (now - this.lastRoleCheck < this.opts.leaderPollMs) return;
    this.lastRoleCheck = now;
    void this.services.outbox.leads().then(
      (held) => {
        if (held || !this.leading) return;
        this.log.warn('outbox: the sender role was lost; another instance sends now');
        this.leading = false;
        this.queues.clear();
        this.known.clear();
        this.scheduled.clear();
        while (this.ready.pop()) {}
        this.wake?.();
      },
      () => undefined,
    );
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    while (this.inFlight > 0) await sleep(5);
  }

  /** Resolves when nothing is queued or in flight (tests and the demo wait on it). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.known.size === 0 && this.inFlight === 0;
  }

  private sync(shardId: string, pending: readonly OutboxItem[]): void {
    if (!this.leading) return;
    let added = false;
    for (const item of pending) {
      const id = entryId(shardId, item.key);
      if (item.attemptedAt || this.known.has(id)) continue;
      this.known.add(id);
      const q = this.queues.get(item.chatId) ?? [];
      const { expiresAt, document } = item;
      q.push({ shardId, key: item.key, chatId: item.chatId, item: { ...(expiresAt ? { expiresAt } : {}), ...(document ? { document } : {}) }, notBefore: 0 });
      this.queues.set(item.chatId, q);
      this.schedule(item.chatId);
      added = true;
    }
    if (added) this.wake?.();
  }

  private schedule(chatId: number): void {
    if (this.scheduled.has(chatId) || this.busyChats.has(chatId)) return;
    const q = this.queues.get(chatId);
    if (!q?.length) return;
    const gap = chatId < 0 ? this.opts.groupGapMs : this.opts.privateGapMs;
    // Never due before it is queued: a new sender, or one that was idle, does not start with a burst.
    // A chat this sender has not written to counts as written to when it took the role: the sender
    // before it (a restart, an instance that died) may have, and Telegram counts the bot's messages.
    const at = Math.max((this.lastSent.get(chatId) ?? this.ledAt) + gap, q[0]!.notBefore, this.opts.now());
    this.ready.push({ chatId, at });
    this.scheduled.add(chatId);
  }

  private async run(): Promise<void> {
    const interval = 1000 / this.opts.perSecond;
    while (this.running) {
      if (!this.leading) {
        await Promise.race([sleep(this.opts.leaderPollMs), new Promise<void>((r) => (this.wake = r))]);
        this.wake = null;
        if (this.running) await this.tryLead().catch((e: unknown) => this.log.warn('outbox: asking for the sender role failed', { error: e }));
        continue;
      }
      this.checkRole();
      if (this.opts.now() - this.lastSweep >= this.opts.sweepMs) void this.sweep().catch((e: unknown) => this.log.warn('outbox: looking for pending items failed', { error: e }));
      const top = this.ready.peek();
      const now = this.opts.now();
      if (!top) {
        if (this.isIdle()) for (const w of this.idleWaiters.splice(0)) w();
        await Promise.race([sleep(this.opts.leaderPollMs), new Promise<void>((r) => (this.wake = r))]);
        this.wake = null;
        continue;
      }
      const at = Math.max(top.at, this.nextGlobal, this.pausedUntil);
      if (at > now) {
        await Promise.race([sleep(at - now), new Promise<void>((r) => (this.wake = r))]);
        this.wake = null;
        continue;
      }
      this.ready.pop();
      this.scheduled.delete(top.chatId);
      const entry = this.queues.get(top.chatId)?.shift();
      if (!entry) continue;
      // The next slot follows the one this send was due at: a late wake sends the slots it
      // missed, but a pause, a chat's gap or an empty queue is no lateness to catch up.
      this.nextGlobal = nextOnGrid(at, now, interval);
      this.busyChats.add(entry.chatId);
      this.inFlight++;
      void this.send(entry)
        .catch((e: unknown) => {
          // A write failed (disk full, folder gone): the item stays as the store left it. Not
          // marked as being sent, it is queued again by the next write of its file (or the next
          // start); marked, it is not repeated. Never an unhandled rejection: that would stop the bot.
          this.log.error('outbox: a write failed around a send', { key: entry.key, error: e });
          this.forget(entry);
        })
        .finally(() => {
          this.inFlight--;
          this.busyChats.delete(entry.chatId);
          if (!this.queues.get(entry.chatId)?.length) this.queues.delete(entry.chatId);
          this.schedule(entry.chatId);
          this.wake?.();
          if (this.isIdle()) for (const w of this.idleWaiters.splice(0)) w();
        });
    }
  }

  /**
   * The sends stay within `perSecond` in any second, counted just before each is marked and
   * sent: pacing only when items leave the queue let variable disk writes bunch the calls
   * over Telegram's overall limit (each 429 then pauses everything).
   */
  private async callSlot(): Promise<void> {
    for (;;) {
      const now = this.opts.now();
      while (this.recentCalls.length && now - this.recentCalls[0]! >= 1000) this.recentCalls.shift();
      if (this.recentCalls.length < this.opts.perSecond) {
        this.recentCalls.push(now);
        return;
      }
      await sleep(1000 - (now - this.recentCalls[0]!));
    }
  }

  private sentTo(chatId: number): void {
    const now = this.opts.now();
    this.lastSent.delete(chatId);
    this.lastSent.set(chatId, now);
    const gap = Math.max(this.opts.privateGapMs, this.opts.groupGapMs);
    for (const [chat, at] of this.lastSent) {
      if (now - at < gap) break;
      this.lastSent.delete(chat);
    }
  }

  private forget(entry: Entry): void {
    this.known.delete(entryId(entry.shardId, entry.key));
  }

  private requeue(entry: Entry, notBefore: number): void {
    entry.notBefore = notBefore;
    const q = this.queues.get(entry.chatId) ?? [];
    q.unshift(entry);
    this.queues.set(entry.chatId, q);
  }

  private async send(entry: Entry): Promise<void> {
    const { outbox } = this.services;
    const queued = entry.item;
    if (outbox.expired(queued)) {
      this.stats.expired++;
      await outbox.settle(entry.shardId, entry.key);
      return this.forget(entry);
    }
    // A document is rendered from the store before the mark (it takes a moment); a stale one is not sent.
    const file = queued.document ? await renderDocument(this.services, entry.shardId, queued.document) : undefined;
    if (queued.document && !file) {
      this.log.info('outbox: the document is no longer current; not sent', { key: entry.key });
      await outbox.settle(entry.shardId, entry.key);
      return this.forget(entry);
    }
    const item = await outbox.attempt(entry.shardId, entry.key);
    // Its cell is being written this instant: the item waits a moment instead of the sender.
    if (item === 'busy') return this.requeue(entry, this.opts.now() + 20);
    // No longer pending (cancelled, moved) or already attempted (by a sender that died).
    if (!item) return this.forget(entry);
    const { text, markup, menuButton } = renderNotice(item.notice, { webappUrl: this.opts.webappUrl });
    // The overall limit is counted after the mark, just before the call, as Telegram counts
    // arrivals: counted before it, marks that took longer bunched the calls over the limit.
    // A crash in between loses the message (it is never sent twice); the grid keeps that
    // moment short, as it keeps any second from filling before its end.
    await this.callSlot();
    try {
      if (file) await this.telegram.sendDocument(item.chatId, { source: file.bytes, filename: file.fileName }, { caption: text });
      else await this.telegram.sendMessage(item.chatId, text, { ...(markup ? { reply_markup: markup } : {}), link_preview_options: { is_disabled: true } });
      if (menuButton) await this.telegram.setChatMenuButton({ chatId: item.chatId, menuButton }).catch((e: unknown) => this.log.warn('menu button not set', { chat: item.chatId, error: e }));
      this.sentTo(entry.chatId);
      this.stats.sent++;
      await outbox.settle(entry.shardId, entry.key);
      this.forget(entry);
    } catch (e) {
      this.sentTo(entry.chatId);
      await this.failed(entry, item, e);
    }
  }

  private async failed(entry: Entry, item: OutboxItem, e: unknown): Promise<void> {
    const { outbox, members } = this.services;
    const f = classifyTelegramError(e);
    const code = f.code;
    if (f.kind === 'rateLimited') {
      const wait = f.retryAfter ?? 5;
      this.stats.retried429++;
      this.pausedUntil = Math.max(this.pausedUntil, this.opts.now() + wait * 1000);
      await outbox.release(entry.shardId, entry.key);
      this.requeue(entry, this.pausedUntil);
      return;
    }
    if (f.kind === 'migrated') {
      const migratedTo = f.toChatId;
      // The group became a supergroup: the cell follows it and this item, moved to the new id
      // in the same write, is queued again there by that write.
      this.forget(entry);
      if (entry.shardId !== INDEX_SHARD && (await this.services.groups.migrate(entry.chatId, migratedTo))) return;
      this.log.warn('outbox: chat upgraded to a supergroup that no cell links; message given up', { key: entry.key });
      await outbox.settle(entry.shardId, entry.key);
      return;
    }
    if (f.kind === 'unreachable') {
      this.stats.blocked++;
      this.log.warn('outbox: recipient cannot be reached; message given up', { key: entry.key, code });
      await outbox.settle(entry.shardId, entry.key);
      this.forget(entry);
      if (item.memberId && entry.shardId !== INDEX_SHARD) await members.markUnreachable(entry.shardId, item.memberId);
      return;
    }
    const retryable = f.kind === 'network' || f.kind === 'other' || f.kind === 'serverError';
    if (retryable && item.attempts < this.opts.maxAttempts) {
      this.stats.retriedErrors++;
      await outbox.release(entry.shardId, entry.key);
      this.requeue(entry, this.opts.now() + this.opts.backoffMs(item.attempts));
      return;
    }
    this.stats.failed++;
    this.log.error('outbox: message given up', { key: entry.key, code, error: (e as Error).message });
    await outbox.settle(entry.shardId, entry.key);
    this.forget(entry);
  }
}

/** An item's name in the sender's sets. */
const entryId = (shardId: string, key: string) => `${shardId}\u0000${key}`;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

/** A small binary heap. */
class MinHeap<T> {
  private readonly a: T[] = [];
  constructor(private readonly less: (x: T, y: T) => number) {}
  get size(): number {
    return this.a.length;
  }
  peek(): T | undefined {
    return this.a[0];
  }
  push(v: T): void {
    const a = this.a;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(a[i]!, a[p]!) >= 0) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!) < 0) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

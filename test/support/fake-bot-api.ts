/**
 * A local fake of the Telegram Bot API: real HTTP on 127.0.0.1 (a free port), with
 * Telegram's semantics for what the bot uses — getMe, long-polling getUpdates with
 * offset/timeout, sendMessage with reply_markup, editMessageText, editMessageReplyMarkup,
 * answerCallbackQuery, sendDocument (multipart; the bytes are kept), setMyCommands,
 * deleteWebhook, getChatMember.
 *
 * A test plays users: `api.user(...)` gives a handle that sends text and commands and
 * presses buttons, and reads what the bot sent to its chat. Faults can be injected:
 * 429 with retry_after, 403 (a user who blocked the bot), 5xx and dropped connections,
 * and Telegram's rate limits can be enforced (1 msg/s per chat, ~30/s overall, 20/min per
 * group) with 429 beyond them.
 *
 * Updates reach the bot by long polling, by webhook to one origin (`deliverByWebhook`), or
 * by webhook to several instances behind one address (`deliverByWebhookTo`), as Telegram
 * does it: each post to a random instance, a chat's updates one after the other, other
 * chats' in parallel, a failed post retried elsewhere until an instance answers 2xx.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TgUser {
  id: number;
  is_bot: false;
  first_name: string;
  last_name?: string;
  username?: string;
}

export interface TgChat {
  id: number;
  type: 'private' | 'group' | 'supergroup';
  title?: string;
  first_name?: string;
}

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
  web_app?: { url: string };
}

export interface SentDocument {
  fileName: string;
  bytes: Buffer;
  mimeType?: string;
}

/** A message in a chat, as the fake keeps it (bot's and users'). */
export interface ChatMessage {
  message_id: number;
  chatId: number;
  fromBot: boolean;
  text: string;
  keyboard?: InlineButton[][];
  document?: SentDocument;
  /** Monotonic order over all chats. */
  seq: number;
  /** Sent by the bot while an update of this chat was being posted to it by webhook: an answer to it, not a notice. */
  reply?: boolean;
  /** Real time it was sent (ms since epoch). */
  at: number;
  edits: number;
}

export interface CallbackAnswer {
  callbackId: string;
  text?: string;
  showAlert: boolean;
}

export type Fault =
  | { kind: '429'; retryAfter: number }
  | { kind: '403' }
  | { kind: '500' }
  | { kind: 'drop' }
  /** The request is processed (the message is delivered) but the connection drops before the answer. */
  | { kind: 'drop-after' }
  /** The token was revoked (getUpdates, any call). */
  | { kind: '401' }
  /** Another instance is polling with the same token (getUpdates). */
  | { kind: '409' };

interface FaultRule {
  method: string | '*';
  chatId?: number;
  remaining: number;
  fault: Fault;
}

export interface RateLimits {
  /** Minimum gap between two messages to one private chat, ms (Telegram: ~1000). */
  privateGapMs: number;
  /** Messages per second across all chats (Telegram: ~30). */
  globalPerSecond: number;
  /** Messages per minute to one group (Telegram: 20). */
  groupPerMinute: number;
  /**
   * Answers are not counted (sends to a chat while an update of that chat is being posted by
   * webhook): Telegram's limits are those of bulk notices; a user's conversation is not one.
   */
  exemptReplies?: boolean;
}

/** One webhook post to an instance, as the fake made it. */
export interface WebhookPost {
  updateId: number;
  origin: string;
  /** The HTTP status; 0 when the post failed (refused, reset, timed out). */
  status: number;
  /** Why it failed, for a failed post (ECONNREFUSED, ECONNRESET, timeout …). */
  error?: string;
  /** Real time the post started (ms since epoch), and how long it took. */
  at: number;
  ms: number;
}

export interface MultiWebhookOptions {
  /** Posts in flight at once, over all chats (Telegram's max_connections; default 8). */
  maxInFlight?: number;
  /** Pause before a failed post is retried, ms (default 150). */
  retryPauseMs?: number;
  /** A post with no answer within this is abandoned and retried, ms (default 15 000). */
  timeoutMs?: number;
  /** Bytes per write of a body (default the whole body at once). */
  chunkBytes?: number;
  /** Picks the instance of each post (default Math.random); a seeded one makes a run repeatable. */
  random?: () => number;
}

interface MultiWebhook {
  origins: string[];
  maxInFlight: number;
  retryPauseMs: number;
  timeoutMs: number;
  chunkBytes: number | undefined;
  random: () => number;
  /** Each chat's updates not yet acknowledged, oldest first (the head is being posted, or waits for a slot). */
  queues: Map<string, Record<string, unknown>[]>;
  /** Chats whose head waits for a slot, in the order they became ready. */
  ready: string[];
  inFlight: number;
}

const SEND_METHODS = new Set(['sendMessage', 'sendDocument', 'sendPhoto', 'copyMessage', 'forwardMessage']);

export class FakeBotApi {
  readonly token: string;
  readonly botUser = { id: 7_000_000_001, is_bot: true, first_name: 'Chi bộ', username: 'chibo_test_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
  url = '';

  private server: http.Server;
  private updates: Record<string, unknown>[] = [];
  /** Updates delivered again regardless of the bot's offset (a faulty network, a crash before confirming). */
  private forced: Record<string, unknown>[] = [];
  private history = new Map<number, Record<string, unknown>>();
  private nextUpdateId = 1;
  /** Every update id below this was confirmed by the bot (handled). */
  private confirmed = 0;
  private polls: { offset: number; res: http.ServerResponse; timer: NodeJS.Timeout }[] = [];
  private confirmWaiters: { id: number; resolve: () => void }[] = [];
  /** Update ids an instance answered with 2xx (webhook delivery: acknowledged out of order across chats). */
  private acked = new Set<number>();
  private changeWaiters: (() => void)[] = [];
  private messageIds = new Map<number, number>();
  private seq = 0;
  private faults: FaultRule[] = [];
  private blocked = new Set<number>();
  private limits: RateLimits | undefined;
  private sendTimes: number[] = [];
  private chatSendTimes = new Map<number, number[]>();
  private callbackSeq = 0;

  readonly chats = new Map<number, TgChat>();
  readonly messages: ChatMessage[] = [];
  readonly callbackAnswers: CallbackAnswer[] = [];
  readonly commands: { scope: unknown; commands: { command: string; description: string }[] }[] = [];
  /** The menu button set for each private chat (setChatMenuButton). */
  readonly menuButtons = new Map<number, unknown>();
  /** Every call the bot made, in order (method and chat). */
  readonly calls: { method: string; chatId?: number; status: number }[] = [];
  /** How many 429s the fake answered. */
  rejected429 = 0;
  /** The allowed_updates of the last getUpdates and of setWebhook, as the bot sent them. */
  allowedUpdates: { polling?: unknown; webhook?: unknown } = {};
  /** Set by setWebhook: the public URL and the secret Telegram sends back in a header. */
  webhook: { url: string; secret?: string } | undefined;
  /** Webhook delivery: where the fake posts (the bot's local server) and in how many bytes per write. */
  private webhookTarget: { origin: string; chunkBytes: number } | undefined;
  private webhookQueue: Record<string, unknown>[] = [];
  private webhookPumping = false;
  /** Status of every webhook post, in order. */
  readonly webhookStatuses: number[] = [];
  /** Webhook delivery to several instances (deliverByWebhookTo). */
  private multi: MultiWebhook | undefined;
  /** Every post of the delivery to several instances, failed ones included, in the order they ended. */
  readonly webhookPosts: WebhookPost[] = [];
  /** Chats with a webhook post of one of their updates in flight, and how many. */
  private postingChats = new Map<number, number>();
  /** Origins with a webhook post in flight, and how many. */
  private postingTo = new Map<string, number>();
  private stopped = false;
  /** Old group id → the supergroup it became: sends to the old id get Telegram's 400 with migrate_to_chat_id. */
  private migrated = new Map<number, number>();

  private constructor(token: string) {
    this.token = token;
    this.server = http.createServer((req, res) => void this.handle(req, res));
  }

  static async start(token = '123456789:TEST_TOKEN_abcdefghijklmnopqrstuvwxyz'): Promise<FakeBotApi> {
    const api = new FakeBotApi(token);
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
    api.url = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
    return api;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const p of this.polls.splice(0)) {
      clearTimeout(p.timer);
      this.respond(p.res, 200, { ok: true, result: [] });
    }
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ------------------------------------------------------------------ playing users

  user(u: { id: number; first_name: string; last_name?: string; username?: string }): FakeUser {
    const user: TgUser = { is_bot: false, ...u };
    this.chats.set(u.id, { id: u.id, type: 'private', first_name: u.first_name });
    return new FakeUser(this, user);
  }

  group(g: { id: number; title: string; type?: 'group' | 'supergroup' }): TgChat {
    const chat: TgChat = { id: g.id, type: g.type ?? 'supergroup', title: g.title };
    this.chats.set(g.id, chat);
    return chat;
  }

  /** Queues a text message from a user (a command gets its bot_command entity). Returns the update id. */
  pushText(from: TgUser, text: string, chat: TgChat = this.chats.get(from.id)!): number {
    const message_id = this.nextMessageId(chat.id);
    const entities = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
    this.record({ message_id, chatId: chat.id, fromBot: false, text, seq: ++this.seq, at: Date.now(), edits: 0 });
    return this.pushUpdate({
      message: { message_id, from, chat, date: Math.floor(Date.now() / 1000), text, ...(entities ? { entities } : {}) },
    });
  }

  /** Queues a button press on a bot message. Returns the update id. */
  pushPress(from: TgUser, message: ChatMessage, data: string): number {
    const chat = this.chats.get(message.chatId) ?? { id: message.chatId, type: 'private' as const };
    return this.pushUpdate({
      callback_query: {
        id: String(++this.callbackSeq),
        from,
        chat_instance: String(message.chatId),
        data,
        message: {
          message_id: message.message_id,
          from: this.botUser,
          chat,
          date: Math.floor(message.at / 1000),
          text: message.text,
          ...(message.keyboard ? { reply_markup: { inline_keyboard: message.keyboard } } : {}),
        },
      },
    });
  }

  /** Queues a raw update (for duplicate and out-of-order delivery). The id is kept if given. */
  pushUpdate(body: Record<string, unknown>, updateId?: number): number {
    const update_id = updateId ?? this.nextUpdateId++;
    if (update_id >= this.nextUpdateId) this.nextUpdateId = update_id + 1;
    const update = { update_id, ...body };
    this.history.set(update_id, update);
    if (this.multi) {
      this.enqueueMulti(update);
      return update_id;
    }
    if (this.webhookTarget && this.webhook) {
      this.webhookQueue.push(update);
      void this.pumpWebhook();
      return update_id;
    }
    this.updates.push(update);
    this.updates.sort((a, b) => (a.update_id as number) - (b.update_id as number));
    this.flushPolls();
    return update_id;
  }

  /** Delivers an update again, with its id, even if the bot already confirmed it. Resolves when handled. */
  async redeliver(updateId: number): Promise<void> {
    const update = this.history.get(updateId);
    if (!update) throw new Error(`no update ${updateId}`);
    this.forced.push(update);
    this.flushPolls();
    await this.waitFor(() => this.forced.length === 0 && this.polls.length > 0, 5000, `redelivery of ${updateId}`);
  }

  /** Resolves when the bot has confirmed (handled) the update. */
  handled(updateId: number, timeoutMs = 10_000): Promise<void> {
    if (this.confirmed > updateId || this.acked.has(updateId)) return Promise.resolve();
    return withTimeout(new Promise<void>((resolve) => this.confirmWaiters.push({ id: updateId, resolve })), timeoutMs, `update ${updateId} not handled within ${timeoutMs} ms`);
  }

  /** Resolves when `check` holds, re-checked on every change (message, edit, answer). */
  async waitFor<T>(check: () => T | undefined | false | PromiseLike<T | undefined | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await check();
      if (v) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.changeWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The bot's membership in a group changes (added, removed, kicked), as Telegram reports it. */
  pushMyChatMember(from: TgUser, chat: TgChat, oldStatus: string, newStatus: string): number {
    const member = (status: string) => ({ status, user: this.botUser });
    return this.pushUpdate({
      my_chat_member: { chat, from, date: Math.floor(Date.now() / 1000), old_chat_member: member(oldStatus), new_chat_member: member(newStatus) },
    });
  }

  /**
   * A group is upgraded to a supergroup, as Telegram does it: sends to the old id get 400
   * "group chat was upgraded to a supergroup chat" with `migrate_to_chat_id`. With
   * `serviceMessages` the two service messages arrive too (in the old group
   * `migrate_to_chat_id`, in the new one `migrate_from_chat_id`). Returns the new chat.
   */
  upgradeGroup(oldId: number, newId: number, by: TgUser, serviceMessages: boolean): TgChat {
    const old = this.chats.get(oldId) ?? { id: oldId, type: 'group' as const };
    const chat: TgChat = { id: newId, type: 'supergroup', title: old.title };
    this.chats.set(newId, chat);
    this.migrated.set(oldId, newId);
    if (serviceMessages) {
      const date = Math.floor(Date.now() / 1000);
      this.pushUpdate({ message: { message_id: this.nextMessageId(oldId), from: by, chat: { ...old, type: 'group' }, date, migrate_to_chat_id: newId } });
      this.pushUpdate({ message: { message_id: this.nextMessageId(newId), from: by, chat, date, migrate_from_chat_id: oldId } });
    }
    return chat;
  }

  /**
   * From now on updates are posted to the bot's webhook server at `origin` (the path is the
   * one of the URL it registered with setWebhook), each body written `chunkBytes` at a time
   * with a pause between writes, so that the bot reads it in many pieces.
   */
  deliverByWebhook(origin: string, chunkBytes: number): void {
    this.webhookTarget = { origin, chunkBytes };
  }

  /**
   * From now on updates are posted to several instances of the bot behind one address, as
   * Telegram posts to a load balancer: each post to a random origin (the path and secret
   * are those of the last setWebhook); one chat's updates one after the other (the next
   * only once the previous got a 2xx), different chats' in parallel (at most `maxInFlight`);
   * a post that fails (refused, reset, 5xx, timed out) is retried on another random origin
   * after a short pause, until one answers 2xx — so an update whose instance died while
   * handling it is delivered again. Calling it again changes the origins of the next posts.
   */
  deliverByWebhookTo(origins: readonly string[], opts: MultiWebhookOptions = {}): void {
    if (!origins.length) throw new Error('no origin to deliver to');
    if (this.multi) {
      this.multi.origins = [...origins];
      return;
    }
    this.multi = {
      origins: [...origins],
      maxInFlight: opts.maxInFlight ?? 8,
      retryPauseMs: opts.retryPauseMs ?? 150,
      timeoutMs: opts.timeoutMs ?? 15_000,
      chunkBytes: opts.chunkBytes,
      random: opts.random ?? Math.random,
      queues: new Map(),
      ready: [],
      inFlight: 0,
    };
  }

  /** Resolves when every update pushed so far was acknowledged (2xx) by an instance. */
  webhookIdle(timeoutMs = 30_000): Promise<true> {
    return this.waitFor(() => !this.multi || (this.multi.queues.size === 0 && this.multi.inFlight === 0), timeoutMs, 'every webhook update acknowledged');
  }

  /** How many webhook posts to `origin` are waiting for its answer now (an instance busy handling updates). */
  postsInFlight(origin: string): number {
    return this.postingTo.get(origin) ?? 0;
  }

  /** Whether an instance acknowledged (2xx) the update. */
  isAcknowledged(updateId: number): boolean {
    return this.acked.has(updateId) || this.confirmed > updateId;
  }

  /** Posts raw bytes to the bot's webhook (for refusals; `chunked`: without a content-length); resolves with the status. */
  async postToWebhook(body: string | Buffer, opts: { method?: string; path?: string; secret?: string | null; chunkBytes?: number; chunked?: boolean } = {}): Promise<number> {
    const target = this.webhookTarget;
    if (!target || !this.webhook) throw new Error('no webhook set');
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const r = await this.post(target.origin, bytes, opts);
    if (r.status || r.error === 'ECONNRESET' || r.error === 'EPIPE') return r.status;
    throw r.cause;
  }

  /** One HTTP request to the webhook at `origin`: its status, or 0 and why it failed. */
  private post(
    origin: string,
    bytes: Buffer,
    opts: { method?: string; path?: string; secret?: string | null; chunkBytes?: number; chunked?: boolean; timeoutMs?: number },
  ): Promise<{ status: number; error?: string; cause?: Error }> {
    const webhook = this.webhook!;
    const url = new URL(opts.path ?? new URL(webhook.url).pathname, origin);
    const secret = opts.secret === undefined ? webhook.secret : opts.secret;
    return new Promise((resolve) => {
      const req = http.request(url, {
        method: opts.method ?? 'POST',
        headers: { 'content-type': 'application/json', ...(opts.chunked ? {} : { 'content-length': bytes.length }), ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
        ...(opts.timeoutMs ? { timeout: opts.timeoutMs } : {}),
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', (e) => resolve({ status: 0, error: (e as NodeJS.ErrnoException).code ?? e.message, cause: e }));
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
      req.on('error', (e) => resolve({ status: 0, error: (e as NodeJS.ErrnoException).code ?? e.message, cause: e }));
      req.setNoDelay(true);
      void (async () => {
        const step = opts.chunkBytes ?? bytes.length;
        for (let i = 0; i < bytes.length; i += step) {
          if (req.destroyed) return;
          req.write(bytes.subarray(i, i + step));
          // Let the write leave before the next: each piece reaches the bot as its own read.
          if (step < bytes.length) await new Promise((r) => setTimeout(r, 1));
        }
        req.end();
      })();
    });
  }

  private enqueueMulti(update: Record<string, unknown>): void {
    const m = this.multi!;
    const chat = chatOf(update);
    const key = chat === undefined ? `update:${update.update_id}` : String(chat);
    const q = m.queues.get(key);
    if (q) {
      // The chat has an update being posted or waiting: this one follows it.
      q.push(update);
      return;
    }
    m.queues.set(key, [update]);
    m.ready.push(key);
    this.pumpMulti();
  }

  private pumpMulti(): void {
    const m = this.multi!;
    while (!this.stopped && m.inFlight < m.maxInFlight && m.ready.length) {
      const key = m.ready.shift()!;
      m.inFlight++;
      void this.deliverHead(key);
    }
  }

  /** Posts a chat's oldest update until an instance acknowledges it, then lets the next chat (or this one's next update) have the slot. */
  private async deliverHead(key: string): Promise<void> {
    const m = this.multi!;
    try {
      const q = m.queues.get(key)!;
      const update = q[0]!;
      if (await this.deliverUntilAcknowledged(update)) q.shift();
      if (this.stopped) return;
      if (q.length) m.ready.push(key);
      else m.queues.delete(key);
    } finally {
      m.inFlight--;
      this.changed();
      if (!this.stopped) this.pumpMulti();
    }
  }

  private async deliverUntilAcknowledged(update: Record<string, unknown>): Promise<boolean> {
    const m = this.multi!;
    const id = update.update_id as number;
    const chat = chatOf(update);
    const bytes = Buffer.from(JSON.stringify(update), 'utf8');
    let last: string | undefined;
    for (;;) {
      if (this.stopped) return false;
      if (!this.webhook) {
        await this.waitFor(() => this.webhook || this.stopped, 60_000, 'a setWebhook');
        continue;
      }
      // Another instance than the one that just failed, when there is one.
      const others = m.origins.length > 1 && last ? m.origins.filter((o) => o !== last) : m.origins;
      const origin = others[Math.floor(m.random() * others.length)]!;
      if (chat !== undefined) count(this.postingChats, chat, 1);
      count(this.postingTo, origin, 1);
      const at = Date.now();
      let r: { status: number; error?: string };
      try {
        r = await this.post(origin, bytes, { chunkBytes: m.chunkBytes, timeoutMs: m.timeoutMs });
      } finally {
        if (chat !== undefined) count(this.postingChats, chat, -1);
        count(this.postingTo, origin, -1);
      }
      this.webhookPosts.push({ updateId: id, origin, status: r.status, ...(r.error ? { error: r.error } : {}), at, ms: Date.now() - at });
      this.webhookStatuses.push(r.status);
      if (r.status >= 200 && r.status < 300) {
        this.acked.add(id);
        this.settleConfirmWaiters();
        return true;
      }
      last = origin;
      await new Promise((resolve) => setTimeout(resolve, m.retryPauseMs));
    }
  }

  private settleConfirmWaiters(): void {
    const waiters = this.confirmWaiters;
    this.confirmWaiters = [];
    for (const w of waiters) (w.id < this.confirmed || this.acked.has(w.id) ? w.resolve : () => this.confirmWaiters.push(w))();
  }

  private async pumpWebhook(): Promise<void> {
    if (this.webhookPumping) return;
    this.webhookPumping = true;
    try {
      for (let u = this.webhookQueue.shift(); u; u = this.webhookQueue.shift()) {
        const chat = chatOf(u);
        if (chat !== undefined) this.postingChats.set(chat, (this.postingChats.get(chat) ?? 0) + 1);
        const status = await this.postToWebhook(JSON.stringify(u), { chunkBytes: this.webhookTarget!.chunkBytes }).finally(() => {
          if (chat !== undefined) this.postingChats.delete(chat);
        });
        this.webhookStatuses.push(status);
        const id = u.update_id as number;
        if (status >= 200 && status < 300 && id >= this.confirmed) {
          this.confirmed = id + 1;
          this.settleConfirmWaiters();
        }
        this.changed();
      }
    } finally {
      this.webhookPumping = false;
    }
  }

  // ------------------------------------------------------------------ reading

  /** Messages the bot sent to a chat, oldest first. */
  botMessages(chatId: number): ChatMessage[] {
    return this.messages.filter((m) => m.chatId === chatId && m.fromBot);
  }

  /** Every message the bot sent, to any chat. */
  sentByBot(): ChatMessage[] {
    return this.messages.filter((m) => m.fromBot);
  }

  // ------------------------------------------------------------------ faults

  /** The next `times` calls of `method` (optionally to one chat) fail with `fault`. */
  failNext(method: string | '*', fault: Fault, times = 1, chatId?: number): void {
    this.faults.push({ method, fault, remaining: times, chatId });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Sends to this chat get 403, as when the user blocked the bot. */
  block(chatId: number): void {
    this.blocked.add(chatId);
  }

  unblock(chatId: number): void {
    this.blocked.delete(chatId);
  }

  /** Enforce Telegram's rate limits on sends, answering 429 with retry_after beyond them. */
  enforceLimits(limits: RateLimits | undefined): void {
    this.limits = limits;
  }

  // ------------------------------------------------------------------ HTTP

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (!m || m[1] !== this.token) {
      this.respond(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
      return;
    }
    const method = m[2]!;
    let payload: Record<string, unknown>;
    try {
      payload = await readPayload(req);
    } catch {
      this.respond(res, 400, { ok: false, error_code: 400, description: 'Bad Request: cannot parse body' });
      return;
    }
    const chatId = payload.chat_id === undefined ? undefined : Number(payload.chat_id);
    const fault = this.takeFault(method, chatId);
    if (fault?.kind === 'drop') {
      this.calls.push({ method, chatId, status: 0 });
      req.socket.destroy();
      return;
    }
    if (fault && fault.kind !== 'drop-after') {
      const [status, description, parameters] =
        fault.kind === '429'
          ? [429, `Too Many Requests: retry after ${fault.retryAfter}`, { retry_after: fault.retryAfter }]
          : fault.kind === '403'
            ? [403, 'Forbidden: bot was blocked by the user', undefined]
            : fault.kind === '401'
              ? [401, 'Unauthorized', undefined]
              : fault.kind === '409'
                ? [409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running', undefined]
                : [500, 'Internal Server Error', undefined];
      if (status === 429) this.rejected429++;
      this.calls.push({ method, chatId, status });
      this.respond(res, status, { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) });
      return;
    }
    if (SEND_METHODS.has(method) && chatId !== undefined) {
      const to = this.migrated.get(chatId);
      if (to !== undefined) {
        this.calls.push({ method, chatId, status: 400 });
        this.respond(res, 400, { ok: false, error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: to } });
        return;
      }
      if (this.blocked.has(chatId)) {
        this.calls.push({ method, chatId, status: 403 });
        this.respond(res, 403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
        return;
      }
      const wait = this.limits?.exemptReplies && this.postingChats.has(chatId) ? 0 : this.rateLimited(chatId);
      if (wait > 0) {
        this.rejected429++;
        this.calls.push({ method, chatId, status: 429 });
        this.respond(res, 429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${wait}`, parameters: { retry_after: wait } });
        return;
      }
    }
    let result: unknown;
    try {
      result = this.call(method, payload, res);
    } catch (e) {
      const err = e as ApiError;
      this.calls.push({ method, chatId, status: err.code ?? 400 });
      this.respond(res, err.code ?? 400, { ok: false, error_code: err.code ?? 400, description: err.message });
      return;
    }
    if (result === LONG_POLL) return;
    this.calls.push({ method, chatId, status: 200 });
    if (fault?.kind === 'drop-after') {
      req.socket.destroy();
      return;
    }
    this.respond(res, 200, { ok: true, result });
  }

  private call(method: string, p: Record<string, unknown>, res: http.ServerResponse): unknown {
    switch (method) {
      case 'getMe':
        return this.botUser;
      case 'deleteWebhook':
      case 'setMyCommands':
        if (method === 'setMyCommands') this.commands.push({ scope: p.scope ?? { type: 'default' }, commands: p.commands as never });
        if (method === 'deleteWebhook') this.webhook = undefined;
        this.changed();
        return true;
      case 'deleteMyCommands':
        this.commands.push({ scope: p.scope ?? { type: 'default' }, commands: [] });
        this.changed();
        return true;
      case 'setWebhook':
        this.webhook = { url: String(p.url), secret: p.secret_token as string | undefined };
        this.allowedUpdates.webhook = p.allowed_updates;
        return true;
      case 'getUpdates':
        this.allowedUpdates.polling = p.allowed_updates;
        return this.getUpdates(p, res);
      case 'sendMessage':
        return this.send(Number(p.chat_id), String(p.text ?? ''), p.reply_markup);
      case 'setChatMenuButton': {
        const button = typeof p.menu_button === 'string' ? JSON.parse(p.menu_button) : p.menu_button;
        this.menuButtons.set(Number(p.chat_id), button ?? { type: 'default' });
        return true;
      }
      case 'sendPhoto':
      case 'sendDocument': {
        const doc = (p.document ?? p.photo) as { name?: string; bytes?: Buffer; type?: string } | string | undefined;
        const message = this.send(Number(p.chat_id), String(p.caption ?? ''), p.reply_markup);
        const stored = this.messages.find((m) => m.chatId === Number(p.chat_id) && m.message_id === message.message_id)!;
        if (doc && typeof doc === 'object' && doc.bytes) stored.document = { fileName: doc.name ?? 'file', bytes: doc.bytes, mimeType: doc.type };
        return { ...message, document: { file_id: `f${stored.seq}`, file_unique_id: `u${stored.seq}`, file_name: stored.document?.fileName } };
      }
      case 'editMessageText':
      case 'editMessageReplyMarkup': {
        const msg = this.messages.find((m) => m.chatId === Number(p.chat_id) && m.message_id === Number(p.message_id) && m.fromBot);
        if (!msg) throw new ApiError(400, 'Bad Request: message to edit not found');
        const text = method === 'editMessageText' ? String(p.text ?? '') : msg.text;
        if (text.length > 4096) throw new ApiError(400, 'Bad Request: MESSAGE_TOO_LONG');
        const keyboard = keyboardOf(p.reply_markup);
        if (text === msg.text && JSON.stringify(keyboard) === JSON.stringify(msg.keyboard)) {
          throw new ApiError(400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
        }
        msg.text = text;
        msg.keyboard = keyboard;
        msg.edits++;
        this.changed();
        return this.asTelegramMessage(msg);
      }
      case 'answerCallbackQuery':
        // Telegram takes one answer per press.
        if (this.callbackAnswers.some((a) => a.callbackId === String(p.callback_query_id)))
          throw new ApiError(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
        if (typeof p.text === 'string' && p.text.length > 200) throw new ApiError(400, 'Bad Request: MESSAGE_TOO_LONG');
        this.callbackAnswers.push({ callbackId: String(p.callback_query_id), text: p.text as string | undefined, showAlert: Boolean(p.show_alert) });
        this.changed();
        return true;
      case 'getChatMember':
        return { status: 'member', user: { id: Number(p.user_id), is_bot: false, first_name: 'x' } };
      case 'getChat':
        return this.chats.get(Number(p.chat_id)) ?? { id: Number(p.chat_id), type: 'private' };
      default:
        throw new ApiError(404, 'Not Found: method not found');
    }
  }

  private getUpdates(p: Record<string, unknown>, res: http.ServerResponse): unknown {
    const offset = Number(p.offset ?? 0);
    if (offset > this.confirmed) {
      this.confirmed = offset;
      this.updates = this.updates.filter((u) => (u.update_id as number) >= offset);
      this.settleConfirmWaiters();
    }
    const limit = Number(p.limit ?? 100);
    const ready = [...this.forced.splice(0), ...this.updates.filter((u) => (u.update_id as number) >= offset).slice(0, limit)];
    if (ready.length || !Number(p.timeout ?? 0)) return ready;
    const timer = setTimeout(() => {
      this.polls = this.polls.filter((x) => x.res !== res);
      this.respond(res, 200, { ok: true, result: [] });
    }, Number(p.timeout) * 1000);
    this.polls.push({ offset, res, timer });
    this.changed();
    res.on('close', () => {
      clearTimeout(timer);
      this.polls = this.polls.filter((x) => x.res !== res);
    });
    return LONG_POLL;
  }

  private flushPolls(): void {
    for (const poll of this.polls.splice(0)) {
      clearTimeout(poll.timer);
      const ready = [...this.forced.splice(0), ...this.updates.filter((u) => (u.update_id as number) >= poll.offset)];
      this.calls.push({ method: 'getUpdates', status: 200 });
      this.respond(poll.res, 200, { ok: true, result: ready });
    }
  }

  private send(chatId: number, text: string, markup: unknown) {
    if (!Number.isFinite(chatId)) throw new ApiError(400, 'Bad Request: chat_id is empty');
    if (text.length > 4096) throw new ApiError(400, 'Bad Request: message is too long');
    const msg: ChatMessage = { message_id: this.nextMessageId(chatId), chatId, fromBot: true, text, keyboard: keyboardOf(markup), seq: ++this.seq, at: Date.now(), edits: 0 };
    if (this.postingChats.has(chatId)) msg.reply = true;
    this.record(msg);
    return this.asTelegramMessage(msg);
  }

  private asTelegramMessage(msg: ChatMessage) {
    return {
      message_id: msg.message_id,
      from: this.botUser,
      chat: this.chats.get(msg.chatId) ?? { id: msg.chatId, type: msg.chatId > 0 ? 'private' : 'supergroup' },
      date: Math.floor(msg.at / 1000),
      text: msg.text,
      ...(msg.keyboard ? { reply_markup: { inline_keyboard: msg.keyboard } } : {}),
    };
  }

  private record(msg: ChatMessage): void {
    this.messages.push(msg);
    this.changed();
  }

  private changed(): void {
    for (const w of this.changeWaiters.splice(0)) w();
  }

  private nextMessageId(chatId: number): number {
    const n = (this.messageIds.get(chatId) ?? 0) + 1;
    this.messageIds.set(chatId, n);
    return n;
  }

  private takeFault(method: string, chatId: number | undefined): Fault | undefined {
    const rule = this.faults.find((f) => f.remaining > 0 && (f.method === '*' ? method !== 'getUpdates' : f.method === method) && (f.chatId === undefined || f.chatId === chatId));
    if (!rule) return undefined;
    rule.remaining--;
    return rule.fault;
  }

  /** Seconds to wait when a send now would break the limits; 0 when it may go. */
  private rateLimited(chatId: number): number {
    if (!this.limits) return 0;
    const now = Date.now();
    this.sendTimes = this.sendTimes.filter((t) => now - t < 1000);
    const chat = (this.chatSendTimes.get(chatId) ?? []).filter((t) => now - t < 60_000);
    if (this.sendTimes.length >= this.limits.globalPerSecond) return 1;
    if (chatId > 0 && chat.length && now - chat[chat.length - 1]! < this.limits.privateGapMs) return 1;
    if (chatId < 0 && chat.length >= this.limits.groupPerMinute) return Math.ceil((60_000 - (now - chat[0]!)) / 1000);
    this.sendTimes.push(now);
    chat.push(now);
    this.chatSendTimes.set(chatId, chat);
    return 0;
  }

  private respond(res: http.ServerResponse, status: number, body: unknown): void {
    if (res.writableEnded || res.destroyed) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }
}

const LONG_POLL = Symbol('long-poll');

/** Adds `delta` to a counter in a map; a counter at 0 is removed. */
function count<K>(map: Map<K, number>, key: K, delta: number): void {
  const n = (map.get(key) ?? 0) + delta;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}

/** The chat an update belongs to (Telegram keeps a chat's updates in order), if any. */
function chatOf(update: Record<string, unknown>): number | undefined {
  const u = update as {
    message?: { chat?: { id?: number } };
    edited_message?: { chat?: { id?: number } };
    callback_query?: { from?: { id?: number }; message?: { chat?: { id?: number } } };
    my_chat_member?: { chat?: { id?: number } };
    chat_member?: { chat?: { id?: number } };
  };
  return u.message?.chat?.id ?? u.edited_message?.chat?.id ?? u.callback_query?.message?.chat?.id ?? u.callback_query?.from?.id ?? u.my_chat_member?.chat?.id ?? u.chat_member?.chat?.id;
}

class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function keyboardOf(markup: unknown): InlineButton[][] | undefined {
  const m = typeof markup === 'string' ? (JSON.parse(markup) as unknown) : markup;
  const kb = (m as { inline_keyboard?: InlineButton[][] } | undefined)?.inline_keyboard;
  return kb?.length ? kb : undefined;
}

async function readPayload(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (!body.length) return {};
  if (type.includes('application/json')) return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  if (type.includes('multipart/form-data')) {
    const form = await new Request('http://x/', { method: 'POST', headers: { 'content-type': type }, body }).formData();
    const out: Record<string, unknown> = {};
    for (const [k, v] of form.entries()) {
      if (typeof v === 'string') {
        out[k] = v.startsWith('{') || v.startsWith('[') ? safeJson(v) : v;
      } else {
        out[k] = { name: v.name, type: v.type, bytes: Buffer.from(await v.arrayBuffer()) };
      }
    }
    return out;
  }
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/** A user the test plays: sends, presses, reads their chat with the bot. */
export class FakeUser {
  constructor(
    readonly api: FakeBotApi,
    readonly user: TgUser,
  ) {}

  get id(): number {
    return this.user.id;
  }

  /** Sends text (or a command) in the private chat and waits until the bot handled it. */
  async send(text: string): Promise<void> {
    await this.api.handled(this.api.pushText(this.user, text));
  }

  /** Sends in a group. */
  async sendIn(chat: TgChat, text: string): Promise<void> {
    await this.api.handled(this.api.pushText(this.user, text, chat));
  }

  /** Presses the newest button with this label in the private chat (or in `message`), and waits. */
  async press(label: string | RegExp, message?: ChatMessage): Promise<void> {
    const { msg, button } = this.findButton(label, message);
    await this.api.handled(this.api.pushPress(this.user, msg, button.callback_data!));
  }

  /** Presses with raw callback data (a forged or stale button). */
  async pressData(data: string, message?: ChatMessage): Promise<void> {
    const msg = message ?? this.messages().at(-1)!;
    await this.api.handled(this.api.pushPress(this.user, msg, data));
  }

  findButton(label: string | RegExp, message?: ChatMessage): { msg: ChatMessage; button: InlineButton } {
    const match = (b: InlineButton) => (typeof label === 'string' ? b.text === label : label.test(b.text));
    const candidates = message ? [message] : [...this.messages()].reverse();
    for (const msg of candidates) {
      const button = msg.keyboard?.flat().find(match);
      if (button) return { msg, button };
    }
    throw new Error(`no button ${String(label)} in chat ${this.id}; last message: ${this.last()?.text ?? '(none)'}`);
  }

  /** Messages the bot sent to this user, oldest first. */
  messages(): ChatMessage[] {
    return this.api.botMessages(this.id);
  }

  last(): ChatMessage | undefined {
    return this.messages().at(-1);
  }

  /** Texts the bot sent after `mark` (a count from `mark()`), joined. */
  since(mark: number): string {
    return this.messages()
      .slice(mark)
      .map((m) => m.text)
      .join('\n---\n');
  }

  mark(): number {
    return this.messages().length;
  }

  /** The newest answer to this user's button presses (the toast or alert text). */
  lastAnswer(): CallbackAnswer | undefined {
    return this.api.callbackAnswers.at(-1);
  }

  documents(): SentDocument[] {
    return this.messages().flatMap((m) => (m.document ? [m.document] : []));
  }
}

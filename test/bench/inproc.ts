/**
 * The real app in this process, fed updates straight through Telegraf's pipeline
 * (`bot.handleUpdate`), with Telegram's side replaced by an in-memory stub of `callApi`
 * (telegraf builds a fresh Telegram per update, so the prototype is stubbed). Everything
 * the bot does on its side runs for real: middleware, features, dialogs, services and
 * durable writes. Users read the stub's messages and press buttons by their labels.
 */
import { Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import { createApp, type App } from '../../src/app.ts';
import { FakeClock } from '../../src/clock.ts';
import { createLogger } from '../../src/log.ts';

interface Sent {
  message_id: number;
  text: string;
  keyboard?: { text: string; callback_data?: string }[][];
}

export class InProcessBot {
  private readonly chats = new Map<number, Sent[]>();
  private nextUpdate = 1;
  private nextMessage = 1;
  private readonly original = Telegram.prototype.callApi;
  readonly errors: string[] = [];

  private constructor(readonly app: App) {}

  /** The app on the data folder `dataDir`, or on PostgreSQL with `databaseUrl` (as DATABASE_URL chooses). */
  static async open(dataDir: string, now: string, opts: { databaseUrl?: string } = {}): Promise<InProcessBot> {
    const app = await createApp({
      config: {
        botToken: '123456:BENCH_TOKEN_abcdefghijklmnopqrstuv',
        adminIds: [],
        dataDir,
        ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}),
        apiRoot: undefined,
        webhook: undefined,
        logLevel: 'error',
      },
      clock: new FakeClock(now),
      cron: false,
      log: createLogger({ level: 'error', secrets: [], sink: (l) => bot.errors.push(l) }),
    });
    app.bot.botInfo = { id: 1, is_bot: true, first_name: 'Bench', username: 'bench_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
    const bot = new InProcessBot(app);
    bot.stub();
    return bot;
  }

  private stub(): void {
    const chats = this.chats;
    const next = () => this.nextMessage++;
    Telegram.prototype.callApi = (async (method: string, payload: Record<string, unknown>) => {
      const chatId = Number(payload.chat_id);
      const keyboard = (payload.reply_markup as { inline_keyboard?: Sent['keyboard'] } | undefined)?.inline_keyboard;
      switch (method) {
        case 'sendMessage':
        case 'sendDocument': {
          const m: Sent = { message_id: next(), text: String(payload.text ?? payload.caption ?? ''), keyboard };
          const list = chats.get(chatId) ?? [];
          list.push(m);
          if (list.length > 20) list.shift();
          chats.set(chatId, list);
          return { message_id: m.message_id, date: 0, chat: { id: chatId, type: 'private' }, text: m.text } as never;
        }
        case 'editMessageText':
        case 'editMessageReplyMarkup': {
          const m = chats.get(chatId)?.find((x) => x.message_id === Number(payload.message_id));
          if (m) {
            if (method === 'editMessageText') m.text = String(payload.text);
            m.keyboard = keyboard;
          }
          return true as never;
        }
        default:
          return true as never;
      }
    }) as typeof Telegram.prototype.callApi;
  }

  async close(): Promise<void> {
    Telegram.prototype.callApi = this.original;
    await this.app.stop();
  }

  /** Handles one update from a user; resolves with the time it took (ms). */
  private async handle(update: Record<string, unknown>): Promise<number> {
    const t = performance.now();
    await this.app.bot.handleUpdate({ update_id: this.nextUpdate++, ...update } as unknown as Update);
    return performance.now() - t;
  }

  send(tgId: number, text: string): Promise<number> {
    const entities = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] : undefined;
    return this.handle({
      message: { message_id: this.nextMessage++, date: 0, from: { id: tgId, is_bot: false, first_name: 'Đảng viên' }, chat: { id: tgId, type: 'private' }, text, ...(entities ? { entities } : {}) },
    });
  }

  /** Presses the newest button matching `label` in the user's chat. */
  press(tgId: number, label: string | RegExp): Promise<number> {
    const match = (t: string) => (typeof label === 'string' ? t === label : label.test(t));
    const list = this.chats.get(tgId) ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      const b = list[i]!.keyboard?.flat().find((x) => match(x.text));
      if (b?.callback_data) {
        const msg = list[i]!;
        return this.handle({
          callback_query: {
            id: String(this.nextUpdate),
            chat_instance: '1',
            from: { id: tgId, is_bot: false, first_name: 'Đảng viên' },
            data: b.callback_data,
            message: { message_id: msg.message_id, date: 0, chat: { id: tgId, type: 'private' }, text: msg.text },
          },
        });
      }
    }
    throw new Error(`no button ${String(label)} for ${tgId}; last: ${list.at(-1)?.text.slice(0, 80)}`);
  }
}

/** Builds the Telegraf bot: the middleware pipeline, then one Composer per feature. */
import { Telegraf, type Telegram } from 'telegraf';
import type { Services } from '../services/index.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { BotContext } from './context.ts';
import { attachContext, dedupe, errorBoundary, privateButtons, reachability, sequentialize } from './middleware.ts';
import { dialogRouter } from './dialogs/engine.ts';
import { isPrivate } from './filters.ts';
import { t } from './texts/index.ts';
import { clip, MAX_ANSWER, MAX_TEXT, splitMessage } from './keyboards.ts';
import { classifyTelegramError, isNotModified } from './errors.ts';
import { startFeature } from './features/start.ts';
import { cellsFeature } from './features/cells.ts';
import { membersFeature } from './features/members.ts';
import { settingsFeature } from './features/settings.ts';
import { meetingsFeature } from './features/meetings.ts';
import { duesFeature } from './features/dues.ts';
import { reviewFeature } from './features/review.ts';
import { journalFeature } from './features/journal.ts';
import { reportFeature } from './features/report.ts';
import { groupFeature } from './features/group.ts';
import { overviewFeature } from './features/overview.ts';

/** What the bot asks Telegram for, by polling and by webhook alike (Telegram remembers the last list). */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

export interface BotOptions {
  token: string;
  apiRoot?: string;
  /** The Mini App's address (WEBAPP_URL), for the screens' "✍️ Viết trên biểu mẫu" buttons. */
  webappUrl?: string;
}

export function createBot(opts: BotOptions, services: Services, clock: Clock, log: Logger): Telegraf<BotContext> {
  const bot = new Telegraf<BotContext>(opts.token, {
    telegram: { ...(opts.apiRoot ? { apiRoot: opts.apiRoot } : {}), webhookReply: false },
    handlerTimeout: 120_000,
  });
  // The outbox sender sends through bot.telegram; replies through each update's own Telegram (below).
  withLongTexts(bot.telegram);

  bot.use(retryReplies(log));
  bot.use(errorBoundary());
  // The chat's turn first, then the duplicate check: a second delivery of an update (on this
  // or another instance) waits for the first handling and then finds its id stored.
  bot.use(sequentialize(services));
  bot.use(dedupe(services, log));
  bot.use(attachContext(services, clock, log, opts.webappUrl));
  bot.use(reachability());
  bot.use(privateButtons());

  bot.use(groupFeature, startFeature, cellsFeature, overviewFeature, membersFeature, settingsFeature);
  bot.use(meetingsFeature, duesFeature, reviewFeature, journalFeature, reportFeature);
  bot.use(dialogRouter());

  bot.on('message', (ctx) => (isPrivate(ctx) ? ctx.reply(t.common.unknownText) : undefined));
  bot.on('callback_query', (ctx) => ctx.answerCbQuery(t.common.staleButton));

  bot.catch((err, ctx) => log.error('unhandled error', { update: ctx.update.update_id, error: err }));
  return bot;
}

/**
 * Telegraf does not retry: direct replies that meet a 429 wait `retry_after` and try again
 * (a few times), and a dropped connection or a 5xx is retried once. Bulk messages use the outbox.
 */
function retryReplies(log: Logger) {
  return (ctx: BotContext, next: () => Promise<void>) => {
    const tg = ctx.telegram;
    const call = tg.callApi.bind(tg);
    tg.callApi = (async (method: string, payload: unknown, extra?: unknown) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await (call as (m: string, p: unknown, e?: unknown) => Promise<unknown>)(method, payload, extra);
        } catch (e) {
          const f = classifyTelegramError(e);
          const is429 = f.kind === 'rateLimited';
          // A dropped connection or Telegram's own transient failure (5xx): once more.
          const isTransient = f.kind === 'network' || f.kind === 'serverError';
          if (attempt >= 4 || !(is429 || (isTransient && attempt < 2))) throw e;
          const wait = f.kind === 'rateLimited' ? Math.min(30, f.retryAfter ?? 1) * 1000 : 500;
          log.warn('reply retried', { method, wait });
          await new Promise((r) => setTimeout(r, wait));
        }
      }
    }) as typeof tg.callApi;
    withLongTexts(tg);
    return next();
  };
}

type CallApi = (method: string, payload: Record<string, unknown>, extra?: unknown) => Promise<unknown>;

const notModified = (e: unknown) => {
  if (isNotModified(e)) return true;
  throw e;
};

/**
 * The send layer's one splitter: a text over Telegram's 4,096 characters goes as several
 * messages (cut by `splitMessage`), the first keeping what it answers, the last the buttons;
 * an edit too long for one message becomes its first part and the rest follows as new
 * messages. A press's answer is cut to 200 characters.
 */
export function withLongTexts(tg: Telegram): void {
  const call = tg.callApi.bind(tg) as unknown as CallApi;
  tg.callApi = (async (method: string, payload: Record<string, unknown>, extra?: unknown) => {
    const text = payload?.text;
    if (method === 'answerCallbackQuery' && typeof text === 'string' && text.length > MAX_ANSWER) return call(method, { ...payload, text: clip(text, MAX_ANSWER) }, extra);
    if ((method !== 'sendMessage' && method !== 'editMessageText') || typeof text !== 'string' || text.length <= MAX_TEXT) return call(method, payload, extra);
    const parts = splitMessage(text);
    const { reply_markup, reply_parameters, message_id, inline_message_id, ...rest } = payload;
    const markup = (i: number) => (i === parts.length - 1 && reply_markup ? { reply_markup } : {});
    let first: unknown;
    let last: unknown;
    for (const [i, part] of parts.entries()) {
      // (the first part may be what the message already says: the rest still follows)
      if (i === 0 && method === 'editMessageText') first = await call(method, { ...rest, message_id, inline_message_id, text: part, ...markup(i) }, extra).catch(notModified);
      else last = await call('sendMessage', { ...rest, text: part, ...(i === 0 && reply_parameters ? { reply_parameters } : {}), ...markup(i) }, extra);
    }
    return method === 'editMessageText' ? first : last;
  }) as typeof tg.callApi;
}

/** The pipeline every update goes through before a feature sees it. */
import type { MiddlewareFn } from 'telegraf';
import type { BotContext } from './context.ts';
import { DuplicateUpdateError, StoreWriteError, type Services } from '../services/index.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import { RuleError } from '../core/result.ts';
import { problemText, t } from './texts/index.ts';
import { clip, MAX_ANSWER } from './keyboards.ts';

/**
 * One error boundary: a refused rule becomes its one Vietnamese sentence; a failed write
 * says nothing was saved; anything else is logged and answered with a short apology.
 * The process never crashes because of one update.
 */
export function errorBoundary(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    // Telegram takes one answer per press, and only while the press is fresh. The answer is the
    // press's toast: when it fails (a press delivered again after a restart was answered already,
    // or is too old) the press is still handled. When a handler answered, a failure is said in the chat.
    let answered = false;
    const answer = ctx.callbackQuery ? ctx.answerCbQuery.bind(ctx) : undefined;
    if (answer) {
      ctx.answerCbQuery = ((...args: Parameters<typeof answer>) => {
        answered = true;
        return answer(...args).catch((e: unknown) => {
          ctx.log?.warn('press not answered', { error: (e as Error).message });
          return true as const;
        });
      }) as typeof ctx.answerCbQuery;
    }
    try {
      await next();
    } catch (e) {
      const text = e instanceof RuleError ? problemText(e.problem) : e instanceof StoreWriteError ? t.common.writeFailed : t.common.apology;
      if (!(e instanceof RuleError)) (ctx.log ?? console).error('update failed', { error: e });
      try {
        if (answer && !answered) {
          const shown = await answer(clip(text, MAX_ANSWER), { show_alert: true }).then(
            () => true,
            () => false,
          );
          if (shown) return;
        }
        if (ctx.chat) await ctx.reply(text);
      } catch {
        // Telegram unreachable as well: the log has it.
      }
    }
  };
}

/** Puts services, clock, a logger tagged with the update id and the resolved sender on the context. */
export function attachContext(services: Services, clock: Clock, log: Logger, webappUrl?: string): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.services = services;
    if (webappUrl) ctx.webappUrl = webappUrl;
    ctx.clock = clock;
    ctx.log = log.child({ update: ctx.update.update_id });
    const from = ctx.from;
    // In turn, not together: on PostgreSQL the first read checks the index's revision as well, so the second needs no statement.
    const w = from ? await services.members.whois(from.id) : undefined;
    const isAdmin = from ? await services.cells.isAdmin(from.id) : false;
    ctx.actor = {
      tgId: from?.id ?? 0,
      tgName: [from?.first_name, from?.last_name].filter(Boolean).join(' ') || from?.username || t.common.noName,
      isAdmin,
      ...(w ?? {}),
    };
    return next();
  };
}

/**
 * An update delivered twice (same update_id, e.g. after a crash before the offset was
 * confirmed) is handled once. Ids are remembered in memory and, through the store, in
 * every write the update made — so the memory survives a restart exactly where it matters.
 * A handling that finds, on writing, that another handling of the same id (on this or
 * another instance) got there first ends quietly: the user already has that answer.
 */
export function dedupe(services: Services, log: Logger): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const id = ctx.update.update_id;
    const logger = () => ctx.log ?? log;
    if (!(await services.updates.claim(id))) {
      logger().info('duplicate update ignored', { update: id });
      return;
    }
    try {
      await services.updates.handle(id, () => next());
    } catch (e) {
      if (!(e instanceof DuplicateUpdateError)) throw e;
      logger().info('duplicate update ignored', { update: id });
    }
  };
}

/**
 * Updates of one chat are handled one at a time, so two quick presses cannot race: in this
 * process by a queue per chat, and across instances (a shared engine) by the chat's lock.
 */
export function sequentialize(services: Services): MiddlewareFn<BotContext> {
  const tails = new Map<number, Promise<void>>();
  return (ctx, next) => {
    const key = ctx.chat?.id ?? ctx.from?.id;
    if (key === undefined) return next();
    const prev = tails.get(key) ?? Promise.resolve();
    const update = { id: ctx.update.update_id, ...(ctx.from ? { from: ctx.from.id } : {}) };
    const run = prev.then(() => services.updates.inOrder(String(key), () => next(), update));
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}

/**
 * The bot puts no buttons on group messages: a press in a group (a forged callback, a
 * forwarded card) is refused before any feature sees it, so that nothing personal is
 * ever answered into a group.
 */
export function privateButtons(): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    if (ctx.callbackQuery && ctx.chat && ctx.chat.type !== 'private') return ctx.answerCbQuery(t.common.privateOnly, { show_alert: true }).then(() => undefined);
    return next();
  };
}

/** Any update from a member who was marked unreachable shows they can be reached again. */
export function reachability(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (ctx.actor.member && !ctx.actor.member.reachable && ctx.chat?.type === 'private') {
      await ctx.services.members.markReachable(ctx.actor.tgId);
    }
    return next();
  };
}

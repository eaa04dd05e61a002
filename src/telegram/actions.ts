/**
 * The one door of a button press: a callback declaration (callback-data.ts) and a small
 * handler become a Composer action that parses the data (a malformed or unknown action is a
 * stale button), checks the declared permission, that the button is of the presser's own
 * cell, and the action's own permission, each refused with its one sentence as an alert.
 * The handler answers the press itself (after its service call, so that a refused rule is
 * the press's alert through the error boundary).
 */
import { Composer, type MiddlewareFn } from 'telegraf';
import type { BotContext } from './context.ts';
import type { CallbackCodec, CallbackValues, Permission } from './callback-data.ts';
import { isAdmin, isCollector, isCommittee, isMember, isSecretary } from './filters.ts';
import { t } from './texts/index.ts';

const HOLDS: Record<Permission, (ctx: BotContext) => boolean> = { admin: isAdmin, member: isMember, committee: isCommittee, collector: isCollector, secretary: isSecretary };

/** Whether the sender holds a permission. */
export const holds = (ctx: BotContext, p: Permission): boolean => HOLDS[p](ctx);

/** The permission a declared action needs. */
export const permissionOf = <A extends string>(cb: CallbackCodec<string, A>, action: A): Permission | undefined => cb.access?.actions?.[action];

/** The pressed button's fields, the action narrowed to the declared codes. */
export type Pressed<K extends string, A extends string> = CallbackValues<K, A, string>;

export function onPress<K extends string, A extends string>(
  cb: CallbackCodec<K, A>,
  handle: (ctx: BotContext, data: Pressed<K, A>, next: () => Promise<void>) => Promise<unknown>,
): MiddlewareFn<BotContext> {
  return Composer.action<BotContext>(cb.pattern, async (ctx, next) => {
    const raw = cb.parse('data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined) as Record<string, string> | undefined;
    const stale = () => ctx.answerCbQuery(t.common.staleButton);
    const refuse = (text: string) => ctx.answerCbQuery(text, { show_alert: true });
    if (!raw) return void (await stale());
    const access = cb.access;
    if (access) {
      if (!holds(ctx, access.permission)) return void (await refuse(t.refusals[`forbidden.${access.permission}`]!));
      if (access.ownCell && raw.cell !== ctx.actor.cell?.id) return void (await refuse(t.refusals['forbidden.otherCell']!));
      if (access.actions) {
        const needs = Object.hasOwn(access.actions, raw.action!) ? (access.actions as Record<string, Permission>)[raw.action!] : undefined;
        if (!needs) return void (await stale());
        if (!holds(ctx, needs)) return void (await refuse(t.refusals[`forbidden.${needs}`]!));
      }
    }
    await handle(ctx, raw as Pressed<K, A>, next);
  });
}

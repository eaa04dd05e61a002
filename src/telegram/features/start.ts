/** /start (with an invite payload: joining), /help, /whoami, /cancel. */
import { Composer } from 'telegraf';
import type { BotContext } from '../context.ts';
import { audiencesOf, isMember, isPrivate } from '../filters.ts';
import { cancelDialog, resumeDialog, startDialog } from '../dialogs/engine.ts';
import { joinDialog } from '../dialogs/join.ts';
import { t } from '../texts/index.ts';

export const startFeature = new Composer<BotContext>();

startFeature.start(async (ctx) => {
  const payload = ctx.payload.trim();
  if (!isPrivate(ctx)) return ctx.reply(t.help.text(audiencesOf(ctx), isMember(ctx)));
  if (payload) return openInvite(ctx, payload);
  const { actor } = ctx;
  if (actor.member?.state === 'applying' && (await resumeDialog(ctx, joinDialog))) return;
  if (actor.member && isMember(ctx)) return ctx.reply(t.start.welcomeMember(actor.member.name, actor.cell!.name));
  if (actor.member?.state === 'pending') return ctx.reply(t.start.alreadyPending(actor.cell!.name));
  await ctx.reply(t.start.welcome(actor.tgName));
  if (actor.isAdmin) await ctx.reply(t.start.welcomeAdmin);
});

async function openInvite(ctx: BotContext, code: string): Promise<void> {
  const { services, actor } = ctx;
  const r = await services.members.openInvite(actor.tgId, code, actor.tgName);
  switch (r.status) {
    case 'invalid':
      await ctx.reply(t.start.invalidInvite);
      return;
    case 'member':
      await ctx.reply(t.start.alreadyMember(r.cell.name));
      return;
    case 'pending':
      await ctx.reply(t.start.alreadyPending(r.cell.name));
      return;
    case 'left':
      await ctx.reply(t.start.leftCell(r.cell.name));
      return;
    case 'apply': {
      ctx.actor = { ...actor, ...(await services.members.whois(actor.tgId)) };
      const draft = await services.dialogs.state(actor.tgId, joinDialog.id);
      if (draft && draft.meta.cellId === r.cell.id && draft.meta.kind === r.kind) {
        await ctx.reply(t.start.resumeJoin);
        await resumeDialog(ctx, joinDialog);
        return;
      }
      await ctx.reply(t.join.intro(r.cell.name, r.kind === 'secretary'));
      await startDialog(ctx, joinDialog, { cellId: r.cell.id, kind: r.kind });
    }
  }
}

startFeature.help((ctx) => ctx.reply(t.help.text(audiencesOf(ctx), isMember(ctx))));

startFeature.command('whoami', (ctx) => {
  const w = ctx.actor.member && ctx.actor.cell ? { cell: ctx.actor.cell, member: ctx.actor.member } : undefined;
  return ctx.reply(t.whoami(ctx.actor.tgId, ctx.actor.tgName, w, ctx.actor.isAdmin));
});

startFeature.command('cancel', async (ctx) => {
  const r = await cancelDialog(ctx);
  await ctx.reply(r === 'none' ? t.common.nothingToCancel : r === 'kept' ? t.common.cancelledDraft : t.common.cancelled);
});

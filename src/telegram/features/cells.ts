/** /newcell (admins), /invite (secretary), /linkgroup (secretary, in the group). */
import { Composer } from 'telegraf';
import type { BotContext } from '../context.ts';
import { isAdmin, isGroup, isPrivate, isSecretary } from '../filters.ts';
import { startDialog } from '../dialogs/engine.ts';
import { newcellDialog } from '../dialogs/newcell.ts';
import { t } from '../texts/index.ts';

export const cellsFeature = new Composer<BotContext>();

cellsFeature.command('newcell', async (ctx) => {
  if (!isPrivate(ctx)) return ctx.reply(t.common.privateOnly);
  if (!isAdmin(ctx)) {
    const code = ctx.payload.trim();
    if (!code || !ctx.services.cells.setupCode) return ctx.reply(t.refusals['forbidden.admin']!);
    if (!(await ctx.services.cells.claimAdmin(ctx.actor.tgId, code))) return ctx.reply(t.start.setupWrong);
    ctx.actor = { ...ctx.actor, isAdmin: true };
    await ctx.reply(t.start.setupClaimed);
  }
  await startDialog(ctx, newcellDialog);
});

cellsFeature.command('invite', async (ctx) => {
  if (!isSecretary(ctx)) return ctx.reply(t.refusals['forbidden.secretary']!);
  if (!isPrivate(ctx)) return ctx.reply(t.common.privateOnly);
  const rotate = ctx.payload.trim().toLowerCase() === 'new';
  const cell = rotate ? await ctx.services.cells.rotateInvite(ctx.actor.tgId) : ctx.actor.cell!;
  const link = `https://t.me/${ctx.botInfo.username}?start=${cell.inviteCode}`;
  await ctx.reply((rotate ? t.invite.rotated : '') + t.invite.link(cell.name, link));
});

cellsFeature.command('linkgroup', async (ctx) => {
  if (!isGroup(ctx)) return ctx.reply(t.group.notInGroup);
  if (!isSecretary(ctx)) return ctx.reply(t.refusals['forbidden.secretary']!);
  const title = 'title' in ctx.chat! ? ctx.chat.title : '';
  const cell = await ctx.services.cells.linkGroup(ctx.actor.tgId, ctx.chat!.id, title);
  await ctx.reply(t.group.linked(cell.name));
});

/** /newcell (admins), /invite (secretary), /linkgroup (secretary, in the group). */
import { Composer } from 'telegraf';
import type { BotContext } from '../context.ts';
import { isAdmin, isGroup, isPrivate, isSecretary } from '../filters.ts';
import { startDialog } from '../dialogs/engine.ts';
import { newcellDialog, sendSecretaryInvite } from '../dialogs/newcell.ts';
import { cbCell } from '../callback-data.ts';
import { onPress } from '../actions.ts';
import { secretaryInviteEnds } from '../../core/invites.ts';
import { t } from '../texts/index.ts';
import { inline } from '../keyboards.ts';

export const cellsFeature = new Composer<BotContext>();

cellsFeature.command('newcell', async (ctx) => {
  if (!isPrivate(ctx)) return ctx.reply(t.common.privateOnly);
  if (!isAdmin(ctx)) {
    // A wrong or missing code, or too many tries, is answered like any other user's /newcell: it reveals nothing.
    const code = ctx.payload.trim();
    if (!code || !(await ctx.services.cells.claimAdmin(ctx.actor.tgId, code))) return ctx.reply(t.refusals['forbidden.admin']!);
    ctx.actor = { ...ctx.actor, isAdmin: true };
    await ctx.reply(t.start.setupClaimed);
  }
  await startDialog(ctx, newcellDialog);
});

/** /cells (admins): the cells they made, with their secretary invite: a new one, or revoke it. */
cellsFeature.command('cells', async (ctx) => {
  if (!isPrivate(ctx)) return ctx.reply(t.common.privateOnly);
  if (!isAdmin(ctx)) return ctx.reply(t.refusals['forbidden.admin']!);
  const { cells, members } = ctx.services;
  const mine = await cells.cellsOf(ctx.actor.tgId);
  if (!mine.length) return ctx.reply(t.adminCells.none);
  const lines = await Promise.all(
    mine.map(async (c) => {
      const ends = secretaryInviteEnds(c);
      const secretary = (await members.roster(c.id)).find((m) => m.role === 'secretary');
      return t.adminCells.line(c.name, secretary?.name, ends && ends > ctx.clock.now() ? t.adminCells.moment(ends) : undefined, c.secretaryInviteBy !== undefined);
    }),
  );
  const rows = mine.map((c) => [
    { text: t.adminCells.newLink(c.name), data: cbCell.make({ cell: c.id, action: 'new' }) },
    ...(c.secretaryInvite ? [{ text: t.adminCells.revoke(c.name), data: cbCell.make({ cell: c.id, action: 'rv' }) }] : []),
  ]);
  await ctx.reply(t.adminCells.list(lines), inline(rows));
});

cellsFeature.use(
  onPress(cbCell, async (ctx, data) => {
    if (data.action === 'new') {
      const cell = await ctx.services.cells.newSecretaryInvite(ctx.actor.tgId, data.cell);
      await ctx.answerCbQuery();
      return sendSecretaryInvite(ctx, cell, t.adminCells.newLinkText);
    }
    const before = await ctx.services.cells.cell(data.cell);
    const cell = await ctx.services.cells.revokeSecretaryInvite(ctx.actor.tgId, data.cell);
    await ctx.answerCbQuery(t.adminCells.revokedAnswer);
    await ctx.reply(before?.secretaryInvite ? t.adminCells.revoked(cell.name) : t.adminCells.nothingToRevoke(cell.name));
  }),
);

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

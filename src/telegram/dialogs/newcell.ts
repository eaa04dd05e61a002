/** /newcell (admins): the cell's name, the committee above, and who is the secretary. */
import { validShortText } from '../../core/validate.ts';
import { defineDialog, startDialog } from './engine.ts';
import { joinDialog } from './join.ts';
import { t } from '../texts/index.ts';
import type { BotContext } from '../context.ts';
import type { Cell } from '../../core/members.ts';
import { secretaryInviteEnds } from '../../core/invites.ts';
import { cbCell } from '../callback-data.ts';
import { inline } from '../keyboards.ts';

export const newcellDialog = defineDialog({
  id: 'newcell',
  keepsDraft: false,
  steps: [
    { id: 'name', label: t.steps.newcell.name, prompt: () => t.newcell.name, input: { kind: 'text', parse: (s) => validShortText(s, 120) } },
    { id: 'parent', label: t.steps.newcell.parent, prompt: () => t.newcell.parent, input: { kind: 'text', parse: (s) => validShortText(s, 120) } },
    {
      id: 'secretary',
      label: t.steps.newcell.secretary,
      prompt: () => t.newcell.who,
      input: {
        kind: 'choice',
        columns: 1,
        options: (_a, env) => [...(env.ctx.actor.member ? [] : [{ value: 'me', label: t.newcell.me }]), { value: 'invite', label: t.newcell.invite }],
      },
    },
  ],
  review: {
    submit: t.buttons.submit,
    render: (a) => t.newcell.review(String(a.name), String(a.parent), a.secretary === 'me'),
  },
  async finish(ctx, state) {
    const { services, actor } = ctx;
    const me = state.answers.secretary === 'me' && !actor.member;
    // A secretary invite only when the admin chose to send one.
    const cell = await services.cells.createCell(actor.tgId, { name: String(state.answers.name), parentName: String(state.answers.parent), secretaryInvite: !me });
    if (me) {
      // The admin's dialogs move to the new cell's file: finish this one before joining.
      await services.dialogs.drop(actor.tgId, 'newcell');
      const opened = await services.members.openOwnCell(actor.tgId, cell.id, actor.tgName);
      if (opened.status === 'apply') {
        ctx.actor = { ...actor, ...(await services.members.whois(actor.tgId)) };
        await ctx.reply(t.newcell.created(cell.name));
        await ctx.reply(t.join.intro(cell.name, true));
        await startDialog(ctx, joinDialog, { cellId: cell.id, kind: 'secretary' });
        return;
      }
    }
    const invited = cell.secretaryInvite ? cell : await services.cells.newSecretaryInvite(actor.tgId, cell.id);
    await sendSecretaryInvite(ctx, invited, t.newcell.secretaryLink);
  },
});

/** The secretary invite of a cell, with its end and the admin's "Thu hồi liên kết" button. */
export async function sendSecretaryInvite(ctx: BotContext, cell: Cell, text: (name: string, link: string, until: string) => string): Promise<void> {
  const ends = secretaryInviteEnds(cell);
  if (!cell.secretaryInvite || !ends) return;
  const link = `https://t.me/${ctx.botInfo.username}?start=${cell.secretaryInvite}`;
  await ctx.reply(text(cell.name, link, t.adminCells.moment(ends)), inline([[{ text: t.adminCells.revokeButton, data: cbCell.make({ cell: cell.id, action: 'rv' }) }]]));
}

/** /newcell (admins): the cell's name, the committee above, and who is the secretary. */
import { validShortText } from '../../core/validate.ts';
import { defineDialog, startDialog } from './engine.ts';
import { joinDialog } from './join.ts';
import { t } from '../texts/index.ts';

export const newcellDialog = defineDialog({
  id: 'newcell',
  keepsDraft: false,
  steps: [
    { id: 'name', label: 'Tên chi bộ', prompt: () => t.newcell.name, input: { kind: 'text', parse: (s) => validShortText(s, 120) } },
    { id: 'parent', label: 'Đảng ủy cấp trên', prompt: () => t.newcell.parent, input: { kind: 'text', parse: (s) => validShortText(s, 120) } },
    {
      id: 'secretary',
      label: 'Bí thư',
      prompt: () => t.newcell.who,
      input: {
        kind: 'choice',
        columns: 1,
        options: (_a, env) => [
          ...(env.ctx.actor.member ? [] : [{ value: 'me', label: t.newcell.me }]),
          { value: 'invite', label: t.newcell.invite },
        ],
      },
    },
  ],
  review: {
    submit: t.buttons.submit,
    render: (a) => t.newcell.review(String(a.name), String(a.parent), a.secretary === 'me'),
  },
  async finish(ctx, state) {
    const { services, actor } = ctx;
    const cell = await services.cells.createCell(actor.tgId, { name: String(state.answers.name), parentName: String(state.answers.parent) });
    if (state.answers.secretary === 'me' && !actor.member) {
      // The admin's dialogs move to the new cell's file: finish this one before joining.
      await services.dialogs.drop(actor.tgId, 'newcell');
      const opened = await services.members.openInvite(actor.tgId, cell.secretaryInvite!, actor.tgName);
      if (opened.status === 'apply') {
        ctx.actor = { ...actor, ...services.members.whois(actor.tgId) };
        await ctx.reply(t.newcell.created(cell.name));
        await ctx.reply(t.join.intro(cell.name, true));
        await startDialog(ctx, joinDialog, { cellId: cell.id, kind: 'secretary' });
        return;
      }
    }
    await ctx.reply(t.newcell.secretaryLink(cell.name, `https://t.me/${ctx.botInfo.username}?start=${cell.secretaryInvite}`));
  },
});

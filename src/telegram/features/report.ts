/** /report (committee): the year's summary and the draft annual report (.docx), or a month's summary. */
import { Composer, Input } from 'telegraf';
import { reportYearOn } from '../../core/journal.ts';
import { parsePeriod } from '../../core/dues.ts';
import { localDate } from '../../core/time.ts';
import { reportDocx } from '../../documents/report.ts';
import type { BotContext } from '../context.ts';
import { isCommittee, isPrivate } from '../filters.ts';
import { splitMessage } from '../keyboards.ts';
import { problemText, t } from '../texts/index.ts';

export const reportFeature = new Composer<BotContext>();

reportFeature.command(['report', 'baocao'], async (ctx) => {
  if (!isCommittee(ctx)) return ctx.reply(t.refusals['forbidden.committee']!);
  // Names of members in arrears or absent go only to a private chat.
  if (!isPrivate(ctx)) return ctx.reply(t.common.privateOnly);
  const today = localDate(ctx.clock.now());
  const arg = ctx.payload.trim();
  const period = arg ? parsePeriod(arg, today) : ({ ok: true, value: { kind: 'year', year: reportYearOn(today) } } as const);
  if (!period.ok) return ctx.reply(problemText({ code: 'report.period' }));

  if (period.value.kind === 'month') {
    const month = ctx.services.reports.month(ctx.actor.tgId, period.value.month);
    for (const part of splitMessage(t.report.monthSummary(month))) await ctx.reply(part);
    return;
  }
  const model = ctx.services.reports.year(ctx.actor.tgId, period.value.year);
  for (const part of splitMessage(t.report.yearSummary(model))) await ctx.reply(part);
  await ctx.replyWithChatAction('upload_document').catch(() => undefined);
  const file = await reportDocx(model);
  await ctx.replyWithDocument(Input.fromBuffer(file, `bao-cao-tong-ket-${model.year}.docx`));
});

/** /report (committee): the year's summary and the draft annual report (.docx), or a month's summary. */
import { Composer, Input } from 'telegraf';
import { reportYearOn } from '../../core/journal.ts';
import { parsePeriod } from '../../core/dues/index.ts';
import { localDate } from '../../core/time.ts';
import { chartsOf } from '../../webapp/year-charts.ts';
import type { BotContext } from '../context.ts';
import { isCommittee, isPrivate } from '../filters.ts';
import { grid, inline, type Button } from '../keyboards.ts';
import { noteButton, type NoteTarget } from './journal.ts';
import type { ReportModel } from '../../core/report.ts';
import { gapLabel } from '../texts/report.ts';
import { problemText, t } from '../texts/index.ts';

export const reportFeature = new Composer<BotContext>();

/** Where each gap of the draft is filled: the /note dialog of its section or input (the ratings are /evaluate's). */
const NOTE_INPUT = { basis: 'basis', targets: 'targets', cellLevel: 'level' } as const;
function gapButtons(cellId: string, m: ReportModel): Button[] {
  return m.gaps.flatMap((g) => {
    const target: NoteTarget | undefined = g.kind === 'section' ? g.section : g.kind === 'input' ? NOTE_INPUT[g.input] : g.kind === 'opening' ? 'opening' : undefined;
    return target ? [noteButton(cellId, target, `✍️ ${gapLabel(g)}`, m.year)] : [];
  });
}

reportFeature.command(['report', 'baocao'], async (ctx) => {
  if (!isCommittee(ctx)) return ctx.reply(t.refusals['forbidden.committee']!);
  // Names of members in arrears or absent go only to a private chat.
  if (!isPrivate(ctx)) return ctx.reply(t.common.privateOnly);
  const today = localDate(ctx.clock.now());
  const arg = ctx.payload.trim();
  const period = arg ? parsePeriod(arg, today) : ({ ok: true, value: { kind: 'year', year: reportYearOn(today) } } as const);
  if (!period.ok) return ctx.reply(problemText({ code: 'report.period' }));

  if (period.value.kind === 'month') {
    const month = await ctx.services.reports.month(ctx.actor.tgId, period.value.month);
    await ctx.reply(t.report.monthSummary(month));
    return;
  }
  await ctx.replyWithChatAction('upload_document').catch(() => undefined);
  const model = await ctx.services.reports.draft(ctx.actor.tgId, period.value.year);
  await ctx.reply(t.report.yearSummary(model), inline(grid(gapButtons(ctx.actor.cell!.id, model), 2)));
  // Loaded on first use, as every document builder: resvg, docx and exceljs (~30 MB) stay out of an instance until it drafts something.
  const [{ yearChartsPng }, { annexDocx, reportDocx }] = await Promise.all([import('../../webapp/chart-png.ts'), import('../../documents/report.ts')]);
  await ctx.replyWithPhoto(Input.fromBuffer(yearChartsPng(chartsOf(model)), `bieu-do-${model.year}.png`), { caption: t.webapp.chartsCaption(model.year) });
  await ctx.replyWithDocument(Input.fromBuffer(await reportDocx(model), `bao-cao-tong-ket-${model.year}.docx`));
  await ctx.replyWithDocument(Input.fromBuffer(await annexDocx(model), `tong-hop-y-kien-${model.year}.docx`), { caption: t.report.annexCaption(model.year) });
});

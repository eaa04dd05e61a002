/** /overview (admins): every cell's figures of a year in the chat, then the same as an .xlsx. */
import { Composer, Input } from 'telegraf';
import { reportYearOn } from '../../core/journal.ts';
import { parsePeriod } from '../../core/dues/index.ts';
import { localDate } from '../../core/time.ts';
import type { BotContext } from '../context.ts';
import { isAdmin, isPrivate } from '../filters.ts';
import { t } from '../texts/index.ts';

export const overviewFeature = new Composer<BotContext>();

overviewFeature.command('overview', async (ctx) => {
  if (!isPrivate(ctx)) return ctx.reply(t.common.privateOnly);
  if (!isAdmin(ctx)) return ctx.reply(t.refusals['forbidden.admin']!);
  const today = localDate(ctx.clock.now());
  const arg = ctx.payload.trim();
  // the year as /report reads it ("2024"); a month or anything else is not a year
  const period = arg ? parsePeriod(arg, today) : ({ ok: true, value: { kind: 'year', year: reportYearOn(today) } } as const);
  if (!period.ok || period.value.kind !== 'year') return ctx.reply(t.overview.badYear);

  await ctx.replyWithChatAction('upload_document').catch(() => undefined);
  const o = await ctx.services.overview.year(ctx.actor.tgId, period.value.year);
  if (!o.rows.length) return ctx.reply(t.overview.none);
  await ctx.reply(t.overview.summary(o));
  const { overviewXlsx } = await import('../../documents/overview.ts');
  await ctx.replyWithDocument(Input.fromBuffer(await overviewXlsx(o), t.overview.fileName(o.year)), { caption: t.overview.caption(o.year) });
});

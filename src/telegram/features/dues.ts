/**
 * /dues and /dangphi. Members: own status, "Tôi đã đóng" (a claim). Collectors and the
 * committee: the month's table (paged), the year, one member's card (record a payment,
 * reverse one, set the amount, an exemption or reduction), claims to confirm or reject.
 * The /member card's "Đảng phí" button lands on the member's card here. Every press is
 * checked: a member of this cell, the right for the action; the services check again.
 */
import { Composer } from 'telegraf';
import { isOffTurn, parsePeriod, type MemberMonth, type PayMethod } from '../../core/dues/index.ts';
import { isInCell, type Member } from '../../core/members.ts';
import { own } from '../../core/records.ts';
import { addMonths, localDate, monthOfDate, yearOf, type Month } from '../../core/time.ts';
import type { BotContext } from '../context.ts';
import { isCollector, isMember, isPrivate } from '../filters.ts';
import { cbDues, decodeMonths, encodeMonths, monthField, monthOfField, type DuesAction } from '../callback-data.ts';
import { onPress, permissionOf } from '../actions.ts';
import { isNotModified } from '../errors.ts';
import { grid, inline, paged, type Button } from '../keyboards.ts';
import { startDialog } from '../dialogs/engine.ts';
import { duesAmountDialog, duesDayDialog, duesKeptDialog, duesRejectDialog, duesReliefDialog, duesReverseDialog, RELIEF_CHOICES, showDuesSettings } from '../dialogs/dues.ts';
import { problemText, t } from '../texts/index.ts';
import type { SettingsSection } from './settings-section.ts';

export const duesFeature = new Composer<BotContext>();
const D = t.dues;
const PER_PAGE = 14;

const today = (ctx: BotContext) => localDate(ctx.clock.now());
const thisMonth = (ctx: BotContext) => monthOfDate(today(ctx));
const btn = (ctx: BotContext, text: string, action: DuesAction, id: string | number = '', arg = ''): Button => ({
  text,
  data: cbDues.make({ cell: ctx.actor.cell!.id, action, id, arg }),
});

const toggle = (list: readonly Month[], m: Month) => (list.includes(m) ? list.filter((x) => x !== m) : [...list, m]);
const methodOf = (s: string | undefined): PayMethod | undefined => (s === 'c' ? 'cash' : s === 'p' ? 'portal' : undefined);

/** Month toggles and the two method buttons; `action` gets the toggled selection, `submit` the selection and method. */
function pickerKeyboard(ctx: BotContext, offered: readonly MemberMonth[], chosen: readonly Month[], action: DuesAction, submit: DuesAction, id: string, extra: Button[][] = []) {
  const base = offered[0]!.month;
  const months = offered.map((s) => btn(ctx, D.monthToggle(s, chosen.includes(s.month)), action, id, encodeMonths(base, toggle(chosen, s.month))));
  const sel = encodeMonths(base, chosen);
  return inline([...grid(months, 2), [btn(ctx, D.byCash, submit, id, `${sel}.c`), btn(ctx, D.byPortal, submit, id, `${sel}.p`)], ...extra]);
}

/** Edits the message the button belongs to, or sends a new one when it cannot be edited. */
async function show(ctx: BotContext, text: string, markup?: ReturnType<typeof inline>): Promise<void> {
  if (ctx.callbackQuery) {
    try {
      await ctx.editMessageText(text, markup);
      return;
    } catch (e) {
      // the same screen pressed again (the page number): nothing to change
      if (isNotModified(e)) return;
      // too old, or not a text message: send anew
    }
  }
  await ctx.reply(text, markup);
}

// ---------------------------------------------------------------- the command

duesFeature.command(['dues', 'dangphi'], async (ctx) => {
  if (!isMember(ctx)) return ctx.reply(t.common.notMember);
  if (!isPrivate(ctx)) return ctx.reply(t.common.privateOnly);
  const p = parsePeriod(ctx.payload ?? '', today(ctx));
  if (!p.ok) return ctx.reply(problemText(p.error));
  if (!isCollector(ctx)) {
    if (p.value.kind === 'month' && p.value.month === thisMonth(ctx)) return showMine(ctx);
    return showMyYear(ctx, p.value.kind === 'year' ? p.value.year : yearOf(p.value.month));
  }
  if (p.value.kind === 'year') return showYear(ctx, p.value.year);
  return showTable(ctx, p.value.month, 0);
});

// ---------------------------------------------------------------- buttons

// Who may press which action: cbDues' declaration; a member's actions are about themself only.
duesFeature.use(
  onPress(cbDues, async (ctx, data) => {
    const { action, id, arg } = data;
    const needs = permissionOf(cbDues, action);
    if (needs === 'member') return memberAction(ctx, action, id, arg);
    if (needs === 'secretary') {
      await ctx.answerCbQuery();
      if (action === 'set') return showDuesSettings(ctx);
      return startDialog(ctx, action === 'setday' ? duesDayDialog : duesKeptDialog);
    }
    return collectorAction(ctx, action, id, arg);
  }),
);

async function memberAction(ctx: BotContext, action: string, id: string, arg: string): Promise<unknown> {
  switch (action) {
    case 'my':
      await ctx.answerCbQuery();
      return showMine(ctx);
    case 'myy':
      await ctx.answerCbQuery();
      return showMyYear(ctx, Number(id) || yearOf(today(ctx)));
    case 'cl': {
      const offered = await ctx.services.dues.claimable(ctx.actor.tgId);
      if (!offered.length) return ctx.answerCbQuery(D.nothingToClaim, { show_alert: true });
      await ctx.answerCbQuery();
      const months = offered.map((s) => s.month);
      const sel = decodeMonths(arg);
      const chosen = sel ? sel.chosen.filter((m) => months.includes(m)) : months.includes(thisMonth(ctx)) ? [thisMonth(ctx)] : [];
      const markup = pickerKeyboard(ctx, offered, chosen, 'cl', 'clm', '');
      // From a reminder or the status message: a new message, so that those stay as they were.
      if (!sel) return ctx.reply(D.pickClaim, markup);
      return show(ctx, D.pickClaim, markup);
    }
    case 'clm': {
      const sel = decodeMonths(arg);
      const method = methodOf(sel?.rest[0]);
      if (!sel || !method) return ctx.answerCbQuery(t.common.staleButton);
      if (!sel.chosen.length) return ctx.answerCbQuery(D.pickAtLeastOne, { show_alert: true });
      const claims = await ctx.services.dues.claimPaid(ctx.actor.tgId, sel.chosen, method);
      await ctx.answerCbQuery();
      return show(
        ctx,
        D.claimSent(
          claims.map((c) => c.month),
          method,
        ),
      );
    }
  }
}

async function collectorAction(ctx: BotContext, action: string, id: string, arg: string): Promise<unknown> {
  const cellId = ctx.actor.cell!.id;
  const dues = ctx.services.dues;
  let records: Promise<Readonly<Record<string, Member>>> | undefined;
  /** A member's name ('' for none); the cell's members are read once per press. */
  const nameOf = async (memberId: string) => own(await (records ??= ctx.services.members.records(cellId)), memberId)?.name ?? '';
  switch (action) {
    case 'tbl':
      await ctx.answerCbQuery();
      return showTable(ctx, monthOfField(id) ?? thisMonth(ctx), Number(arg) || 0, true);
    case 'yr':
      await ctx.answerCbQuery();
      return showYear(ctx, Number(id) || yearOf(today(ctx)));
    case 'mlist': {
      await ctx.answerCbQuery();
      const people = (await dues.booked(cellId)).filter(isInCell);
      const rows = paged(
        people,
        Number(arg) || 0,
        PER_PAGE,
        (m) => btn(ctx, m.name, 'member', m.id),
        (p) => cbDues.make({ cell: cellId, action: 'mlist', id: '', arg: String(p) }),
        t.buttons,
      );
      return show(ctx, D.pickMember, inline([...rows, [btn(ctx, D.backToTable, 'tbl', monthField(thisMonth(ctx)))]]));
    }
    case 'member':
      await ctx.answerCbQuery();
      // arg 'n': pressed on a notice or a result, which stays as it is
      return showCard(ctx, id, arg === 'n');
    case 'rec': {
      const offered = await dues.payable(ctx.actor.tgId, id);
      if (!offered.length) return ctx.answerCbQuery(D.nothingToRecord(await nameOf(id)), { show_alert: true });
      await ctx.answerCbQuery();
      const months = offered.map((s) => s.month);
      const sel = decodeMonths(arg);
      const chosen = sel ? sel.chosen.filter((m) => months.includes(m)) : months.includes(thisMonth(ctx)) ? [thisMonth(ctx)] : [];
      return show(ctx, D.pickRecord(await nameOf(id)), pickerKeyboard(ctx, offered, chosen, 'rec', 'recm', id, [[btn(ctx, t.buttons.back, 'member', id)]]));
    }
    case 'recm':
    case 'reca': {
      const sel = decodeMonths(arg);
      const method = methodOf(sel?.rest[0]);
      if (!sel || !method) return ctx.answerCbQuery(t.common.staleButton);
      if (!sel.chosen.length) return ctx.answerCbQuery(D.pickAtLeastOne, { show_alert: true });
      const offTurn = sel.chosen.filter((m) => isOffTurn(m, today(ctx)));
      if (action === 'recm' && offTurn.length) {
        await ctx.answerCbQuery();
        return show(ctx, D.confirmOffTurn(offTurn), inline([[btn(ctx, D.approveButton, 'reca', id, arg)], [btn(ctx, t.buttons.cancel, 'member', id)]]));
      }
      const { payments, member } = await dues.record(ctx.actor.tgId, id, sel.chosen, method, action === 'reca');
      await ctx.answerCbQuery();
      return show(ctx, D.recorded(member.name, payments), inline([[btn(ctx, D.viewMember, 'member', id), btn(ctx, D.backToTable, 'tbl', monthField(thisMonth(ctx)))]]));
    }
    case 'rev': {
      const payments = (await dues.statusOf(ctx.actor.tgId, id)).payments.slice(0, 12);
      if (!payments.length) return ctx.answerCbQuery(D.nothingToReverse, { show_alert: true });
      await ctx.answerCbQuery();
      return show(
        ctx,
        D.pickReverse(await nameOf(id)),
        inline([
          ...grid(
            payments.map((p) => btn(ctx, D.reverseItem(p), 'revp', p.id)),
            2,
          ),
          [btn(ctx, t.buttons.back, 'member', id)],
        ]),
      );
    }
    case 'revp': {
      const p = await dues.payment(cellId, id);
      const active = p && (await dues.statusOf(ctx.actor.tgId, p.memberId)).payments.some((x) => x.id === p.id);
      if (!p || !active) return ctx.answerCbQuery(D.paymentGone, { show_alert: true });
      await ctx.answerCbQuery();
      return startDialog(ctx, duesReverseDialog, { payment: p.id, prompt: D.askReverseReason(await nameOf(p.memberId), p) });
    }
    case 'amt': {
      const st = await dues.statusOf(ctx.actor.tgId, id);
      await ctx.answerCbQuery();
      return startDialog(ctx, duesAmountDialog, { member: id, name: st.member.name, current: st.amount?.amount ?? 0 });
    }
    case 'rel': {
      await ctx.answerCbQuery();
      const kinds = RELIEF_CHOICES.map((k) => btn(ctx, D.reliefKinds[k]!, 'relk', id, k));
      return show(ctx, D.pickRelief(await nameOf(id)), inline([...grid(kinds, 2), [btn(ctx, t.buttons.back, 'member', id)]]));
    }
    case 'relk': {
      if (!RELIEF_CHOICES.includes(arg)) return ctx.answerCbQuery(t.common.staleButton);
      const st = await dues.statusOf(ctx.actor.tgId, id);
      await ctx.answerCbQuery();
      return startDialog(ctx, duesReliefDialog, { member: id, name: st.member.name, kind: arg });
    }
    case 'claims': {
      await ctx.answerCbQuery();
      const open = await dues.openClaims(cellId);
      const named = await Promise.all(open.map(async (c) => ({ c, name: await nameOf(c.memberId) })));
      const rows = paged(
        named,
        Number(arg) || 0,
        PER_PAGE,
        ({ c, name }) => btn(ctx, D.claimItem(name, c.month), 'claim', c.id),
        (p) => cbDues.make({ cell: cellId, action: 'claims', id: '', arg: String(p) }),
        t.buttons,
      );
      return show(ctx, D.claimsTitle(open.length), inline([...rows, [btn(ctx, D.backToTable, 'tbl', monthField(thisMonth(ctx)))]]));
    }
    case 'claim': {
      const c = await dues.claim(cellId, id);
      if (!c || c.decision) return ctx.answerCbQuery(D.claimGone, { show_alert: true });
      await ctx.answerCbQuery();
      const amount = (await dues.statusOf(ctx.actor.tgId, c.memberId)).owed.find((s) => s.month === c.month)?.expected;
      return show(
        ctx,
        D.claimCard(await nameOf(c.memberId), c.month, amount, c.method, c.at),
        inline([[btn(ctx, D.confirmButton, 'cok', c.id), btn(ctx, D.rejectButton, 'cno', c.id)], [btn(ctx, t.buttons.back, 'claims')]]),
      );
    }
    case 'cok': {
      const { payment, member } = await dues.confirmClaim(ctx.actor.tgId, id);
      await ctx.answerCbQuery();
      await dropButtonsOf(ctx, id);
      return ctx.reply(D.confirmed(member.name, payment));
    }
    case 'cno': {
      const c = await dues.claim(cellId, id);
      if (!c || c.decision) return ctx.answerCbQuery(D.claimGone, { show_alert: true });
      await ctx.answerCbQuery();
      return startDialog(ctx, duesRejectDialog, { claim: c.id, name: await nameOf(c.memberId), month: c.month });
    }
    default:
      return ctx.answerCbQuery(t.common.staleButton);
  }
}

/** Takes the buttons of one claim off the message pressed (a notice may hold several claims). */
async function dropButtonsOf(ctx: BotContext, claimId: string): Promise<void> {
  const msg = ctx.callbackQuery?.message;
  const kb = msg && 'reply_markup' in msg ? msg.reply_markup?.inline_keyboard : undefined;
  if (!kb) return;
  const rows = kb.map((r) => r.filter((b) => !('callback_data' in b) || !b.callback_data.includes(`:${claimId}:`))).filter((r) => r.length);
  await ctx.editMessageReplyMarkup({ inline_keyboard: rows }).catch(() => undefined);
}

// ---------------------------------------------------------------- screens

async function showMine(ctx: BotContext): Promise<void> {
  const st = await ctx.services.dues.myStatus(ctx.actor.tgId);
  const day = today(ctx);
  const cur = monthOfDate(day);
  const lines = [D.myTitle(st.member.name), D.amountLine(st.amount)];
  if (st.relief) lines.push(D.reliefLine(st.relief));
  lines.push(D.paidThrough(st.paidThrough, st.payments[0]?.month, st.firstOwed, day), '');
  if (st.owed.length) {
    lines.push(D.owedTitle, ...st.owed.map((s) => D.owedLine(s, cur)));
    if (st.owed.length > 1) lines.push(D.owedTotal(st.owed.reduce((n, s) => n + (s.expected ?? 0), 0)));
  } else {
    lines.push(D.nothingOwed);
  }
  const pending = st.pending.filter((c) => !st.owed.some((s) => s.month === c.month));
  if (pending.length) lines.push(D.pending(pending.map((c) => c.month)));
  if (st.flag) lines.push('', D.flag(st.arrears.length, yearOf(day)));
  const claimable = (await ctx.services.dues.claimable(ctx.actor.tgId)).length > 0;
  const rows: Button[][] = [[...(claimable ? [btn(ctx, D.iPaid, 'cl')] : []), btn(ctx, D.myYearButton(yearOf(day)), 'myy', yearOf(day))]];
  await ctx.reply(lines.join('\n'), inline(rows));
}

async function showMyYear(ctx: BotContext, year: number): Promise<void> {
  const rows = await ctx.services.dues.myYear(ctx.actor.tgId, year);
  await ctx.reply(D.myYear(ctx.actor.member!.name, year, rows), inline([[btn(ctx, D.viewMine, 'my')]]));
}

const ORDER = { unpaid: 0, paid: 1, exempt: 2, not_owed: 3 } as const;

async function showTable(ctx: BotContext, month: Month, page: number, edit = false): Promise<void> {
  const cell = ctx.actor.cell!;
  const dues = ctx.services.dues;
  const f = await dues.monthFigures(cell.id, month);
  // Unpaid first (those are the ones to act on), then paid, then exempt; roster order inside.
  const rows = [...f.rows].sort((a, b) => ORDER[a.state] - ORDER[b.state]);
  const pages = Math.max(1, Math.ceil(rows.length / PER_PAGE));
  const p = Math.min(Math.max(0, page), pages - 1);
  const flags: Record<string, number> = {};
  for (const a of (await dues.yearFigures(cell.id, yearOf(month))).arrears) flags[a.memberId] = a.counted.length;
  const icon = (s: MemberMonth) => (s.payment ? '✅' : s.state === 'exempt' ? '➖' : s.claim ? '⏳' : '❌');
  const keyboard = paged(
    rows,
    p,
    PER_PAGE,
    (r) => btn(ctx, `${icon(r)} ${r.name}`, 'member', r.memberId),
    (n) => cbDues.make({ cell: cell.id, action: 'tbl', id: monthField(month), arg: String(n) }),
    t.buttons,
  );
  const claims = (await dues.openClaims(cell.id)).length;
  const prev = addMonths(month, -1);
  const next = addMonths(month, 1);
  keyboard.push(
    [btn(ctx, `‹ ${D.monthButton(prev)}`, 'tbl', monthField(prev)), btn(ctx, `${D.monthButton(next)} ›`, 'tbl', monthField(next))],
    [...(claims ? [btn(ctx, D.claimsButton(claims), 'claims')] : []), btn(ctx, D.yearButton(yearOf(month)), 'yr', yearOf(month))],
    [btn(ctx, D.membersButton, 'mlist'), btn(ctx, D.mineButton, 'my')],
  );
  const text = D.monthTable(f, cell.name, { rows: rows.slice(p * PER_PAGE, (p + 1) * PER_PAGE), index: p, pages }, flags);
  if (edit) return show(ctx, text, inline(keyboard));
  await ctx.reply(text, inline(keyboard));
}

async function showYear(ctx: BotContext, year: number): Promise<void> {
  const cell = ctx.actor.cell!;
  const [y, booked] = await Promise.all([ctx.services.dues.yearFigures(cell.id, year), ctx.services.dues.booked(cell.id)]);
  const names = Object.fromEntries(booked.map((m) => [m.id, m.name]));
  const month = y.through ?? thisMonth(ctx);
  // the send layer splits a long summary and puts the buttons on its last part
  await ctx.reply(D.yearSummary(y, cell.name, names), inline([[btn(ctx, D.monthButton(month), 'tbl', monthField(month)), btn(ctx, D.mineButton, 'my')]]));
}

async function showCard(ctx: BotContext, memberId: string, asNew = false): Promise<void> {
  const st = await ctx.services.dues.statusOf(ctx.actor.tgId, memberId);
  const day = today(ctx);
  const cur = monthOfDate(day);
  const lines = [D.amountLine(st.amount)];
  if (!isInCell(st.member)) lines.unshift(D.notInCell);
  if (st.relief) lines.push(D.reliefLine(st.relief));
  lines.push(D.paidThrough(st.paidThrough, st.payments[0]?.month, st.firstOwed, day), D.owedShort(st.owed, cur));
  if (st.pending.length) lines.push(D.pending(st.pending.map((c) => c.month)));
  if (st.flag) lines.push(D.flagShort(st.arrears.length, yearOf(day)));
  lines.push(D.recentPayments(st.payments));
  const markup = inline([
    [btn(ctx, D.recordButton, 'rec', memberId), btn(ctx, D.reverseButton, 'rev', memberId)],
    [btn(ctx, D.amountButton, 'amt', memberId), btn(ctx, D.reliefButton, 'rel', memberId)],
    [btn(ctx, D.backToTable, 'tbl', monthField(cur))],
  ]);
  if (asNew) await ctx.reply(D.memberCard(st.member.name, lines), markup);
  else await show(ctx, D.memberCard(st.member.name, lines), markup);
}

/** This feature's sections of /settings: the dues day and the share kept by the cell. */
export const duesSettings: SettingsSection[] = [{ id: 'dues', label: D.settingsLabel, open: showDuesSettings }];

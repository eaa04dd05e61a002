/** The small dialogs of the dues feature: an amount, a relief, a reason, the dues settings. */
import { BASIS_PERCENT, checkReliefSpan, parseDuesDay, parseMonth, parsePercent, type AmountBasis, type ReliefKind } from '../../core/dues/index.ts';
import { parseMoney, percentOf } from '../../core/money.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { addMonths, localMonth, monthOfDate, type Month } from '../../core/time.ts';
import { validShortText } from '../../core/validate.ts';
import type { Answer } from '../../core/dialog-state.ts';
import { cbDues, type DuesAction } from '../callback-data.ts';
import { inline } from '../keyboards.ts';
import type { BotContext } from '../context.ts';
import { defineDialog, loadedOf, type DialogEnv, type StepDef } from './engine.ts';
import { t } from '../texts/index.ts';

const D = t.dues;

const backToCard = (ctx: BotContext, memberId: string) => inline([[{ text: D.viewMember, data: cbDues.make({ cell: ctx.actor.cell!.id, action: 'member', id: memberId, arg: 'n' }) }]]);

const monthOptions = (env: DialogEnv) => {
  const cur = monthOfDate(env.today);
  return [
    { value: cur, label: D.thisMonth(cur) },
    { value: addMonths(cur, 1), label: D.nextMonth(addMonths(cur, 1)) },
  ];
};

const reason = (s: string) => validShortText(s, 200);

/** A salary or pension, checked so that its share is at least 1 đồng; the figure itself is not kept. */
const base =
  (basis: Exclude<AmountBasis, 'fixed'>) =>
  (s: string): Result<Answer> => {
    const r = parseMoney(s, 1_000_000_000);
    if (!r.ok) return r;
    return percentOf(r.value, BASIS_PERCENT[basis]) < 1 ? fail('money.zero') : r;
  };

/** Mức đóng of a member: typed, or 1% of the salary, or 0.5% of the pension; from a month on. */
/** "Tính theo lương" / "… lương hưu": the member's amount is the basis's percent of a typed sum, which is never stored. */
function percentStep(basis: 'salary' | 'pension', ask: (name: string) => string): StepDef {
  return {
    id: basis,
    prompt: (_a, env) => ask(String(env.meta.name)),
    when: (a) => a.amount === basis,
    input: { kind: 'text', parse: base(basis) },
    assign: (a, v) => {
      a.amount = percentOf(Number(v), BASIS_PERCENT[basis]);
      a.basis = basis;
    },
  };
}

export const duesAmountDialog = defineDialog({
  id: 'duesamt',
  keepsDraft: false,
  steps: [
    {
      id: 'amount',
      prompt: (_a, env) => D.askAmount(String(env.meta.name), env.meta.current ? Number(env.meta.current) : undefined),
      input: {
        kind: 'text',
        parse: (s) => parseMoney(s),
        options: [
          { value: 'salary', label: D.fromSalary },
          { value: 'pension', label: D.fromPension },
        ],
      },
      assign: (a, v) => {
        a.amount = v;
        a.basis = 'fixed';
      },
    },
    percentStep('salary', D.askSalary),
    percentStep('pension', D.askPension),
    {
      id: 'from',
      prompt: () => D.askFrom,
      input: { kind: 'text', parse: (s) => parseMonth(s), options: (_a, env) => monthOptions(env) },
    },
  ],
  async finish(ctx, state) {
    const a = state.answers;
    const memberId = String(state.meta.member);
    const { change, member } = await ctx.services.dues.setAmount(ctx.actor.tgId, memberId, Number(a.amount), String(a.from), a.basis as AmountBasis, state.id);
    await ctx.reply(D.amountSet(member.name, change), backToCard(ctx, member.id));
  },
});

/** The month a relief starts, as already answered in the running dialog (its `load`: a parser sees only its own text). */
function reliefStart(env: DialogEnv): Month {
  const { from } = loadedOf<{ from: Answer | undefined }>(env);
  return typeof from === 'string' ? from : localMonth(env.now);
}

const RELIEF_COUNT = new RegExp(`^\\s*(\\d{1,2})\\s*(${t.dues.monthsWord})?\\s*$`, 'u');

/** The end of a relief: a month (mm/yyyy) or a number of months (1–12) from its start. */
function reliefEnd(s: string, env: DialogEnv): Result<Answer> {
  const from = reliefStart(env);
  const n = RELIEF_COUNT.exec(s);
  if (n) {
    const count = Number(n[1]);
    if (count < 1 || count > 12) return fail('relief.count');
    return ok(addMonths(from, count - 1));
  }
  const m = parseMonth(s);
  if (!m.ok) return m;
  return checkReliefSpan(from, m.value);
}

const RELIEFS: Record<string, { kind: ReliefKind; percent?: number }> = {
  exempt: { kind: 'exempt' },
  r30: { kind: 'reduce', percent: 30 },
  r50: { kind: 'reduce', percent: 50 },
  r70: { kind: 'reduce', percent: 70 },
  end: { kind: 'end' },
};
export const RELIEF_CHOICES = Object.keys(RELIEFS);

/** Miễn / giảm 30, 50, 70% / bỏ miễn giảm: from a month to a month (at most 12), with a reason. */
export const duesReliefDialog = defineDialog({
  id: 'duesrel',
  keepsDraft: false,
  load: async (_ctx, state) => ({ from: state.answers.from }),
  steps: [
    {
      id: 'from',
      prompt: (_a, env) => D.askReliefFrom(D.reliefKinds[String(env.meta.kind)] ?? ''),
      input: { kind: 'text', parse: (s) => parseMonth(s), options: (_a, env) => monthOptions(env) },
    },
    {
      id: 'to',
      prompt: (a) => D.askReliefTo(String(a.from)),
      when: (_a, env) => env.meta.kind !== 'end',
      input: {
        kind: 'text',
        parse: reliefEnd,
        options: (a) => [3, 6, 12].map((n) => ({ value: addMonths(String(a.from), n - 1), label: D.reliefSpan(addMonths(String(a.from), n - 1), n) })),
      },
    },
    { id: 'reason', prompt: () => D.askReliefReason, skip: t.buttons.skip, input: { kind: 'text', parse: reason } },
  ],
  async finish(ctx, state) {
    const a = state.answers;
    const r = RELIEFS[String(state.meta.kind)]!;
    const from = String(a.from);
    // "Bỏ miễn, giảm" lifts whatever covers the next 12 months (no decision lasts longer).
    const to = r.kind === 'end' ? addMonths(from, 11) : String(a.to);
    const { relief, member } = await ctx.services.dues.setRelief(
      ctx.actor.tgId,
      String(state.meta.member),
      {
        ...r,
        from,
        to,
        ...(typeof a.reason === 'string' ? { reason: a.reason } : {}),
      },
      state.id,
    );
    await ctx.reply(D.reliefSet(member.name, relief), backToCard(ctx, member.id));
  },
});

/** Từ chối a claim: the reason the member will read. */
export const duesRejectDialog = defineDialog({
  id: 'duesrej',
  keepsDraft: false,
  steps: [{ id: 'reason', prompt: (_a, env) => D.askRejectReason(String(env.meta.name), String(env.meta.month)), input: { kind: 'text', parse: reason } }],
  async finish(ctx, state) {
    const { claim, member } = await ctx.services.dues.rejectClaim(ctx.actor.tgId, String(state.meta.claim), String(state.answers.reason), state.id);
    await ctx.reply(D.rejected(member.name, claim.month));
  },
});

/** Hoàn a payment: the reason of the reversal entry. */
export const duesReverseDialog = defineDialog({
  id: 'duesrev',
  keepsDraft: false,
  steps: [{ id: 'reason', prompt: (_a, env) => String(env.meta.prompt), input: { kind: 'text', parse: reason } }],
  async finish(ctx, state) {
    const { payment, member } = await ctx.services.dues.reverse(ctx.actor.tgId, String(state.meta.payment), String(state.answers.reason), state.id);
    await ctx.reply(D.reversed(member.name, payment), backToCard(ctx, member.id));
  },
});

const showSettings = async (ctx: BotContext) => {
  const cellId = ctx.actor.cell!.id;
  const [s, day] = await Promise.all([ctx.services.dues.settings(cellId), ctx.services.dues.dayOf(cellId)]);
  const button = (text: string, action: DuesAction) => ({ text, data: cbDues.make({ cell: cellId, action, id: '', arg: '' }) });
  await ctx.reply(D.settingsText(s.day, day, s.keptPercent), inline([[button(D.changeDay, 'setday'), button(D.changeKept, 'setkept')]]));
};

/** /settings → Đảng phí → the dues day. */
export const duesDayDialog = defineDialog({
  id: 'duesday',
  keepsDraft: false,
  steps: [{ id: 'day', prompt: () => D.askDay, input: { kind: 'text', parse: (s) => parseDuesDay(s), options: [{ value: 'meeting', label: D.byMeeting }] } }],
  async finish(ctx, state) {
    await ctx.services.dues.setSettings(ctx.actor.tgId, { day: state.answers.day === 'meeting' ? null : Number(state.answers.day) }, state.id);
    await showSettings(ctx);
  },
});

/** /settings → Đảng phí → the share kept by the cell. */
export const duesKeptDialog = defineDialog({
  id: 'dueskept',
  keepsDraft: false,
  steps: [{ id: 'kept', prompt: () => D.askKept, input: { kind: 'text', parse: (s) => parsePercent(s) } }],
  async finish(ctx, state) {
    await ctx.services.dues.setSettings(ctx.actor.tgId, { keptPercent: Number(state.answers.kept) }, state.id);
    await showSettings(ctx);
  },
});

export { showSettings as showDuesSettings };

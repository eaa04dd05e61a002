/**
 * /evaluate (/kiemdiem): members start or resume their self-evaluation, see what they
 * sent, edit and resend, download their .docx; the committee sees progress by name, reads
 * a submission, records the cell's level and comments, downloads everything; the
 * secretary opens the review (with a deadline), moves the deadline and closes it.
 * Everything here happens in private chats; every button is checked on each press.
 */
import { Composer } from 'telegraf';
import { RuleError } from '../../core/result.ts';
import { checkDeadline, DEADLINE_DAY_CHOICES, defaultReviewYear, EVALUATE_DIALOG, FORM_SECTIONS, isRating, RATINGS, scoreMismatch, type Review } from '../../core/review/index.ts';
import { parseDate, validShortText } from '../../core/validate.ts';
import { addDays, daysBetween, localDate } from '../../core/time.ts';
import type { MemberReview } from '../../services/review.ts';
import type { BotContext } from '../context.ts';
import { cbReview, type ReviewAction } from '../callback-data.ts';
import { onPress } from '../actions.ts';
import { inline, grid, paged, splitMessage, webAppButton, type Button } from '../keyboards.ts';
import { isCommittee, isMember, isPrivate, isSecretary } from '../filters.ts';
import { defineDialog, loadedOf, REVIEW, resumeDialog, startDialog } from '../dialogs/engine.ts';
import { evaluateDialog, sendEvaluation, versionToAnswers } from '../dialogs/evaluate.ts';
import { problemText, t } from '../texts/index.ts';
import type { SettingsSection } from './settings-section.ts';

export const reviewFeature = new Composer<BotContext>();
const T = t.review;
const PER_PAGE = 10;

type Action = ReviewAction;

const btn = (ctx: BotContext, text: string, action: Action, id: string | number = '', arg: string | number = ''): Button => ({
  text,
  data: cbReview.make({ cell: ctx.actor.cell!.id, action, id, arg }),
});

/** The Mini App's button to a page of it (?page=form, committee), when WEBAPP_URL is set. */
const formRow = (ctx: BotContext, text: string, page: string): Button[] => (ctx.webappUrl ? [webAppButton(text, `${ctx.webappUrl}?page=${page}`)] : []);

// ---------------------------------------------------------------- /evaluate

async function evaluate(ctx: BotContext): Promise<unknown> {
  if (!isMember(ctx)) return ctx.reply(t.common.notMember);
  if (!isPrivate(ctx)) return ctx.reply(t.common.privateOnly);
  return isCommittee(ctx) ? committeePanel(ctx) : memberEntry(ctx);
}

reviewFeature.command(['evaluate', 'kiemdiem'], evaluate);

/** The member's way in: resume a draft, see what was sent, or start. */
async function memberEntry(ctx: BotContext): Promise<unknown> {
  const mine = await ctx.services.review.mine(ctx.actor.tgId);
  if (!mine) return ctx.reply(T.noReview);
  const r = mine.review;
  if (r.state === 'closed') {
    return ctx.reply(T.closedForMember(r.year), mine.latest ? inline([[btn(ctx, T.download, 'mydoc', r.year)]]) : undefined);
  }
  if (!mine.expected) return ctx.reply(T.notExpected);
  const draft = await ctx.services.dialogs.state(ctx.actor.tgId, EVALUATE_DIALOG);
  const form = formRow(ctx, t.webapp.formButton, 'form');
  if (draft && Number(draft.meta.year) === r.year) {
    await ctx.reply(T.resumed, inline([form]));
    return resumeDialog(ctx, evaluateDialog);
  }
  if (mine.latest) return ctx.reply(sentStatus(ctx, mine), inline([[btn(ctx, T.editSent, 'edit', r.year)], form, [btn(ctx, T.download, 'mydoc', r.year)]]));
  await ctx.reply(T.intro(r.year, r.deadline, ctx.services.review.daysLeft(r)), inline([form]));
  return startDialog(ctx, evaluateDialog, { cellId: ctx.actor.cell!.id, year: r.year });
}

function sentStatus(ctx: BotContext, mine: MemberReview): string {
  const r = mine.review;
  return T.sentStatus({
    year: r.year,
    versions: mine.versions,
    at: mine.latest!.at,
    partyRating: mine.latest!.partyRating,
    deadline: r.deadline,
    daysLeft: ctx.services.review.daysLeft(r),
    open: r.state === 'open',
  });
}

/** The committee's overview of the current review, with what they may do. */
async function committeePanel(ctx: BotContext, edit = false): Promise<unknown> {
  const cellId = ctx.actor.cell!.id;
  const r = await ctx.services.review.current(cellId);
  const year = defaultReviewYear(localDate(ctx.clock.now()));
  if (!r) {
    return ctx.reply(T.noReviewCommittee, isSecretary(ctx) ? inline([[btn(ctx, T.openButton(year), 'open', year)]]) : undefined);
  }
  const { progress, figures } = await ctx.services.review.progress(ctx.actor.tgId, r.year);
  const text = T.panel({
    figures,
    daysLeft: ctx.services.review.daysLeft(r),
    sent: progress.sent.map((m) => ({
      name: m.name,
      proposed: r.submissions[m.id]!.at(-1)!.partyRating,
      ...(r.decisions[m.id] ? { decided: r.decisions[m.id]!.rating } : {}),
      versions: r.submissions[m.id]!.length,
    })),
    drafts: progress.drafts.map((m) => m.name),
    notStarted: progress.notStarted.map((m) => m.name),
  });
  const rows: Button[][] = [];
  if (r.state === 'open') {
    if (figures.expected && progress.expected.some((m) => m.id === String(ctx.actor.tgId))) rows.push([btn(ctx, T.mine, 'mine', r.year)]);
    rows.push([btn(ctx, T.list, 'list', r.year, 0)], [btn(ctx, T.downloadAll, 'all', r.year), btn(ctx, T.refresh, 'panel', r.year)]);
    if (isSecretary(ctx)) rows.push([btn(ctx, T.changeDeadline, 'deadline', r.year), btn(ctx, T.close, 'close', r.year)]);
    rows.push(formRow(ctx, t.webapp.committeeButton, 'committee'));
  } else {
    rows.push([btn(ctx, T.list, 'list', r.year, 0)], [btn(ctx, T.downloadAll, 'all', r.year)]);
    if (isSecretary(ctx)) rows.push([r.year === year ? btn(ctx, T.reopenButton(year), 'open', year) : btn(ctx, T.openButton(year), 'open', year)]);
  }
  const parts = splitMessage(text);
  for (const part of parts.slice(0, -1)) await ctx.reply(part);
  const last = parts.at(-1)!;
  if (edit) return ctx.editMessageText(last, inline(rows)).catch(() => ctx.reply(last, inline(rows)));
  return ctx.reply(last, inline(rows));
}

// ---------------------------------------------------------------- buttons

/** Actions that change an open review: an old button on a closed review says so. */
const NEEDS_OPEN: readonly Action[] = ['start', 'edit', 'mine', 'deadline', 'rate', 'comment', 'close'];

// Who may press which action: cbReview's declaration.
reviewFeature.use(
  onPress(cbReview, async (ctx, data) => {
    const alert = (text: string) => ctx.answerCbQuery(text.slice(0, 190), { show_alert: true });
    const cellId = ctx.actor.cell!.id;
    const action = data.action;
    if (!isPrivate(ctx)) return alert(t.common.privateOnly);

    const year = Number(data.id);
    const r = action === 'days' ? undefined : await ctx.services.review.review(cellId, year);
    if (action !== 'days' && action !== 'open' && !r) return alert(T.noSuchReview);
    // "Mở kiểm điểm" is offered for one year only: another (or no) year is a stale or forged button.
    if (action === 'open' && year !== defaultReviewYear(localDate(ctx.clock.now()))) return alert(t.common.staleButton);
    if (r && r.state !== 'open' && NEEDS_OPEN.includes(action)) return alert(T.closedButton(r.year));

    try {
      await ctx.answerCbQuery();
      await handle(ctx, action, year, r, data.arg);
    } catch (e) {
      if (!(e instanceof RuleError)) throw e;
      await ctx.reply(problemText(e.problem));
    }
  }),
);

async function handle(ctx: BotContext, action: Action, year: number, r: Review | undefined, arg: string): Promise<unknown> {
  const cellId = ctx.actor.cell!.id;
  const me = String(ctx.actor.tgId);
  switch (action) {
    case 'start':
    case 'mine':
      return memberEntry(ctx);
    case 'edit': {
      const draft = await ctx.services.dialogs.state(ctx.actor.tgId, EVALUATE_DIALOG);
      if (draft && Number(draft.meta.year) === year) return resumeDialog(ctx, evaluateDialog);
      const mine = await ctx.services.review.memberPart(ctx.actor.tgId, year, me);
      if (!mine.latest) return memberEntry(ctx);
      return startDialog(ctx, evaluateDialog, { cellId, year }, versionToAnswers(mine.latest), REVIEW);
    }
    case 'mydoc': {
      const mine = await ctx.services.review.memberPart(ctx.actor.tgId, year, me);
      if (!mine.latest) return ctx.reply(T.nothingToDownload);
      return sendEvaluation(ctx, { cell: mine.cell, member: mine.member, year, version: mine.latest, ...(mine.decision ? { decision: mine.decision } : {}) });
    }
    case 'panel':
      return committeePanel(ctx, true);
    case 'open': {
      if (r?.state === 'open') return ctx.reply(problemText({ code: 'review.alreadyOpen', params: { year } }));
      return startDialog(ctx, deadlineDialog, { year, mode: 'open' });
    }
    case 'deadline':
      return startDialog(ctx, deadlineDialog, { year, mode: 'change' });
    case 'list':
      return showList(ctx, year, Number(arg) || 0);
    case 'view':
      return showSubmission(ctx, year, arg);
    case 'rate': {
      const [memberId, idx] = arg.split('.');
      const rating = RATINGS[Number(idx)];
      if (!memberId || !isRating(rating)) return;
      const res = await ctx.services.review.rate(ctx.actor.tgId, year, memberId, rating);
      return ctx.reply(T.rated(res.member.name, rating, res.figures, res.copySent), inline([[btn(ctx, T.addComment, 'comment', year, memberId)], [btn(ctx, T.backToList, 'list', year, 0)]]));
    }
    case 'comment': {
      const part = await ctx.services.review.memberPart(ctx.actor.tgId, year, arg);
      if (!part.decision) return ctx.reply(problemText({ code: 'review.rateFirst' }));
      return startDialog(ctx, commentDialog, { year, member: arg, name: part.member.name });
    }
    case 'doc': {
      const part = await ctx.services.review.memberPart(ctx.actor.tgId, year, arg);
      if (!part.latest) return ctx.reply(T.nothingToDownload);
      return sendEvaluation(ctx, { cell: part.cell, member: part.member, year, version: part.latest, ...(part.decision ? { decision: part.decision } : {}) });
    }
    case 'all': {
      const all = await ctx.services.review.allSent(ctx.actor.tgId, year);
      if (!all.length) return ctx.reply(T.nothingToDownload);
      await ctx.reply(T.downloading(all.length));
      for (const src of all) await sendEvaluation(ctx, src);
      return;
    }
    case 'close': {
      if (arg === 'y') {
        const figures = await ctx.services.review.close(ctx.actor.tgId, year);
        // The menu button "Kiểm điểm" (set with the invitation) goes back to the commands.
        if (ctx.webappUrl) for (const m of await ctx.services.members.roster(cellId)) await ctx.telegram.setChatMenuButton({ chatId: m.tgId, menuButton: { type: 'default' } }).catch(() => undefined);
        return ctx.editMessageText(T.closed(year, figures)).catch(() => ctx.reply(T.closed(year, figures)));
      }
      if (arg === 'n') return ctx.editMessageText(T.closeCancelled).catch(() => ctx.reply(T.closeCancelled));
      const { figures } = await ctx.services.review.progress(ctx.actor.tgId, year);
      return ctx.reply(T.closeConfirm(year, figures.expected - figures.sent), inline([[btn(ctx, T.closeYes, 'close', year, 'y'), btn(ctx, T.closeNo, 'close', year, 'n')]]));
    }
    case 'days': {
      const s = await ctx.services.review.setDeadlineDays(ctx.actor.tgId, Number(arg));
      return ctx.editMessageText(`${T.settingsSaved(s.deadlineDays)}\n\n${T.settingsText(s.deadlineDays)}`, daysKeyboard(ctx, s.deadlineDays)).catch(() => ctx.reply(T.settingsSaved(s.deadlineDays)));
    }
  }
}

/** The expected members as buttons, paged, with their status; each opens their submission. */
async function showList(ctx: BotContext, year: number, page: number): Promise<unknown> {
  const { review: r, progress } = await ctx.services.review.progress(ctx.actor.tgId, year);
  const status = (id: string) => (progress.sent.some((m) => m.id === id) ? 'sent' : progress.drafts.some((m) => m.id === id) ? 'draft' : 'none');
  const rows = paged(
    progress.expected,
    page,
    PER_PAGE,
    (m) => btn(ctx, T.memberButton(m.name, status(m.id), Boolean(r.decisions[m.id])), 'view', year, m.id),
    (p) => cbReview.make({ cell: ctx.actor.cell!.id, action: 'list', id: year, arg: p }),
    t.buttons,
  );
  rows.push([btn(ctx, T.backToPanel, 'panel', year)]);
  return ctx.reply(T.pickMember, inline(rows));
}

/** A member's latest sent version (or a note that none was sent), with the rating buttons while open. */
async function showSubmission(ctx: BotContext, year: number, memberId: string): Promise<unknown> {
  const part = await ctx.services.review.memberPart(ctx.actor.tgId, year, memberId);
  const open = part.review.state === 'open';
  let text: string;
  if (part.latest) {
    const v = part.latest;
    const body = T.body({
      sections: FORM_SECTIONS.map((section) => ({ section, text: v.sections[section.id] ?? '' })),
      civilServant: Boolean(v.civilRating),
      ...(v.civilRating ? { civilRating: v.civilRating } : {}),
      partyRating: v.partyRating,
      ...(v.score ? { score: v.score } : {}),
      ...(scoreMismatch(v.score, v.partyRating) ? { mismatch: scoreMismatch(v.score, v.partyRating)! } : {}),
    });
    text = `${T.submissionHead(part.member.name, v.n, v.at)}\n${body}`;
  } else {
    text = T.notSent(part.member.name, part.status === 'draft');
  }
  const parts = splitMessage([text, '', T.decision(part.decision?.rating, part.decision?.comment), ...(open ? [T.rateHint] : [])].join('\n'));
  for (const p of parts.slice(0, -1)) await ctx.reply(p);
  const rows: Button[][] = [];
  if (open) {
    rows.push(
      ...grid(
        RATINGS.map((rt, i) => btn(ctx, `${part.decision?.rating === rt ? '✓ ' : ''}${T.ratingShort(rt)}`, 'rate', year, `${memberId}.${i}`)),
        2,
      ),
    );
    if (part.decision) rows.push([btn(ctx, T.addComment, 'comment', year, memberId)]);
  }
  if (part.latest) rows.push([btn(ctx, T.downloadOne, 'doc', year, memberId)]);
  rows.push([btn(ctx, T.backToList, 'list', year, 0)]);
  return ctx.reply(parts.at(-1)!, inline(rows));
}

// ---------------------------------------------------------------- small dialogs of the committee

/** The deadline when opening (or moving it): the default as a button, or a typed date. */
const deadlineDialog = defineDialog({
  id: 'rvdeadline',
  keepsDraft: false,
  load: async (ctx, state) => {
    const cellId = ctx.actor.cell!.id;
    const [settings, review] = await Promise.all([ctx.services.review.settings(cellId), ctx.services.review.review(cellId, Number(state.meta.year))]);
    return { days: settings.deadlineDays, review };
  },
  steps: [
    {
      id: 'deadline',
      prompt: (_a, env) => T.deadlinePrompt(Number(env.meta.year)),
      input: {
        kind: 'text',
        parse: (s, env) => {
          const d = parseDate(s);
          return d.ok ? checkDeadline(d.value, env.today) : d;
        },
        options: (_a, env) => {
          const { days, review: r } = loadedOf<{ days: number; review: Review | undefined }>(env);
          const base = env.meta.mode === 'change' && r && r.deadline > env.today ? r.deadline : env.today;
          const proposed = addDays(base, env.meta.mode === 'change' ? 7 : days);
          return [{ value: proposed, label: T.deadlineOption(proposed, daysBetween(env.today, proposed)) }];
        },
      },
    },
  ],
  async finish(ctx, state) {
    const year = Number(state.meta.year);
    const deadline = String(state.answers.deadline);
    const done = await refusedEnds(ctx, async () => {
      if (state.meta.mode === 'change') {
        await ctx.services.review.setDeadline(ctx.actor.tgId, year, deadline, state.id);
        await ctx.reply(T.deadlineChanged(year, deadline));
      } else {
        const { invited } = await ctx.services.review.open(ctx.actor.tgId, year, deadline, state.id);
        await ctx.reply(T.opened(year, deadline, invited));
      }
    });
    if (done) await committeePanel(ctx);
  },
});

/** The cell's comments on a member, printed in the box under their bản kiểm điểm. */
const commentDialog = defineDialog({
  id: 'rvcomment',
  keepsDraft: false,
  steps: [
    {
      id: 'comment',
      prompt: (_a, env) => T.commentPrompt(String(env.meta.name)),
      input: { kind: 'text', parse: (s) => (s.trim() === '-' ? { ok: true, value: '' } : validShortText(s, 1000)) },
    },
  ],
  async finish(ctx, state) {
    await refusedEnds(ctx, async () => {
      const { member } = await ctx.services.review.comment(ctx.actor.tgId, Number(state.meta.year), String(state.meta.member), String(state.answers.comment), state.id);
      await ctx.reply(T.commentSaved(member.name), inline([[btn(ctx, T.backToList, 'list', Number(state.meta.year), 0)]]));
    });
  },
});

/**
 * Runs a committee dialog's service call; a refusal (the review was closed meanwhile, …)
 * is said in one sentence and ends the dialog, so that it does not keep catching text.
 */
async function refusedEnds(ctx: BotContext, run: () => Promise<void>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (e) {
    if (!(e instanceof RuleError)) throw e;
    await ctx.reply(problemText(e.problem));
    return false;
  }
}

// ---------------------------------------------------------------- settings

function daysKeyboard(ctx: BotContext, current: number) {
  return inline(
    grid(
      DEADLINE_DAY_CHOICES.map((d) => btn(ctx, T.settingsDays(d, d === current), 'days', '', d)),
      3,
    ),
  );
}

/** This feature's sections of /settings. */
export const reviewSettings: SettingsSection[] = [
  {
    id: 'review',
    label: T.settingsLabel,
    open: async (ctx) => {
      const days = (await ctx.services.review.settings(ctx.actor.cell!.id)).deadlineDays;
      return ctx.reply(T.settingsText(days), daysKeyboard(ctx, days));
    },
  },
];

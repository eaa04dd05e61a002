/**
 * "Số liệu đầu kỳ": a cell that starts using the bot in the middle of a year enters, once
 * (and edits later), what its books kept before the bot say about January … the month
 * before: meetings held, dues collected per month, inspections and supervisions. One small
 * answer per step; the dues one month a step, with "Như tháng trước" so that a year of equal
 * months is a tap each.
 */
import { checkRegularHeld, openingChoices, openingMonths, parseOpeningCount, parseOpeningDues, quarterOf, type OpeningFigures, type OpeningInput } from '../../core/journal.ts';
import { localDate, pad2, type Month } from '../../core/time.ts';
import type { Answers } from '../../core/dialog-state.ts';
import type { BotContext } from '../context.ts';
import { defineDialog, loadedOf, REVIEW, startDialog, type DialogEnv, type StepDef } from './engine.ts';
import { t } from '../texts/index.ts';

const J = t.journal;
const S = J.openingStep;
const QUARTERS = [0, 1, 2, 3] as const;
const MONTHS = Array.from({ length: 12 }, (_, i) => pad2(i + 1));

const duesId = (m: Month) => `dues${m.slice(5, 7)}`;
const throughOf = (a: Answers) => (typeof a.through === 'string' ? a.through : undefined);
const yearOf = (env: DialogEnv) => Number(env.meta.year);
const choices = (env: DialogEnv) => openingChoices(yearOf(env), env.today, String(env.meta.created));

/** `through` as already answered in the running dialog (its `load`: a step's parser sees only its own text). */
function runningThrough(env: DialogEnv): Month | undefined {
  return throughOf(loadedOf<{ answers: Answers }>(env).answers);
}

const count = (id: string, label: string, prompt: (a: Answers) => string, when?: (a: Answers) => boolean): StepDef => ({
  id,
  label,
  prompt,
  when,
  input: { kind: 'text', parse: (s) => parseOpeningCount(s) },
});

export function figuresOf(a: Answers, year: number): OpeningInput {
  const through = throughOf(a) ?? `${year}-01`;
  const duesByMonth: Partial<Record<Month, number>> = {};
  for (const m of openingMonths(through)) {
    const v = a[duesId(m)];
    if (v !== null && v !== undefined) duesByMonth[m] = Number(v);
  }
  const themed = QUARTERS.map((q) => (q <= quarterOf(through) ? Number(a[`themed${q}`] ?? 0) : 0)) as OpeningInput['themedByQuarter'];
  return {
    through,
    regularHeld: Number(a.regular ?? 0),
    themedByQuarter: themed,
    extraordinaryHeld: Number(a.extra ?? 0),
    duesByMonth,
    inspections: Number(a.inspections ?? 0),
    supervisions: Number(a.supervisions ?? 0),
  };
}

function answersOf(f: OpeningFigures): Answers {
  const a: Answers = {
    through: f.through,
    regular: f.regularHeld,
    extra: f.extraordinaryHeld,
    inspections: f.inspections,
    supervisions: f.supervisions,
  };
  for (const q of QUARTERS) if (q <= quarterOf(f.through)) a[`themed${q}`] = f.themedByQuarter[q];
  for (const m of openingMonths(f.through)) a[duesId(m)] = f.duesByMonth[m] ?? null;
  return a;
}

export const openingDialog = defineDialog({
  id: 'opening',
  keepsDraft: false,
  load: async (_ctx, state) => ({ answers: state.answers }),
  steps: [
    {
      id: 'through',
      label: S.through,
      prompt: (_a, env) => J.askThrough(yearOf(env), choices(env).suggested),
      input: {
        kind: 'choice',
        columns: 4,
        options: (_a, env) => {
          const { months, suggested } = choices(env);
          return months.map((m) => ({ value: m, label: J.throughLabel(m, m === suggested) }));
        },
      },
      assign: (a, v) => {
        a.through = v;
        // Fewer months than regular meetings entered: that count is asked again.
        if (typeof a.regular === 'number' && !checkRegularHeld(a.regular, String(v)).ok) delete a.regular;
      },
    },
    {
      id: 'regular',
      label: S.regular,
      prompt: (a) => J.askRegular(throughOf(a)!),
      input: {
        kind: 'text',
        parse: (s, env) => {
          const n = parseOpeningCount(s);
          const through = n.ok ? runningThrough(env) : undefined;
          return n.ok && through ? checkRegularHeld(n.value, through) : n;
        },
      },
    },
    ...QUARTERS.map((q) =>
      count(
        `themed${q}`,
        S.themed(q),
        (a) => J.askThemed(q, throughOf(a)!),
        (a) => !!throughOf(a) && quarterOf(throughOf(a)!) >= q,
      ),
    ),
    count('extra', S.extra, () => J.askExtraordinary),
    ...MONTHS.map(
      (mm, i): StepDef => ({
        id: `dues${mm}`,
        label: S.dues(mm),
        prompt: (a) => J.askDues(`${throughOf(a)!.slice(0, 4)}-${mm}`),
        when: (a) => !!throughOf(a) && Number(throughOf(a)!.slice(5, 7)) >= i + 1,
        skip: J.noFigure,
        input: {
          kind: 'text',
          parse: (s) => parseOpeningDues(s),
          options: (a) => {
            const prev = i > 0 ? a[`dues${MONTHS[i - 1]}`] : null;
            return prev !== null && prev !== undefined ? [{ value: String(prev), label: J.sameAsBefore(Number(prev)) }] : [];
          },
        },
      }),
    ),
    count('inspections', S.inspections, (a) => J.askInspections(throughOf(a)!)),
    count('supervisions', S.supervisions, () => J.askSupervisions),
  ],
  review: {
    submit: t.buttons.submit,
    render: (a, env) => `${J.openingText(yearOf(env), figuresOf(a, yearOf(env)))}\n\n${J.openingReviewTail}`,
  },
  async finish(ctx, state) {
    const year = Number(state.meta.year);
    await ctx.services.journal.setOpening(ctx.actor.tgId, year, figuresOf(state.answers, year), state.id);
    await ctx.reply(J.openingSaved(year));
  },
});

/** Opens the dialog for a year: at its review screen when the figures were entered before, else after a word on what it is for. */
export async function startOpening(ctx: BotContext, year: number): Promise<void> {
  const cell = ctx.actor.cell!;
  const created = localDate(cell.createdAt);
  if (!openingChoices(year, localDate(ctx.clock.now()), created).months.length) {
    await ctx.reply(J.openingNoMonths(year));
    return;
  }
  const cur = await ctx.services.journal.opening(ctx.actor.tgId, year);
  const meta = { year, created };
  if (cur) return startDialog(ctx, openingDialog, meta, answersOf(cur), REVIEW);
  await ctx.reply(J.openingNone(year));
  return startDialog(ctx, openingDialog, meta);
}

/**
 * The member's self-evaluation (SPEC §7): one step per section of the form, several
 * messages each, then the levels as buttons, the optional self-score, and the review
 * screen with "Gửi" / "Sửa phần …" / "Lưu nháp". The engine keeps the draft in the
 * member's dialog state (meta: cellId, year); "Gửi" stores a new sent version and sends
 * the .docx back.
 */
import type { Answers } from '../../core/dialog-state.ts';
import { RuleError } from '../../core/result.ts';
import { isCivilServant } from '../../core/members.ts';
import {
  checkSubmission,
  EVALUATE_DIALOG,
  FORM_SECTIONS,
  isRating,
  parseScorePart,
  RATINGS,
  RATING_NAMES,
  SCORE_MAX,
  scoreMismatch,
  SECTION_MAX_CHARS,
  type SectionId,
  type SentVersion,
  type SubmissionInput,
} from '../../core/review/index.ts';
import type { EvaluationDocInput } from '../../documents/evaluation.ts';
import type { BotContext } from '../context.ts';
import { defineDialog, loadedOf, resumeDialog, REVIEW, type DialogEnv, type StepDef } from './engine.ts';
import { problemText, t } from '../texts/index.ts';

/** Answers of the dialog (each section a list of messages) → the review's submission (what is sent). */
export function answersToSubmission(a: Answers): Partial<SubmissionInput> {
  const sections = Object.fromEntries(
    FORM_SECTIONS.map((s) => {
      const v = a[s.id];
      const text = Array.isArray(v)
        ? v
            .map((x) => x.trim())
            .filter(Boolean)
            .join('\n')
        : typeof v === 'string'
          ? v.trim()
          : '';
      return [s.id, text];
    }),
  ) as Record<SectionId, string>;
  const out: Partial<SubmissionInput> = { sections };
  if (isRating(a.partyRating)) out.partyRating = a.partyRating;
  if (isRating(a.civilRating)) out.civilRating = a.civilRating;
  if (typeof a.scoreGeneral === 'number' && typeof a.scoreTasks === 'number') out.score = { general: a.scoreGeneral, tasks: a.scoreTasks };
  return out;
}

/** A sent version → answers, to edit it in the dialog again. */
export function versionToAnswers(v: SentVersion): Answers {
  const a: Answers = {};
  for (const s of FORM_SECTIONS) a[s.id] = v.sections[s.id] ? [v.sections[s.id]] : s.optional ? null : [];
  a.partyRating = v.partyRating;
  if (v.civilRating) a.civilRating = v.civilRating;
  a.scoreGeneral = v.score ? v.score.general : null;
  if (v.score) a.scoreTasks = v.score.tasks;
  return a;
}

const civil = (env: DialogEnv) => isCivilServant(env.ctx.actor.member);
const ratingOptions = RATINGS.map((r) => ({ value: r, label: RATING_NAMES[r] }));

function written(a: Answers, id: string): string[] {
  const v = a[id];
  return Array.isArray(v) ? v : [];
}

const sectionSteps: StepDef[] = FORM_SECTIONS.map((s, i) => ({
  id: s.id,
  label: t.review.sectionLabel(s.id),
  prompt: (a, env) => {
    const parts = written(a, s.id);
    return t.review.sectionPrompt({
      index: i + 1,
      total: FORM_SECTIONS.length,
      section: s,
      leader: Boolean(env.ctx.actor.member?.leader),
      chars: parts.reduce((n, p) => n + p.length, 0),
      text: parts.join(' '),
    });
  },
  input: { kind: 'multi', maxChars: SECTION_MAX_CHARS, clear: t.review.clear },
  ...(s.optional ? { skip: t.review.none } : {}),
}));

export const evaluateDialog = defineDialog({
  id: EVALUATE_DIALOG,
  keepsDraft: true,
  // The review screen says how many versions were sent before: read for that screen only.
  load: async (ctx, state) => (state.step === REVIEW ? { mine: (await ctx.services.review.review(String(state.meta.cellId), Number(state.meta.year)))?.submissions[String(ctx.actor.tgId)] } : {}),
  steps: [
    ...sectionSteps,
    {
      id: 'civilRating',
      label: t.review.civilRatingLabel,
      prompt: () => t.review.civilRatingPrompt,
      when: (_a, env) => civil(env),
      input: { kind: 'choice', options: ratingOptions, columns: 1 },
    },
    {
      id: 'partyRating',
      label: t.review.partyRatingLabel,
      prompt: (_a, env) => t.review.partyRatingPrompt(civil(env)),
      input: { kind: 'choice', options: ratingOptions, columns: 1 },
    },
    {
      id: 'scoreGeneral',
      label: t.review.scoreGeneralLabel,
      prompt: () => t.review.scoreGeneralPrompt,
      skip: t.review.noScore,
      input: { kind: 'text', parse: (s) => parseScorePart(s, SCORE_MAX.general) },
    },
    {
      id: 'scoreTasks',
      label: t.review.scoreTasksLabel,
      prompt: () => t.review.scoreTasksPrompt,
      when: (a) => typeof a.scoreGeneral === 'number',
      input: { kind: 'text', parse: (s) => parseScorePart(s, SCORE_MAX.tasks) },
    },
  ],
  review: {
    submit: t.review.submit,
    edit: t.review.edit,
    draft: t.review.draft,
    render: (a, env) => {
      const sub = answersToSubmission(a);
      const year = Number(env.meta.year);
      const { mine } = loadedOf<{ mine?: readonly unknown[] }>(env);
      return t.review.screen({
        year,
        sections: FORM_SECTIONS.map((section) => ({ section, text: sub.sections?.[section.id] ?? '' })),
        civilServant: civil(env),
        ...(isRating(a.civilRating) ? { civilRating: a.civilRating } : {}),
        ...(isRating(a.partyRating) ? { partyRating: a.partyRating } : {}),
        ...(sub.score ? { score: sub.score } : {}),
        ...(scoreMismatch(sub.score, sub.partyRating) ? { mismatch: scoreMismatch(sub.score, sub.partyRating)! } : {}),
        sentBefore: mine?.length ?? 0,
      });
    },
  },
  async finish(ctx, state) {
    const year = Number(state.meta.year);
    const input = answersToSubmission(state.answers) as SubmissionInput;
    const checked = checkSubmission(input, isCivilServant(ctx.actor.member));
    if (!checked.ok) {
      // Something is missing (e.g. the member was made a civil servant meanwhile): say what, and show the review again.
      await ctx.reply(problemText(checked.error));
      await resumeDialog(ctx, evaluateDialog);
      throw new RuleError(checked.error);
    }
    const sent = await ctx.services.review.submit(ctx.actor.tgId, year, input, state.id);
    await ctx.reply(t.review.sent(year, sent.version.n));
    await sendEvaluation(ctx, sent);
  },
});

/** Sends one member's bản kiểm điểm as a .docx (a direct reply). */
export async function sendEvaluation(ctx: BotContext, src: EvaluationDocInput): Promise<void> {
  const { evaluationDocx, evaluationFileName } = await import('../../documents/evaluation.ts');
  const bytes = await evaluationDocx(src);
  await ctx.replyWithDocument({ source: bytes, filename: evaluationFileName(src.year, src.member.name) }, { caption: t.review.docCaption(src.year, src.member.name) });
}

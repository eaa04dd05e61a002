/**
 * The Mini App's backend on the bot's services: the same records and the same service calls
 * as the chat. The draft is the evaluate dialog's own state (saved only if it is still the
 * version the form started from); "Gửi" is `review.submit`, and the .docx goes to the chat as
 * the dialog sends it. A refusal of a service is its chat wording, as an ApiError.
 */
import type { Telegram } from 'telegraf';
import type { Clock } from '../clock.ts';
import type { DialogState } from '../core/dialog-state.ts';
import { reportYearOn, JOURNAL_SECTIONS, isJournalSection } from '../core/journal.ts';
import { can, isCivilServant } from '../core/members.ts';
import { RuleError } from '../core/result.ts';
import {
  checkSubmission,
  EVALUATE_DIALOG,
  FORM_SECTIONS,
  isRating,
  latestVersion,
  parseScorePart,
  RATINGS,
  RATING_NAMES,
  SCORE_MAX,
  SECTION_MAX_CHARS,
  type QuotaCheck,
  type SubmissionInput,
} from '../core/review/index.ts';
import { formatDate, localDate } from '../core/time.ts';
import type { Services } from '../services/index.ts';
import { answersToSubmission, versionToAnswers } from '../telegram/dialogs/evaluate.ts';
import { REVIEW } from '../telegram/dialogs/engine.ts';
import { problemText, t } from '../telegram/texts/index.ts';
import type { CommitteeView, DraftFields, DraftView, JournalView, Me, Quota, RateResult, SaveResult, SubmissionView, SubmitResult } from './api-types.ts';
import { ApiError, type WebappBackend } from './backend.ts';
import { answersToFields, draftVersion, fieldsToAnswers, NO_DRAFT } from './draft.ts';
import { chartsOf } from './year-charts.ts';

/** Every refusal of access (`forbidden.*`) is 403; these others have their own status; the rest 422. */
const STATUS_OF_CODE: Record<string, 403 | 404 | 409 | 422> = {
  'review.none': 404,
  'review.unknownMember': 404,
  'review.notExpected': 403,
  'review.closed': 409,
};

const asApiError = (e: unknown): unknown =>
  e instanceof RuleError ? new ApiError(e.problem.code.startsWith('forbidden.') ? 403 : (STATUS_OF_CODE[e.problem.code] ?? 422), e.problem.code, problemText(e.problem)) : e;

/** Runs a service call; its refusal (a RuleError, thrown or rejected) becomes the API's, in the chat's words. */
async function refusing<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw asApiError(e);
  }
}

const ratings = RATINGS.map((r) => ({ value: r, label: RATING_NAMES[r] }));
/** The committee's table is narrow: the levels by their short names there. */
const shortRatings = RATINGS.map((r) => ({ value: r, label: t.review.ratingShort(r) }));
const quota = (q: QuotaCheck): Quota => ({ ...q, ...(q.exceeded ? { warning: t.webapp.quotaWarning(q) } : {}) });

export interface ServicesBackendDeps {
  services: Services;
  clock: Clock;
  /** Where the .docx of a form sent goes (the member's chat with the bot). */
  telegram: Telegram;
}

export function servicesBackend({ services, clock, telegram }: ServicesBackendDeps): WebappBackend {
  const today = () => localDate(clock.now());

  /** The member's part of the current review, and their draft of it. */
  const mine = async (tgId: number) => {
    const part = await services.review.mine(tgId);
    if (!part) throw new RuleError({ code: 'review.none', params: { year: reportYearOn(today()) } });
    if (!part.expected) throw new RuleError({ code: 'review.notExpected' });
    const state = await services.dialogs.state(tgId, EVALUATE_DIALOG);
    const draft = state && Number(state.meta.year) === part.review.year ? state : undefined;
    return { part, draft };
  };

  const viewOf = async (tgId: number): Promise<DraftView> => {
    const { part, draft } = await mine(tgId);
    const answers = draft?.answers ?? (part.latest ? versionToAnswers(part.latest) : {});
    return {
      year: part.review.year,
      deadline: formatDate(part.review.deadline),
      open: part.review.state === 'open',
      civilServant: isCivilServant(part.member),
      sections: FORM_SECTIONS.map((s) => ({ id: s.id, number: s.number, title: s.title, optional: s.optional, max: SECTION_MAX_CHARS, hint: t.review.sectionHint(s.id, Boolean(part.member.leader)) })),
      ratings,
      scoreMax: { ...SCORE_MAX },
      version: draft ? draftVersion(part.review.year, draft.answers) : NO_DRAFT,
      fields: answersToFields(answers),
      sent: part.versions,
    };
  };

  /** The chat's checks of what a draft may hold: the length of a section, a level, a score. */
  const check = (f: DraftFields, civil: boolean) => {
    for (const s of FORM_SECTIONS) {
      const text = f.sections[s.id] ?? '';
      if (text.trim().length > SECTION_MAX_CHARS) throw new RuleError({ code: 'review.sectionTooLong', params: { section: s.number, length: text.trim().length, max: SECTION_MAX_CHARS } });
    }
    for (const k of ['partyRating', 'civilRating'] as const) if (f[k] !== undefined && f[k] !== null && !isRating(f[k])) throw new RuleError({ code: 'review.ratingMissing' });
    if (!civil && f.civilRating) throw new RuleError({ code: 'review.ratingMissing' });
    for (const [k, max] of [
      ['scoreGeneral', SCORE_MAX.general],
      ['scoreTasks', SCORE_MAX.tasks],
    ] as const) {
      const v = f[k];
      if (typeof v === 'number') {
        const r = parseScorePart(String(v), max);
        if (!r.ok) throw new RuleError(r.error);
      }
    }
    if (typeof f.scoreTasks === 'number' && typeof f.scoreGeneral !== 'number') throw new RuleError({ code: 'review.scoreFormat', params: { max: SCORE_MAX.general } });
  };

  /** Saves the form's fields into the dialog's draft if it is still `base`; the answers saved, or undefined when stale. */
  const save = async (tgId: number, base: string, f: DraftFields) => {
    const { part } = await mine(tgId);
    if (part.review.state !== 'open') throw new RuleError({ code: 'review.closed', params: { year: part.review.year } });
    check(f, isCivilServant(part.member));
    const year = part.review.year;
    const saved = await services.dialogs.replaceIf(tgId, EVALUATE_DIALOG, (current) => {
      const draft = current && Number(current.meta.year) === year ? current : undefined;
      if ((draft ? draftVersion(year, draft.answers) : NO_DRAFT) !== base) return undefined;
      const before = draft?.answers ?? (part.latest ? versionToAnswers(part.latest) : {});
      const answers = fieldsToAnswers(before, f);
      const next: DialogState = draft
        ? { ...draft, answers }
        : { id: EVALUATE_DIALOG, step: firstOpenStep(answers, isCivilServant(part.member)), answers, meta: { cellId: part.cell.id, year }, updatedAt: clock.now().toISOString() };
      return next;
    });
    return saved ? { year, answers: saved.answers, part } : undefined;
  };

  const stale = async (tgId: number): Promise<SaveResult> => ({ ok: false, stale: true, message: t.webapp.stale, current: await viewOf(tgId) });

  return {
    async me(tgId) {
      const w = await services.members.whois(tgId);
      if (w?.member.state !== 'active') return undefined;
      const r = await services.review.current(w.cell.id);
      const me: Me = { name: w.member.name, cellName: w.cell.name, committee: can(w.member, 'cell.read') };
      if (r) me.review = { year: r.year, deadline: formatDate(r.deadline), open: r.state === 'open' };
      return me;
    },

    draft: (tgId) => refusing(() => viewOf(tgId)),

    saveDraft: (tgId, base, fields) =>
      refusing(async () => {
        const saved = await save(tgId, base, fields);
        return saved ? { ok: true as const, version: draftVersion(saved.year, saved.answers) } : stale(tgId);
      }),

    submit: (tgId, base, fields) =>
      refusing(async () => {
        const saved = await save(tgId, base, fields);
        if (!saved) throw new ApiError(409, 'stale', t.webapp.stale);
        const input = answersToSubmission(saved.answers) as SubmissionInput;
        const checked = checkSubmission(input, isCivilServant(saved.part.member));
        if (!checked.ok) throw new RuleError(checked.error);
        const sent = await services.review.submit(tgId, saved.year, input, EVALUATE_DIALOG);
        // As the chat's "Gửi" does: the confirmation and the .docx in the member's chat.
        await telegram.sendMessage(tgId, t.review.sent(saved.year, sent.version.n));
        const { evaluationDocx, evaluationFileName } = await import('../documents/evaluation.ts');
        await telegram.sendDocument(
          tgId,
          { source: await evaluationDocx(sent), filename: evaluationFileName(sent.year, sent.member.name) },
          { caption: t.review.docCaption(sent.year, sent.member.name) },
        );
        return { n: sent.version.n, message: t.webapp.submitted(saved.year, sent.version.n) } satisfies SubmitResult;
      }),

    committee: (tgId) =>
      refusing(async (): Promise<CommitteeView> => {
        const w = await services.members.whois(tgId);
        const r = w && (await services.review.current(w.cell.id));
        if (!r) throw new RuleError({ code: 'review.none', params: { year: reportYearOn(today()) } });
        const { progress, figures } = await services.review.progress(tgId, r.year);
        const status = (id: string) => (progress.sent.some((m) => m.id === id) ? 'sent' : progress.drafts.some((m) => m.id === id) ? 'draft' : 'none');
        return {
          year: r.year,
          deadline: formatDate(r.deadline),
          open: r.state === 'open',
          counts: { expected: figures.expected, sent: figures.sent, drafts: figures.drafts, notStarted: figures.notStarted },
          rows: progress.expected.map((m) => {
            const latest = latestVersion(r, m.id);
            const decided = r.decisions[m.id]?.rating;
            return { memberId: m.id, name: m.name, status: status(m.id), ...(latest ? { proposed: t.review.ratingShort(latest.partyRating) } : {}), ...(decided ? { decided } : {}) };
          }),
          ratings: shortRatings,
          quota: quota(figures.quotaDecided),
        };
      }),

    submission: (tgId, memberId) =>
      refusing(async (): Promise<SubmissionView> => {
        const w = await services.members.whois(tgId);
        const r = w && (await services.review.current(w.cell.id));
        if (!r) throw new RuleError({ code: 'review.none', params: { year: reportYearOn(today()) } });
        const part = await services.review.memberPart(tgId, r.year, memberId);
        const v = part.latest;
        if (!v) throw new RuleError({ code: 'review.unknownMember' });
        return {
          memberId,
          name: part.member.name,
          n: v.n,
          sentOn: formatDate(localDate(new Date(v.at))),
          sections: FORM_SECTIONS.map((s) => ({ number: s.number, title: s.title, text: v.sections[s.id] ?? '' })),
          partyRating: RATING_NAMES[v.partyRating],
          ...(v.civilRating ? { civilRating: RATING_NAMES[v.civilRating] } : {}),
          ...(v.score ? { score: t.webapp.score(v.score, SCORE_MAX) } : {}),
          ...(part.decision ? { decided: RATING_NAMES[part.decision.rating] } : {}),
        };
      }),

    rate: (tgId, memberId, rating) =>
      refusing(async (): Promise<RateResult> => {
        if (!isRating(rating)) throw new ApiError(400, 'badRequest', 'rating');
        const w = await services.members.whois(tgId);
        const r = w && (await services.review.current(w.cell.id));
        if (!r) throw new RuleError({ code: 'review.none', params: { year: reportYearOn(today()) } });
        const res = await services.review.rate(tgId, r.year, memberId, rating);
        return { decided: res.decision.rating, quota: quota(res.figures.quotaDecided), message: t.webapp.rated(res.member.name, RATING_NAMES[res.decision.rating]) };
      }),

    journal: (tgId) => refusing(() => journalOf(tgId)),

    addNote: (tgId, section, text) =>
      refusing(async () => {
        if (!isJournalSection(section)) throw new ApiError(400, 'badRequest', 'section');
        await services.journal.add(tgId, { section, on: today(), text });
        return journalOf(tgId);
      }),

    charts: (tgId) =>
      refusing(async () => {
        const model = await services.reports.year(tgId, reportYearOn(today()));
        return chartsOf(model);
      }),
  };

  async function journalOf(tgId: number): Promise<JournalView> {
    const year = reportYearOn(today());
    const model = await services.reports.year(tgId, year);
    const cellId = model.cell.id;
    const [everyone, entries] = await Promise.all([services.members.everyone(cellId), services.journal.entries(cellId, year)]);
    const names = new Map(everyone.map((m) => [m.id, m.name]));
    return {
      year,
      sections: JOURNAL_SECTIONS.map((s) => ({
        id: s,
        label: t.journal.sections[s],
        entries: entries.filter((e) => e.section === s).map((e) => ({ id: e.id, date: formatDate(e.on), author: names.get(e.by) ?? '', text: e.text })),
      })),
      gaps: model.gaps.map((g) => ({ label: t.webapp.gap(g), ...(g.kind === 'section' ? { section: g.section } : {}) })),
    };
  }
}

/** Where a draft begun in the form stands in the chat's dialog: the first section not written, the levels, else the review screen. */
function firstOpenStep(a: Record<string, unknown>, civil: boolean): string {
  for (const s of FORM_SECTIONS) {
    const v = a[s.id];
    if (v === undefined || (Array.isArray(v) && v.length === 0)) return s.id;
  }
  if (civil && !isRating(a.civilRating)) return 'civilRating';
  if (!isRating(a.partyRating)) return 'partyRating';
  return a.scoreGeneral === undefined ? 'scoreGeneral' : REVIEW;
}

/**
 * The year-end review: opening and closing it, members' submissions (each send a new
 * version), the committee's ratings and comments, progress and figures. Drafts live in
 * the dialog engine's state; a send drops that state in the same write.
 */
import type { Cell, Member } from '../core/members.ts';
import { RuleError } from '../core/result.ts';
import { own } from '../core/records.ts';
import { enqueue, type DocumentRef } from '../core/notices.ts';
import {
  addVersion,
  changeDeadline,
  closeYear,
  comment,
  currentReview,
  decide,
  DEADLINE_DAY_CHOICES,
  EVALUATE_DIALOG,
  invitations,
  isExpected,
  latestVersion,
  normalizeReview,
  openYear,
  progressOf,
  ratingCopy,
  ratingVersion,
  reviewFigures,
  reviewFor,
  settingsOf,
  statusOf,
  type Decision,
  type MemberStatus,
  type Progress,
  type Rating,
  type Review,
  type ReviewFigures,
  type ReviewSettings,
  type SentVersion,
  type SubmissionInput,
} from '../core/review/index.ts';
import { addDays, daysBetween, localDate, type LocalDate } from '../core/time.ts';
import type { CellFile } from '../store/schema.ts';
import type { ServiceDeps } from './deps.ts';
import { bindDeps } from './bind.ts';
import { endIn } from './dialogs.ts';
import { reviewDrafts } from './review-drafts.ts';
import { must, requireActor } from './access.ts';

/** What the .docx of one member's self-evaluation is made from. */
export interface EvaluationSource {
  cell: Cell;
  member: Member;
  year: number;
  version: SentVersion;
  decision?: Decision;
}

/** One member's part of a review, as the member or the committee sees it. */
export interface MemberReview {
  cell: Cell;
  member: Member;
  review: Review;
  status: MemberStatus;
  expected: boolean;
  latest?: SentVersion;
  versions: number;
  decision?: Decision;
}

const now = (deps: ServiceDeps) => deps.clock.now();
const today = (deps: ServiceDeps) => localDate(deps.clock.now());

const memberReview = (_deps: ServiceDeps, d: CellFile, r: Review, m: Member): MemberReview => {
  const latest = latestVersion(r, m.id);
  return {
    cell: d.cell,
    member: m,
    review: r,
    status: statusOf(r, m.id, reviewDrafts(d.dialogs)),
    expected: isExpected(r, m),
    versions: r.submissions[m.id]?.length ?? 0,
    ...(latest ? { latest } : {}),
    ...(r.decisions[m.id] ? { decision: r.decisions[m.id] } : {}),
  };
};

export async function settings(deps: ServiceDeps, cellId: string): Promise<ReviewSettings> {
  return settingsOf((await deps.store.cell(cellId))?.review);
}

/** The open review, or else the most recent. */
export async function current(deps: ServiceDeps, cellId: string): Promise<Review | undefined> {
  return currentReview((await deps.store.cell(cellId))?.review);
}

export async function reviewOfYear(deps: ServiceDeps, cellId: string, year: number): Promise<Review | undefined> {
  return reviewFor((await deps.store.cell(cellId))?.review, year);
}

/** The default deadline of a review opened today. */
export async function defaultDeadline(deps: ServiceDeps, cellId: string): Promise<LocalDate> {
  return addDays(today(deps), (await settings(deps, cellId)).deadlineDays);
}

export function daysLeft(deps: ServiceDeps, r: Review): number {
  return daysBetween(today(deps), r.deadline);
}

export async function figures(deps: ServiceDeps, cellId: string, year: number): Promise<ReviewFigures | undefined> {
  const d = await deps.store.cell(cellId);
  return d ? reviewFigures(d.review, year, d.members, reviewDrafts(d.dialogs)) : undefined;
}

/** The member's own part of the current review. */
export async function mine(deps: ServiceDeps, tgId: number): Promise<MemberReview | undefined> {
  const { data: d, member } = await requireActor(deps.store, tgId, 'member');
  const r = currentReview(d.review);
  return r ? memberReview(deps, d, r, member) : undefined;
}

/** One member's part of a review: for the member themself or the committee. */
export async function memberPart(deps: ServiceDeps, actorTgId: number, year: number, memberId: string): Promise<MemberReview> {
  const self = String(actorTgId) === memberId;
  const { data: d } = await requireActor(deps.store, actorTgId, self ? 'member' : 'cell.read');
  const r = reviewFor(d.review, year);
  if (!r) throw new RuleError({ code: 'review.none', params: { year } });
  const m = own(d.members, memberId);
  if (!m || (!self && !isExpected(r, m))) throw new RuleError({ code: 'review.unknownMember' });
  return memberReview(deps, d, r, m);
}

/** Progress by name (committee). */
export async function progress(deps: ServiceDeps, actorTgId: number, year: number): Promise<{ review: Review; progress: Progress; figures: ReviewFigures }> {
  const { data: d } = await requireActor(deps.store, actorTgId, 'cell.read');
  const r = reviewFor(d.review, year);
  if (!r) throw new RuleError({ code: 'review.none', params: { year } });
  return { review: r, progress: progressOf(r, d.members, reviewDrafts(d.dialogs)), figures: reviewFigures(d.review, year, d.members, reviewDrafts(d.dialogs))! };
}

/** Every sent submission of a year, in roster order (committee), for the .docx files. */
export async function allSent(deps: ServiceDeps, actorTgId: number, year: number): Promise<EvaluationSource[]> {
  const { data: d } = await requireActor(deps.store, actorTgId, 'cell.read');
  const r = reviewFor(d.review, year);
  if (!r) throw new RuleError({ code: 'review.none', params: { year } });
  return progressOf(r, d.members, reviewDrafts(d.dialogs)).sent.map((m) => ({
    cell: d.cell,
    member: m,
    year,
    version: latestVersion(r, m.id)!,
    ...(r.decisions[m.id] ? { decision: r.decisions[m.id] } : {}),
  }));
}

/** Opens (or reopens) the review of a year; every expected member is invited through the outbox. */
export async function open(deps: ServiceDeps, actorTgId: number, year: number, deadline: LocalDate, ends?: string): Promise<{ review: Review; invited: number }> {
  const { data: d0 } = await requireActor(deps.store, actorTgId, 'cell.manage');
  const userShard = await deps.store.shardOfUser(actorTgId);
  return deps.store.updateCell(d0.cell.id, (d) => {
    endIn(userShard, d, actorTgId, ends);
    const data = normalizeReview(d.review);
    const r = must(openYear(data, year, String(actorTgId), now(deps), deadline));
    const planned = invitations(d.cell.id, r, d.members, reviewDrafts(d.dialogs));
    enqueue(d.outbox, planned, now(deps));
    return { review: r, invited: planned.length };
  });
}

export async function setDeadline(deps: ServiceDeps, actorTgId: number, year: number, deadline: LocalDate, ends?: string): Promise<Review> {
  const { data: d0 } = await requireActor(deps.store, actorTgId, 'cell.manage');
  const userShard = await deps.store.shardOfUser(actorTgId);
  return deps.store.updateCell(d0.cell.id, (d) => {
    endIn(userShard, d, actorTgId, ends);
    return must(changeDeadline(normalizeReview(d.review), year, deadline, today(deps)));
  });
}

/** Closes the review: no more sends, edits or ratings; reminders stop. */
export async function close(deps: ServiceDeps, actorTgId: number, year: number): Promise<ReviewFigures> {
  const { data: d0 } = await requireActor(deps.store, actorTgId, 'cell.manage');
  return deps.store.updateCell(d0.cell.id, (d) => {
    const data = normalizeReview(d.review);
    must(closeYear(data, year, String(actorTgId), now(deps)));
    // Drafts stay (nothing is thrown away), but no longer catch what members type.
    for (const ud of Object.values(d.dialogs)) {
      if (ud.active === EVALUATE_DIALOG && Number(ud.states[EVALUATE_DIALOG]?.meta.year) === year) delete ud.active;
    }
    return reviewFigures(data, year, d.members, reviewDrafts(d.dialogs))!;
  });
}

/** A member sends their self-evaluation: a new version; the dialog `ends` (its draft) goes in the same write. */
export async function submit(deps: ServiceDeps, tgId: number, year: number, input: SubmissionInput, ends?: string): Promise<EvaluationSource> {
  const { data: d0 } = await requireActor(deps.store, tgId, 'member');
  const userShard = await deps.store.shardOfUser(tgId);
  return deps.store.updateCell(d0.cell.id, (d) => {
    const data = normalizeReview(d.review);
    const m = d.members[String(tgId)]!;
    const version = must(addVersion(data, year, m, input, now(deps)));
    endIn(userShard, d, tgId, ends);
    const decision = data.reviews[String(year)]!.decisions[m.id];
    return { cell: d.cell, member: m, year, version, ...(decision ? { decision } : {}) };
  });
}

/**
 * The committee records the cell's level for a member. A new or changed level sends the
 * member their filled copy through the outbox (`copySent`); the same level again sends nothing.
 */
export async function rate(
  deps: ServiceDeps,
  actorTgId: number,
  year: number,
  memberId: string,
  rating: Rating,
): Promise<{ member: Member; decision: Decision; figures: ReviewFigures; copySent: boolean }> {
  const { data: d0 } = await requireActor(deps.store, actorTgId, 'cell.read');
  return deps.store.updateCell(d0.cell.id, (d) => {
    const data = normalizeReview(d.review);
    const m = own(d.members, memberId);
    if (!m) throw new RuleError({ code: 'review.unknownMember' });
    const before = own(data.reviews[String(year)]?.decisions, memberId);
    const decision = must(decide(data, year, m, rating, String(actorTgId), now(deps)));
    const copy = decision !== before ? ratingCopy(d.cell.id, data.reviews[String(year)]!, m) : undefined;
    const copySent = copy ? enqueue(d.outbox, [copy], now(deps)) > 0 : false;
    return { member: m, decision, figures: reviewFigures(data, year, d.members, reviewDrafts(d.dialogs))!, copySent };
  });
}

/**
 * What the outbox sender renders a member's filled copy from, at send time: their latest
 * sent version and the decided level — undefined when the level has changed since the item
 * was planned (the newer item carries it) or nothing is left to fill.
 */
export async function copySource(deps: ServiceDeps, cellId: string, ref: DocumentRef): Promise<EvaluationSource | undefined> {
  const d = await deps.store.cell(cellId);
  const r = reviewFor(d?.review, ref.year);
  const m = own(d?.members, ref.memberId);
  const decision = own(r?.decisions, ref.memberId);
  const version = r ? latestVersion(r, ref.memberId) : undefined;
  if (!d || !m || !decision || !version || ratingVersion(decision) !== ref.version) return undefined;
  return { cell: d.cell, member: m, year: ref.year, version, decision };
}

/** The cell's comments on a member ("" removes them). */
export async function commentOn(deps: ServiceDeps, actorTgId: number, year: number, memberId: string, text: string, ends?: string): Promise<{ member: Member; decision: Decision }> {
  const { data: d0 } = await requireActor(deps.store, actorTgId, 'cell.read');
  const userShard = await deps.store.shardOfUser(actorTgId);
  return deps.store.updateCell(d0.cell.id, (d) => {
    endIn(userShard, d, actorTgId, ends);
    const m = own(d.members, memberId);
    if (!m) throw new RuleError({ code: 'review.unknownMember' });
    return { member: m, decision: must(comment(normalizeReview(d.review), year, memberId, text, String(actorTgId), now(deps))) };
  });
}

/** /settings: the default days from opening to the deadline. */
export async function setDeadlineDays(deps: ServiceDeps, actorTgId: number, days: number): Promise<ReviewSettings> {
  const { data: d0 } = await requireActor(deps.store, actorTgId, 'cell.manage');
  if (!(DEADLINE_DAY_CHOICES as readonly number[]).includes(days)) throw new RuleError({ code: 'review.deadlineDays' });
  return deps.store.updateCell(d0.cell.id, (d) => {
    const data = normalizeReview(d.review);
    data.settings.deadlineDays = days;
    return { ...data.settings };
  });
}

/** The use cases above, bound to one set of deps. */
export function reviewService(deps: ServiceDeps) {
  return bindDeps(deps, {
    settings,
    current,
    review: reviewOfYear,
    defaultDeadline,
    daysLeft,
    figures,
    mine,
    memberPart,
    progress,
    allSent,
    open,
    setDeadline,
    close,
    submit,
    rate,
    copySource,
    comment: commentOn,
    setDeadlineDays,
  });
}

export type ReviewService = ReturnType<typeof reviewService>;

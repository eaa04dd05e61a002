/** The rules that change a review: open, close, the deadline, a submission, a decision, a comment. */
import { isActive, isCivilServant, type Member } from '../members.ts';
import { own } from '../records.ts';
import { fail, ok, type Result } from '../result.ts';
import { daysBetween, localDate, type LocalDate } from '../time.ts';
import { FORM_SECTIONS, isRating, type Rating, type Score, SCORE_MAX, SECTION_MAX_CHARS, type SectionId } from './form.ts';
import { type Decision, openReview, ratingVersion, type Review, type ReviewData, reviewFor, type SentVersion } from './model.ts';
import { isExpected } from './progress.ts';

/** Opens the review of `year` (or reopens it after a close, keeping everything sent). */
export function openYear(data: ReviewData, year: number, by: string, now: Date, deadline: LocalDate): Result<Review> {
  const today = localDate(now);
  const open = openReview(data);
  if (open) return fail(open.year === year ? 'review.alreadyOpen' : 'review.otherOpen', { year: open.year });
  const deadlineOk = checkDeadline(deadline, today);
  if (!deadlineOk.ok) return deadlineOk;
  const before = reviewFor(data, year);
  const r: Review = {
    submissions: {},
    decisions: {},
    ...before,
    year,
    openedBy: by,
    openedAt: now.toISOString(),
    openedOn: today,
    deadline,
    state: 'open',
  };
  delete r.closedAt;
  delete r.closedBy;
  data.reviews[String(year)] = r;
  return ok(r);
}

/** A deadline must be after today and within 90 days. */
export function checkDeadline(deadline: LocalDate, today: LocalDate): Result<LocalDate> {
  if (deadline <= today) return fail('review.deadlinePast');
  if (daysBetween(today, deadline) > 90) return fail('review.deadlineFar', { max: 90 });
  return ok(deadline);
}

/** The review of `year`, required to be open. */
export function mustBeOpen(data: Partial<ReviewData>, year: number): Result<Review> {
  const r = reviewFor(data, year);
  if (!r) return fail('review.none', { year });
  if (r.state !== 'open') return fail('review.closed', { year });
  return ok(r);
}

export function closeYear(data: ReviewData, year: number, by: string, now: Date): Result<Review> {
  const r = mustBeOpen(data, year);
  if (!r.ok) return r;
  r.value.state = 'closed';
  r.value.closedAt = now.toISOString();
  r.value.closedBy = by;
  return r;
}

export function changeDeadline(data: ReviewData, year: number, deadline: LocalDate, today: LocalDate): Result<Review> {
  const r = mustBeOpen(data, year);
  if (!r.ok) return r;
  const d = checkDeadline(deadline, today);
  if (!d.ok) return d;
  r.value.deadline = deadline;
  return r;
}

/** What a member sends (one version). */
export interface SubmissionInput {
  sections: Record<SectionId, string>;
  partyRating: Rating;
  civilRating?: Rating;
  score?: Score;
}

/** Checks a submission: every required section written, nothing too long, the levels given. */
export function checkSubmission(input: SubmissionInput, civilServant: boolean): Result<SubmissionInput> {
  for (const s of FORM_SECTIONS) {
    const text = input.sections[s.id] ?? '';
    if (!s.optional && !text.trim()) return fail('review.sectionMissing', { section: s.number });
    if (text.length > SECTION_MAX_CHARS) return fail('review.sectionTooLong', { section: s.number, length: text.length, max: SECTION_MAX_CHARS });
  }
  if (!isRating(input.partyRating)) return fail('review.ratingMissing');
  if (civilServant && !isRating(input.civilRating)) return fail('review.civilRatingMissing');
  if (input.score) {
    const { general, tasks } = input.score;
    if (!Number.isInteger(general) || !Number.isInteger(tasks) || general < 0 || tasks < 0 || general > SCORE_MAX.general || tasks > SCORE_MAX.tasks) {
      return fail('review.scoreRange', { max: SCORE_MAX.general });
    }
  }
  return ok(input);
}

/** Adds a sent version for a member (the review must be open and the member expected). */
export function addVersion(data: ReviewData, year: number, member: Member, input: SubmissionInput, now: Date): Result<SentVersion> {
  const r = mustBeOpen(data, year);
  if (!r.ok) return r;
  if (!isActive(member)) return fail('review.notExpected');
  const checked = checkSubmission(input, isCivilServant(member));
  if (!checked.ok) return checked;
  const list = (r.value.submissions[member.id] ??= []);
  const version: SentVersion = {
    n: list.length + 1,
    at: now.toISOString(),
    sections: Object.fromEntries(FORM_SECTIONS.map((s) => [s.id, (input.sections[s.id] ?? '').trim()])) as Record<SectionId, string>,
    partyRating: input.partyRating,
    ...(isCivilServant(member) && input.civilRating ? { civilRating: input.civilRating } : {}),
    ...(input.score ? { score: { ...input.score } } : {}),
  };
  list.push(version);
  return ok(version);
}

/** Records (or changes) the cell's decided level for a member; the same level again changes nothing. */
export function decide(data: ReviewData, year: number, member: Member, rating: Rating, by: string, now: Date): Result<Decision> {
  const r = mustBeOpen(data, year);
  if (!r.ok) return r;
  if (!isExpected(r.value, member)) return fail('review.notExpected');
  const before = r.value.decisions[member.id];
  if (before?.rating === rating) return ok(before);
  const v = before ? ratingVersion(before) + 1 : 1;
  const d: Decision = { ...(before?.comment ? { comment: before.comment } : {}), rating, by, at: now.toISOString(), v };
  r.value.decisions[member.id] = d;
  return ok(d);
}

/** The cell's comments on a member; needs the level recorded first. */
export function comment(data: ReviewData, year: number, memberId: string, text: string, by: string, now: Date): Result<Decision> {
  const r = mustBeOpen(data, year);
  if (!r.ok) return r;
  const d = own(r.value.decisions, memberId);
  if (!d) return fail('review.rateFirst');
  const clean = text.trim();
  if (clean) d.comment = clean;
  else delete d.comment;
  d.by = by;
  d.at = now.toISOString();
  return ok(d);
}

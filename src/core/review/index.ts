/**
 * The year-end review (kiểm điểm): the form, submissions, the cell's ratings, the checks
 * and the reminders. Pure: no clock, no I/O (now and today are parameters).
 *
 * The official wording of the form (its section titles and the four levels) is data of
 * the regulation, not chat wording: it lives here because the dialog, the .docx and the
 * annual report all print it exactly the same way.
 *
 * For the annual report (issue 6) — pure functions over the cell file's parts:
 *  - `reviewFor(data, year)`: the review of a year, if one was opened.
 *  - `reviewFigures(data, year, members, dialogs?)`: expected, sent, drafts, not started,
 *    the distribution of the self-proposed party ratings (latest sent version) and of the
 *    cell's decided ratings, and the quota check on both (`quotaCheck`).
 *  - `reviewTexts(data, year)`: the sent submissions' texts of sections I.1, I.2, II.1,
 *    II.2 and VI (latest version of each member), without names, for the report's prose.
 *  - `RATINGS`, `RATING_NAMES` (exact wording), `quotaCheck(xuatSac, tot)`.
 *
 * Drafts are not kept here: the dialog engine keeps what a member is writing in their
 * dialog state (`dialogs[memberId].states.evaluate`, meta.year); sent versions are kept
 * here, every one of them.
 */
export { RATINGS, RATING_NAMES, isRating, SECTION_IDS, FORM_PARTS, FORM_SECTIONS, SECTION_MAX_CHARS, SCORE_MAX, scoreBand, scoreMismatch, parseScorePart } from './form.ts';
export type { Rating, SectionId, FormPart, FormSection, Score } from './form.ts';
export {
  ratingVersion,
  DEFAULT_DEADLINE_DAYS,
  DEADLINE_DAY_CHOICES,
  emptyReview,
  normalizeReview,
  settingsOf,
  reviewFor,
  openReview,
  currentReview,
  defaultReviewYear,
  latestVersion,
  EVALUATE_DIALOG,
} from './model.ts';
export type { SentVersion, Decision, ReviewState, Review, ReviewSettings, ReviewData, ReviewNotice, ReviewDraft } from './model.ts';
export { openYear, checkDeadline, mustBeOpen, closeYear, changeDeadline, checkSubmission, addVersion, decide, comment } from './commands.ts';
export type { SubmissionInput } from './commands.ts';
export { hasDraft, isExpected, expectedMembers, statusOf, progressOf } from './progress.ts';
export type { MemberStatus, Progress } from './progress.ts';
export { quotaCheck, reviewFigures, reviewTexts, reviewAnswers } from './figures.ts';
export type { QuotaCheck, Distribution, ReviewFigures, ReviewTexts } from './figures.ts';
export { REMIND_AT, SUMMARY_AT, REMIND_EVERY_DAYS, reminderDays, ratingCopy, invitations, planReview, nextReviewDue } from './planner.ts';
export type { ReviewPlannerInput } from './planner.ts';

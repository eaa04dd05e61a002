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
import { isActive, isCivilServant, isCommitteeRole, sortRoster, type Member } from './members.ts';
import type { PlannedMessage } from './notices.ts';
import type { Planner, PlannerInput } from './planner.ts';
import { fail, ok, type Result } from './result.ts';
import { own } from './records.ts';
import { addDays, daysBetween, instantAt, localDate, localTime, yearOf, type LocalDate } from './time.ts';

// ---------------------------------------------------------------- the form

/** The four levels, best first (the same for a member and for a cell). */
export const RATINGS = ['xuat_sac', 'tot', 'hoan_thanh', 'khong_hoan_thanh'] as const;
export type Rating = (typeof RATINGS)[number];

/** Exact wording of the levels (Quy định 366-QĐ/TW). */
export const RATING_NAMES: Record<Rating, string> = {
  xuat_sac: 'Hoàn thành xuất sắc nhiệm vụ',
  tot: 'Hoàn thành tốt nhiệm vụ',
  hoan_thanh: 'Hoàn thành nhiệm vụ',
  khong_hoan_thanh: 'Không hoàn thành nhiệm vụ',
};

export function isRating(v: unknown): v is Rating {
  return typeof v === 'string' && (RATINGS as readonly string[]).includes(v);
}

export const SECTION_IDS = ['s11', 's12', 's13', 's21', 's22', 's3', 's4', 's5', 's6'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export interface FormPart {
  /** Roman numeral. */
  number: string;
  title: string;
}

export interface FormSection {
  id: SectionId;
  /** "I.1", "III" … */
  number: string;
  /** The part it belongs to (I … VI). */
  part: string;
  /** Number within its part ("1."), or '' when the part has no subsections. */
  sub: string;
  title: string;
  optional: boolean;
}

/** The parts of the form, in order (VII is the self-proposed rating). */
export const FORM_PARTS: readonly FormPart[] = [
  { number: 'I', title: 'Ưu điểm, kết quả đạt được' },
  { number: 'II', title: 'Hạn chế, khuyết điểm và nguyên nhân' },
  { number: 'III', title: 'Kết quả khắc phục những hạn chế, khuyết điểm đã được cấp có thẩm quyền kết luận hoặc được chỉ ra ở các kỳ kiểm điểm trước' },
  { number: 'IV', title: 'Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)' },
  { number: 'V', title: 'Làm rõ trách nhiệm của cá nhân đối với những hạn chế, khuyết điểm của tập thể (nếu có)' },
  { number: 'VI', title: 'Phương hướng, biện pháp khắc phục hạn chế, khuyết điểm' },
  { number: 'VII', title: 'Tự nhận mức xếp loại chất lượng' },
];

/** The written sections of the form, in order. */
export const FORM_SECTIONS: readonly FormSection[] = [
  { id: 's11', number: 'I.1', part: 'I', sub: '1', optional: false, title: 'Về tư tưởng chính trị; phẩm chất đạo đức, lối sống; ý thức tổ chức kỷ luật; tác phong, lề lối làm việc' },
  { id: 's12', number: 'I.2', part: 'I', sub: '2', optional: false, title: 'Việc thực hiện chức trách, nhiệm vụ được giao' },
  { id: 's13', number: 'I.3', part: 'I', sub: '3', optional: false, title: 'Việc thực hiện cam kết tu dưỡng, rèn luyện, phấn đấu hằng năm' },
  { id: 's21', number: 'II.1', part: 'II', sub: '1', optional: false, title: 'Hạn chế, khuyết điểm' },
  { id: 's22', number: 'II.2', part: 'II', sub: '2', optional: false, title: 'Nguyên nhân' },
  { id: 's3', number: 'III', part: 'III', sub: '', optional: false, title: FORM_PARTS[2]!.title },
  { id: 's4', number: 'IV', part: 'IV', sub: '', optional: true, title: FORM_PARTS[3]!.title },
  { id: 's5', number: 'V', part: 'V', sub: '', optional: true, title: FORM_PARTS[4]!.title },
  { id: 's6', number: 'VI', part: 'VI', sub: '', optional: false, title: FORM_PARTS[5]!.title },
];

/** Most characters a section accepts. */
export const SECTION_MAX_CHARS = 4000;

export const SCORE_MAX = { general: 30, tasks: 70 } as const;

/** The self-score of QĐ 366: general criteria …/30, results of assigned tasks …/70. */
export interface Score {
  general: number;
  tasks: number;
}

/** The level a total score falls in: ≥ 90, 70–89, 50–69, < 50. */
export function scoreBand(total: number): Rating {
  if (total >= 90) return 'xuat_sac';
  if (total >= 70) return 'tot';
  if (total >= 50) return 'hoan_thanh';
  return 'khong_hoan_thanh';
}

/** The band's level when a given score disagrees with the proposed level; undefined when they agree. */
export function scoreMismatch(score: Score | undefined, rating: Rating | undefined): Rating | undefined {
  if (!score || !rating) return undefined;
  const band = scoreBand(score.general + score.tasks);
  return band === rating ? undefined : band;
}

/** A typed part of the score: a whole number from 0 to `max`. */
export function parseScorePart(input: string, max: number): Result<number> {
  const s = input.trim().replace(/\s*(điểm|đ)\.?$/iu, '').replace(/\/\s*\d+$/, '').trim();
  if (!/^\d{1,3}$/.test(s)) return fail('review.scoreFormat', { max });
  const n = Number(s);
  if (n > max) return fail('review.scoreRange', { max });
  return ok(n);
}

// ---------------------------------------------------------------- the data

/** One sent version of a member's self-evaluation. */
export interface SentVersion {
  /** 1, 2, … */
  n: number;
  /** ISO instant it was sent. */
  at: string;
  /** Text of each section; '' for an optional section left empty ("Không có"). */
  sections: Record<SectionId, string>;
  /** Self-proposed level as a party member. */
  partyRating: Rating;
  /** Self-proposed level as a civil servant (cán bộ, công chức, viên chức), when one. */
  civilRating?: Rating;
  score?: Score;
}

/** The cell's decided level for a member, with who recorded it and when. */
export interface Decision {
  rating: Rating;
  by: string;
  at: string;
  /** The cell's comments (nhận xét của chi bộ), optional. */
  comment?: string;
  /** Version of the level: 1 when first recorded, one more at each change (absent in data from before: 1). */
  v?: number;
}

/** Version of a decided level: the member's filled copy is sent once per version. */
export function ratingVersion(d: Pick<Decision, 'v'>): number {
  return d.v ?? 1;
}

export type ReviewState = 'open' | 'closed';

export interface Review {
  year: number;
  openedBy: string;
  openedAt: string;
  /** Local day it was (last) opened: reminders count from it. */
  openedOn: LocalDate;
  /** Last day to send. */
  deadline: LocalDate;
  state: ReviewState;
  closedAt?: string;
  closedBy?: string;
  /** Member id → sent versions, oldest first. */
  submissions: Record<string, SentVersion[]>;
  /** Member id → the cell's decided level. */
  decisions: Record<string, Decision>;
}

export interface ReviewSettings {
  /** Default days from opening to the deadline. */
  deadlineDays: number;
}

export interface ReviewData {
  settings: ReviewSettings;
  /** Year → its review. */
  reviews: Record<string, Review>;
}

export const DEFAULT_DEADLINE_DAYS = 15;
/** Choices offered in /settings. */
export const DEADLINE_DAY_CHOICES = [7, 10, 15, 20, 30] as const;

export function emptyReview(): ReviewData {
  return { settings: { deadlineDays: DEFAULT_DEADLINE_DAYS }, reviews: {} };
}

/** Fills what an older file may lack (the slot was `{}` before this feature). */
export function normalizeReview(data: Partial<ReviewData> | undefined): ReviewData {
  const d = (data ?? {}) as ReviewData;
  d.settings ??= { deadlineDays: DEFAULT_DEADLINE_DAYS };
  d.settings.deadlineDays ??= DEFAULT_DEADLINE_DAYS;
  d.reviews ??= {};
  return d;
}

export function settingsOf(data: Partial<ReviewData> | undefined): ReviewSettings {
  return { deadlineDays: data?.settings?.deadlineDays ?? DEFAULT_DEADLINE_DAYS };
}

export function reviewFor(data: Partial<ReviewData> | undefined, year: number): Review | undefined {
  return data?.reviews?.[String(year)];
}

/** The open review, if any (there is at most one). */
export function openReview(data: Partial<ReviewData> | undefined): Review | undefined {
  return Object.values(data?.reviews ?? {}).find((r) => r.state === 'open');
}

/** The open review, or else the most recent one. */
export function currentReview(data: Partial<ReviewData> | undefined): Review | undefined {
  return openReview(data) ?? Object.values(data?.reviews ?? {}).sort((a, b) => b.year - a.year)[0];
}

/** The year a review opened today is for: the current year from July, else the year before (a January review). */
export function defaultReviewYear(today: LocalDate): number {
  const y = yearOf(today);
  return Number(today.slice(5, 7)) >= 7 ? y : y - 1;
}

export function latestVersion(r: Review, memberId: string): SentVersion | undefined {
  return own(r.submissions, memberId)?.at(-1);
}

// ---------------------------------------------------------------- rules that change a review

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

// ---------------------------------------------------------------- who, and how far

export type MemberStatus = 'sent' | 'draft' | 'none';

/** The dialog the bot runs for the self-evaluation (its id, where the bot keeps the draft). */
export const EVALUATE_DIALOG = 'evaluate';

/**
 * A self-evaluation being written and not sent yet: whose, for which year. Where drafts are
 * kept is not core's business; the service passes the drafts it found.
 */
export interface ReviewDraft {
  memberId: string;
  year: number;
}

/** Whether the member has a draft of this year's self-evaluation. */
export function hasDraft(drafts: readonly ReviewDraft[] | undefined, memberId: string, year: number): boolean {
  return Boolean(drafts?.some((d) => d.memberId === memberId && d.year === year));
}

/**
 * Who is rated: active members (probationary ones included; exempted ones are not), plus
 * anyone who already sent or was rated in this review before their state changed.
 */
export function isExpected(r: Review, m: Member): boolean {
  return isActive(m) || Boolean(r.submissions[m.id]?.length) || Boolean(r.decisions[m.id]);
}

export function expectedMembers(r: Review, members: Record<string, Member> | readonly Member[]): Member[] {
  const list = Array.isArray(members) ? members : Object.values(members);
  return sortRoster(list.filter((m) => isExpected(r, m)));
}

export function statusOf(r: Review, memberId: string, drafts?: readonly ReviewDraft[]): MemberStatus {
  if (own(r.submissions, memberId)?.length) return 'sent';
  return hasDraft(drafts, memberId, r.year) ? 'draft' : 'none';
}

export interface Progress {
  expected: Member[];
  sent: Member[];
  drafts: Member[];
  notStarted: Member[];
}

export function progressOf(r: Review, members: Record<string, Member> | readonly Member[], drafts?: readonly ReviewDraft[]): Progress {
  const expected = expectedMembers(r, members);
  const by = (s: MemberStatus) => expected.filter((m) => statusOf(r, m.id, drafts) === s);
  return { expected, sent: by('sent'), drafts: by('draft'), notStarted: by('none') };
}

// ---------------------------------------------------------------- figures and the quota

export interface QuotaCheck {
  xuatSac: number;
  tot: number;
  /** The most "xuất sắc" the rule allows: 20% of the "tốt", rounded down. */
  max: number;
  /** More "xuất sắc" than 20% of "tốt": a warning, never a block. */
  exceeded: boolean;
}

/** "Xuất sắc" should not exceed 20% of "tốt" (integer arithmetic: xs > tốt / 5 ⇔ 5·xs > tốt). */
export function quotaCheck(xuatSac: number, tot: number): QuotaCheck {
  return { xuatSac, tot, max: Math.floor(tot / 5), exceeded: xuatSac * 5 > tot };
}

export type Distribution = Record<Rating, number>;

function emptyDistribution(): Distribution {
  return { xuat_sac: 0, tot: 0, hoan_thanh: 0, khong_hoan_thanh: 0 };
}

export function decidedDistribution(r: Review): Distribution {
  const dist = emptyDistribution();
  for (const d of Object.values(r.decisions)) dist[d.rating]++;
  return dist;
}

export interface ReviewFigures {
  year: number;
  state: ReviewState;
  deadline: LocalDate;
  expected: number;
  sent: number;
  drafts: number;
  notStarted: number;
  /** Self-proposed party ratings, from each member's latest sent version. */
  proposed: Distribution;
  /** The cell's decided ratings. */
  decided: Distribution;
  /** Expected members without a decided rating yet. */
  undecided: number;
  quotaProposed: QuotaCheck;
  quotaDecided: QuotaCheck;
}

/** The review's figures for a year; undefined when no review of that year was opened. */
export function reviewFigures(
  data: Partial<ReviewData> | undefined,
  year: number,
  members: Record<string, Member> | readonly Member[],
  drafts?: readonly ReviewDraft[],
): ReviewFigures | undefined {
  const r = reviewFor(data, year);
  if (!r) return undefined;
  const p = progressOf(r, members, drafts);
  const proposed = emptyDistribution();
  for (const m of p.sent) proposed[latestVersion(r, m.id)!.partyRating]++;
  const decided = emptyDistribution();
  let undecided = 0;
  for (const m of p.expected) {
    const d = r.decisions[m.id];
    if (d) decided[d.rating]++;
    else undecided++;
  }
  return {
    year,
    state: r.state,
    deadline: r.deadline,
    expected: p.expected.length,
    sent: p.sent.length,
    drafts: p.drafts.length,
    notStarted: p.notStarted.length,
    proposed,
    decided,
    undecided,
    quotaProposed: quotaCheck(proposed.xuat_sac, proposed.tot),
    quotaDecided: quotaCheck(decided.xuat_sac, decided.tot),
  };
}

export interface ReviewTexts {
  /** I.1 tư tưởng chính trị, đạo đức, lối sống … */
  conduct: string[];
  /** I.2 thực hiện chức trách, nhiệm vụ */
  duties: string[];
  /** II.1 hạn chế, khuyết điểm */
  shortcomings: string[];
  /** II.2 nguyên nhân */
  causes: string[];
  /** VI phương hướng, biện pháp khắc phục */
  remedies: string[];
}

/** Which section of the form feeds which of the report's texts. */
const TEXT_SECTIONS: readonly [keyof ReviewTexts, SectionId][] = [
  ['conduct', 's11'],
  ['duties', 's12'],
  ['shortcomings', 's21'],
  ['causes', 's22'],
  ['remedies', 's6'],
];

/**
 * The section texts of every sent submission of the year (each member's latest version),
 * without names, in the order they were sent; empty texts are left out.
 */
export function reviewTexts(data: Partial<ReviewData> | undefined, year: number): ReviewTexts {
  const out: ReviewTexts = { conduct: [], duties: [], shortcomings: [], causes: [], remedies: [] };
  const r = reviewFor(data, year);
  if (!r) return out;
  const latest = Object.values(r.submissions)
    .map((list) => list.at(-1))
    .filter((v): v is SentVersion => Boolean(v))
    .sort((a, b) => a.at.localeCompare(b.at));
  for (const v of latest) for (const [k, s] of TEXT_SECTIONS) if (v.sections[s]?.trim()) out[k].push(v.sections[s].trim());
  return out;
}

/** The same texts with their authors (member ids), for grouping that counts distinct members. */
export function reviewAnswers(data: Partial<ReviewData> | undefined, year: number): Record<keyof ReviewTexts, { author: string; text: string }[]> {
  const out: Record<keyof ReviewTexts, { author: string; text: string }[]> = { conduct: [], duties: [], shortcomings: [], causes: [], remedies: [] };
  const r = reviewFor(data, year);
  if (!r) return out;
  const latest = Object.entries(r.submissions)
    .map(([author, list]) => ({ author, v: list.at(-1) }))
    .filter((x): x is { author: string; v: SentVersion } => Boolean(x.v))
    .sort((a, b) => a.v.at.localeCompare(b.v.at));
  for (const { author, v } of latest) for (const [k, s] of TEXT_SECTIONS) if (v.sections[s]?.trim()) out[k].push({ author, text: v.sections[s].trim() });
  return out;
}

// ---------------------------------------------------------------- reminders

/** Local time of the reminders and of the committee's summary on the deadline. */
export const REMIND_AT = '08:00';
export const SUMMARY_AT = '17:00';
export const REMIND_EVERY_DAYS = 3;

/** Days members who have not sent are reminded: every 3 days from the opening, and the day before the deadline. */
export function reminderDays(openedOn: LocalDate, deadline: LocalDate): LocalDate[] {
  const days = new Set<LocalDate>();
  for (let d = addDays(openedOn, REMIND_EVERY_DAYS); d < deadline; d = addDays(d, REMIND_EVERY_DAYS)) days.add(d);
  const eve = addDays(deadline, -1);
  if (eve > openedOn) days.add(eve);
  return [...days].sort();
}

/** Notices of the review feature. */
export type ReviewNotice =
  | { kind: 'review.invite'; cellId: string; year: number; deadline: LocalDate }
  | { kind: 'review.reminder'; cellId: string; year: number; deadline: LocalDate; daysLeft: number; draft: boolean }
  | { kind: 'review.summary'; cellId: string; year: number; deadline: LocalDate; expected: number; sent: number; drafts: string[]; notStarted: string[] }
  /** The caption of the member's filled copy (the document itself is rendered when sent). */
  | { kind: 'review.copy'; year: number; rating: Rating };

/**
 * The member's bản kiểm điểm with the cell's level in its box, sent as a new .docx once per
 * version of the level. Nothing when the member has not sent a self-evaluation (nothing to fill).
 */
export function ratingCopy(cellId: string, r: Review, member: Member): PlannedMessage | undefined {
  const d = r.decisions[member.id];
  if (!d || !r.submissions[member.id]?.length) return undefined;
  const version = ratingVersion(d);
  return {
    key: `${cellId}:rvcopy:${r.year}:${member.id}:${version}`,
    chatId: member.tgId,
    memberId: member.id,
    notice: { kind: 'review.copy', year: r.year, rating: d.rating },
    document: { kind: 'evaluationCopy', memberId: member.id, year: r.year, version },
  };
}

/** The planner's input: the cell, and the drafts of the self-evaluation (the service finds them). */
export type ReviewPlannerInput = PlannerInput & { review: ReviewData; drafts: readonly ReviewDraft[] };

/** The invitation to write, for an expected member who has not sent. Used at opening and by the planner (late joiners). */
export function invitations(cellId: string, r: Review, members: Record<string, Member> | readonly Member[], drafts?: readonly ReviewDraft[]): PlannedMessage[] {
  return expectedMembers(r, members)
    .filter((m) => isActive(m) && statusOf(r, m.id, drafts) === 'none')
    .map((m) => ({
      key: `${cellId}:review:${r.year}:invite:${r.openedOn}:${m.id}`,
      chatId: m.tgId,
      memberId: m.id,
      notice: { kind: 'review.invite' as const, cellId, year: r.year, deadline: r.deadline },
      expiresAt: instantAt(addDays(r.deadline, 1)).toISOString(),
    }));
}

/**
 * While a review is open and its deadline not passed: the invitation to members who
 * joined since; reminders on reminder days (from 08:00) to active members who have not
 * sent; on the deadline (from 17:00) a summary to each active committee member.
 * Nothing once the review is closed.
 */
export const planReview: Planner<ReviewPlannerInput> = (data, now) => {
  const r = openReview(data.review);
  if (!r) return [];
  const today = localDate(now);
  if (today > r.deadline) return [];
  const cellId = data.cell.id;
  const out: PlannedMessage[] = invitations(cellId, r, data.members, data.drafts);
  const time = localTime(now);
  if (reminderDays(r.openedOn, r.deadline).includes(today) && time >= REMIND_AT) {
    for (const m of expectedMembers(r, data.members)) {
      const status = statusOf(r, m.id, data.drafts);
      if (!isActive(m) || status === 'sent') continue;
      out.push({
        key: `${cellId}:review:${r.year}:remind:${today}:${m.id}`,
        chatId: m.tgId,
        memberId: m.id,
        notice: { kind: 'review.reminder', cellId, year: r.year, deadline: r.deadline, daysLeft: daysBetween(today, r.deadline), draft: status === 'draft' },
        expiresAt: instantAt(addDays(today, 1)).toISOString(),
      });
    }
  }
  if (today === r.deadline && time >= SUMMARY_AT) {
    const p = progressOf(r, data.members, data.drafts);
    for (const c of Object.values(data.members).filter((m) => isActive(m) && isCommitteeRole(m.role))) {
      out.push({
        key: `${cellId}:review:${r.year}:summary:${r.deadline}:${c.id}`,
        chatId: c.tgId,
        memberId: c.id,
        notice: {
          kind: 'review.summary',
          cellId,
          year: r.year,
          deadline: r.deadline,
          expected: p.expected.length,
          sent: p.sent.length,
          drafts: p.drafts.map((m) => m.name),
          notStarted: p.notStarted.map((m) => m.name),
        },
        expiresAt: instantAt(addDays(today, 2)).toISOString(),
      });
    }
  }
  return out;
};

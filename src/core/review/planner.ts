/** Reminders: invitations, reminders and the committee's summary on the deadline. */
import { isActive, isCommitteeRole, type Member } from '../members.ts';
import type { PlannedMessage } from '../notices.ts';
import { dueAfter, type NextDue, type Planner, type PlannerInput, todayAt } from '../planner.ts';
import { addDays, daysBetween, instantAt, localDate, type LocalDate, localTime } from '../time.ts';
import { openReview, ratingVersion, type Review, type ReviewData, type ReviewDraft } from './model.ts';
import { expectedMembers, progressOf, statusOf } from './progress.ts';

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

/** What can start being due: the day's reminders (from REMIND_AT) and the summary (from SUMMARY_AT); invitations follow from the data. */
export const nextReviewDue: NextDue = (_data, now) => dueAfter(now, todayAt(now, REMIND_AT, SUMMARY_AT));

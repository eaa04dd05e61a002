/** Reminders: the dues day, claims waiting, arrears. */
import { type MeetingsData, regularMeetingDate } from '../meetings/index.ts';
import { can, isInCell, type Member } from '../members.ts';
import type { PlannedMessage } from '../notices.ts';
import { dueAfter, type NextDue, type Planner, type PlannerInput, secretaryChat, todayAt } from '../planner.ts';
import { own } from '../records.ts';
import { addMonths, instantAt, localDate, type LocalDate, type Month, monthOfDate, pad2 } from '../time.ts';
import { arrearsIn, bookOf, monthOf, readBook, unpaidIn } from './book.ts';
import {
  ARREARS_ALERT_TIME,
  type Claim,
  CLAIM_WAIT_DAYS,
  type ClaimView,
  DUES_REMINDER_TIME,
  type DuesData,
  type DuesMember,
  type DuesNotice,
  type DuesSettings,
  duesView,
  FALLBACK_DUES_DAY,
  PLAN_WINDOW_DAYS,
} from './model.ts';

/** Who receives what is meant for "the collector": members marked collector, else the committee. */
export function collectorsOf(members: Record<string, Member> | readonly Member[]): Member[] {
  const active = (Array.isArray(members) ? members : Object.values(members)).filter((m) => m.state === 'active');
  const marked = active.filter((m) => m.collector);
  return marked.length ? marked : active.filter((m) => can(m, 'dues.collect'));
}

/**
 * The dues day of a month: the day set in /settings, else the day of the regular meeting
 * (`regularMeetingDate`), else the FALLBACK_DUES_DAY when the month has no regular meeting
 * (no rule yet, or the meeting was cancelled).
 */
export function duesDay(settings: DuesSettings, meetings: MeetingsData | undefined, month: Month): { date: LocalDate; source: 'setting' | 'meeting' | 'fallback' } {
  if (settings.day) return { date: `${month}-${pad2(settings.day)}`, source: 'setting' };
  let meeting: LocalDate | undefined;
  try {
    meeting = meetings ? regularMeetingDate(meetings, month) : undefined;
  } catch {
    meeting = undefined; // an older or partial meetings slot: fall back to the default day
  }
  return meeting ? { date: meeting, source: 'meeting' } : { date: `${month}-${pad2(FALLBACK_DUES_DAY)}`, source: 'fallback' };
}

export function claimViews(dues: DuesData, m: DuesMember, claims: readonly Claim[]): ClaimView[] {
  const book = bookOf(dues);
  return claims.map((c) => ({ id: c.id, month: c.month, method: c.method, amount: monthOf(book, m, c.month).expected }));
}

/**
 * What is due now: dues-day reminders to members with the current month unpaid (once per
 * month), claims waiting more than 3 days to the collectors (once per claim), the 3-month
 * alert to the secretary (once per member and year). Windows are bounded by
 * PLAN_WINDOW_DAYS so that nothing is planned again after the outbox forgets a key.
 */
export const planDues: Planner<PlannerInput & { dues: DuesData; meetings: MeetingsData }> = (data, now) => {
  const dues = duesView(data.dues);
  const book = readBook(dues);
  const cellId = data.cell.id;
  const t = now.getTime();
  const today = localDate(now);
  const month = monthOfDate(today);
  const members = Object.values(data.members);
  const out: PlannedMessage[] = [];

  // the dues day of this month
  const day = duesDay(dues.settings, data.meetings, month).date;
  if (t >= instantAt(day, DUES_REMINDER_TIME).getTime()) {
    const expiresAt = instantAt(`${addMonths(month, 1)}-01`).toISOString();
    for (const m of members) {
      if (!isInCell(m) || !m.reachable) continue;
      const s = monthOf(book, m, month);
      if (s.state !== 'unpaid' || s.claim) continue;
      const owedBefore = unpaidIn(book, m, addMonths(month, -12), addMonths(month, -1)).length;
      out.push({
        key: `${cellId}:dues:remind:${month}:${m.id}`,
        chatId: m.tgId,
        memberId: m.id,
        expiresAt,
        notice: { kind: 'dues.reminder', cellId, month, day, amount: s.expected ?? null, owedBefore },
      });
    }
  }

  // claims waiting more than 3 days, grouped per member and per sending
  const waiting = dues.claims.filter((c) => {
    const age = t - Date.parse(c.at);
    return !c.decision && age > CLAIM_WAIT_DAYS * 86_400_000 && age < PLAN_WINDOW_DAYS * 86_400_000;
  });
  const groups = new Map<string, Claim[]>();
  for (const c of waiting) groups.set(`${c.memberId}@${c.at}`, [...(groups.get(`${c.memberId}@${c.at}`) ?? []), c]);
  const collectors = collectorsOf(data.members);
  for (const claims of groups.values()) {
    const m = own(data.members, claims[0]!.memberId);
    if (!m) continue;
    const days = Math.floor((t - Date.parse(claims[0]!.at)) / 86_400_000);
    const notice: DuesNotice = { kind: 'dues.claim', cellId, memberName: m.name, claims: claimViews(dues, m, claims), waitingDays: days };
    for (const c of collectors.filter((c) => c.id !== m.id || collectors.length === 1)) {
      out.push({ key: `${cellId}:dues:claimwait:${claims[0]!.id}:${c.id}`, chatId: c.tgId, memberId: c.id, notice });
    }
  }

  // the 3-month alert, for this year and (early in a year) for the one just ended
  for (const year of [Number(month.slice(0, 4)) - 1, Number(month.slice(0, 4))]) {
    for (const m of members) {
      if (!isInCell(m)) continue;
      const counted = arrearsIn(book, m, year, today);
      if (counted.length < 3) continue;
      const moment = instantAt(`${addMonths(counted[2]!, 1)}-01`, ARREARS_ALERT_TIME).getTime();
      if (t < moment || t >= moment + PLAN_WINDOW_DAYS * 86_400_000) continue;
      out.push({
        key: `${cellId}:dues:arrears3:${year}:${m.id}`,
        chatId: secretaryChat(data),
        notice: { kind: 'dues.arrears', cellId, memberId: m.id, name: m.name, year, months: counted },
      });
    }
  }
  return out;
};

/**
 * What can start being due: the dues day's reminder (at DUES_REMINDER_TIME), the arrears
 * alert (at ARREARS_ALERT_TIME on the 1st), a claim passing its wait; the rest follows from
 * the data and the day.
 */
export const nextDuesDue: NextDue<PlannerInput & { dues: DuesData }> = (data, now) => {
  const waited = duesView(data.dues)
    .claims.filter((c) => !c.decision)
    .map((c) => Date.parse(c.at) + CLAIM_WAIT_DAYS * 86_400_000 + 1);
  return dueAfter(now, [...todayAt(now, DUES_REMINDER_TIME, ARREARS_ALERT_TIME), ...waited]);
};

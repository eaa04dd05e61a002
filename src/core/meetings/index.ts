/**
 * Meetings (SPEC §5): the regular monthly rule, occurrences (moved, cancelled, themed and
 * extraordinary ones), RSVPs, attendance, minutes, the reminder planner and the figures of
 * the reports. Pure: "now" is always a parameter; every date is local to Asia/Ho_Chi_Minh.
 *
 * Contract for other features (report, journal, dues):
 * - `regularMeetingDate(data, month)` → the local date of the month's regular meeting
 *   (moved date if moved; undefined when there is no rule or it was cancelled). Dues use it.
 * - `meetingYearFigures(data, members, year, asOf)` → `MeetingYearFigures`: for the
 *   annual report — meetings held vs planned (regular, themed, extraordinary) and per month,
 *   themed meetings held per quarter (a quarter that ended with none is `flagged`),
 *   attendance per held meeting and the average, absences per member with and without
 *   reason, and the members absent without reason in 3 months of the year (`flagged`).
 *   "Held" means attendance was taken (and the meeting not cancelled). "Planned" counts
 *   every month since the rule existed whose regular date is on or before `asOf` (a
 *   cancelled regular meeting is planned and not held), plus themed and extraordinary
 *   meetings scheduled on or before `asOf` and not cancelled.
 *   Members exempted from activity (state 'exempt' / 'temp_exempt' on the day) are not
 *   expected; only members 'active' on the meeting's day are.
 * - `meetingMonthSummary(data, month, asOf)` → for `/report 11/2024`: the
 *   regular meeting held or not (or cancelled / not yet), attendance of each held meeting.
 * - `meetingMinutes(data, year)` → the minutes of the year (date, content, resolution, by,
 *   at), which the journal lists under "Xây dựng Đảng".
 */
export { DEFAULT_REMINDERS, LEAD_MIN, LEAD_MAX, emptyMeetings } from './model.ts';
export type {
  WeekOfMonth,
  RuleDay,
  MeetingRule,
  RuleVersion,
  MeetingKind,
  ReminderSetting,
  ReminderSlot,
  Rsvp,
  Presence,
  Mark,
  Attendance,
  Minutes,
  MeetingRecord,
  MeetingsData,
  Occurrence,
  MeetingView,
  MeetingChange,
  MeetingNotice,
} from './model.ts';
export {
  regularId,
  ruleFor,
  latestRule,
  ruleDate,
  regularOccurrence,
  occurrence,
  occurrencesBetween,
  upcoming,
  recentlyStarted,
  hasStarted,
  regularMeetingDate,
  isThemed,
  viewOf,
} from './occurrences.ts';
export { planRuleChange, applyRule, sameWhen, recordOf } from './rule.ts';
export type { RuleChangeReason, RuleChange } from './rule.ts';
export {
  TOPIC_MAX,
  REASON_MAX,
  MINUTES_MAX,
  checkWhen,
  move,
  cancel,
  addMeeting,
  makeThemed,
  setRule,
  setReminder,
  answerRsvp,
  openAttendance,
  toggleMark,
  closeAttendance,
  recordMinutes,
} from './commands.ts';
export type { When, NewMeeting, Changed, RuleSet } from './commands.ts';
export { parseRuleDay, checkRuleDay, parseLead, parseDateTime, validPlace, validLines, leadId } from './parse.ts';
export { expectedMembers, rsvpOpen, prefillAttendance, nextPresence, attendanceLine } from './attendance.ts';
export type { AttendanceLine } from './attendance.ts';
export { ABSENCE_FLAG_MONTHS, meetingYearFigures, meetingMonthSummary, meetingMinutes, newAbsenceFlags } from './figures.ts';
export type { Counted, MemberAbsences, QuarterFigures, MeetingYearFigures, MeetingMonthSummary, MinutesEntry } from './figures.ts';
export { reminderWindow, planMeetings, nextMeetingsDue, announceChange, isReminderKeyOf, absenceNotices } from './planner.ts';

/**
 * Meetings: the regular rule, occurrences, RSVPs, attendance and minutes. Pure. (issue 3)
 * STUB: replaced by the meetings feature.
 */
import type { PlannerInput, Planner } from './planner.ts';
import type { LocalDate, Month } from './time.ts';

export interface MeetingsData {}

export function emptyMeetings(): MeetingsData {
  return {};
}

/** Notices of the meetings feature (reminders, announcements). */
export type MeetingNotice = never;

export const planMeetings: Planner<PlannerInput & { meetings: MeetingsData }> = () => [];

/**
 * CONTRACT used by the dues feature (the default dues day is the regular meeting's day):
 * the local date of the regular meeting of `month`, if the cell has a rule and that
 * occurrence was not cancelled (a moved occurrence gives its new date).
 */
export function regularMeetingDate(_data: MeetingsData, _month: Month): LocalDate | undefined {
  return undefined;
}

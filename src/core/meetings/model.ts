/** Meetings: the stored data, the occurrence as it happens, and the notices of the feature. */
import type { HourMinute, LocalDate, Month } from '../time.ts';

/** 1–4: first … fourth week; 'last': the last such weekday of the month. */
export type WeekOfMonth = 1 | 2 | 3 | 4 | 'last';

/** Which day of each month: a fixed day (1–28), or a weekday (0 = Sunday … 6) of a week. */
export type RuleDay = { kind: 'day'; day: number } | { kind: 'weekday'; weekday: number; week: WeekOfMonth };

export interface MeetingRule {
  on: RuleDay;
  time: HourMinute;
  place: string;
}

/** A rule applies from its month until the next version's month. */
export interface RuleVersion {
  from: Month;
  rule: MeetingRule;
  setAt: string;
  by: string;
}

export type MeetingKind = 'regular' | 'themed' | 'extraordinary';

/** A reminder: how long before the start, to the group or not, privately to whom. */
export interface ReminderSetting {
  minutes: number;
  group: boolean;
  private: 'all' | 'unanswered' | 'none';
}

export type ReminderSlot = ReminderSetting | null;

export const DEFAULT_REMINDERS: readonly ReminderSetting[] = [
  { minutes: 3 * 1440, group: true, private: 'all' },
  { minutes: 1440, group: false, private: 'unanswered' },
  { minutes: 120, group: true, private: 'none' },
];

/** Shortest and longest reminder lead. */
export const LEAD_MIN = 10;

export const LEAD_MAX = 14 * 1440;

export interface Rsvp {
  answer: 'yes' | 'no';
  reason?: string;
  at: string;
}

export type Presence = 'present' | 'excused' | 'unexcused';

export interface Mark {
  status: Presence;
  reason?: string;
}

export interface Attendance {
  takenAt: string;
  by: string;
  /** Member id → presence, for every member expected on the day. */
  marks: Record<string, Mark>;
  /** Set when the committee pressed "Xong". */
  closedAt?: string;
}

export interface Minutes {
  content: string;
  resolution: string;
  by: string;
  at: string;
}

/**
 * What is stored about one occurrence. A regular occurrence exists without a record (it
 * follows from the rule); its record holds a move, a cancellation, RSVPs and so on.
 * Themed and extraordinary meetings always have a record with their date, time and place.
 */
export interface MeetingRecord {
  id: string;
  kind: MeetingKind;
  /** Themed / extraordinary: the schedule. Regular: set only when this occurrence was moved. */
  date?: LocalDate;
  time?: HourMinute;
  place?: string;
  /**
   * Themed: the topic (chuyên đề); extraordinary: what it is about, if given; regular: the
   * topic of a themed meeting combined with the monthly one (the rules allow it).
   */
  topic?: string;
  createdAt?: string;
  createdBy?: string;
  /** Counts the announced changes (keys of the announcements). */
  rev: number;
  cancelled?: { at: string; by: string };
  rsvp: Record<string, Rsvp>;
  attendance?: Attendance;
  minutes?: Minutes;
}

export interface MeetingsData {
  rules: RuleVersion[];
  /** Three reminder slots, each on (a setting) or off (null). */
  reminders: ReminderSlot[];
  records: Record<string, MeetingRecord>;
  /** Year → members already flagged to the secretary for 3 months of unexcused absence. */
  absenceAlerts: Record<string, string[]>;
}

export function emptyMeetings(): MeetingsData {
  return { rules: [], reminders: DEFAULT_REMINDERS.map((r) => ({ ...r })), records: {}, absenceAlerts: {} };
}

/** An occurrence as it will happen (or happened). */
export interface Occurrence {
  id: string;
  kind: MeetingKind;
  /** The month whose meeting it is (a regular one keeps its month when moved). */
  month: Month;
  date: LocalDate;
  time: HourMinute;
  place: string;
  topic?: string;
  /** ISO instant of the start. */
  start: string;
  cancelled: boolean;
  /** A regular occurrence moved away from the rule's date, time or place. */
  moved: boolean;
  record?: MeetingRecord;
}

/** What a notice needs to say about a meeting. */
export type MeetingView = Pick<Occurrence, 'kind' | 'month' | 'date' | 'time' | 'place' | 'topic'>;

/** An announced change: moved (date, time or place), cancelled, added, or a monthly meeting made themed. */
export type MeetingChange = 'moved' | 'cancelled' | 'added' | 'themed';

/** Notices of the meetings feature (reminders, announcements, the secretary's alerts). */
export type MeetingNotice =
  | { kind: 'meeting.reminder'; cellId: string; occurrenceId: string; meeting: MeetingView; to: 'group' | 'member'; rsvp?: 'yes' | 'no' }
  | { kind: 'meeting.changed'; cellId: string; occurrenceId: string; change: MeetingChange; meeting: MeetingView; before?: MeetingView; to: 'group' | 'member' }
  | { kind: 'meeting.attendance'; cellId: string; occurrenceId: string; meeting: MeetingView }
  | { kind: 'meeting.absences'; name: string; year: number; months: Month[] };

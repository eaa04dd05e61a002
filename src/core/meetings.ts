/** Meetings: the regular rule, occurrences, RSVPs, attendance and minutes. Pure. (issue 3) */
export interface MeetingsData {}

export function emptyMeetings(): MeetingsData {
  return {};
}

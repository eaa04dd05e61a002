/** Renderers of the meetings feature's notices. Group messages carry no buttons and nothing personal. */
import type { Renderers } from './types.ts';
import type { MeetingNotice } from '../../core/meetings/index.ts';
import { cbMeeting } from '../callback-data.ts';
import { inline, type Button } from '../keyboards.ts';
import { t } from '../texts/index.ts';

const T = t.meetings;

/** "✅ Tham dự" / "❌ Vắng" for one occurrence. */
export function rsvpRow(cellId: string, occurrenceId: string): Button[] {
  return [
    { text: T.yes, data: cbMeeting.make({ cell: cellId, action: 'y', id: occurrenceId, arg: '' }) },
    { text: T.no, data: cbMeeting.make({ cell: cellId, action: 'n', id: occurrenceId, arg: '' }) },
  ];
}

const rsvpButtons = (cellId: string, occurrenceId: string) => inline([rsvpRow(cellId, occurrenceId)]).reply_markup;

export const meetingsNotices: Renderers<MeetingNotice['kind']> = {
  'meeting.reminder': (n) =>
    n.to === 'group'
      ? { text: `${T.reminder(n.meeting)}\n${T.groupHint}` }
      : { text: `${T.reminder(n.meeting)}\n${n.rsvp ? T.reminderAnswered(n.rsvp) : T.reminderAsk}`, markup: rsvpButtons(n.cellId, n.occurrenceId) },
  'meeting.changed': (n) => {
    const text =
      n.change === 'moved'
        ? T.changedMoved(n.meeting, n.before)
        : n.change === 'cancelled'
          ? T.changedCancelled(n.meeting)
          : n.change === 'added'
            ? T.changedAdded(n.meeting)
            : T.changedThemed(n.meeting);
    if (n.to === 'group') return { text: n.change === 'cancelled' ? text : `${text}\n${T.groupHint}` };
    if (n.change === 'cancelled') return { text };
    return { text: `${text}\n${T.askAgain}`, markup: rsvpButtons(n.cellId, n.occurrenceId) };
  },
  'meeting.attendance': (n) => ({
    text: T.attendanceNudge(n.meeting),
    markup: inline([[{ text: T.attendance, data: cbMeeting.make({ cell: n.cellId, action: 'at', id: n.occurrenceId, arg: '' }) }]]).reply_markup,
  }),
  'meeting.absences': (n) => ({ text: T.absences(n.name, n.year, n.months) }),
};

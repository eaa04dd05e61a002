/** Renderers of the meetings feature's notices. Group messages carry no buttons and nothing personal. */
import type { Renderers } from './types.ts';
import type { MeetingNotice } from '../../core/meetings/index.ts';
import { cbMeeting, type MeetingAction } from '../callback-data.ts';
import { inline, type Button } from '../keyboards.ts';
import { t } from '../texts/index.ts';

const T = t.meetings;

/** A meetings button (the one maker of `mt:` data, for the notices and the feature alike). */
export const meetingButton = (cellId: string, text: string, action: MeetingAction, id = '-', arg = ''): Button => ({ text, data: cbMeeting.make({ cell: cellId, action, id, arg }) });

/** "✅ Tham dự" / "❌ Vắng" for one occurrence. */
export function rsvpRow(cellId: string, occurrenceId: string): Button[] {
  return [meetingButton(cellId, T.yes, 'y', occurrenceId), meetingButton(cellId, T.no, 'n', occurrenceId)];
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
    markup: inline([[meetingButton(n.cellId, T.attendance, 'at', n.occurrenceId)]]).reply_markup,
  }),
  'meeting.absences': (n) => ({ text: T.absences(n.name, n.year, n.months) }),
};

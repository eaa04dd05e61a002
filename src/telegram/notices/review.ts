/** Renderers of the review feature's notices: the invitation, reminders, the committee's summary. */
import type { Renderers } from './types.ts';
import type { ReviewNotice } from '../../core/review/index.ts';
import { cbReview } from '../callback-data.ts';
import { inline } from '../keyboards.ts';
import { t } from '../texts/index.ts';

const T = t.review;

const button = (cellId: string, text: string, action: 'start' | 'panel', year: number) => inline([[{ text, data: cbReview.make({ cell: cellId, action, id: year, arg: '' }) }]]).reply_markup;

export const reviewNotices: Renderers<ReviewNotice['kind']> = {
  'review.invite': (n) => ({ text: T.invite(n.year, n.deadline), markup: button(n.cellId, T.start, 'start', n.year) }),
  'review.reminder': (n) => ({ text: T.reminder(n.year, n.deadline, n.daysLeft, n.draft), markup: button(n.cellId, n.draft ? T.continue : T.start, 'start', n.year) }),
  'review.summary': (n) => ({ text: T.summary(n), markup: button(n.cellId, T.progressButton, 'panel', n.year) }),
  'review.copy': (n) => ({ text: T.copyCaption(n.year, n.rating) }),
};

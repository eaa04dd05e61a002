/** Renderers of the review feature's notices: the invitation, reminders, the committee's summary. */
import type { RenderEnv, Renderers } from './types.ts';
import type { ReviewNotice } from '../../core/review/index.ts';
import { cbReview } from '../callback-data.ts';
import { inline, webAppButton } from '../keyboards.ts';
import { t } from '../texts/index.ts';

const T = t.review;

const button = (cellId: string, text: string, action: 'start' | 'panel', year: number) => inline([[{ text, data: cbReview.make({ cell: cellId, action, id: year, arg: '' }) }]]).reply_markup;

/** "Bắt đầu kiểm điểm" and, with the Mini App on, "✍️ Viết trên biểu mẫu" beside it; the menu button opens the form too. */
const toWrite = (cellId: string, text: string, year: number, env: RenderEnv) => {
  const chat = { text, data: cbReview.make({ cell: cellId, action: 'start', id: year, arg: '' }) };
  if (!env.webappUrl) return { markup: inline([[chat]]).reply_markup };
  const url = `${env.webappUrl}?page=form`;
  return { markup: inline([[chat, webAppButton(t.webapp.formButton, url)]]).reply_markup, menuButton: { type: 'web_app' as const, text: t.webapp.menuButton, web_app: { url } } };
};

export const reviewNotices: Renderers<ReviewNotice['kind']> = {
  'review.invite': (n, env) => ({ text: T.invite(n.year, n.deadline), ...toWrite(n.cellId, T.start, n.year, env) }),
  'review.reminder': (n, env) => ({ text: T.reminder(n.year, n.deadline, n.daysLeft, n.draft), ...toWrite(n.cellId, n.draft ? T.continue : T.start, n.year, env) }),
  'review.summary': (n) => ({ text: T.summary(n), markup: button(n.cellId, T.progressButton, 'panel', n.year) }),
  'review.copy': (n) => ({ text: T.copyCaption(n.year, n.rating) }),
};

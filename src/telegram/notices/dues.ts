/** Renderers of the dues feature's notices. */
import type { Renderers } from './types.ts';
import type { DuesNotice } from '../../core/dues/index.ts';
import { cbDues } from '../callback-data.ts';
import { inline } from '../keyboards.ts';
import { t } from '../texts/index.ts';

const D = t.dues;

export const duesNotices: Renderers<DuesNotice['kind']> = {
  'dues.reminder': (n) => ({
    text: D.reminder(n.month, n.day, n.amount, n.owedBefore),
    markup: inline([
      [
        { text: D.iPaid, data: cbDues.make({ cell: n.cellId, action: 'cl', id: '', arg: '' }) },
        { text: D.viewMine, data: cbDues.make({ cell: n.cellId, action: 'my', id: '', arg: '' }) },
      ],
    ]).reply_markup,
  }),
  'dues.claim': (n) => ({
    text: D.claimNotice(n.memberName, n.claims, n.waitingDays),
    markup: inline(
      n.claims.map((c) => [
        { text: D.confirmMonth(c.month), data: cbDues.make({ cell: n.cellId, action: 'cok', id: c.id, arg: '' }) },
        { text: D.rejectMonth(c.month), data: cbDues.make({ cell: n.cellId, action: 'cno', id: c.id, arg: '' }) },
      ]),
    ).reply_markup,
  }),
  'dues.claimDecided': (n) => ({ text: n.confirmed ? D.claimConfirmedNotice(n.month, n.amount) : D.claimRejectedNotice(n.month, n.reason ?? '') }),
  'dues.receipt': (n) => ({ text: D.receipt(n.months, n.total, n.method) }),
  'dues.reversed': (n) => ({ text: D.reversedNotice(n.month, n.amount, n.reason) }),
  'dues.arrears': (n) => ({
    text: D.arrearsNotice(n.name, n.year, n.months),
    markup: inline([[{ text: D.viewMember, data: cbDues.make({ cell: n.cellId, action: 'member', id: n.memberId, arg: 'n' }) }]]).reply_markup,
  }),
};

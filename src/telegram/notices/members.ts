import type { Renderers } from './types.ts';
import type { MemberNotice } from '../../core/notices.ts';
import { cbJoinDecision } from '../callback-data.ts';
import { inline } from '../keyboards.ts';
import { t } from '../texts/index.ts';

export const memberNotices: Renderers<MemberNotice['kind']> = {
  'join.request': (n) => ({
    text: `${t.join.request(n.member.name)}\n\n${t.join.requestCard(n.member)}`,
    markup: inline([
      [
        { text: t.join.approve, data: cbJoinDecision.make({ cell: n.cellId, member: n.member.id, accept: 'y' }) },
        { text: t.join.refuse, data: cbJoinDecision.make({ cell: n.cellId, member: n.member.id, accept: 'n' }) },
      ],
    ]).reply_markup,
  }),
  'join.approved': (n) => ({ text: t.join.approved(n.cellName) }),
  'join.refused': (n) => ({ text: t.join.refused(n.cellName) }),
  'secretary.assigned': (n) => ({ text: t.newcell.secretaryAssigned(n.name, n.cellName) }),
  'member.unreachable': (n) => ({ text: t.roster.unreachable(n.name) }),
  'probation.due': (n) => ({ text: t.probation.due(n.name, n.since, n.due) }),
  'group.removed': (n) => ({ text: t.group.removed(n.groupTitle, n.cellName) }),
};

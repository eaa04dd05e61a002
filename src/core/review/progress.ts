/** Who is rated, and how far: sent, draft, not started. */
import { isActive, type Member, sortRoster } from '../members.ts';
import { own } from '../records.ts';
import type { Review, ReviewDraft } from './model.ts';

export type MemberStatus = 'sent' | 'draft' | 'none';

/** Whether the member has a draft of this year's self-evaluation. */
export function hasDraft(drafts: readonly ReviewDraft[] | undefined, memberId: string, year: number): boolean {
  return Boolean(drafts?.some((d) => d.memberId === memberId && d.year === year));
}

/**
 * Who is rated: active members (probationary ones included; exempted ones are not), plus
 * anyone who already sent or was rated in this review before their state changed.
 */
export function isExpected(r: Review, m: Member): boolean {
  return isActive(m) || Boolean(r.submissions[m.id]?.length) || Boolean(r.decisions[m.id]);
}

export function expectedMembers(r: Review, members: Record<string, Member> | readonly Member[]): Member[] {
  const list = Array.isArray(members) ? members : Object.values(members);
  return sortRoster(list.filter((m) => isExpected(r, m)));
}

export function statusOf(r: Review, memberId: string, drafts?: readonly ReviewDraft[]): MemberStatus {
  if (own(r.submissions, memberId)?.length) return 'sent';
  return hasDraft(drafts, memberId, r.year) ? 'draft' : 'none';
}

export interface Progress {
  expected: Member[];
  sent: Member[];
  drafts: Member[];
  notStarted: Member[];
}

export function progressOf(r: Review, members: Record<string, Member> | readonly Member[], drafts?: readonly ReviewDraft[]): Progress {
  const expected = expectedMembers(r, members);
  const by = (s: MemberStatus) => expected.filter((m) => statusOf(r, m.id, drafts) === s);
  return { expected, sent: by('sent'), drafts: by('draft'), notStarted: by('none') };
}

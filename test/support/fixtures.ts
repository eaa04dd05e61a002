/** Plain-value builders for unit tests. */
import type { Member } from '../../src/core/members.ts';

/** An active chính thức member, in the cell since `since` (approved that day). */
export function aMember(id: string | number, over: Partial<Member> = {}, since = '2024-01-01'): Member {
  return {
    id: String(id),
    tgId: Number(id),
    name: `Đảng viên ${id}`,
    gender: 'nam',
    partyStatus: 'chinh_thuc',
    theory: 'so_cap',
    role: 'member',
    collector: false,
    state: 'active',
    history: [{ on: since, state: 'active' }],
    approvedOn: since,
    reachable: true,
    ...over,
  };
}

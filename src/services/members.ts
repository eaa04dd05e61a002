/** Joining, approval, the roster, edits of a member and reachability. */
import {
  isCommitteeRole,
  isInCell,
  sortRoster,
  wasAdmitted,
  type Cell,
  type CivilKind,
  type Gender,
  type Member,
  type MemberState,
  type PartyStatus,
  type Role,
  type TheoryLevel,
} from '../core/members.ts';
import { RuleError } from '../core/result.ts';
import { own } from '../core/records.ts';
import { endSecretaryInvite, hasSecretary, maySeatSecretary, secretaryInviteOpenTo } from '../core/invites.ts';
import { enqueue, type PlannedMessage } from '../core/notices.ts';
import { secretaryChat } from '../core/planner.ts';
import { localDate, type LocalDate } from '../core/time.ts';
import type { CellFile } from '../store/schema.ts';
import type { ServiceDeps } from './deps.ts';
import { endIn } from './dialogs.ts';
import { bindDeps } from './bind.ts';
import { dropIn } from './dialogs.ts';
import { requireActor, whois as findMember } from './access.ts';

export interface Whois {
  cell: Cell;
  member: Member;
}

export type InviteOutcome =
  | { status: 'invalid' }
  | { status: 'member'; cell: Cell } // already a member of this or another cell
  | { status: 'left'; cell: Cell } // was a member of this cell and left it: the secretary restores them with /member
  | { status: 'pending'; cell: Cell }
  | { status: 'apply'; cell: Cell; kind: 'member' | 'secretary' };

export type MemberPatch = Partial<
  Pick<Member, 'name' | 'gender' | 'birthYear' | 'partyStatus' | 'admittedOn' | 'fullOn' | 'theory' | 'role' | 'collector' | 'workplace' | 'govPosition' | 'unionPosition' | 'civilKind' | 'leader'>
>;

/** The answers of the joining dialog, as the dialog stores them. */
export interface Application {
  name: string;
  gender: Gender;
  birthYear: number | null;
  partyStatus: PartyStatus;
  admittedOn: LocalDate | null;
  theory: TheoryLevel;
  /** Cán bộ, công chức, viên chức or none; null in a draft from before the question was asked. */
  civilKind: CivilKind | null;
  /** Đơn vị công tác (the cell's unit unless the member typed another). */
  workplace: string | null;
  monthlyDues: number | null;
}

/** The deps of the member use cases: with the other features' hooks. */
export interface MemberDeps extends ServiceDeps {
  memberHooks?: MemberHooks;
}

export interface MemberHooks {
  /**
   * Inside the write that records a submitted application: other features keep what
   * the applicant gave them (the dues feature keeps the monthly amount).
   */
  onSubmitted?: (d: CellFile, m: Member, a: Application) => void;
}

const now = (deps: ServiceDeps) => deps.clock.now();
const today = (deps: ServiceDeps) => localDate(deps.clock.now());

const whois = async (deps: ServiceDeps, tgId: number): Promise<Whois | undefined> => {
  const w = await findMember(deps.store, tgId);
  return w && { cell: w.cell, member: w.member };
};

const notify = (deps: ServiceDeps, d: CellFile, planned: PlannedMessage[]) => enqueue(d.outbox, planned, now(deps));

function approve(deps: ServiceDeps, m: Member, by: string): void {
  m.state = 'active';
  m.approvedOn = today(deps);
  m.history.push({ on: m.approvedOn, state: 'active', by });
}

/**
 * A user opened an invite link (`/start <code>`). A secretary invite that expired, was
 * revoked, or was opened first by someone else is no invite.
 */
export async function openInvite(deps: ServiceDeps, tgId: number, code: string, tgName: string): Promise<InviteOutcome> {
  const found = await deps.store.invite(code);
  const usable = found?.kind !== 'secretary' || secretaryInviteOpenTo((await deps.store.cell(found.cellId))!.cell, tgId, now(deps));
  return openSeat(deps, tgId, usable ? found : undefined, tgName);
}

/** /newcell "Tôi là bí thư": the admin who made a cell that has no secretary joins it as its secretary, with no link. */
export async function openOwnCell(deps: ServiceDeps, tgId: number, cellId: string, tgName: string): Promise<InviteOutcome> {
  const d = await deps.store.cell(cellId);
  const mine = d !== undefined && d.cell.createdBy === tgId && !hasSecretary(d.members);
  return openSeat(deps, tgId, mine ? { cellId, kind: 'secretary' } : undefined, tgName);
}

/** Starts joining the cell of a valid invite (`inv`; undefined when there is none). */
export async function openSeat(deps: ServiceDeps, tgId: number, inv: { cellId: string; kind: 'member' | 'secretary' } | undefined, tgName: string): Promise<InviteOutcome> {
  const current = await whois(deps, tgId);
  if (current && current.member.state !== 'applying') {
    if (current.member.state === 'pending') return { status: 'pending', cell: current.cell };
    return { status: 'member', cell: current.cell };
  }
  if (!inv) return { status: 'invalid' };
  const invited = await deps.store.cell(inv.cellId);
  const former = own(invited?.members, String(tgId));
  if (former && !isInCell(former) && wasAdmitted(former)) return { status: 'left', cell: invited!.cell };
  if (current && current.cell.id !== inv.cellId) {
    // Switching to another cell's link while half-way through joining: the unfinished application goes.
    await deps.store.updateCell(current.cell.id, (d) => {
      delete d.members[String(tgId)];
      delete d.dialogs[String(tgId)];
    });
  }
  const cell = await deps.store.updateCell(inv.cellId, (d) => {
    // The secretary invite is one-time: from now on it is this user's alone.
    if (inv.kind === 'secretary' && d.cell.secretaryInvite) d.cell.secretaryInviteBy = tgId;
    const existing = d.members[String(tgId)];
    if (!existing || existing.state === 'refused') {
      d.members[String(tgId)] = {
        id: String(tgId),
        tgId,
        name: tgName,
        gender: 'nam',
        partyStatus: 'chinh_thuc',
        theory: 'chua_dao_tao',
        role: 'member',
        collector: false,
        state: 'applying',
        history: existing?.history ?? [],
        reachable: true,
      };
    }
    return d.cell;
  });
  return { status: 'apply', cell, kind: inv.kind };
}

/**
 * The applicant pressed "Gửi". A member invite waits for the secretary's approval; the
 * secretary invite makes the sender the secretary at once and is used up.
 */
export async function submitApplication(deps: MemberDeps, tgId: number, a: Application, inviteKind: 'member' | 'secretary', dialogId: string): Promise<{ approved: boolean; cell: Cell }> {
  const cellId = await deps.store.cellOfUser(tgId);
  if (!cellId) throw new RuleError({ code: 'join.noApplication' });
  return deps.store.updateCell(cellId, (d) => {
    const m = d.members[String(tgId)];
    if (m?.state !== 'applying') throw new RuleError({ code: 'join.noApplication' });
    if (inviteKind === 'secretary' && !maySeatSecretary(d, tgId, now(deps))) throw new RuleError({ code: 'join.inviteUsed' });
    Object.assign(m, {
      name: a.name,
      gender: a.gender,
      partyStatus: a.partyStatus,
      theory: a.theory,
      appliedAt: now(deps).toISOString(),
    });
    if (a.birthYear) m.birthYear = a.birthYear;
    if (a.admittedOn) m.admittedOn = a.admittedOn;
    if (a.civilKind) m.civilKind = a.civilKind;
    if (a.workplace) m.workplace = a.workplace;
    dropIn(d, tgId, dialogId);
    deps.memberHooks?.onSubmitted?.(d, m, a);
    if (inviteKind === 'secretary') {
      for (const other of Object.values(d.members)) if (other.role === 'secretary') other.role = 'committee';
      m.role = 'secretary';
      m.collector = false;
      approve(deps, m, String(tgId));
      endSecretaryInvite(d.cell);
      notify(deps, d, [
        {
          key: `${d.cell.id}:secretary:${m.id}:${m.approvedOn}`,
          chatId: d.cell.createdBy,
          notice: { kind: 'secretary.assigned', cellName: d.cell.name, name: m.name },
        },
      ]);
      return { approved: true, cell: d.cell };
    }
    m.state = 'pending';
    notify(deps, d, [
      {
        key: `${d.cell.id}:join:${m.id}:${m.appliedAt}`,
        chatId: secretaryChat(d),
        notice: {
          kind: 'join.request',
          cellId: d.cell.id,
          member: {
            id: m.id,
            name: m.name,
            gender: m.gender,
            birthYear: m.birthYear,
            partyStatus: m.partyStatus,
            admittedOn: m.admittedOn,
            theory: m.theory,
            civilKind: m.civilKind,
            workplace: m.workplace,
          },
        },
      },
    ]);
    return { approved: false, cell: d.cell };
  });
}

/** Duyệt / Từ chối an application. */
export async function decide(deps: ServiceDeps, actorTgId: number, cellId: string, memberId: string, accept: boolean): Promise<Member> {
  const actor = await requireActor(deps.store, actorTgId, 'cell.manage');
  if (actor.cell.id !== cellId) throw new RuleError({ code: 'forbidden.otherCell' });
  return deps.store.updateCell(cellId, (d) => {
    const m = own(d.members, memberId);
    if (m?.state !== 'pending') throw new RuleError({ code: 'join.alreadyDecided', params: { name: m?.name ?? '' } });
    if (accept) {
      approve(deps, m, String(actorTgId));
      notify(deps, d, [{ key: `${cellId}:approved:${m.id}:${m.approvedOn}`, chatId: m.tgId, memberId: m.id, notice: { kind: 'join.approved', cellName: d.cell.name } }]);
    } else {
      m.state = 'refused';
      notify(deps, d, [{ key: `${cellId}:refused:${m.id}:${m.appliedAt}`, chatId: m.tgId, notice: { kind: 'join.refused', cellName: d.cell.name } }]);
    }
    return m;
  });
}

/** One member record of a cell (any state), by id. */
export async function member(deps: ServiceDeps, cellId: string, memberId: string): Promise<Member | undefined> {
  return own((await deps.store.cell(cellId))?.members, memberId);
}

/** Every member record of a cell by id (any state), as stored. */
export async function memberRecords(deps: ServiceDeps, cellId: string): Promise<Readonly<Record<string, Member>>> {
  return (await deps.store.cellMembers(cellId)) ?? {};
}

/** A user's member record in their cell, read without the rest of the cell (the command menus ask it of thousands at a start). */
export async function recordOf(deps: ServiceDeps, tgId: number): Promise<Member | undefined> {
  const cellId = await deps.store.cellOfUser(tgId);
  return cellId ? (await deps.store.cellMembers(cellId))?.[String(tgId)] : undefined;
}

/**
 * Follows the committed writes that changed a cell's members (`listener(cellId, members,
 * before)`, with the members as the write found them: none for a new cell) or the index's
 * admins (`listener()`). For what follows roles (the command menus): the planner's and the
 * sender's writes, thousands at a province's reminder time, touch neither.
 */
export function follow(deps: ServiceDeps, listener: (cellId?: string, members?: Readonly<Record<string, Member>>, before?: Readonly<Record<string, Member>>) => void): void {
  deps.store.onCommit((shardId, d, before) => {
    if ('members' in d) {
      const was = before && 'members' in before ? before.members : undefined;
      if (was !== d.members) listener(shardId, d.members, was);
    } else if (!before || !('admins' in before) || before.admins !== d.admins) listener();
  });
}

/** Members of the cell now (active and exempted), in roster order. */
export async function roster(deps: ServiceDeps, cellId: string): Promise<Member[]> {
  const d = await deps.store.cell(cellId);
  return d ? sortRoster(Object.values(d.members).filter(isInCell)) : [];
}

/** Everyone who has been a member (for /member: also those who left). */
export async function everyone(deps: ServiceDeps, cellId: string): Promise<Member[]> {
  const d = await deps.store.cell(cellId);
  return d ? sortRoster(Object.values(d.members).filter(wasAdmitted)) : [];
}

export async function pending(deps: ServiceDeps, cellId: string): Promise<Member[]> {
  const d = await deps.store.cell(cellId);
  return d ? Object.values(d.members).filter((m) => m.state === 'pending') : [];
}

export async function committee(deps: ServiceDeps, cellId: string): Promise<Member[]> {
  return (await roster(deps, cellId)).filter((m) => isCommitteeRole(m.role) && m.state === 'active');
}

/** /member: change fields or the role of a member. */
export async function edit(deps: ServiceDeps, actorTgId: number, memberId: string, patch: MemberPatch, ends?: string): Promise<Member> {
  const actor = await requireActor(deps.store, actorTgId, 'cell.manage');
  const userShard = await deps.store.shardOfUser(actorTgId);
  return deps.store.updateCell(actor.cell.id, (d) => {
    endIn(userShard, d, actorTgId, ends);
    const m = own(d.members, memberId);
    if (!m || !wasAdmitted(m)) throw new RuleError({ code: 'member.unknown' });
    if (patch.role && patch.role !== m.role) setRole(d, m, patch.role);
    if (patch.partyStatus === 'chinh_thuc' && m.partyStatus === 'du_bi' && !patch.fullOn) m.fullOn = today(deps);
    if (patch.partyStatus === 'du_bi') delete m.fullOn;
    const { role: _role, ...rest } = patch;
    Object.assign(m, rest);
    // The kind replaces the boolean of files from before it (read by civilKindOf).
    if (patch.civilKind) delete (m as { civilServant?: unknown }).civilServant;
    return m;
  });
}

/** /member: exempt, transfer, remove … — dated, never deleting the member. */
export async function setState(deps: ServiceDeps, actorTgId: number, memberId: string, state: MemberState, on: LocalDate = today(deps), ends?: string): Promise<Member> {
  const actor = await requireActor(deps.store, actorTgId, 'cell.manage');
  const userShard = await deps.store.shardOfUser(actorTgId);
  const known = own(actor.data.members, memberId);
  // The cell the member's user belongs to now (read before the write: a draft's function is synchronous).
  const elsewhere = known ? await deps.store.cellOfUser(known.tgId) : undefined;
  return deps.store.updateCell(actor.cell.id, (d) => {
    endIn(userShard, d, actorTgId, ends);
    const m = own(d.members, memberId);
    if (!m || !wasAdmitted(m)) throw new RuleError({ code: 'member.unknown' });
    if (m.role === 'secretary' && state !== 'active') throw new RuleError({ code: 'member.secretaryState' });
    if (m.state === state) return m;
    // Back in this cell only if the user is in no other cell now (one cell per member).
    if (isInCell({ state }) && elsewhere !== undefined && elsewhere !== actor.cell.id) throw new RuleError({ code: 'member.inOtherCell' });
    m.state = state;
    m.history.push({ on, state, by: String(actorTgId) });
    if (!isInCell(m)) m.collector = false;
    return m;
  });
}

/** A send to this member was refused (403): mark them and tell the committee once. */
export async function markUnreachable(deps: ServiceDeps, cellId: string, memberId: string): Promise<void> {
  const d0 = await deps.store.cell(cellId);
  if (!own(d0?.members, memberId)?.reachable) return;
  await deps.store.updateCell(cellId, (d) => {
    const m = d.members[memberId]!;
    m.reachable = false;
    const since = now(deps).toISOString();
    const recipients = Object.values(d.members).filter((c) => isCommitteeRole(c.role) && c.state === 'active' && c.reachable && c.id !== m.id);
    notify(
      deps,
      d,
      recipients.map((c) => ({
        key: `${cellId}:unreachable:${m.id}:${since}:${c.id}`,
        chatId: c.tgId,
        memberId: c.id,
        notice: { kind: 'member.unreachable' as const, name: m.name },
      })),
    );
  });
}

/** Any update from a member shows they can be reached again. */
export async function markReachable(deps: ServiceDeps, tgId: number): Promise<void> {
  const w = await whois(deps, tgId);
  if (!w || w.member.reachable) return;
  await deps.store.updateCell(w.cell.id, (d) => {
    d.members[String(tgId)]!.reachable = true;
  });
}

/** The use cases above, bound to one set of deps (and the other features' hooks). */
export function memberService(deps: ServiceDeps, hooks: MemberHooks = {}) {
  return bindDeps(
    { ...deps, memberHooks: hooks },
    {
      whois,
      openInvite,
      openOwnCell,
      openSeat,
      submitApplication,
      decide,
      member,
      records: memberRecords,
      recordOf,
      follow,
      roster,
      everyone,
      pending,
      committee,
      edit,
      setState,
      markUnreachable,
      markReachable,
    },
  );
}

/** Only one secretary: naming a new one makes the old one a committee member. */
function setRole(d: CellFile, m: Member, role: Role): void {
  if (m.role === 'secretary' && role !== 'secretary') throw new RuleError({ code: 'member.lastSecretary' });
  if (role === 'secretary') for (const other of Object.values(d.members)) if (other.role === 'secretary') other.role = 'committee';
  m.role = role;
}

export type MemberService = ReturnType<typeof memberService>;

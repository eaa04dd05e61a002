/** The cell, its members, their roles and the rules of who may do what. Pure. */
import type { LocalDate } from './time.ts';
import { fail, ok, type Result } from './result.ts';

export type Gender = 'nam' | 'nu';
export type PartyStatus = 'chinh_thuc' | 'du_bi';
export const THEORY_LEVELS = ['so_cap', 'trung_cap', 'cao_cap', 'cu_nhan', 'chua_dao_tao'] as const;
export type TheoryLevel = (typeof THEORY_LEVELS)[number];

/** bí thư, phó bí thư, chi ủy viên, đảng viên */
export type Role = 'secretary' | 'deputy' | 'committee' | 'member';
export const ROLES: readonly Role[] = ['secretary', 'deputy', 'committee', 'member'];

/**
 * applying: filling the join dialog; pending: waiting for approval; refused: not admitted.
 * active … deceased: a member of the cell, now or before. A member who leaves is marked, never deleted.
 */
export type MemberState =
  | 'applying'
  | 'pending'
  | 'refused'
  | 'active'
  | 'exempt' // miễn công tác và sinh hoạt đảng
  | 'temp_exempt' // tạm miễn
  | 'transferred' // chuyển sinh hoạt đi
  | 'removed' // xóa tên / khai trừ
  | 'deceased';

/** States a secretary may set with /member. */
export const EDITABLE_STATES: readonly MemberState[] = ['active', 'exempt', 'temp_exempt', 'transferred', 'removed', 'deceased'];

export interface StateChange {
  on: LocalDate;
  state: MemberState;
  by?: string;
}

/** Cán bộ, công chức, viên chức (a teacher is a viên chức), or none of these. */
export const CIVIL_KINDS = ['can_bo', 'cong_chuc', 'vien_chuc', 'none'] as const;
export type CivilKind = (typeof CIVIL_KINDS)[number];

export function isCivilKind(v: unknown): v is CivilKind {
  return typeof v === 'string' && (CIVIL_KINDS as readonly string[]).includes(v);
}

/**
 * The member's kind, reading files from before it was asked: they held a boolean
 * `civilServant`, which did not say which of the three; true is read as viên chức (the
 * teachers of the school cells the bot serves), until the secretary sets it in /member.
 */
export function civilKindOf(m: Pick<Member, 'civilKind'> | undefined): CivilKind | undefined {
  if (!m) return undefined;
  if (m.civilKind) return m.civilKind;
  const legacy = (m as { civilServant?: unknown }).civilServant;
  return legacy === true ? 'vien_chuc' : legacy === false ? 'none' : undefined;
}

/** Cán bộ, công chức or viên chức: also rated as such in the review (VII.1 of the form). */
export function isCivilServant(m: Pick<Member, 'civilKind'> | undefined): boolean {
  const kind = civilKindOf(m);
  return kind !== undefined && kind !== 'none';
}

export interface Member {
  /** String of the Telegram user id. */
  id: string;
  tgId: number;
  name: string;
  gender: Gender;
  birthYear?: number;
  partyStatus: PartyStatus;
  /** Ngày kết nạp; given for dự bị members. */
  admittedOn?: LocalDate;
  /** Ngày công nhận đảng viên chính thức, when it happened while the bot kept the books. */
  fullOn?: LocalDate;
  theory: TheoryLevel;
  role: Role;
  /** Thu đảng phí. */
  collector: boolean;
  state: MemberState;
  /** Every state change with its date, the first one being 'active' on approval. */
  history: StateChange[];
  appliedAt?: string;
  approvedOn?: LocalDate;
  /** False after a send was refused with 403 (the member blocked the bot). */
  reachable: boolean;
  /** Đơn vị công tác: asked at joining (default: the cell's unit), editable with /member. */
  workplace?: string;
  /** Identity lines of the self-evaluation form; optional, set with /member. */
  govPosition?: string;
  unionPosition?: string;
  /** Cán bộ, công chức, viên chức or none of these (asked at joining; undefined: not recorded). */
  civilKind?: CivilKind;
  /** Holds a leadership or management post (chooses the variant of the form). */
  leader?: boolean;
}

export interface Cell {
  id: string;
  /** "Chi bộ Trường THCS Phong Hải" */
  name: string;
  /** The party committee above: "Đảng ủy xã Phong Hải" */
  parentName: string;
  /** Place name for dated documents ("Phong Hải, ngày …"); optional. */
  placeName?: string;
  /** The unit the cell belongs to ("Trường THCS Phong Hải"), members' default đơn vị công tác; derived from the name when not set. */
  unitName?: string;
  createdAt: string;
  createdBy: number;
  groupChatId?: number;
  groupTitle?: string;
  /** The member invite code (deep-link payload). */
  inviteCode: string;
  /**
   * The secretary invite (a code that makes its user the secretary), made only when the
   * admin asks for one; see core/invites.ts.
   */
  secretaryInvite?: string;
  /** When the secretary invite stops working (ISO). Without it (older files): 7 days after the cell was made. */
  secretaryInviteUntil?: string;
  /** Who opened the secretary invite first: from then on it is theirs alone. */
  secretaryInviteBy?: number;
}

/** The cell's unit: as set in /settings, or the cell's name without "Chi bộ" ("Chi bộ Trường THCS Phong Hải" → "Trường THCS Phong Hải"). */
export function unitNameOf(cell: Pick<Cell, 'name' | 'unitName'>): string {
  if (cell.unitName?.trim()) return cell.unitName.trim();
  const name = cell.name.trim();
  return name.replace(/^chi\s+bộ\s+/iu, '').trim() || name;
}

/** Letters, digits, spaces and the punctuation of unit names ("Trường THCS số 2, phường 3", "UBND xã (khối A)"). */
const UNIT_CHARS = /^[\p{L}\p{M}\p{N} .,'’()/&\-–]+$/u;
export const UNIT_MAX_CHARS = 120;

/** A typed đơn vị công tác or unit name: 2 to 120 characters, with a letter, no emoji or control characters. */
export function validUnitName(input: string): Result<string> {
  const s = input.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!s) return fail('text.empty');
  const length = [...s].length;
  if (length > UNIT_MAX_CHARS) return fail('text.long', { max: UNIT_MAX_CHARS, length });
  if (!UNIT_CHARS.test(s) || !/\p{L}/u.test(s)) return fail('unit.chars');
  if (length < 2) return fail('unit.short');
  return ok(s);
}

export const IN_CELL: readonly MemberState[] = ['active', 'exempt', 'temp_exempt'];

/** A current member of the cell (including those exempted from activity). */
export function isInCell(m: Pick<Member, 'state'>): boolean {
  return IN_CELL.includes(m.state);
}

/** States of someone who asked to join and was not (yet) admitted. */
const NOT_ADMITTED: readonly MemberState[] = ['applying', 'pending', 'refused'];

/** A member of the cell now or before: admitted (not applying, pending or refused). */
export function wasAdmitted(m: Pick<Member, 'state'>): boolean {
  return !NOT_ADMITTED.includes(m.state);
}

/** Expected at meetings, in dues reminders and in the review. */
export function isActive(m: Pick<Member, 'state'>): boolean {
  return m.state === 'active';
}

export function isCommitteeRole(role: Role): boolean {
  return role === 'secretary' || role === 'deputy' || role === 'committee';
}

/** What a user may do, by role. One table, used by the bot's filters and re-checked by services. */
export type Permission =
  | 'cell.manage' // settings, roster edits, invites, approvals, linking the group, review open/close
  | 'cell.read' // roster with figures, meetings' answers, review progress, journal, report
  | 'dues.collect' // record and confirm payments
  | 'member'; // RSVP, own dues, own self-evaluation

export function can(m: Pick<Member, 'role' | 'collector' | 'state'> | undefined, p: Permission): boolean {
  if (!m || !isInCell(m)) return false;
  switch (p) {
    case 'member':
      return true;
    case 'cell.read':
      return isCommitteeRole(m.role);
    case 'cell.manage':
      return m.role === 'secretary';
    case 'dues.collect':
      return m.collector || isCommitteeRole(m.role);
  }
}

/** The state a member had on a given day (undefined before the bot knew them). */
export function stateOn(m: Pick<Member, 'history'>, day: LocalDate): MemberState | undefined {
  let s: MemberState | undefined;
  for (const h of m.history) {
    if (h.on <= day) s = h.state;
    else break;
  }
  return s;
}

/** Party status on a given day: dự bị until the day they were made full members. */
export function partyStatusOn(m: Pick<Member, 'partyStatus' | 'fullOn'>, day: LocalDate): PartyStatus {
  if (m.partyStatus === 'chinh_thuc' && m.fullOn && m.fullOn > day) return 'du_bi';
  return m.partyStatus;
}

export interface RosterFigures {
  total: number;
  full: number;
  probationary: number;
  male: number;
  female: number;
  theory: Record<TheoryLevel, number>;
  exempt: number;
  unreachable: number;
}

/** Figures of the members in the cell on `day` (all current members when day is omitted). */
export function rosterFigures(members: readonly Member[], day?: LocalDate): RosterFigures {
  const f: RosterFigures = {
    total: 0,
    full: 0,
    probationary: 0,
    male: 0,
    female: 0,
    theory: { so_cap: 0, trung_cap: 0, cao_cap: 0, cu_nhan: 0, chua_dao_tao: 0 },
    exempt: 0,
    unreachable: 0,
  };
  for (const m of members) {
    const state = day ? stateOn(m, day) : m.state;
    if (!state || !IN_CELL.includes(state)) continue;
    f.total++;
    if ((day ? partyStatusOn(m, day) : m.partyStatus) === 'chinh_thuc') f.full++;
    else f.probationary++;
    if (m.gender === 'nam') f.male++;
    else f.female++;
    f.theory[m.theory]++;
    if (state === 'exempt' || state === 'temp_exempt') f.exempt++;
    if (!m.reachable) f.unreachable++;
  }
  return f;
}

const ROLE_ORDER: Record<Role, number> = { secretary: 0, deputy: 1, committee: 2, member: 3 };

/** Roster order: secretary, deputy, committee, then members by name (Vietnamese collation). */
const coll = new Intl.Collator('vi');

export function sortRoster<T extends Pick<Member, 'role' | 'name'>>(members: readonly T[]): T[] {
  return [...members].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || coll.compare(givenName(a.name), givenName(b.name)) || coll.compare(a.name, b.name));
}

/** Vietnamese names sort by the given name, the last word. */
export function givenName(full: string): string {
  const parts = full.trim().split(/\s+/);
  return parts[parts.length - 1] ?? full;
}

/**
 * A dự bị member's 12 months are up on the anniversary of admission: the day the
 * secretary should start xét chuyển đảng chính thức.
 */
export function probationEnds(m: Pick<Member, 'partyStatus' | 'admittedOn'>): LocalDate | undefined {
  if (m.partyStatus !== 'du_bi' || !m.admittedOn) return undefined;
  const y = Number(m.admittedOn.slice(0, 4)) + 1;
  const md = m.admittedOn.slice(4);
  return md === '-02-29' ? `${y}-03-01` : `${y}${md}`;
}

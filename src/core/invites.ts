/**
 * The secretary invite and the setup code: who may use them, and until when. Pure: "now"
 * is a parameter.
 *
 * The secretary invite makes its user the cell's secretary without approval, so it is made
 * only when the admin asks for one, works for 7 days, belongs to the first user who opens
 * it, ends when used, and the admin can revoke it.
 */
import { isInCell, type Cell, type Member } from './members.ts';

export const SECRETARY_INVITE_DAYS = 7;
const DAY_MS = 86_400_000;

/** When the cell's secretary invite stops working (an invite of an older file: 7 days after the cell was made). */
export function secretaryInviteEnds(cell: Pick<Cell, 'secretaryInvite' | 'secretaryInviteUntil' | 'createdAt'>): Date | undefined {
  if (!cell.secretaryInvite) return undefined;
  return new Date(cell.secretaryInviteUntil ?? Date.parse(cell.createdAt) + SECRETARY_INVITE_DAYS * DAY_MS);
}

/** Whether `tgId` may use the secretary invite now: there is one, it has not expired, and nobody else opened it first. */
export function secretaryInviteOpenTo(cell: Cell, tgId: number, now: Date): boolean {
  const ends = secretaryInviteEnds(cell);
  if (!ends || now.getTime() >= ends.getTime()) return false;
  return cell.secretaryInviteBy === undefined || cell.secretaryInviteBy === tgId;
}

/** A new secretary invite (the old one, if any, stops working). */
export function issueSecretaryInvite(cell: Cell, code: string, now: Date): void {
  cell.secretaryInvite = code;
  cell.secretaryInviteUntil = new Date(now.getTime() + SECRETARY_INVITE_DAYS * DAY_MS).toISOString();
  delete cell.secretaryInviteBy;
}

/** Used up or revoked. */
export function endSecretaryInvite(cell: Cell): void {
  delete cell.secretaryInvite;
  delete cell.secretaryInviteUntil;
  delete cell.secretaryInviteBy;
}

export function hasSecretary(members: Readonly<Record<string, Member>>): boolean {
  return Object.values(members).some((m) => m.role === 'secretary' && isInCell(m));
}

/**
 * Whether `tgId` may become the secretary by the joining dialog: with the secretary invite
 * open to them, or as the admin who made the cell while it has no secretary ("Tôi là bí thư").
 */
export function maySeatSecretary(d: { cell: Cell; members: Readonly<Record<string, Member>> }, tgId: number, now: Date): boolean {
  return secretaryInviteOpenTo(d.cell, tgId, now) || (d.cell.createdBy === tgId && !hasSecretary(d.members));
}

/** Wrong setup codes allowed per user, and for everyone together, in one window. */
export const SETUP_TRIES = { perUser: 5, overall: 20, windowMs: 3_600_000 } as const;

/** Wrong tries of the setup code in the last window: per user, and overall. */
export interface SetupTries {
  byUser: Map<number, number[]>;
  all: number[];
}

/** Whether a user may try the setup code now (wrong tries in the last window under both limits). */
export function mayTrySetup(tries: SetupTries, tgId: number, now: Date): boolean {
  const since = now.getTime() - SETUP_TRIES.windowMs;
  const recent = (xs: readonly number[] | undefined) => (xs ?? []).filter((t) => t > since).length;
  return recent(tries.byUser.get(tgId)) < SETUP_TRIES.perUser && recent(tries.all) < SETUP_TRIES.overall;
}

/** Records a wrong try (and forgets those older than the window). */
export function wrongSetupTry(tries: SetupTries, tgId: number, now: Date): void {
  const since = now.getTime() - SETUP_TRIES.windowMs;
  const t = now.getTime();
  tries.all = [...tries.all.filter((x) => x > since), t];
  tries.byUser.set(tgId, [...(tries.byUser.get(tgId) ?? []).filter((x) => x > since), t]);
  for (const [u, xs] of tries.byUser) if (!xs.some((x) => x > since)) tries.byUser.delete(u);
}

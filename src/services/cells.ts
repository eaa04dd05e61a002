/** Admins, cells, invites and the cell's group. */
import type { Cell } from '../core/members.ts';
import { requireActor } from './access.ts';
import { RuleError } from '../core/result.ts';
import { newCellFile } from '../store/schema.ts';
import type { ServiceDeps } from './deps.ts';
import { endIn } from './dialogs.ts';
import { bindDeps } from './bind.ts';
import { newId, randomCode as defaultCode } from './ids.ts';
import { endSecretaryInvite, issueSecretaryInvite, mayTrySetup, wrongSetupTry, type SetupTries } from '../core/invites.ts';
import { timingSafeEqual } from 'node:crypto';

export interface NewCell {
  name: string;
  parentName: string;
  /** The admin chose to send a secretary invite link. */
  secretaryInvite: boolean;
}

/** Compares two codes in constant time. */
function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const code = (deps: ServiceDeps, length: number) => (deps.randomCode ?? defaultCode)(length);
const noAdmins = (deps: ServiceDeps) => deps.adminIds.length === 0 && deps.store.indexData.admins.length === 0;

const isAdmin = (deps: ServiceDeps, tgId: number) => deps.adminIds.includes(tgId) || deps.store.indexData.admins.includes(tgId);
/** The admin's own cell (made by them). */
const madeBy = (deps: ServiceDeps, adminTgId: number, cellId: string) => {
  if (!isAdmin(deps, adminTgId) || deps.store.cell(cellId)?.cell.createdBy !== adminTgId) throw new RuleError({ code: 'forbidden.admin' });
};

/** The admins who claimed the bot with the setup code (ADMIN_IDS are the config's). */
export function claimedAdmins(deps: ServiceDeps): readonly number[] {
  return deps.store.indexData.admins;
}

export function cell(deps: ServiceDeps, cellId: string): Cell | undefined {
  return deps.store.cell(cellId)?.cell;
}

/** Every cell's id. */
export function allCellIds(deps: ServiceDeps): string[] {
  return deps.store.cellIds();
}

/**
 * `/newcell <code>` when the bot has no admin yet. Wrong codes count per user and for
 * everyone (SETUP_TRIES); over either limit even the right code is refused until the
 * window has passed, so the code cannot be guessed by trying.
 */
export async function claimAdmin(deps: CellDeps, tgId: number, given: string): Promise<boolean> {
  if (!deps.setup.code || !noAdmins(deps)) return false;
  const now = deps.clock.now();
  if (!mayTrySetup(deps.setup.tries, tgId, now)) {
    deps.log.warn('setup code: refused, too many wrong tries', { tgId });
    return false;
  }
  if (!sameCode(given.trim(), deps.setup.code)) {
    wrongSetupTry(deps.setup.tries, tgId, now);
    deps.log.warn('setup code: wrong try', { tgId });
    return false;
  }
  await deps.store.updateIndex((d) => {
    d.admins.push(tgId);
  });
  deps.setup.code = undefined;
  deps.log.info('first admin set with the setup code', { tgId });
  return true;
}

export async function createCell(deps: ServiceDeps, adminTgId: number, input: NewCell): Promise<Cell> {
  if (!isAdmin(deps, adminTgId)) throw new RuleError({ code: 'forbidden.admin' });
  const now = deps.clock.now();
  const cell: Cell = {
    id: newId('c', now),
    name: input.name,
    parentName: input.parentName,
    createdAt: now.toISOString(),
    createdBy: adminTgId,
    inviteCode: code(deps, 12),
  };
  if (input.secretaryInvite) issueSecretaryInvite(cell, code(deps, 12), now);
  await deps.store.createCell(newCellFile(cell));
  return cell;
}

export function cellsOf(deps: ServiceDeps, adminTgId: number): Cell[] {
  return deps.store
    .cellIds()
    .map((id) => deps.store.cell(id)!.cell)
    .filter((c) => c.createdBy === adminTgId);
}

/** A new secretary invite for a cell the admin made (the old one stops working). */
export async function newSecretaryInvite(deps: ServiceDeps, adminTgId: number, cellId: string): Promise<Cell> {
  madeBy(deps, adminTgId, cellId);
  return deps.store.updateCell(cellId, (d) => {
    issueSecretaryInvite(d.cell, code(deps, 12), deps.clock.now());
    return d.cell;
  });
}

/** The admin revokes the secretary invite of a cell they made. */
export async function revokeSecretaryInvite(deps: ServiceDeps, adminTgId: number, cellId: string): Promise<Cell> {
  madeBy(deps, adminTgId, cellId);
  return deps.store.updateCell(cellId, (d) => {
    endSecretaryInvite(d.cell);
    return d.cell;
  });
}

/** `/invite new`: the old member link stops working. */
export async function rotateInvite(deps: ServiceDeps, tgId: number): Promise<Cell> {
  const cellId = requireActor(deps.store, tgId, 'cell.manage').cellId;
  return deps.store.updateCell(cellId, (d) => {
    d.cell.inviteCode = code(deps, 12);
    return d.cell;
  });
}

export async function linkGroup(deps: ServiceDeps, tgId: number, chatId: number, title: string): Promise<Cell> {
  const cellId = requireActor(deps.store, tgId, 'cell.manage').cellId;
  const owner = deps.store.cellIds().find((id) => id !== cellId && deps.store.cell(id)!.cell.groupChatId === chatId);
  if (owner) throw new RuleError({ code: 'group.taken' });
  return deps.store.updateCell(cellId, (d) => {
    d.cell.groupChatId = chatId;
    d.cell.groupTitle = title;
    return d.cell;
  });
}

/** The cell's details; `unitName: null` goes back to the unit derived from the name. */
export async function updateInfo(deps: ServiceDeps, tgId: number, patch: Partial<Pick<Cell, 'name' | 'parentName' | 'placeName'>> & { unitName?: string | null }, ends?: string): Promise<Cell> {
  const cellId = requireActor(deps.store, tgId, 'cell.manage').cellId;
  return deps.store.updateCell(cellId, (d) => {
    endIn(deps.store, d, tgId, ends);
    const { unitName, ...rest } = patch;
    Object.assign(d.cell, rest);
    if (unitName) d.cell.unitName = unitName;
    else if (unitName === null) delete d.cell.unitName;
    return d.cell;
  });
}

/** The use cases above, bound to one set of deps. */
/** The cell use cases' deps: with the one-time setup code and the wrong tries counted (one per service instance). */
export interface CellDeps extends ServiceDeps {
  setup: { code: string | undefined; tries: SetupTries };
}

/** The use cases above, bound to one set of deps; the setup code is made here when the bot has no admin yet. */
export function cellService(deps: ServiceDeps) {
  /** One-time code that makes its sender the first admin when ADMIN_IDS is empty. */
  const setup: CellDeps['setup'] = { code: noAdmins(deps) ? code(deps, 8) : undefined, tries: { byUser: new Map(), all: [] } };
  const bound = bindDeps(
    { ...deps, setup },
    {
      isAdmin,
      claimedAdmins,
      cell,
      ids: allCellIds,
      claimAdmin,
      createCell,
      cellsOf,
      newSecretaryInvite,
      revokeSecretaryInvite,
      rotateInvite,
      linkGroup,
      updateInfo,
    },
  );
  return {
    ...bound,
    get setupCode(): string | undefined {
      return setup.code;
    },
  };
}

export type CellService = ReturnType<typeof cellService>;

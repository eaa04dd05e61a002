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
const noAdmins = async (deps: ServiceDeps) => deps.adminIds.length === 0 && (await deps.store.index()).admins.length === 0;

/** Whether the user is an admin: in ADMIN_IDS, or claimed the bot with the setup code. */
export const isAdmin = async (deps: ServiceDeps, tgId: number): Promise<boolean> => deps.adminIds.includes(tgId) || (await deps.store.index()).admins.includes(tgId);
/** The admin's own cell (made by them). */
const madeBy = async (deps: ServiceDeps, adminTgId: number, cellId: string) => {
  if (!(await isAdmin(deps, adminTgId)) || (await deps.store.cell(cellId))?.cell.createdBy !== adminTgId) throw new RuleError({ code: 'forbidden.admin' });
};

/** The admins who claimed the bot with the setup code (ADMIN_IDS are the config's). */
export async function claimedAdmins(deps: ServiceDeps): Promise<readonly number[]> {
  return (await deps.store.index()).admins;
}

export async function cell(deps: ServiceDeps, cellId: string): Promise<Cell | undefined> {
  return (await deps.store.cell(cellId))?.cell;
}

/** Every cell's id. */
export function allCellIds(deps: ServiceDeps): Promise<string[]> {
  return deps.store.cellIds();
}

/**
 * `/newcell <code>` when the bot has no admin yet. Wrong codes count per user and for
 * everyone (SETUP_TRIES); over either limit even the right code is refused until the
 * window has passed, so the code cannot be guessed by trying.
 */
export async function claimAdmin(deps: CellDeps, tgId: number, given: string): Promise<boolean> {
  const setupCode = await deps.setup.ready();
  if (!setupCode || !(await noAdmins(deps))) return false;
  const now = deps.clock.now();
  if (!mayTrySetup(deps.setup.tries, tgId, now)) {
    deps.log.warn('setup code: refused, too many wrong tries', { tgId });
    return false;
  }
  if (!sameCode(given.trim(), setupCode)) {
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
  if (!(await isAdmin(deps, adminTgId))) throw new RuleError({ code: 'forbidden.admin' });
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

export async function cellsOf(deps: ServiceDeps, adminTgId: number): Promise<Cell[]> {
  return (await deps.store.cellInfos()).filter((c) => c.createdBy === adminTgId);
}

/** A new secretary invite for a cell the admin made (the old one stops working). */
export async function newSecretaryInvite(deps: ServiceDeps, adminTgId: number, cellId: string): Promise<Cell> {
  await madeBy(deps, adminTgId, cellId);
  return deps.store.updateCell(cellId, (d) => {
    issueSecretaryInvite(d.cell, code(deps, 12), deps.clock.now());
    return d.cell;
  });
}

/** The admin revokes the secretary invite of a cell they made. */
export async function revokeSecretaryInvite(deps: ServiceDeps, adminTgId: number, cellId: string): Promise<Cell> {
  await madeBy(deps, adminTgId, cellId);
  return deps.store.updateCell(cellId, (d) => {
    endSecretaryInvite(d.cell);
    return d.cell;
  });
}

/** `/invite new`: the old member link stops working. */
export async function rotateInvite(deps: ServiceDeps, tgId: number): Promise<Cell> {
  const cellId = (await requireActor(deps.store, tgId, 'cell.manage')).cellId;
  return deps.store.updateCell(cellId, (d) => {
    d.cell.inviteCode = code(deps, 12);
    return d.cell;
  });
}

export async function linkGroup(deps: ServiceDeps, tgId: number, chatId: number, title: string): Promise<Cell> {
  const cellId = (await requireActor(deps.store, tgId, 'cell.manage')).cellId;
  // Two cells linking one group at once: the database (a shared engine) refuses the second write.
  const owner = await deps.store.cellOfGroup(chatId);
  if (owner !== undefined && owner !== cellId) throw new RuleError({ code: 'group.taken' });
  return deps.store.updateCell(cellId, (d) => {
    d.cell.groupChatId = chatId;
    d.cell.groupTitle = title;
    return d.cell;
  });
}

/** The cell's details; `unitName: null` goes back to the unit derived from the name. */
export async function updateInfo(deps: ServiceDeps, tgId: number, patch: Partial<Pick<Cell, 'name' | 'parentName' | 'placeName'>> & { unitName?: string | null }, ends?: string): Promise<Cell> {
  const cellId = (await requireActor(deps.store, tgId, 'cell.manage')).cellId;
  const userShard = await deps.store.shardOfUser(tgId);
  return deps.store.updateCell(cellId, (d) => {
    endIn(userShard, d, tgId, ends);
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
  setup: {
    /** Made on the first ask (ready) when the bot had no admin then; undefined otherwise. */
    code: string | undefined;
    tries: SetupTries;
    /** Settles whether there is a setup code, once: resolves with it. */
    ready(): Promise<string | undefined>;
  };
}

/** The use cases above, bound to one set of deps; the setup code is made here when the bot has no admin yet. */
export function cellService(deps: ServiceDeps) {
  /** One-time code that makes its sender the first admin when ADMIN_IDS is empty. */
  let decided: Promise<string | undefined> | undefined;
  const setup: CellDeps['setup'] = {
    code: undefined,
    tries: { byUser: new Map(), all: [] },
    ready: () =>
      (decided ??= noAdmins(deps).then(
        (none) => (setup.code = none ? code(deps, 8) : undefined),
        (e: unknown) => {
          decided = undefined; // asked again next time
          throw e;
        },
      )).then(() => setup.code),
  };
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
    /** The one-time setup code while the bot has no admin (none when it had one at the first ask, or once used). */
    async setupCode(): Promise<string | undefined> {
      return setup.ready();
    },
  };
}

export type CellService = ReturnType<typeof cellService>;

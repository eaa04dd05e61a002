/** Admins, cells, invites and the cell's group. */
import type { Cell } from '../core/members.ts';
import { requireActor } from './access.ts';
import { RuleError } from '../core/result.ts';
import { newCellFile } from '../store/schema.ts';
import type { ServiceDeps } from './deps.ts';
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

export function cellService(deps: ServiceDeps) {
  const { store, clock, adminIds, log } = deps;
  const code = deps.randomCode ?? defaultCode;
  const noAdmins = () => adminIds.length === 0 && store.indexData.admins.length === 0;
  /** One-time code that makes its sender the first admin when ADMIN_IDS is empty. */
  let setupCode: string | undefined = noAdmins() ? code(8) : undefined;
  const setupTries: SetupTries = { byUser: new Map(), all: [] };

  const secretaryOf = (tgId: number) => requireActor(store, tgId, 'cell.manage').cellId;

  const isAdmin = (tgId: number) => adminIds.includes(tgId) || store.indexData.admins.includes(tgId);
  /** The admin's own cell (made by them). */
  const madeBy = (adminTgId: number, cellId: string) => {
    if (!isAdmin(adminTgId) || store.cell(cellId)?.cell.createdBy !== adminTgId) throw new RuleError({ code: 'forbidden.admin' });
  };

  return {
    get setupCode(): string | undefined {
      return setupCode;
    },

    isAdmin,

    /** The admins who claimed the bot with the setup code (ADMIN_IDS are the config's). */
    claimedAdmins(): readonly number[] {
      return store.indexData.admins;
    },

    cell(cellId: string): Cell | undefined {
      return store.cell(cellId)?.cell;
    },

    /** Every cell's id. */
    ids(): string[] {
      return store.cellIds();
    },

    /**
     * `/newcell <code>` when the bot has no admin yet. Wrong codes count per user and for
     * everyone (SETUP_TRIES); over either limit even the right code is refused until the
     * window has passed, so the code cannot be guessed by trying.
     */
    async claimAdmin(tgId: number, given: string): Promise<boolean> {
      if (!setupCode || !noAdmins()) return false;
      const now = clock.now();
      if (!mayTrySetup(setupTries, tgId, now)) {
        log.warn('setup code: refused, too many wrong tries', { tgId });
        return false;
      }
      if (!sameCode(given.trim(), setupCode)) {
        wrongSetupTry(setupTries, tgId, now);
        log.warn('setup code: wrong try', { tgId });
        return false;
      }
      await store.updateIndex((d) => {
        d.admins.push(tgId);
      });
      setupCode = undefined;
      log.info('first admin set with the setup code', { tgId });
      return true;
    },

    async createCell(adminTgId: number, input: NewCell): Promise<Cell> {
      if (!this.isAdmin(adminTgId)) throw new RuleError({ code: 'forbidden.admin' });
      const now = clock.now();
      const cell: Cell = {
        id: newId('c', now),
        name: input.name,
        parentName: input.parentName,
        createdAt: now.toISOString(),
        createdBy: adminTgId,
        inviteCode: code(12),
      };
      if (input.secretaryInvite) issueSecretaryInvite(cell, code(12), now);
      await store.createCell(newCellFile(cell));
      return cell;
    },

    cellsOf(adminTgId: number): Cell[] {
      return store
        .cellIds()
        .map((id) => store.cell(id)!.cell)
        .filter((c) => c.createdBy === adminTgId);
    },

    /** A new secretary invite for a cell the admin made (the old one stops working). */
    async newSecretaryInvite(adminTgId: number, cellId: string): Promise<Cell> {
      madeBy(adminTgId, cellId);
      return store.updateCell(cellId, (d) => {
        issueSecretaryInvite(d.cell, code(12), clock.now());
        return d.cell;
      });
    },

    /** The admin revokes the secretary invite of a cell they made. */
    async revokeSecretaryInvite(adminTgId: number, cellId: string): Promise<Cell> {
      madeBy(adminTgId, cellId);
      return store.updateCell(cellId, (d) => {
        endSecretaryInvite(d.cell);
        return d.cell;
      });
    },

    /** `/invite new`: the old member link stops working. */
    async rotateInvite(tgId: number): Promise<Cell> {
      const cellId = secretaryOf(tgId);
      return store.updateCell(cellId, (d) => {
        d.cell.inviteCode = code(12);
        return d.cell;
      });
    },

    async linkGroup(tgId: number, chatId: number, title: string): Promise<Cell> {
      const cellId = secretaryOf(tgId);
      const owner = store.cellIds().find((id) => id !== cellId && store.cell(id)!.cell.groupChatId === chatId);
      if (owner) throw new RuleError({ code: 'group.taken' });
      return store.updateCell(cellId, (d) => {
        d.cell.groupChatId = chatId;
        d.cell.groupTitle = title;
        return d.cell;
      });
    },

    /** The cell's details; `unitName: null` goes back to the unit derived from the name. */
    async updateInfo(tgId: number, patch: Partial<Pick<Cell, 'name' | 'parentName' | 'placeName'>> & { unitName?: string | null }): Promise<Cell> {
      const cellId = secretaryOf(tgId);
      return store.updateCell(cellId, (d) => {
        const { unitName, ...rest } = patch;
        Object.assign(d.cell, rest);
        if (unitName) d.cell.unitName = unitName;
        else if (unitName === null) delete d.cell.unitName;
        return d.cell;
      });
    },
  };
}

export type CellService = ReturnType<typeof cellService>;

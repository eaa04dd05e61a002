/**
 * The one door for access checks: who acts, in which cell, with which permission; and the
 * one way a core `Result` becomes a value or a RuleError.
 */
import { can, type Cell, type Member, type Permission } from '../core/members.ts';
import { RuleError, type Result } from '../core/result.ts';
import type { CellFile, StoragePort } from '../store/port.ts';

/** The acting member, their cell and the cell's data as it was when checked. */
export interface Actor {
  cellId: string;
  cell: Cell;
  member: Member;
  data: CellFile;
}

/** The refusal for each permission (what the user is told they are not). */
const REFUSAL: Record<Permission, string> = {
  member: 'forbidden.member',
  'cell.read': 'forbidden.committee',
  'cell.manage': 'forbidden.secretary',
  'dues.collect': 'forbidden.collector',
};

/** The member of a cell a user is (current, applying or pending), if any. */
export async function whois(store: StoragePort, tgId: number): Promise<{ cell: Cell; member: Member; data: CellFile } | undefined> {
  const cellId = await store.cellOfUser(tgId);
  const data = cellId ? await store.cell(cellId) : undefined;
  const member = data?.members[String(tgId)];
  return data && member ? { cell: data.cell, member, data } : undefined;
}

/** The user acting, required to hold `permission` in their cell; else the RuleError that says which role it takes. */
export async function requireActor(store: StoragePort, tgId: number, permission: Permission): Promise<Actor> {
  const w = await whois(store, tgId);
  if (!w || !can(w.member, permission)) throw new RuleError({ code: REFUSAL[permission] });
  return { cellId: w.cell.id, cell: w.cell, member: w.member, data: w.data };
}

/** A core result's value, or its error thrown as a RuleError. */
export function must<T>(r: Result<T>): T {
  if (!r.ok) throw new RuleError(r.error);
  return r.value;
}

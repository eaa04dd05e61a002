/** Where the dialog engine keeps each user's dialog states: in the user's cell file, or the index. */
import type { DialogState, UserDialogs } from '../core/dialog-state.ts';
import type { CellFile, IndexFile } from '../store/port.ts';
import type { ServiceDeps } from './deps.ts';
import { bindDeps } from './bind.ts';

const key = (_deps: ServiceDeps, tgId: number) => String(tgId);

export async function get(deps: ServiceDeps, tgId: number): Promise<UserDialogs | undefined> {
  return (await deps.store.shard(await deps.store.shardOfUser(tgId)))?.dialogs[key(deps, tgId)];
}

/** The active dialog's state, if the user is in one. */
export async function active(deps: ServiceDeps, tgId: number): Promise<DialogState | undefined> {
  const ud = await get(deps, tgId);
  return ud?.active ? ud.states[ud.active] : undefined;
}

export async function stateOf(deps: ServiceDeps, tgId: number, dialogId: string): Promise<DialogState | undefined> {
  return (await get(deps, tgId))?.states[dialogId];
}

/** Saves a state; `activate` makes it the dialog that receives the user's text. */
export async function save(deps: ServiceDeps, tgId: number, state: DialogState, activate = true): Promise<void> {
  await deps.store.updateShard(await deps.store.shardOfUser(tgId), (d) => {
    const ud = userDialogs(d, tgId);
    ud.states[state.id] = { ...state, updatedAt: deps.clock.now().toISOString() };
    if (activate) ud.active = state.id;
  });
}

/**
 * Replaces a dialog's state only if it is still what `next` expects, decided inside the write
 * (a compare-and-set): `next` gets the state as stored (or undefined) and returns the new one,
 * or undefined to leave it. Which dialog is active does not change. The Mini App saves the
 * chat's draft this way, so neither side silently overwrites the other.
 */
export async function replaceIf(deps: ServiceDeps, tgId: number, dialogId: string, next: (current: DialogState | undefined) => DialogState | undefined): Promise<DialogState | undefined> {
  return deps.store.updateShard(await deps.store.shardOfUser(tgId), (d) => {
    const replaced = next(d.dialogs[String(tgId)]?.states[dialogId]);
    if (!replaced) return undefined;
    const stored = { ...replaced, id: dialogId, updatedAt: deps.clock.now().toISOString() };
    userDialogs(d, tgId).states[dialogId] = stored;
    return stored;
  });
}

/** Leaves the active dialog; its state stays as a draft when `keep`. */
export async function pause(deps: ServiceDeps, tgId: number, keep: boolean): Promise<DialogState | undefined> {
  const current = await active(deps, tgId);
  if (!current) return undefined;
  await deps.store.updateShard(await deps.store.shardOfUser(tgId), (d) => {
    const ud = userDialogs(d, tgId);
    delete ud.active;
    if (!keep) delete ud.states[current.id];
    tidy(d, tgId);
  });
  return current;
}

/**
 * Ends a dialog (after its finish). A command that ends a dialog takes the dialog's id
 * (`ends`) and drops it in its own write, so that a crash between the two never leaves the
 * result saved and the dialog still asking for it; then this finds nothing left to do.
 */
export async function drop(deps: ServiceDeps, tgId: number, dialogId: string): Promise<void> {
  if (!(await stateOf(deps, tgId, dialogId))) return;
  await deps.store.updateShard(await deps.store.shardOfUser(tgId), (d) => dropIn(d, tgId, dialogId));
}

/** The use cases above, bound to one set of deps. */
export function dialogService(deps: ServiceDeps) {
  return bindDeps(deps, {
    get,
    active,
    state: stateOf,
    save,
    replaceIf,
    pause,
    drop,
  });
}

/** For services that finish a dialog inside their own write. */
export function dropIn(d: CellFile | IndexFile, tgId: number, dialogId: string): void {
  const ud = d.dialogs[String(tgId)];
  if (!ud) return;
  delete ud.states[dialogId];
  if (ud.active === dialogId) delete ud.active;
  tidy(d, tgId);
}

/**
 * Inside a command's write to a cell: ends the acting user's dialog `ends` (the dialog whose
 * finish this command is) when their dialogs live in that cell's file (`userShard`, read
 * before the write: the storage's reads are asynchronous, a draft's function is not).
 */
export function endIn(userShard: string, d: CellFile, tgId: number, ends: string | undefined): void {
  if (ends && userShard === d.cell.id) dropIn(d, tgId, ends);
}

function userDialogs(d: CellFile | IndexFile, tgId: number): UserDialogs {
  return (d.dialogs[String(tgId)] ??= { states: {} });
}

function tidy(d: CellFile | IndexFile, tgId: number): void {
  const ud = d.dialogs[String(tgId)];
  if (ud && !ud.active && Object.keys(ud.states).length === 0) delete d.dialogs[String(tgId)];
}

export type DialogService = ReturnType<typeof dialogService>;

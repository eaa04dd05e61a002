/** Where the dialog engine keeps each user's dialog states: in the user's cell file, or the index. */
import type { DialogState, UserDialogs } from '../core/dialog-state.ts';
import type { CellFile, IndexFile, StoragePort } from '../store/port.ts';
import type { ServiceDeps } from './deps.ts';

export function dialogService({ store, clock }: ServiceDeps) {
  const key = (tgId: number) => String(tgId);
  return {
    get(tgId: number): UserDialogs | undefined {
      return store.shard(store.shardOfUser(tgId))?.dialogs[key(tgId)];
    },

    /** The active dialog's state, if the user is in one. */
    active(tgId: number): DialogState | undefined {
      const ud = this.get(tgId);
      return ud?.active ? ud.states[ud.active] : undefined;
    },

    state(tgId: number, dialogId: string): DialogState | undefined {
      return this.get(tgId)?.states[dialogId];
    },

    /** Saves a state; `activate` makes it the dialog that receives the user's text. */
    async save(tgId: number, state: DialogState, activate = true): Promise<void> {
      await store.updateShard(store.shardOfUser(tgId), (d) => {
        const ud = userDialogs(d, tgId);
        ud.states[state.id] = { ...state, updatedAt: clock.now().toISOString() };
        if (activate) ud.active = state.id;
      });
    },

    /** Leaves the active dialog; its state stays as a draft when `keep`. */
    async pause(tgId: number, keep: boolean): Promise<DialogState | undefined> {
      const current = this.active(tgId);
      if (!current) return undefined;
      await store.updateShard(store.shardOfUser(tgId), (d) => {
        const ud = userDialogs(d, tgId);
        delete ud.active;
        if (!keep) delete ud.states[current.id];
        tidy(d, tgId);
      });
      return current;
    },

    /**
     * Ends a dialog (after its finish). A command that ends a dialog takes the dialog's id
     * (`ends`) and drops it in its own write, so that a crash between the two never leaves the
     * result saved and the dialog still asking for it; then this finds nothing left to do.
     */
    async drop(tgId: number, dialogId: string): Promise<void> {
      if (!this.state(tgId, dialogId)) return;
      await store.updateShard(store.shardOfUser(tgId), (d) => dropIn(d, tgId, dialogId));
    },
  };
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
 * finish this command is) when their dialogs live in that cell's file.
 */
export function endIn(store: StoragePort, d: CellFile, tgId: number, ends: string | undefined): void {
  if (ends && store.shardOfUser(tgId) === d.cell.id) dropIn(d, tgId, ends);
}

function userDialogs(d: CellFile | IndexFile, tgId: number): UserDialogs {
  return (d.dialogs[String(tgId)] ??= { states: {} });
}

function tidy(d: CellFile | IndexFile, tgId: number): void {
  const ud = d.dialogs[String(tgId)];
  if (ud && !ud.active && Object.keys(ud.states).length === 0) delete d.dialogs[String(tgId)];
}

export type DialogService = ReturnType<typeof dialogService>;

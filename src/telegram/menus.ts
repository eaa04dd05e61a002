/**
 * The command menus (setMyCommands), kept in step with the data: one list for private chats
 * and one for groups, and, in their own private chat, the longer list of each user who is
 * more than a member (admin, committee, secretary). Set at start for everyone — an admin of
 * no cell included — and again for a user whenever a write changes what they may do (a new
 * role, a secretary hand-over, leaving), without waiting for them to write.
 */
import type { Telegram } from 'telegraf';
import type { Services } from '../services/index.ts';
import type { Logger } from '../log.ts';
import type { Member } from '../core/members.ts';
import { audiencesFor } from './filters.ts';
import { commandsFor, GROUP_COMMANDS, type CommandInfo } from './texts/help.ts';

const asMenu = (list: readonly CommandInfo[]) => list.map(({ command, description }) => ({ command, description }));
export const PRIVATE_MENU = asMenu(commandsFor(['anyone', 'member']));
export const GROUP_MENU = asMenu(GROUP_COMMANDS);
/** Between two calls of the walk at start (20 a second). */
const WALK_GAP_MS = 50;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The audiences of a user's own menu, joined; '' for the private chats' list (a member, or nobody). */
function ownOf(isAdmin: boolean, member: Member | undefined): string {
  const audiences = audiencesFor(isAdmin, member);
  return audiences.some((a) => a === 'admin' || a === 'committee' || a === 'secretary') ? audiences.join(',') : '';
}

export class CommandMenus {
  /** tgId → the audiences of the menu set in their chat ('?' when a call failed). No entry: the private list. */
  private readonly given = new Map<number, string>();
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly services: Services,
    private readonly telegram: Telegram,
    private readonly adminIds: readonly number[],
    private readonly log: Logger,
  ) {
    services.members.follow((cellId, members, before) => this.committed(cellId, members, before));
  }

  /**
   * At start: the two lists and the admins' own, then — on the instance that sends for the
   * bot, in the background, one cell at a time — the own menu of everyone who is more than a
   * member (a restart forgets nothing). Resolves when the lists and the admins' are set.
   */
  async start(): Promise<void> {
    this.call(() => this.telegram.setMyCommands(PRIVATE_MENU, { scope: { type: 'all_private_chats' } }));
    this.call(() => this.telegram.setMyCommands(GROUP_MENU, { scope: { type: 'all_group_chats' } }));
    const admins = await this.admins();
    for (const tgId of admins) this.refresh(tgId);
    await this.idle();
    if (!(await this.services.outbox.leads())) return;
    this.call(async () => {
      const isAdmin = new Set(admins);
      for (const cellId of await this.services.cells.ids()) {
        const members = await this.services.members.records(cellId);
        // Only those whose menu is not the private chats' one need a call; the rest have it already.
        // Set from this read, in this call: a change written meanwhile queued its own refresh, which
        // runs after the walk and reads the newest. (A refresh each read the member's whole cell
        // again: 12,000 cells' loads after a province's restart, behind the walk, for minutes.)
        for (const m of Object.values(members ?? {})) {
          if (this.stopped) return;
          // Paced: a province has 12,000 such menus, and a burst of calls that long starves the sender beside it.
          if (!isAdmin.has(m.tgId) && ownOf(false, m) && (await this.give(m.tgId, false, m, false))) await sleep(WALK_GAP_MS);
        }
      }
    });
  }

  /** No more calls (the app is stopping); the one being made is answered, the queued ones are dropped. */
  stop(): Promise<void> {
    this.stopped = true;
    return this.idle();
  }

  /** Resolves when every menu call made so far, and every one those queued, has been answered. */
  async idle(): Promise<void> {
    let tail: Promise<void>;
    do {
      tail = this.queue;
      await tail;
    } while (tail !== this.queue);
  }

  private async admins(): Promise<number[]> {
    return [...new Set([...this.adminIds, ...(await this.services.cells.claimedAdmins())])];
  }

  /** A cell's write that changed its members (with them as the write found them), or the index's (the admins may have changed). */
  private committed(cellId: string | undefined, members: Readonly<Record<string, Member>> | undefined, before: Readonly<Record<string, Member>> | undefined): void {
    if (cellId === undefined || !members) {
      this.call(async () => {
        for (const tgId of await this.admins()) this.refresh(tgId);
      });
      return;
    }
    // Versions share what did not change: only the members whose record changed (or left the record) are looked at again.
    // Another instance may have set their menu last: a change of what they may do is sent whatever this one remembers.
    for (const m of Object.values(members)) {
      const was = before?.[m.id];
      if (was !== m) this.refresh(m.tgId, was ? ownOf(false, was) !== ownOf(false, m) : ownOf(false, m) !== '');
    }
    for (const m of Object.values(before ?? {})) if (!members[m.id]) this.refresh(m.tgId, true);
  }

  /**
   * The user's own menu, from what they may do when their turn in the queue comes (read then:
   * the newest). Not sent when this instance set the same one last, unless `force`.
   */
  private refresh(tgId: number, force = false): void {
    this.call(
      async () => {
        const [isAdmin, member] = await Promise.all([this.services.cells.isAdmin(tgId), this.services.members.recordOf(tgId)]);
        await this.give(tgId, isAdmin, member, force);
      },
      () => this.given.set(tgId, '?'),
    );
  }

  /** Sets the user's own menu for what they may do (whether a call was made); a failure is logged, and the menu set again on their next change. */
  private async give(tgId: number, isAdmin: boolean, member: Member | undefined, force: boolean): Promise<boolean> {
    const own = ownOf(isAdmin, member);
    if (!force && (this.given.get(tgId) ?? '') === own) return false;
    if (own) this.given.set(tgId, own);
    else this.given.delete(tgId);
    const scope = { type: 'chat' as const, chat_id: tgId };
    try {
      await (own ? this.telegram.setMyCommands(asMenu(commandsFor(audiencesFor(isAdmin, member))), { scope }) : this.telegram.deleteMyCommands({ scope }));
    } catch (e) {
      this.given.set(tgId, '?');
      this.log.warn('setMyCommands failed', { error: (e as Error).message });
    }
    return true;
  }

  /** One call at a time, in order; a failure is logged and the user's menu set again on the next change. */
  private call(fn: () => Promise<unknown>, onError?: () => void): void {
    this.queue = this.queue
      .then(() => (this.stopped ? undefined : fn()))
      .then(
        () => undefined,
        (e: unknown) => {
          onError?.();
          this.log.warn('setMyCommands failed', { error: (e as Error).message });
        },
      );
  }
}

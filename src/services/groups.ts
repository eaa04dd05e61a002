/** The cell's Telegram group changing under it: upgraded to a supergroup (a new id), or the bot removed. */
import type { Cell } from '../core/members.ts';
import { enqueue } from '../core/notices.ts';
import type { ServiceDeps } from './deps.ts';
import { bindDeps } from './bind.ts';

/**
 * The group became a supergroup with a new id (Telegram's 400 with migrate_to_chat_id, or
 * the migrate service messages): the cell follows it, and whatever waits in the outbox for
 * the old id — the notice that met the error included — goes to the new one. Idempotent.
 */
export async function migrate(deps: ServiceDeps, from: number, to: number): Promise<Cell | undefined> {
  const cellId = await deps.store.cellOfGroup(from);
  if (!cellId) return undefined;
  deps.log.info('group upgraded to a supergroup: the cell follows it', { cellId, from, to });
  return deps.store.updateCell(cellId, (d) => {
    d.cell.groupChatId = to;
    for (const p of d.outbox.pending) {
      if (p.chatId !== from) continue;
      p.chatId = to;
      delete p.attemptedAt;
    }
    return d.cell;
  });
}

/** The bot was removed or kicked from a group: a cell linked to it is unlinked and its secretaries told, privately, once. */
export async function removed(deps: ServiceDeps, chatId: number): Promise<Cell | undefined> {
  const cellId = await deps.store.cellOfGroup(chatId);
  if (!cellId) return undefined;
  const now = deps.clock.now();
  return deps.store.updateCell(cellId, (d) => {
    const groupTitle = d.cell.groupTitle ?? '';
    delete d.cell.groupChatId;
    delete d.cell.groupTitle;
    d.outbox.pending = d.outbox.pending.filter((p) => p.chatId !== chatId);
    const secretaries = Object.values(d.members).filter((m) => m.role === 'secretary' && m.state === 'active');
    enqueue(
      d.outbox,
      secretaries.map((m) => ({
        key: `group.removed:${chatId}:${now.toISOString()}:${m.id}`,
        chatId: m.tgId,
        memberId: m.id,
        notice: { kind: 'group.removed' as const, cellName: d.cell.name, groupTitle },
      })),
      now,
    );
    return d.cell;
  });
}

/** The use cases above, bound to one set of deps. */
export function groupService(deps: ServiceDeps) {
  return bindDeps(deps, {
    migrate,
    removed,
  });
}

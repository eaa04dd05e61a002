/** The cell's Telegram group changing under it: upgraded to a supergroup (a new id), or the bot removed. */
import type { Cell } from '../core/members.ts';
import { enqueue } from '../core/notices.ts';
import type { ServiceDeps } from './deps.ts';

export function groupService({ store, clock, log }: ServiceDeps) {
  const cellOfGroup = (chatId: number) => store.cellIds().find((id) => store.cell(id)!.cell.groupChatId === chatId);

  return {
    /**
     * The group became a supergroup with a new id (Telegram's 400 with migrate_to_chat_id, or
     * the migrate service messages): the cell follows it, and whatever waits in the outbox for
     * the old id — the notice that met the error included — goes to the new one. Idempotent.
     */
    async migrate(from: number, to: number): Promise<Cell | undefined> {
      const cellId = cellOfGroup(from);
      if (!cellId) return undefined;
      log.info('group upgraded to a supergroup: the cell follows it', { cellId, from, to });
      return store.updateCell(cellId, (d) => {
        d.cell.groupChatId = to;
        for (const p of d.outbox.pending) {
          if (p.chatId !== from) continue;
          p.chatId = to;
          delete p.attemptedAt;
        }
        return d.cell;
      });
    },

    /** The bot was removed or kicked from a group: a cell linked to it is unlinked and its secretaries told, privately, once. */
    async removed(chatId: number): Promise<Cell | undefined> {
      const cellId = cellOfGroup(chatId);
      if (!cellId) return undefined;
      const now = clock.now();
      return store.updateCell(cellId, (d) => {
        const groupTitle = d.cell.groupTitle ?? '';
        delete d.cell.groupChatId;
        delete d.cell.groupTitle;
        d.outbox.pending = d.outbox.pending.filter((p) => p.chatId !== chatId);
        const secretaries = Object.values(d.members).filter((m) => m.role === 'secretary' && m.state === 'active');
        enqueue(
          d.outbox,
          secretaries.map((m) => ({ key: `group.removed:${chatId}:${now.toISOString()}:${m.id}`, chatId: m.tgId, memberId: m.id, notice: { kind: 'group.removed' as const, cellName: d.cell.name, groupTitle } })),
          now,
        );
        return d.cell;
      });
    },
  };
}

/**
 * The command menus on a shared database: an instance writes a change of role for a cell it
 * has never read, and the member's own menu follows it (the change is known from what the
 * write found, not from what this instance remembers).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Telegram } from 'telegraf';
import { FakeClock } from '../../src/clock.ts';
import { createLogger } from '../../src/log.ts';
import { createServices } from '../../src/services/index.ts';
import { PgStore } from '../../src/store/postgres/engine.ts';
import { newCellFile } from '../../src/store/schema.ts';
import { CommandMenus } from '../../src/telegram/menus.ts';
import { aMember } from '../support/fixtures.ts';
import { freshDatabase, stopPostgres } from '../support/postgres.ts';

after(stopPostgres);

test('a demotion written by an instance that never saw the cell takes the longer menu away', async () => {
  const url = await freshDatabase();
  const first = await PgStore.open({ url });
  const second = await PgStore.open({ url });
  try {
    const file = newCellFile({ id: 'c1', name: 'Chi bộ Ấp Đông', parentName: 'Đảng ủy xã', createdAt: '2024-11-01T00:00:00.000Z', createdBy: 900, inviteCode: 'inv1' });
    file.members['101'] = aMember(101, { role: 'secretary' });
    file.members['102'] = aMember(102, { role: 'committee' });
    await first.createCell(file);

    const calls: { method: string; chatId: number; commands: string[] }[] = [];
    const telegram = {
      setMyCommands: async (commands: { command: string }[], o: { scope: { chat_id?: number } }) =>
        void calls.push({ method: 'set', chatId: o.scope.chat_id ?? 0, commands: commands.map((c) => c.command) }),
      deleteMyCommands: async (o: { scope: { chat_id?: number } }) => void calls.push({ method: 'delete', chatId: o.scope.chat_id ?? 0, commands: [] }),
    } as unknown as Telegram;
    const services = createServices({ store: second, clock: new FakeClock('2024-11-04T09:00:00+07:00'), log: createLogger({ level: 'error', secrets: [], sink: () => undefined }), adminIds: [] });
    const menus = new CommandMenus(services, telegram, [], createLogger({ level: 'error', secrets: [], sink: () => undefined }));

    await second.updateCell('c1', (d) => void (d.members['102']!.role = 'member'));
    await menus.idle();
    assert.deepEqual(
      calls.filter((c) => c.chatId === 102),
      [{ method: 'delete', chatId: 102, commands: [] }],
    );
    await second.updateCell('c1', (d) => void (d.members['102']!.role = 'deputy'));
    await menus.idle();
    assert.ok(calls.at(-1)!.chatId === 102 && calls.at(-1)!.commands.includes('report'), 'and a promotion gives it');
    assert.ok(!calls.some((c) => c.chatId === 101), 'the secretary, not written, is not looked at');
  } finally {
    await first.close();
    await second.close();
  }
});

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

test("at start, the sender's instance gives each secretary and committee member their menu from the members it read, without loading their cells, paced", async () => {
  const url = await freshDatabase();
  const writer = await PgStore.open({ url });
  const reader = await PgStore.open({ url });
  const probe = await PgStore.open({ url });
  try {
    for (const [id, base] of [
      ['c1', 100],
      ['c2', 200],
    ] as const) {
      const file = newCellFile({ id, name: `Chi bộ ${id}`, parentName: 'Đảng ủy xã', createdAt: '2024-11-01T00:00:00.000Z', createdBy: 900, inviteCode: `inv-${id}` });
      file.members[String(base + 1)] = aMember(base + 1, { role: 'secretary' });
      file.members[String(base + 2)] = aMember(base + 2, { role: 'committee' });
      file.members[String(base + 3)] = aMember(base + 3);
      await writer.createCell(file);
    }
    await probe.index();
    const indexRows = probe.stats.rowsFetched;

    const calls: { chatId: number; commands: string[]; at: number }[] = [];
    const telegram = {
      setMyCommands: async (commands: { command: string }[], o: { scope: { chat_id?: number } }) =>
        void calls.push({ chatId: o.scope.chat_id ?? 0, commands: commands.map((c) => c.command), at: performance.now() }),
      deleteMyCommands: async () => undefined,
    } as unknown as Telegram;
    const log = createLogger({ level: 'error', secrets: [], sink: () => undefined });
    const services = createServices({ store: reader, clock: new FakeClock('2024-11-04T09:00:00+07:00'), log, adminIds: [] });
    const menus = new CommandMenus(services, telegram, [], log);
    await menus.start();
    await menus.idle();
    const own = calls.filter((c) => c.chatId !== 0);
    assert.deepEqual(
      own.map((c) => c.chatId),
      [101, 102, 201, 202],
    );
    assert.ok(own.every((c) => c.commands.includes('report')));
    // 20 a second at most: a province's 12,000 in one burst starved the sender beside them.
    const gaps = own.slice(1).map((c, i) => c.at - own[i]!.at);
    assert.ok(Math.min(...gaps) >= 45, `gaps ${gaps.map((g) => g.toFixed(0)).join(', ')} ms`);
    assert.equal(reader.stats.rowsFetched, indexRows, "only the index's rows were read, no cell's");
  } finally {
    await writer.close();
    await reader.close();
    await probe.close();
  }
});

/**
 * Command menus: private chats and groups get their own lists; an admin who is in no cell
 * sees /newcell; the committee and the secretary see their commands without having to
 * write first; a role change updates that user's menu at once (and back); after a restart
 * every per-user menu is set again.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHarness, type Harness } from '../support/harness.ts';
import { FakeBotApi, type FakeUser } from '../support/fake-bot-api.ts';
import { cellData, usersOf, writeCells } from './world.ts';
import { t } from '../../src/telegram/texts/index.ts';
import type { CellFile } from '../../src/store/schema.ts';

let h: Harness;
let api: FakeBotApi;
let dataDir: string;
let cell: CellFile;
let users: Map<string, FakeUser>;

type Scope = { type: string; chat_id?: number };
const menu = (scope: (s: Scope) => boolean) => api.commands.findLast((c) => scope(c.scope as Scope))?.commands.map((c) => c.command);
const menuOf = (chatId: number) => menu((s) => s.type === 'chat' && Number(s.chat_id) === chatId);

before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'chibo-faults-menus-'));
  cell = cellData({ cellId: 'mn1', year: 2024, asOf: '2024-11-01', members: 8, firstId: 600, review: false });
  await writeCells(dataDir, [cell]);
  api = await FakeBotApi.start();
  users = usersOf(api, cell);
  h = await startHarness({ now: '2024-11-04T09:00:00+07:00', dataDir, api, adminIds: [900] });
});

after(async () => {
  await h.stop();
  await api.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const expectStartMenus = async () => {
  const priv = await api.waitFor(() => menu((s) => s.type === 'all_private_chats'), 5000, 'the private chats menu');
  assert.ok(priv.includes('meeting') && priv.includes('dues') && priv.includes('help'), priv.join(' '));
  assert.ok(!priv.includes('newcell') && !priv.includes('report') && !priv.includes('linkgroup'), priv.join(' '));
  const groups = menu((s) => s.type === 'all_group_chats');
  assert.ok(groups, 'a menu for groups');
  assert.ok(groups.includes('linkgroup') && groups.includes('meeting'), groups.join(' '));
  assert.ok(!groups.includes('dues') && !groups.includes('evaluate') && !groups.includes('newcell'), 'nothing personal in the group menu');
  // Nobody has written yet: an admin of no cell, the secretary and a committee member have their own.
  const admin = await api.waitFor(() => menuOf(900), 5000, "the admin's menu");
  assert.ok(admin.includes('newcell'), admin.join(' '));
  // Theirs follow in the background, cell by cell, once the bot answers.
  const secretary = await api.waitFor(() => menuOf(600), 5000, "the secretary's menu");
  assert.ok(secretary.includes('settings') && secretary.includes('linkgroup') && secretary.includes('report'), String(secretary));
  assert.ok(!secretary.includes('newcell'));
  const deputy = await api.waitFor(() => menuOf(601), 5000, "the committee member's menu");
  assert.ok(deputy?.includes('note') && deputy.includes('report') && !deputy.includes('settings'), String(deputy));
  assert.equal(menuOf(605), undefined, 'a member keeps the private chats menu');
};

test('at start: a list for private chats, another for groups, and their own for an admin in no cell, the secretary and the committee', expectStartMenus);

test("a role change updates that member's menu at once, without the member writing; back to member, the own menu goes", async () => {
  const sec = users.get('600')!;
  const name = cell.members['605']!.name;
  const setRole = async (label: string) => {
    await sec.send('/member');
    await sec.press(name);
    await sec.press('Vai trò');
    await sec.press(label);
  };
  await setRole(t.labels.role.committee);
  assert.equal((await h.app.store.cell('mn1'))!.members['605']!.role, 'committee');
  const own = await api.waitFor(() => menuOf(605), 3000, "the member's own menu");
  assert.ok(own.includes('note') && own.includes('report'), String(own));
  await setRole(t.labels.role.member);
  await api.waitFor(() => menuOf(605)?.length === 0, 3000, 'the own menu deleted: the private chats menu again');
  assert.equal(api.messages.filter((m) => m.chatId === 605 && !m.fromBot).length, 0, 'the member wrote nothing');
});

test('after a restart every menu is set again', async () => {
  api.commands.splice(0);
  await h.restart();
  await expectStartMenus();
});

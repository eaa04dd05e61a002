/**
 * The cell's group changing under the bot. A group upgraded to a supergroup gets a new id:
 * Telegram answers a send to the old id with 400 and `migrate_to_chat_id`, and posts the
 * `migrate_to_chat_id` / `migrate_from_chat_id` service messages. Either way the cell
 * follows its group and the announcement arrives there once. The bot removed or kicked
 * from the group unlinks it and tells the secretary once, privately; the bot added to a
 * group says how to link it.
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

const A_OLD = -4001;
const A_NEW = -1004001;
const B_OLD = -4002;
const B_NEW = -1004002;

let h: Harness;
let api: FakeBotApi;
let dataDir: string;
let users: Map<string, FakeUser>;

before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'chibo-faults-group-'));
  const a = cellData({ cellId: 'ga', year: 2024, asOf: '2024-11-01', members: 6, firstId: 500, review: false, groupChatId: A_OLD });
  const b = cellData({ cellId: 'gb', cellName: 'Chi bộ Thôn Đông', year: 2024, asOf: '2024-11-01', members: 6, firstId: 520, review: false, groupChatId: B_OLD });
  a.cell.groupTitle = 'Chi bộ Trường';
  b.cell.groupTitle = 'Chi bộ Thôn Đông';
  await writeCells(dataDir, [a, b]);
  api = await FakeBotApi.start();
  users = new Map([...usersOf(api, a), ...usersOf(api, b)]);
  api.group({ id: A_OLD, title: 'Chi bộ Trường', type: 'group' });
  api.group({ id: B_OLD, title: 'Chi bộ Thôn Đông', type: 'group' });
  // The meeting of 05/11/2024 is at 14:00; its reminder in the group goes 2 hours before.
  h = await startHarness({ now: '2024-11-05T10:00:00+07:00', dataDir, api });
});

after(async () => {
  await h.stop();
  await api.stop();
  await rm(dataDir, { recursive: true, force: true });
});

test('the bot asks for my_chat_member updates', () => {
  assert.ok((api.allowedUpdates.polling as string[] | undefined)?.includes('my_chat_member'), JSON.stringify(api.allowedUpdates));
});

test('both groups upgraded to supergroups: one found by the 400 of the reminder, one by the service messages; each reminder arrives once, in the new group', async () => {
  api.upgradeGroup(A_OLD, A_NEW, users.get('500')!.user, false);
  api.upgradeGroup(B_OLD, B_NEW, users.get('520')!.user, true);
  await api.waitFor(async () => (await h.app.store.cell('gb'))!.cell.groupChatId === B_NEW, 5000, 'cell B to follow its group from the service messages');
  await h.tickAt('2024-11-05T12:00:00+07:00');
  await h.settle();
  assert.ok(
    api.calls.some((c) => c.chatId === A_OLD && c.status === 400),
    "the reminder met Telegram's 400 at the old id",
  );
  assert.equal((await h.app.store.cell('ga'))!.cell.groupChatId, A_NEW);
  for (const id of [A_NEW, B_NEW]) {
    const got = api.botMessages(id);
    assert.equal(got.length, 1, `group ${id}: ${got.map((m) => m.text).join(' | ')}`);
    assert.match(got[0]!.text, /14:00/);
  }
  assert.equal(api.botMessages(A_OLD).length + api.botMessages(B_OLD).length, 0);
  assert.deepEqual((await h.app.store.cell('ga'))!.outbox.pending, [], 'nothing left waiting for the old id');
  assert.ok(!h.logs.some((l) => /given up/.test(l)), h.logs.filter((l) => /WARN|ERROR/.test(l)).join('\n'));
});

test('the bot kicked from a linked group: unlinked, the secretary told once, privately; the bot added to a group says how to link it', async () => {
  const sec = users.get('520')!;
  const chat = api.chats.get(B_NEW)!;
  await api.handled(api.pushMyChatMember(sec.user, chat, 'member', 'kicked'));
  await h.settle();
  // Telegram tells again (left after kicked): nothing new.
  await api.handled(api.pushMyChatMember(sec.user, chat, 'kicked', 'left'));
  await h.settle();
  assert.equal((await h.app.store.cell('gb'))!.cell.groupChatId, undefined, 'unlinked');
  const told = sec.messages().filter((m) => m.text === t.group.removed('Chi bộ Thôn Đông', 'Chi bộ Thôn Đông'));
  assert.equal(
    told.length,
    1,
    sec
      .messages()
      .map((m) => m.text)
      .join(' | '),
  );
  assert.equal(api.botMessages(B_NEW).length, 1, 'nothing said in the group it was removed from');
  assert.equal((await h.app.store.cell('ga'))!.cell.groupChatId, A_NEW, 'the other cell keeps its group');

  const fresh = api.group({ id: -1009999, title: 'Nhóm mới' });
  await api.handled(api.pushMyChatMember(sec.user, fresh, 'left', 'member'));
  const greeting = api.botMessages(fresh.id);
  assert.equal(greeting.length, 1);
  assert.match(greeting[0]!.text, /\/linkgroup/);
});

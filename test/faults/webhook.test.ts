/**
 * Webhook mode. Telegram's posts reach the bot in TCP pieces that can end inside a
 * Vietnamese letter (2–3 bytes in UTF-8): the fake posts every update a few bytes at a
 * time, and a long note typed in Vietnamese must come back exactly on the dialog's review
 * screen. Only a POST at the secret path with the right secret is handled; a body over
 * 1 MB is refused; the server listens on 127.0.0.1 unless HOST says otherwise.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import { startHarness, type Harness } from '../support/harness.ts';
import { FakeBotApi, type FakeUser } from '../support/fake-bot-api.ts';
import { cellData, usersOf, writeCells } from './world.ts';
import { ConfigError, parseConfig } from '../../src/config.ts';
import { t } from '../../src/telegram/texts/index.ts';

const CHUNK = 5;
const NOTE = Array(18)
  .fill('Chi bộ đã tổ chức học tập, quán triệt Nghị quyết Đại hội Đảng bộ các cấp; đảng viên gương mẫu thực hiện nhiệm vụ chuyên môn, rèn luyện đạo đức, lối sống.')
  .map((s, i) => `${i + 1}. ${s}`)
  .join(' ');

let h: Harness;
let api: FakeBotApi;
let dataDir: string;
let users: Map<string, FakeUser>;
let port: number;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
}

before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'chibo-faults-hook-'));
  const cell = cellData({ cellId: 'w1', year: 2024, asOf: '2024-11-01', members: 6, firstId: 300, review: false });
  await writeCells(dataDir, [cell]);
  api = await FakeBotApi.start();
  users = usersOf(api, cell);
  port = await freePort();
  h = await startHarness({ now: '2024-11-04T09:00:00+07:00', dataDir, api, webhook: { url: new URL('https://chibo.example.vn/tg-hook'), port, host: '127.0.0.1' } });
  api.deliverByWebhook(`http://127.0.0.1:${port}`, CHUNK);
});

after(async () => {
  await h.stop();
  await api.stop();
  await rm(dataDir, { recursive: true, force: true });
});

test('a long Vietnamese note posted a few bytes at a time, cut inside letters, comes back exactly on the review screen', async () => {
  const body = Buffer.from(JSON.stringify({ text: NOTE }), 'utf8');
  const inside = Array.from({ length: Math.floor(body.length / CHUNK) }, (_, i) => (i + 1) * CHUNK).filter((b) => (body[b]! & 0xc0) === 0x80).length;
  assert.ok(inside > 100, `the pieces end inside a letter ${inside} times`);
  assert.ok(api.webhook?.url.endsWith('/tg-hook') && api.webhook.secret, 'the webhook was registered with a secret');

  const deputy = users.get('301')!;
  await deputy.send('/note');
  await deputy.press(t.journal.newEntry);
  // Through the dialog's choices (the first offered) up to the text.
  for (let i = 0; i < 6 && deputy.last()!.text !== t.journal.askText; i++) {
    const last = deputy.last()!;
    const today = last.keyboard?.flat().find((b) => b.text === t.journal.today);
    if (today) await deputy.press(t.journal.today, last);
    else await deputy.pressData(last.keyboard![0]![0]!.callback_data!, last);
  }
  assert.equal(deputy.last()!.text, t.journal.askText);
  await deputy.send(NOTE);
  const review = deputy.last()!.text;
  assert.ok(review.includes(NOTE), `the review shows the note exactly:\n${review.slice(0, 400)}`);
  assert.ok(!review.includes('\uFFFD'));
  assert.ok(api.webhookStatuses.length >= 4 && api.webhookStatuses.every((s) => s === 200), api.webhookStatuses.join(','));
  assert.ok((api.allowedUpdates.webhook as string[] | undefined)?.includes('my_chat_member'), 'the webhook asks for my_chat_member');
});

test('refused without detail: a wrong or missing secret 401, another path 404, another method 405, a body over 1 MB 413; nothing is handled', async () => {
  const update = JSON.stringify({
    update_id: 9_000,
    message: {
      message_id: 1,
      date: 0,
      chat: { id: 301, type: 'private' },
      from: { id: 301, is_bot: false, first_name: 'x' },
      text: '/whoami',
      entities: [{ type: 'bot_command', offset: 0, length: 7 }],
    },
  });
  const mark = users.get('301')!.mark();
  assert.equal(await api.postToWebhook(update, { secret: 'wrong-secret' }), 401);
  assert.equal(await api.postToWebhook(update, { secret: null }), 401);
  assert.equal(await api.postToWebhook(update, { path: '/other' }), 404);
  assert.equal(await api.postToWebhook('', { method: 'GET' }), 405);
  const huge = JSON.stringify({
    update_id: 9_001,
    message: { message_id: 2, date: 0, chat: { id: 301, type: 'private' }, from: { id: 301, is_bot: false, first_name: 'x' }, text: 'Đ'.repeat(600_000) },
  });
  assert.ok(Buffer.byteLength(huge) > 1024 * 1024);
  assert.equal(await api.postToWebhook(huge, { chunkBytes: 64 * 1024 }), 413);
  assert.equal(await api.postToWebhook(huge, { chunkBytes: 64 * 1024, chunked: true }), 413, 'without a content-length, refused once the cap is passed');
  assert.equal(users.get('301')!.mark(), mark, 'none of them was handled');
  assert.equal(await api.postToWebhook(update), 200);
  assert.match(users.get('301')!.last()!.text, /Mã Telegram: 301/);
});

test('HOST: 127.0.0.1 unless set, checked like every setting', () => {
  const env = { BOT_TOKEN: api.token, WEBHOOK_URL: 'https://chibo.example.vn/tg-hook' };
  assert.equal(parseConfig(env).webhook?.host, '127.0.0.1');
  assert.equal(parseConfig({ ...env, HOST: '0.0.0.0' }).webhook?.host, '0.0.0.0');
  assert.equal(parseConfig({ ...env, HOST: '::1' }).webhook?.host, '::1');
  assert.throws(
    () => parseConfig({ ...env, HOST: 'not a host!' }),
    (e: unknown) => e instanceof ConfigError && e.variable === 'HOST',
  );
});

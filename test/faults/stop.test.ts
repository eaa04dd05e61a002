/**
 * Stop: SIGTERM while an update is being handled. The bot (a real process) waits for it —
 * here a press whose answer Telegram refused with a 429, so its handler waits and retries
 * before it saves anything — and exits only once its write is on disk, its reply reached
 * the user and Telegram was told the update was handled; nothing is left to redelivery.
 * The wait is bounded: a handler that would need longer than 10 s is given up, the
 * process still exits cleanly, and that update, unacknowledged, is delivered again.
 */
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeBotApi, type ChatMessage, type FakeUser } from '../support/fake-bot-api.ts';
import { cellData, parseAll, usersOf, writeCells } from './world.ts';
import { MOVED_CLOCK, reap, spawnBot, type BotChild } from './bot-child.ts';
import { t } from '../../src/telegram/texts/index.ts';
import { STOP_WAIT_MS } from '../../src/app.ts';

/** Three days before the meeting of 05/11/2024: its card takes answers. */
const NOW = '2024-11-02T15:00:00+07:00';
const ASK_REASON = 'Xin đồng chí cho biết lý do vắng';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** A bot process serving one cell, a member with the meeting card open. */
async function running(): Promise<{ api: FakeBotApi; dataDir: string; child: BotChild; member: FakeUser; card: ChatMessage }> {
  const api = await FakeBotApi.start();
  const parent = await mkdtemp(path.join(tmpdir(), 'chibo-faults-stop-'));
  const dataDir = path.join(parent, 'data');
  const cell = cellData({ cellId: 'so', year: 2024, asOf: '2024-11-01', members: 5, firstId: 1700, review: false });
  await writeCells(dataDir, [cell]);
  const member = usersOf(api, cell).get('1703')!;
  const child = spawnBot(MOVED_CLOCK, { BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.url, DATA_DIR: dataDir, LOG_LEVEL: 'info', BOT_CLOCK_BASE: NOW, BOT_CLOCK_EPOCH: String(Date.now()) }, parent);
  cleanup = async () => {
    await reap(child);
    await api.stop();
    await rm(parent, { recursive: true, force: true });
  };
  await child.waitFor(/^ready$/m);
  await member.send('/meeting');
  const card = member.messages().find((m) => m.text.startsWith(t.meetings.cardNext) && m.keyboard?.flat().some((b) => b.text === t.meetings.no));
  assert.ok(card, `the meeting card: ${member.last()?.text}`);
  return { api, dataDir, child, member, card };
}

/** Presses ❌ with Telegram answering the press with 429 retry_after; resolves once the bot got the 429. */
async function pressAbsentThrottled(api: FakeBotApi, member: FakeUser, card: ChatMessage, retryAfter: number): Promise<number> {
  api.failNext('answerCallbackQuery', { kind: '429', retryAfter });
  const { button } = member.findButton(t.meetings.no, card);
  const id = api.pushPress(member.user, card, button.callback_data!);
  await api.waitFor(() => api.calls.some((c) => c.method === 'answerCallbackQuery' && c.status === 429), 10_000, 'the throttled answer');
  return id;
}

test('SIGTERM while a press is being handled: the stop waits for it — its dialog is saved, its reply reaches the member, Telegram is told it was handled', async () => {
  const { api, dataDir, child, member, card } = await running();
  const mark = member.mark();
  const id = await pressAbsentThrottled(api, member, card, 2);

  const stopAt = Date.now();
  child.proc.kill('SIGTERM');
  const { code } = await child.exited;
  const took = Date.now() - stopAt;
  assert.equal(code, 0, child.stderr().slice(-2000));
  assert.ok(took < STOP_WAIT_MS, `stopped in ${took} ms`);

  assert.ok(
    member
      .messages()
      .slice(mark)
      .some((m) => m.text.startsWith(ASK_REASON)),
    `the reply reached the member before the exit: ${member.since(mark) || '(nothing)'}`,
  );
  const { cells } = await parseAll(dataDir);
  const saved = cells.get('so')!;
  assert.ok(saved.dialogs[String(member.id)]?.states.mtabsent, 'the question for the reason is saved');
  assert.ok(saved.processedUpdates.includes(id), 'with the update that asked for it');
  await api.handled(id, 200); // Telegram was told: it will not deliver the press again
});

test('a stop waits at most 10 s: a handler that needs longer is given up, the exit is clean, and its update is left for Telegram to deliver again', async () => {
  const { api, dataDir, child, member, card } = await running();
  const mark = member.mark();
  const id = await pressAbsentThrottled(api, member, card, 30);

  const stopAt = Date.now();
  child.proc.kill('SIGTERM');
  const { code } = await child.exited;
  const took = Date.now() - stopAt;
  assert.equal(code, 0, child.stderr().slice(-2000));
  assert.ok(took >= STOP_WAIT_MS - 500 && took < STOP_WAIT_MS + 5_000, `stopped after ${took} ms`);
  assert.match(child.stderr(), /stopped before the work in progress ended/);

  assert.ok(
    !member
      .messages()
      .slice(mark)
      .some((m) => m.text.startsWith(ASK_REASON)),
    'the given-up press was not answered',
  );
  const { cells } = await parseAll(dataDir); // every file parses
  assert.ok(!cells.get('so')!.dialogs[String(member.id)]?.states.mtabsent, 'nor saved');
  await assert.rejects(api.handled(id, 200), 'and not confirmed to Telegram, which delivers it again');
});

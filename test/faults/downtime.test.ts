/**
 * Down for three days: the bot stops, the clock moves on, the bot starts again and sends
 * exactly what is still relevant — across every feature at once, on a seeded cell of 12
 * (meeting on the 5th at 14:00 with the default reminders, a review open from 28/10 with
 * the deadline 08/11, a dues claim waiting, everyone paid up to October):
 * - a 3-day meeting reminder goes out late while the meeting is still 2 days away; the
 *   1-day and 2-hour reminders and the attendance nudge never after their moment;
 * - the dues-day reminder goes out later in the month; a claim waiting 3 days is signalled;
 * - review reminders only on a reminder day, none for the days missed; the summary on
 *   the deadline evening;
 * - nothing sent before a stop is sent again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHarness, type Harness } from '../support/harness.ts';
import { cellData, usersOf, writeCells } from './world.ts';
import { normalizeReview, openYear } from '../../src/core/review/index.ts';
import { monthRange } from '../../src/core/time.ts';
import { t } from '../../src/telegram/texts/index.ts';
import type { Payment } from '../../src/core/dues/index.ts';

const D = t.dues;

function kindOf(text: string): string {
  if (text.startsWith('🔔 Nhắc lịch sinh hoạt')) return 'meeting';
  if (text.startsWith('💰 Ngày')) return 'dues';
  if (text.startsWith('Nhắc: ')) return 'review';
  if (text.startsWith('Hôm nay (')) return 'summary';
  if (text.startsWith('⏳ Báo đóng của')) return 'claimwait';
  if (text.startsWith('Chi bộ đã mở kiểm điểm')) return 'invite';
  return `other: ${text.slice(0, 80)}`;
}

/** What the bot sent since `from` (a message count), by chat, as sorted kinds. */
function sentSince(h: Harness, from: number): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of h.api.messages.slice(from)) if (m.fromBot) (out[m.chatId] ??= []).push(kindOf(m.text));
  for (const k of Object.keys(out)) out[k]!.sort();
  return out;
}

test('down for three days, three times: on each start exactly the reminders still relevant, none twice', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chibo-faults-down-'));
  const cell = cellData({ cellId: 'd1', year: 2024, asOf: '2024-10-31', members: 12, firstId: 500, review: false, groupChatId: -2001 });
  // Everyone paid January to October (no arrears alert in the way), but 505 for October.
  const isPayment = (e: (typeof cell.dues.entries)[number]): e is Payment => e.kind === 'payment';
  cell.dues.entries = cell.dues.entries.filter((e) => !(isPayment(e) && e.memberId === '505' && e.month === '2024-10'));
  const paid = new Set(cell.dues.entries.filter(isPayment).map((e) => `${e.memberId}:${e.month}`));
  for (const m of Object.values(cell.members)) {
    for (const month of monthRange('2024-01', '2024-10')) {
      if (paid.has(`${m.id}:${month}`) || (m.id === '505' && month === '2024-10')) continue;
      const p: Payment = { id: `fill-${m.id}-${month}`, kind: 'payment', memberId: m.id, month, amount: 30_000, method: 'cash', offTurn: false, by: '501', at: '2024-10-20T02:00:00.000Z' };
      cell.dues.entries.push(p);
    }
  }
  cell.review = normalizeReview(cell.review);
  assert.ok(openYear(cell.review, 2024, '500', new Date('2024-10-28T09:00:00+07:00'), '2024-11-08').ok);
  await writeCells(dataDir, [cell]);
  const h = await startHarness({ now: '2024-10-31T09:00:00+07:00', dataDir });
  try {
    h.api.group({ id: -2001, title: cell.cell.name });
    const users = usersOf(h.api, cell);
    const ids = Object.keys(cell.members);
    const [secretary, deputy, committee] = ['500', '501', '502'];
    await h.settle();
    // Running on 31/10: the invitations, the day's review reminder, October's dues reminder to 505 (unpaid) went out; 505 claims October.
    const first = sentSince(h, 0);
    assert.deepEqual(first['505'], ['dues', 'invite', 'review']);
    assert.deepEqual(first['507'], ['invite', 'review']);
    const claimer = users.get('505')!;
    await claimer.send('/dues');
    await claimer.press(D.iPaid);
    await claimer.press(D.byCash);
    assert.equal(claimer.last()!.text, D.claimSent(['2024-10'], 'cash'));
    await h.settle();
    const everything = h.api.messages.length;

    // Down from 31/10 until 03/11 10:00; the meeting is on 05/11 at 14:00.
    let mark = h.api.messages.length;
    await h.restart({ at: '2024-11-03T10:00:00+07:00' });
    await h.settle();
    const gap1: Record<string, string[]> = { '-2001': ['meeting'] };
    for (const id of ids) gap1[id] = ['meeting', 'review'];
    gap1[deputy!] = ['claimwait', 'meeting', 'review'];
    assert.deepEqual(sentSince(h, mark), gap1, "the 3-day reminder late (2 days before), the day's review reminder, the claim waiting 3 days");
    assert.match(
      users
        .get('507')!
        .messages()
        .findLast((m) => m.text.startsWith('🔔'))!.text,
      /05\/11\/2024, 14:00/,
    );

    // Down from 03/11 until 06/11 09:00: the 1-day and 2-hour reminders and the start passed.
    mark = h.api.messages.length;
    await h.restart({ at: '2024-11-06T09:00:00+07:00' });
    await h.settle();
    const gap2: Record<string, string[]> = {};
    for (const id of ids) gap2[id] = ['dues', 'review'];
    assert.deepEqual(sentSince(h, mark), gap2, "the dues-day reminder later in the month and the day's review reminder; nothing of the meeting that started");
    assert.match(
      users
        .get('505')!
        .messages()
        .findLast((m) => m.text.startsWith('💰'))!.text,
      /tháng 11\/2024/,
    );

    // Down from 06/11 until the deadline evening: the reminder of 07/11 is not sent late; the summary is.
    mark = h.api.messages.length;
    await h.restart({ at: '2024-11-08T18:00:00+07:00' });
    await h.settle();
    assert.deepEqual(sentSince(h, mark), { [secretary!]: ['summary'], [deputy!]: ['summary'], [committee!]: ['summary'] });

    // Ticking again repeats nothing, and no chat ever got the same message twice.
    mark = h.api.messages.length;
    await h.tickAt('2024-11-08T18:05:00+07:00');
    await h.restart();
    await h.settle();
    assert.deepEqual(sentSince(h, mark), {});
    for (const chat of [-2001, ...ids.map(Number)]) {
      const texts = h.api.botMessages(chat).map((m) => m.text);
      assert.equal(new Set(texts).size, texts.length, `chat ${chat} got a message twice`);
    }
    assert.ok(h.api.messages.length > everything);
  } finally {
    await h.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

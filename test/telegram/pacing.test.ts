/**
 * The sender's pacing grid (nextOnGrid): a loop that wakes a little late (timers, a busy
 * event loop) still sends the slots it missed, so a fan-out keeps its rate; after a stall it
 * sends only a few at once, so their arrivals never bunch over Telegram's limit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATCH_UP_MS, nextOnGrid } from '../../src/telegram/outbox-sender.ts';

/** The sends of a loop that wakes at each of `wakes` (ms) and sends while the grid allows; per wake. */
function sendsAt(interval: number, wakes: readonly number[], start = 0): number[] {
  let grid = start;
  return wakes.map((now) => {
    let n = 0;
    while (grid <= now) {
      grid = nextOnGrid(grid, now, interval);
      n++;
    }
    return n;
  });
}

test('at the bench’s tenfold pace (280/s), a loop that sleeps until each slot and wakes 1–5 ms late still sends 280 a second', () => {
  const interval = 1000 / 280;
  let grid = 0;
  let sent = 0;
  let now = 0;
  for (let i = 0; now < 10_000; i++) {
    now = grid + 1 + (i % 5); // the timer set for the next slot fires late
    while (grid <= now) {
      grid = nextOnGrid(grid, now, interval);
      sent++;
    }
  }
  assert.ok(sent >= Math.floor(now / interval), `${sent} sent in ${now.toFixed(0)} ms`);
  // The old grid (slack of one slot) lost a slot on every wake later than 3.6 ms.
  let oldGrid = 0;
  let oldSent = 0;
  for (let i = 0, t = 0; t < 10_000; i++) {
    t = oldGrid + 1 + (i % 5);
    while (oldGrid <= t) {
      oldGrid = Math.max(t - interval, oldGrid) + interval;
      oldSent++;
    }
  }
  assert.ok(oldSent < sent * 0.97, `the old grid: ${oldSent}`);
});

test('a loop that wakes on time (a millisecond late) sends one message per slot', () => {
  const interval = 1000 / 28;
  const wakes = Array.from({ length: 280 }, (_, i) => i * interval + 1);
  assert.deepEqual(new Set(sendsAt(interval, wakes)), new Set([1]));
});

test('after a stall, only the slots of CATCH_UP_MS (or of one slot) are sent at once', () => {
  const fast = sendsAt(1000 / 280, [10_000])[0]!;
  assert.ok(fast > 1 && fast <= Math.ceil(CATCH_UP_MS / (1000 / 280)) + 1, `${fast} at once at 280/s`);
  // At Telegram's pace, two at the most: the missed slot and the one due now.
  assert.ok(sendsAt(1000 / 28, [10_000])[0]! <= 2);
});

/**
 * The sender's pacing grid (nextOnGrid): a loop that wakes late sends the slots it missed,
 * so a fan-out keeps its rate on a busy event loop, and never more than CATCH_UP_SLOTS of them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATCH_UP_SLOTS, nextOnGrid } from '../../src/telegram/outbox-sender.ts';

const PER_SECOND = 28;
const INTERVAL = 1000 / PER_SECOND;

/** The sends of a loop that wakes at each of `wakes` (ms) and sends while the grid allows; per wake. */
function sendsAt(wakes: readonly number[], start = 0): number[] {
  let grid = start;
  return wakes.map((now) => {
    let n = 0;
    while (grid <= now) {
      grid = nextOnGrid(grid, now, INTERVAL);
      n++;
    }
    return n;
  });
}

test('a loop that wakes on time (a millisecond late) sends one message per slot', () => {
  const wakes = Array.from({ length: 280 }, (_, i) => i * INTERVAL + 1);
  assert.deepEqual(new Set(sendsAt(wakes)), new Set([1]));
});

test('a loop that wakes only every 100 ms (busy) still sends perSecond messages a second', () => {
  const wakes = Array.from({ length: 100 }, (_, i) => (i + 1) * 100);
  const sent = sendsAt(wakes).reduce((a, b) => a + b, 0);
  // 10 s at 28/s: 280 slots (the first at 0 included), none lost to the late wakes.
  assert.ok(Math.abs(sent - 281) <= 1, `sent ${sent} in 10 s`);
});

test('after a stall, what is sent at once is the slots CATCH_UP_SLOTS allows, and one', () => {
  const [burst] = sendsAt([10_000]);
  assert.ok(burst! >= CATCH_UP_SLOTS && burst! <= CATCH_UP_SLOTS + 1, `${burst} at once`);
  // and after that the grid is back on its pace
  const next = sendsAt([10_000, 10_000 + INTERVAL], 0);
  assert.equal(next[1], 1);
});

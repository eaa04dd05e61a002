/**
 * The planners' next-due instants, checked the way the scheduler uses them: a clock walks
 * minute by minute (a few seconds late, as a cron tick is) over weeks of a cell's life;
 * the cell is planned only when its next-due instant has come, and at every minute in
 * between the planners, asked anyway, must plan nothing that was not planned at the last
 * wake. A next-due instant too late fails here as the message it would have held back.
 * (Asked every 5th minute and at the minute before each wake, to keep the test quick: a
 * message's window is longer than that, so one held back is still seen.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PLANNERS } from '../../src/scheduler/scheduler.ts';
import { addMeeting, type ReminderSetting } from '../../src/core/meetings/index.ts';
import { duesView } from '../../src/core/dues/index.ts';
import { normalizeReview, openYear } from '../../src/core/review/index.ts';
import { instantAt } from '../../src/core/time.ts';
import type { CellFile } from '../../src/store/schema.ts';
import { seedCell } from '../support/seed.ts';

const MINUTE = 60_000;

function keysAt(data: CellFile, t: number): Set<string> {
  return new Set(PLANNERS.flatMap((p) => p.plan(data, new Date(t))).map((m) => m.key));
}

function nextDue(data: CellFile, t: number): number {
  return Math.min(...PLANNERS.map((p) => p.nextDue(data, new Date(t))));
}

const SAMPLE_EVERY = 5;

/** Walks [from, to) a tick a minute; returns how many times the cell was planned and how many keys came up after the first plan. */
function walk(data: CellFile, from: string, to: string, lateBy = 7_000): { wakes: number; later: number } {
  const start = Date.parse(from) + lateBy;
  let known = keysAt(data, start);
  const first = new Set(known);
  const seen = new Set(known);
  let wake = nextDue(data, start);
  let wakes = 1;
  for (let t = start + MINUTE, i = 1; t < Date.parse(to); t += MINUTE, i++) {
    if (t >= wake) {
      known = keysAt(data, t);
      for (const k of known) seen.add(k);
      const next = nextDue(data, t);
      assert.ok(next > t, `the next-due instant ${new Date(next).toISOString()} is not after ${new Date(t).toISOString()}`);
      wake = next;
      wakes++;
      continue;
    }
    if (i % SAMPLE_EVERY && t + MINUTE < wake) continue;
    for (const k of keysAt(data, t)) {
      assert.ok(known.has(k), `${k} is due at ${new Date(t).toISOString()}, but the cell sleeps until ${new Date(wake).toISOString()}`);
    }
  }
  return { wakes, later: [...seen].filter((k) => !first.has(k)).length };
}

/** A seeded cell, with something of each planner due in November–December 2024. */
function busyCell(reminders?: ReminderSetting[]): CellFile {
  const file = seedCell({ cellId: 'c1', year: 2024, asOf: '2024-10-31', members: 12, firstId: 5000, review: false });
  file.cell.groupChatId = -100123;
  if (reminders) file.meetings.reminders = reminders;
  const ids = Object.keys(file.members);
  // A dự bị member whose 12 months end on 20/11.
  Object.assign(file.members[ids[5]!]!, { partyStatus: 'du_bi', admittedOn: '2023-11-20' });
  // Someone who has not paid November and December, and a claim waiting, one decided.
  const dues = duesView(file.dues);
  dues.claims.push({ id: 'k1', memberId: ids[7]!, month: '2024-11', method: 'portal', at: '2024-11-06T10:17:23.000Z' });
  dues.claims.push({ id: 'k2', memberId: ids[8]!, month: '2024-11', method: 'cash', at: '2024-11-02T01:00:00.000Z', decision: { status: 'confirmed', by: ids[1]!, at: '2024-11-03T01:00:00.000Z' } });
  file.dues = dues;
  // An extraordinary meeting at an odd time, added on 03/11.
  const added = addMeeting(file.meetings, 'x1', { kind: 'extraordinary', date: '2024-11-19', time: '07:45', place: 'Hội trường' }, ids[0]!, instantAt('2024-11-03', '09:00'));
  assert.ok(added.ok, 'the extraordinary meeting is added');
  // The review opened on 10/11 with a deadline on 25/11; some members sent nothing.
  const review = normalizeReview(file.review);
  assert.ok(openYear(review, 2024, ids[0]!, instantAt('2024-11-10', '09:00'), '2024-11-25').ok);
  file.review = review;
  return file;
}

test('a cell sleeps between its next-due instants and misses nothing: November–December, the default reminders', () => {
  const { wakes, later } = walk(busyCell(), '2024-11-01T00:00:00+07:00', '2024-12-10T00:00:00+07:00');
  assert.ok(later > 20, `messages came due during the walk (${later}): the walk checks something`);
  assert.ok(wakes < 40 * 8, `woken ${wakes} times in 39 days, not every minute`);
});

test('reminders of odd leads, group only and unanswered only, and a tick a minute late', () => {
  const reminders: ReminderSetting[] = [
    { minutes: 4 * 1440 + 17, group: false, private: 'unanswered' },
    { minutes: 95, group: true, private: 'none' },
    { minutes: 31, group: false, private: 'all' },
  ];
  const { later } = walk(busyCell(reminders), '2024-11-01T00:00:00+07:00', '2024-11-30T00:00:00+07:00', 59_000);
  assert.ok(later > 20);
});

test('a next-due instant is never later than the next local midnight', () => {
  const data = busyCell();
  for (const at of ['2024-11-04T23:59:30+07:00', '2024-12-31T16:59:59Z', '2024-11-19T07:44:00+07:00']) {
    const t = Date.parse(at);
    const next = nextDue(data, t);
    assert.ok(next > t && next <= Date.parse(at.slice(0, 10)) + 2 * 86_400_000, `${at} → ${new Date(next).toISOString()}`);
  }
  // The extraordinary meeting at 07:45: its 2-hours-before reminder opens at 05:45, its start is a nudge.
  assert.equal(new Date(nextDue(data, Date.parse('2024-11-19T05:00:00+07:00'))).toISOString(), '2024-11-18T22:45:00.000Z');
  assert.equal(new Date(nextDue(data, Date.parse('2024-11-19T07:00:00+07:00'))).toISOString(), '2024-11-19T00:45:00.000Z');
});

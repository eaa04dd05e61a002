import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addMonths, instantAt, localDate, localTime, monthRange, TZ } from '../../src/core/time.ts';

/** The zone database's own answer, through Intl. */
const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

test('Vietnam dates and times agree with the zone database, whatever the server zone (also across its summer-time changes)', () => {
  // every 7 hours 13 minutes across several years, both directions
  for (let ms = Date.UTC(2019, 0, 1); ms < Date.UTC(2031, 0, 1); ms += 26_000_000 + 780_000) {
    const [day, time] = wall.format(ms).split(' ') as [string, string];
    assert.equal(localDate(new Date(ms)), day);
    assert.equal(localTime(new Date(ms).toISOString()), time);
    assert.equal(instantAt(day, time).getTime(), ms - (ms % 60_000));
  }
  assert.equal(localDate('2024-12-31T17:00:00Z'), '2025-01-01', 'midnight in Hanoi is 17:00 UTC');
  assert.equal(instantAt('2025-01-01', '00:00').toISOString(), '2024-12-31T17:00:00.000Z');
});

test('month arithmetic across years', () => {
  assert.equal(addMonths('2024-11', 2), '2025-01');
  assert.equal(addMonths('2024-01', -1), '2023-12');
  assert.equal(addMonths('2024-05', -17), '2022-12');
  assert.deepEqual(monthRange('2024-11', '2025-02'), ['2024-11', '2024-12', '2025-01', '2025-02']);
  assert.deepEqual(monthRange('2025-02', '2024-11'), []);
});

test('a server in a zone with summer time computes the same Vietnam times', async () => {
  const { spawnSync } = await import('node:child_process');
  const path = await import('node:path');
  // the night the United States moved their clocks in 2026, and a June afternoon
  const instants = ['2026-03-07T19:52:40.000Z', '2026-03-08T07:30:00.000Z', '2026-06-15T08:00:00.000Z'];
  for (const tz of ['America/New_York', 'Europe/Berlin', 'Australia/Sydney']) {
    const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(import.meta.dirname, 'time-zone-child.ts'), ...instants], {
      env: { ...process.env, TZ: tz },
      encoding: 'utf8',
    });
    assert.deepEqual(JSON.parse(r.stdout), ['2026-03-08 02:52', '2026-03-08 14:30', '2026-06-15 15:00'], tz);
  }
});

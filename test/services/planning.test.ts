/**
 * The planners' tick reads a cell only when its data changed or something of it falls due:
 * at a province's 4,000 cells, reading and planning every cell each minute took most of a core.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeClock } from '../../src/clock.ts';
import { createLogger, type Logger } from '../../src/log.ts';
import { createServices } from '../../src/services/index.ts';
import { PLANNERS } from '../../src/scheduler/scheduler.ts';
import { Store } from '../../src/store/store.ts';
import type { StoragePort } from '../../src/store/port.ts';
import { aMember } from '../support/fixtures.ts';
import { seedCell } from '../support/seed.ts';

/** The store, with every call of `method` counted (its first argument: a cell read's id). */
function counting(store: StoragePort, reads: string[], method: 'cell' | 'backup' = 'cell'): StoragePort {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === method) {
        return (arg: string) => {
          reads.push(arg);
          return target[method](arg);
        };
      }
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** A store in a fresh folder on 04/11/2024 at 09:00, with a clock and a quiet log; closed and removed after `body`. */
async function onFreshStore(body: (store: Store, clock: FakeClock, log: Logger) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'chibo-planning-'));
  const store = await Store.open({ dir, today: '2024-11-04' });
  try {
    await body(store, new FakeClock('2024-11-04T09:00:05+07:00'), createLogger({ level: 'error', secrets: [], sink: () => undefined }));
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

test('a cell is planned again when its data changes or a reminder falls due, not every minute', () =>
  onFreshStore(async (store, clock, log) => {
    const reads: string[] = [];
    const services = createServices({ store: counting(store, reads), clock, log, adminIds: [900] });
    // The regular meeting is on the 5th at 14:00: the 1-day reminder to those who have not answered opens on the 4th at 14:00.
    await store.createCell(seedCell({ cellId: 'c1', year: 2024, asOf: '2024-10-31', members: 10, firstId: 5000, review: false }));
    await store.createCell(seedCell({ cellId: 'c2', year: 2024, asOf: '2024-10-31', members: 6, firstId: 6000, review: false }));
    const tick = async (at: string) => {
      clock.set(at);
      reads.length = 0;
      const queued = await services.planning.tick(PLANNERS);
      return { queued, read: [...reads].sort() };
    };

    assert.deepEqual((await tick('2024-11-04T09:00:05+07:00')).read, ['c1', 'c2'], 'the first tick plans every cell');
    assert.deepEqual(await tick('2024-11-04T09:01:05+07:00'), { queued: 0, read: [] }, 'nothing changed, nothing due: no cell read');

    // A member joins c1: only c1 is read again (nothing is due for them before 14:00).
    await store.updateCell('c1', (d) => {
      d.members['5100'] = aMember(5100, { name: 'Lê Văn Mới' }, '2024-11-04');
    });
    assert.deepEqual(await tick('2024-11-04T09:02:05+07:00'), { queued: 0, read: ['c1'] });
    assert.deepEqual((await tick('2024-11-04T13:59:05+07:00')).read, [], 'asleep until the reminder opens');

    // 14:00: the reminder opens in both cells, the new member's among them.
    const at14 = await tick('2024-11-04T14:00:05+07:00');
    assert.deepEqual(at14.read, ['c1', 'c2']);
    const keys = (await store.cell('c1'))!.outbox.pending.map((p) => p.key);
    assert.ok(at14.queued > 0 && keys.some((k) => k.endsWith(':5100') && k.includes(':d1@202411051400')), `the new member is reminded: ${keys.join(', ')}`);
    assert.deepEqual(await tick('2024-11-04T14:01:05+07:00'), { queued: 0, read: [] }, 'the messages it queued itself do not wake it');

    // Nor do the sender's marks.
    assert.ok(await store.markOutbox('c1', keys[0]!, 'attempt', clock.now()));
    await store.markOutbox('c1', keys[0]!, 'settle', clock.now());
    assert.ok(!(await store.cell('c1'))!.outbox.pending.some((p) => p.key === keys[0]), 'settled');
    assert.deepEqual(await tick('2024-11-04T14:02:05+07:00'), { queued: 0, read: [] });
  }));

test('the daily housekeeping runs once a day, whichever planner runs it: a restart the same day does not repeat it', () =>
  onFreshStore(async (store, clock, log) => {
    const backups: string[] = [];
    const planner = () => createServices({ store: counting(store, backups, 'backup'), clock, log, adminIds: [900] }).planning;
    await store.createCell(seedCell({ cellId: 'c1', year: 2024, asOf: '2024-10-31', members: 4, firstId: 5000, review: false }));
    const first = planner();
    await first.tick(PLANNERS);
    await first.tick(PLANNERS);
    assert.deepEqual(backups, ['2024-11-04'], 'once on the first tick of the day');
    // The process restarts (or another instance takes the planner's role) the same day.
    const second = planner();
    await second.tick(PLANNERS);
    assert.deepEqual(backups, ['2024-11-04'], 'not again the same day');
    clock.set('2024-11-05T00:00:30+07:00');
    await second.tick(PLANNERS);
    assert.deepEqual(backups, ['2024-11-04', '2024-11-05'], 'the next day, once more');
    assert.equal((await store.index()).housekeptOn, '2024-11-05');
  }));

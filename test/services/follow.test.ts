/**
 * What follows roles (the command menus) is told of the writes that changed a cell's
 * members or the index's admins only: at a province's reminder time the planner and the
 * sender write thousands of cells' outboxes, and each call made the menus re-read every
 * committee member of a cell the instance had not seen.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeClock } from '../../src/clock.ts';
import { createLogger } from '../../src/log.ts';
import { createServices } from '../../src/services/index.ts';
import { INDEX_SHARD } from '../../src/store/port.ts';
import { Store } from '../../src/store/store.ts';
import { aMember } from '../support/fixtures.ts';
import { seedCell } from '../support/seed.ts';

test('members.follow: told of member and admin changes, not of outbox, dialog or settings writes', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'chibo-follow-'));
  const store = await Store.open({ dir, today: '2024-11-04' });
  try {
    const services = createServices({ store, clock: new FakeClock('2024-11-04T09:00:00+07:00'), log: createLogger({ level: 'error', secrets: [], sink: () => undefined }), adminIds: [900] });
    await store.createCell(seedCell({ cellId: 'c1', year: 2024, asOf: '2024-10-31', members: 5, firstId: 5000, review: false }));
    const told: string[] = [];
    services.members.follow((cellId, members) => told.push(cellId === undefined ? 'index' : `${cellId}:${Object.keys(members!).length}`));
    const item = (key: string) => ({ key, chatId: 5001, notice: { kind: 'join.approved' as const, cellName: 'Chi bộ' }, createdAt: '2024-11-04T02:00:00.000Z', attempts: 0 });

    await store.updateCell('c1', (d) => void d.outbox.pending.push(item('a')));
    await store.markOutbox('c1', 'a', 'attempt', new Date());
    await store.markOutbox('c1', 'a', 'settle', new Date());
    await store.updateCell('c1', (d) => void (d.cell.placeName = 'Phong Hải'));
    await store.updateShard(INDEX_SHARD, (d) => void d.outbox.pending.push(item('b')));
    assert.deepEqual(told, [], 'nothing a role depends on changed');

    await store.updateCell('c1', (d) => void (d.members['5003']!.role = 'committee'));
    await store.updateCell('c1', (d) => void (d.members['5100'] = aMember(5100)));
    await store.updateIndex((d) => void d.admins.push(901));
    assert.deepEqual(told, ['c1:5', 'c1:6', 'index']);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

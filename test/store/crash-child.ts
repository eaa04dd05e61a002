/**
 * Child process for the crash test: opens the store and performs a burst of actions on
 * three cells at once, each action touching two places of a cell (a new member and the
 * counter), printing "ack <cell> <n>" once the action is durable.
 */
import { Store } from '../../src/store/store.ts';
import { newCellFile } from '../../src/store/schema.ts';
import { aMember } from '../support/fixtures.ts';

const dir = process.argv[2]!;
const store = await Store.open({ dir, today: '2024-11-04' });
const cells = ['c1', 'c2', 'c3'];
for (const id of cells) {
  if (!(await store.cell(id))) {
    await store.createCell(newCellFile({ id, name: id, parentName: 'p', createdAt: '2024-11-04T00:00:00Z', createdBy: 1, inviteCode: `i${id}`, placeName: '0' }));
  }
}
process.stdout.write('ready\n');

async function burst(id: string): Promise<void> {
  for (;;) {
    const n = await store.updateCell(id, (d) => {
      const next = Number(d.cell.placeName) + 1;
      d.members[`m${next}`] = { ...aMember(next, { name: 'x'.repeat(200), history: [] }), id: `m${next}` };
      d.cell.placeName = String(next);
      return next;
    });
    process.stdout.write(`ack ${id} ${n}\n`);
  }
}
await Promise.all(cells.map(burst));

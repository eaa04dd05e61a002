/** The lowdb file engine (src/store/store.ts) against the storage port's contract. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Store } from '../../src/store/store.ts';
import { storageContract } from './contract.ts';

const dirs: string[] = [];
const today = '2024-11-04';

storageContract({
  name: 'files',
  async open() {
    const dir = await mkdtemp(path.join(tmpdir(), 'chibo-contract-'));
    dirs.push(dir);
    return Store.open({ dir, today });
  },
  reopen: () => Store.open({ dir: dirs.at(-1)!, today }),
  dispose: () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))).then(() => undefined),
});

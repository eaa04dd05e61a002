/** The lowdb file engine (src/store/store.ts) against the storage port's contract. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Store } from '../../src/store/store.ts';
import { storageContract } from './contract.ts';

storageContract('files', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'chibo-contract-'));
  return {
    open: () => Store.open({ dir, today: '2024-11-04' }),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
});

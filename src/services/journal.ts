/** STUB: replaced by the journal feature. */
import type { ServiceDeps } from './deps.ts';

export function journalService(_deps: ServiceDeps) {
  return {};
}

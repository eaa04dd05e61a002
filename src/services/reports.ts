/** STUB: replaced by the reports feature. */
import type { ServiceDeps } from './deps.ts';

export function reportService(_deps: ServiceDeps) {
  return {};
}

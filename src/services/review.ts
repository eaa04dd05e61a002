/** STUB: replaced by the review feature. */
import type { ServiceDeps } from './deps.ts';

export function reviewService(_deps: ServiceDeps) {
  return {};
}

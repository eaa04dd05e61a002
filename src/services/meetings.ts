/** STUB: replaced by the meetings feature. */
import type { ServiceDeps } from './deps.ts';

export function meetingService(_deps: ServiceDeps) {
  return {};
}

/** STUB: replaced by the dues feature. */
import type { ServiceDeps } from './deps.ts';
import type { MemberHooks } from './members.ts';

export function duesService(_deps: ServiceDeps) {
  return {};
}

/** Kept inside the write that records an application: the monthly amount the applicant gave. */
export const duesMemberHooks: MemberHooks = {};

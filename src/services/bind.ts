/**
 * Use cases are module-level functions that take the deps first; a feature's service is
 * those functions bound to one set of deps (what handlers call as `services.meetings.rsvp(…)`).
 */
import type { ServiceDeps } from './deps.ts';

// biome-ignore lint/suspicious/noExplicitAny: any use case's own parameters
type UseCase<D> = (deps: D, ...args: any[]) => unknown;

export type Bound<D, T extends Record<string, UseCase<D>>> = {
  [K in keyof T]: T[K] extends (deps: D, ...args: infer A) => infer R ? (...args: A) => R : never;
};

export function bindDeps<D extends ServiceDeps, T extends Record<string, UseCase<D>>>(deps: D, useCases: T): Bound<D, T> {
  const bound: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(useCases)) bound[name] = (...args: unknown[]) => fn(deps, ...args);
  return bound as Bound<D, T>;
}

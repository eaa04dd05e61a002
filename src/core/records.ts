/**
 * Records keyed by id (members, marks, submissions …) looked up with a key that came from
 * input or from a file. A plain object answers `rec["__proto__"]` or `rec["constructor"]`
 * with Object.prototype's own values, and a write through them changes every object of the
 * process: only an own property counts.
 */
export function own<T>(rec: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return rec !== undefined && Object.hasOwn(rec, key) ? rec[key] : undefined;
}

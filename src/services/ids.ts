import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random code from an unambiguous alphabet (deep-link safe). */
export function randomCode(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % ALPHABET.length];
  return out;
}

/** A short, time-ordered, unique id for records ("m4k2x9…"). */
export function newId(prefix: string, now: Date): string {
  return `${prefix}${now.getTime().toString(36)}${randomCode(4)}`;
}

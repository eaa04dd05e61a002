/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/** Calls to the bot's API, signed in with Telegram's init data. */
import type { ApiErrorBody } from '../api-types.ts';
import { t } from './texts.ts';

export class Refused extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message ?? body.error);
  }
}

let initData = '';
export function signIn(data: string): void {
  initData = data;
}

/** The message to show for a refusal or a failure. */
export function explain(e: unknown): string {
  if (!(e instanceof Refused)) return t.failed;
  if (e.status === 401) return t.signedOut;
  if (e.status === 429) return t.rateLimited;
  if (e.status === 413) return t.tooLarge;
  return e.body.message ?? t.failed;
}

export async function call<T>(method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown, opts: { keepalive?: boolean; conflict?: boolean } = {}): Promise<T> {
  const res = await fetch(`api${path}`, {
    method,
    headers: { authorization: `tma ${initData}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    credentials: 'omit',
    cache: 'no-store',
    keepalive: Boolean(opts.keepalive),
  });
  const json = res.status === 401 ? {} : await res.json().catch(() => ({}));
  if (res.ok || (opts.conflict && res.status === 409)) return json as T;
  throw new Refused(res.status, json as ApiErrorBody);
}

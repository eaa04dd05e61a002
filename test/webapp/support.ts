/** Helpers of the Mini App's tests: signed init data, a server around a handler, the page built once. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sign } from '@telegram-apps/init-data-node';
import { buildPage } from '../../src/webapp/build.ts';
import type { WebappHandler } from '../../src/webapp/server.ts';

/** Init data for `user`, signed with `token` at `authDate`, as Telegram would put it in the page. */
export function initData(token: string, user: { id: number; first_name?: string }, authDate: Date): string {
  return sign({ user: { first_name: 'Test', ...user }, query_id: 'AAH' } as Parameters<typeof sign>[0], token, authDate);
}

export const tma = (data: string) => ({ authorization: `tma ${data}` });

let built: Promise<string> | undefined;
/** The page, built once per test process into a temporary folder. */
export function builtPage(): Promise<string> {
  built ??= mkdtemp(path.join(tmpdir(), 'chibo-webapp-')).then((dir) => buildPage(dir));
  return built;
}

/** Listens on 127.0.0.1 with the handler (404 for what it does not take). */
export async function serve(handler: WebappHandler): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (!handler(req, res)) res.writeHead(404, { 'content-length': '0' }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

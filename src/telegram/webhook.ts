/**
 * The webhook server: Telegram posts updates here (through a reverse proxy that terminates
 * HTTPS). Our own instead of telegraf's, which decodes each chunk of a body separately
 * (a Vietnamese letter split between two TCP reads arrived as "Đ���ng") and reads bodies of
 * any size. The body is read as bytes and decoded once, capped at 1 MB (413); only a POST
 * at the secret path with the right secret header is handled (compared in constant time),
 * anything else gets a bare 401, 404 or 405. The answer comes once the update is handled,
 * so an update cut short by a crash is posted again (and handled once: dedupe).
 */
import http from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Update } from 'telegraf/types';
import type { Logger } from '../log.ts';
import { listen, type HttpServer } from '../http.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface WebhookOptions {
  host: string;
  port: number;
  path: string;
  secretToken: string;
  handle: (update: Update) => Promise<void>;
  log: Logger;
  /** Other paths on the same server (the Mini App); returns false for a path it does not serve (404). */
  fallback?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
}

export type WebhookServer = HttpServer;

const digest = (s: string) => createHash('sha256').update(s).digest();

export async function listenWebhook(opts: WebhookOptions): Promise<WebhookServer> {
  const secret = digest(opts.secretToken);
  const server = http.createServer((req, res) => {
    const end = (status: number, headers: Record<string, string> = {}) => {
      if (res.headersSent) return;
      res.writeHead(status, { 'content-length': '0', ...headers });
      res.end();
    };
    if (new URL(req.url ?? '/', 'http://x').pathname !== opts.path) return opts.fallback?.(req, res) ? undefined : end(404, { connection: 'close' });
    if (req.method !== 'POST') return end(405, { allow: 'POST', connection: 'close' });
    const given = req.headers['x-telegram-bot-api-secret-token'];
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), secret)) return end(401, { connection: 'close' });
    const chunks: Buffer[] = [];
    let size = 0;
    // Over the cap (as declared, or as sent): answered at once, and what the client still sends
    // is read and dropped, so that it reads the 413 instead of a connection reset under its
    // feet; a client that goes on far past the cap is cut off (one that lingers, by the timeouts).
    let refused = false;
    const refuse = () => {
      refused = true;
      chunks.length = 0;
      end(413);
    };
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) refuse();
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 2 * MAX_BODY_BYTES) return void req.destroy();
      if (refused) return;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else refuse();
    });
    req.on('error', () => undefined);
    req.on('end', () => {
      if (refused) return;
      let update: Update;
      try {
        update = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Update;
        if (typeof update?.update_id !== 'number') throw new Error('no update_id');
      } catch {
        return end(400, { connection: 'close' });
      }
      opts.handle(update).then(
        () => end(200),
        (e: unknown) => {
          opts.log.error('webhook: update not handled', { update: update.update_id, error: e });
          end(500);
        },
      );
    });
  });
  return listen(server, opts.port, opts.host);
}

/**
 * The Mini App over HTTP, under one path prefix: the page (`/`, `app.js`, `app.css` from
 * the esbuild output, gzipped once at start) and the JSON API (`api/…`). Mounted on the
 * webhook's node:http server, or on its own when the bot polls.
 *
 * Every API call is signed in by its init data (`auth.ts`); anything else gets a bare 401.
 * Bodies are capped (413), each user is rate-limited (429), the page is served with a
 * strict Content-Security-Policy, and nothing ever sets a cookie.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import { listen, type HttpServer } from '../http.ts';
import type { DraftFields } from './api-types.ts';
import { userOf } from './auth.ts';
import { ApiError, type WebappBackend } from './backend.ts';
import { RateLimiter } from './rate-limit.ts';

/** Largest request body: nine sections of 4,000 letters, each up to 4 bytes, and room for JSON. */
export const MAX_API_BODY_BYTES = 192 * 1024;

/** Telegram's script, loaded before ours as Telegram requires. */

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src 'self' https://telegram.org`,
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  'frame-ancestors https://web.telegram.org https://webk.telegram.org https://webz.telegram.org',
].join('; ');

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

export interface WebappOptions {
  /** Path prefix without the trailing slash ('' for the root). */
  prefix: string;
  botToken: string;
  clock: Clock;
  backend: WebappBackend;
  log: Logger;
  /** Folder of the built page (index.html, app.js, app.css). */
  staticDir: string;
  limiter?: RateLimiter;
}

interface StaticFile {
  type: string;
  body: Buffer;
  gzip: Buffer;
}

/** The project's folder, from this file in src/webapp/ or from the bundle npm start runs (dist/main.js). */
export const PROJECT_DIR = path.basename(import.meta.dirname) === 'dist' ? path.dirname(import.meta.dirname) : path.resolve(import.meta.dirname, '../..');

/** The page's folder as the build writes it (`npm run build:webapp`). */
export const DEFAULT_STATIC_DIR = path.join(PROJECT_DIR, 'dist/webapp');

const FILES: Record<string, string> = {
  '/': 'index.html',
  '/app.js': 'app.js',
  '/app.css': 'app.css',
};
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

function loadStatic(dir: string): Map<string, StaticFile> {
  const out = new Map<string, StaticFile>();
  for (const [route, name] of Object.entries(FILES)) {
    const body = readFileSync(path.join(dir, name));
    out.set(route, { type: TYPES[path.extname(name)]!, body, gzip: gzipSync(body, { level: 9 }) });
  }
  return out;
}

export type WebappHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** A request handler that answers the prefix's paths and returns false for any other. */
export function createWebapp(opts: WebappOptions): WebappHandler {
  const files = loadStatic(opts.staticDir);
  const limiter = opts.limiter ?? new RateLimiter();
  const { prefix } = opts;

  return (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (pathname !== prefix && !pathname.startsWith(`${prefix}/`)) return false;
    const rest = pathname.slice(prefix.length) || '/';
    if (rest === '/' && pathname === prefix) {
      res.writeHead(308, { location: `${prefix}/`, 'content-length': '0' }).end();
      return true;
    }
    if (rest.startsWith('/api/')) {
      void api(req, res, rest.slice(4)).catch((e: unknown) => {
        opts.log.error('webapp: request failed', { path: rest, error: e });
        send(res, 500, { error: 'internal' });
      });
      return true;
    }
    const file = files.get(rest);
    if (!file) {
      res.writeHead(404, { 'content-length': '0' }).end();
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-length': '0' }).end();
      return true;
    }
    const gz = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gz ? file.gzip : file.body;
    res.writeHead(200, {
      'content-type': file.type,
      'content-length': String(body.length),
      'cache-control': rest === '/' ? 'no-cache' : 'public, max-age=300',
      vary: 'accept-encoding',
      ...(gz ? { 'content-encoding': 'gzip' } : {}),
      ...(rest === '/' ? { 'content-security-policy': CONTENT_SECURITY_POLICY } : {}),
      ...SECURITY_HEADERS,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };

  async function api(req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
    const tgId = userOf(header(req.headers.authorization), opts.botToken, opts.clock.now());
    if (!tgId) {
      req.resume();
      res.writeHead(401, { 'content-length': '0', 'cache-control': 'no-store' }).end();
      return;
    }
    if (!limiter.take(tgId)) {
      req.resume();
      return send(res, 429, { error: 'rateLimited' }, { 'retry-after': '5' });
    }
    const body = req.method === 'GET' ? undefined : await readJson(req);
    if (body === TOO_LARGE) return send(res, 413, { error: 'tooLarge' }, { connection: 'close' });
    if (body === BAD_JSON) return send(res, 400, { error: 'badRequest' });
    const b = (body ?? {}) as Record<string, unknown>;
    const { backend } = opts;
    try {
      const m = `${req.method} ${route}`;
      const member = /^GET \/submission\/(\d{1,15})$/.exec(m);
      if (m === 'GET /me') {
        const me = await backend.me(tgId);
        return me ? send(res, 200, me) : send(res, 403, { error: 'notMember' });
      }
      if (m === 'GET /draft') return send(res, 200, await backend.draft(tgId));
      if (m === 'PUT /draft') {
        const result = await backend.saveDraft(tgId, str(b.version, 'version', 64), fields(b.fields));
        return send(res, result.ok ? 200 : 409, result);
      }
      if (m === 'POST /submit') return send(res, 200, await backend.submit(tgId, str(b.version, 'version', 64), fields(b.fields)));
      if (m === 'GET /committee') return send(res, 200, await backend.committee(tgId));
      if (member) return send(res, 200, await backend.submission(tgId, member[1]!));
      if (m === 'POST /rate') return send(res, 200, await backend.rate(tgId, str(b.memberId, 'memberId', 20), str(b.rating, 'rating', 40)));
      if (m === 'GET /journal') return send(res, 200, await backend.journal(tgId));
      if (m === 'POST /journal') return send(res, 200, await backend.addNote(tgId, str(b.section, 'section', 40), str(b.text, 'text', 20_000)));
      if (m === 'GET /charts') return send(res, 200, await backend.charts(tgId));
      return send(res, 404, { error: 'notFound' });
    } catch (e) {
      if (e instanceof ApiError) return send(res, e.status, { error: e.code, message: e.message });
      throw e;
    }
  }
}

function header(v: string | string[] | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function send(res: ServerResponse, status: number, body: object, extra: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(bytes.length), 'cache-control': 'no-store', ...SECURITY_HEADERS, ...extra });
  res.end(bytes);
}

const TOO_LARGE = Symbol('too large');
const BAD_JSON = Symbol('bad json');

/** The body as JSON, read as bytes and decoded once, at most MAX_API_BODY_BYTES. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_API_BODY_BYTES) {
    req.resume();
    return TOO_LARGE;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_API_BODY_BYTES) {
      req.resume();
      return TOO_LARGE;
    }
    chunks.push(chunk);
  }
  try {
    const v: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? v : BAD_JSON;
  } catch {
    return BAD_JSON;
  }
}

function bad(field: string): ApiError {
  return new ApiError(400, 'badRequest', field);
}

function str(v: unknown, field: string, max: number): string {
  if (typeof v !== 'string' || v.length > max) throw bad(field);
  return v;
}

const optional = <T>(v: unknown, is: (x: unknown) => x is T, field: string): T | null | undefined => {
  if (v === undefined || v === null) return v;
  if (!is(v)) throw bad(field);
  return v;
};
const isString = (x: unknown): x is string => typeof x === 'string' && x.length <= 40;
const isWhole = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);

/** The shape of the form's fields; what they may say is the backend's (the chat's) check. */
function fields(v: unknown): DraftFields {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw bad('fields');
  const f = v as Record<string, unknown>;
  const s = f.sections;
  if (!s || typeof s !== 'object' || Array.isArray(s) || Object.keys(s).length > 20) throw bad('sections');
  const sections: Record<string, string> = {};
  for (const [k, text] of Object.entries(s)) {
    if (!/^s\d{1,2}$/.test(k) || typeof text !== 'string') throw bad('sections');
    sections[k] = text;
  }
  const out: DraftFields = { sections };
  const party = optional(f.partyRating, isString, 'partyRating');
  const civil = optional(f.civilRating, isString, 'civilRating');
  const general = optional(f.scoreGeneral, isWhole, 'scoreGeneral');
  const tasks = optional(f.scoreTasks, isWhole, 'scoreTasks');
  if (party !== undefined) out.partyRating = party;
  if (civil !== undefined) out.civilRating = civil;
  if (general !== undefined) out.scoreGeneral = general;
  if (tasks !== undefined) out.scoreTasks = tasks;
  return out;
}

export type { HttpServer } from '../http.ts';

/** The Mini App on a server of its own (the bot polls, so there is no webhook server to share). */
export async function listenWebapp(opts: { host: string; port: number; handler: WebappHandler }): Promise<HttpServer> {
  const server = http.createServer((req, res) => {
    if (!opts.handler(req, res)) res.writeHead(404, { 'content-length': '0', connection: 'close' }).end();
  });
  return listen(server, opts.port, opts.host);
}

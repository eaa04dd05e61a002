/** The Mini App's HTTP side against a fake backend: sign-in, refusals, caps, the page's headers. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../src/clock.ts';
import { createLogger } from '../../src/log.ts';
import type { DraftFields, DraftView, SaveResult } from '../../src/webapp/api-types.ts';
import { ApiError, type WebappBackend } from '../../src/webapp/backend.ts';
import { CONTENT_SECURITY_POLICY, createWebapp, MAX_API_BODY_BYTES } from '../../src/webapp/server.ts';
import { RateLimiter } from '../../src/webapp/rate-limit.ts';
import { builtPage, initData, serve, tma } from './support.ts';

const TOKEN = '123456789:AAEhBOweik6ad6PsWkGQ8nbN8mtL-test01';
const OTHER_BOT = '987654321:AAEhBOweik6ad6PsWkGQ8nbN8mtL-other2';
const NOW = new Date('2024-11-04T02:00:00Z');

/** Remembers who asked for what; member 202 has a draft, anyone else is refused as not a member. */
class FakeBackend implements WebappBackend {
  calls: string[] = [];
  saved: { tgId: number; base: string; fields: DraftFields }[] = [];
  async me(tgId: number) {
    this.calls.push(`me ${tgId}`);
    return tgId === 202 ? { name: 'Nguyễn Văn An', cellName: 'Chi bộ Trường THCS Phong Hải', committee: false, review: { year: 2024, deadline: '19/11/2024', open: true } } : undefined;
  }
  async draft(tgId: number): Promise<DraftView> {
    this.calls.push(`draft ${tgId}`);
    return {
      year: 2024,
      deadline: '19/11/2024',
      open: true,
      civilServant: false,
      sections: [],
      ratings: [],
      scoreMax: { general: 30, tasks: 70 },
      version: 'v1',
      fields: { sections: { s11: 'Giữ vững lập trường.' } },
      sent: 0,
    };
  }
  async saveDraft(tgId: number, base: string, fields: DraftFields): Promise<SaveResult> {
    this.saved.push({ tgId, base, fields });
    if (base !== 'v1') return { ok: false, stale: true, message: 'Bản nháp đã được sửa ở nơi khác.', current: await this.draft(tgId) };
    return { ok: true, version: 'v2' };
  }
  async submit(): Promise<never> {
    throw new ApiError(422, 'review.sectionMissing', 'Phần I.2 chưa viết.');
  }
  committee(): never {
    throw new ApiError(403, 'forbidden.committee', 'Chỉ chi ủy xem được.');
  }
  submission(tgId: number, memberId: string): never {
    this.calls.push(`submission ${tgId} ${memberId}`);
    throw new ApiError(403, 'forbidden.committee', 'Chỉ chi ủy xem được.');
  }
  async rate(): Promise<never> {
    throw new ApiError(403, 'forbidden.committee', 'x');
  }
  async journal(): Promise<never> {
    throw new ApiError(403, 'forbidden.committee', 'x');
  }
  async addNote(): Promise<never> {
    throw new ApiError(403, 'forbidden.committee', 'x');
  }
  async charts(): Promise<never> {
    throw new ApiError(403, 'forbidden.committee', 'x');
  }
}

let backend: FakeBackend;
let server: Awaited<ReturnType<typeof serve>>;
let limiterNow = 0;
const an = () => tma(initData(TOKEN, { id: 202, first_name: 'An' }, new Date(NOW.getTime() - 60_000)));

before(async () => {
  backend = new FakeBackend();
  const handler = createWebapp({
    prefix: '/app',
    botToken: TOKEN,
    clock: new FakeClock(NOW),
    backend,
    log: createLogger({ level: 'error', secrets: [], sink: () => undefined }),
    staticDir: await builtPage(),
    limiter: new RateLimiter({ burst: 10, perSecond: 1, now: () => limiterNow }),
  });
  server = await serve(handler);
});
after(() => server.close());

const api = (p: string, init: RequestInit = {}) => fetch(`${server.url}/app/api${p}`, init);

test('valid init data signs the user in: the user id comes from the signed data', async () => {
  limiterNow += 10_000;
  const res = await api('/me', { headers: an() });
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { name: string }).name, 'Nguyễn Văn An');
  assert.equal(res.headers.get('set-cookie'), null);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.deepEqual(backend.calls.at(-1), 'me 202');
});

test('forged, expired, other-bot, future, malformed or missing init data: 401 and nothing else', async () => {
  limiterNow += 10_000;
  const good = initData(TOKEN, { id: 202 }, NOW);
  const forgedUser = good.replace(encodeURIComponent('"id":202'), encodeURIComponent('"id":101'));
  assert.notEqual(forgedUser, good);
  const cases: Record<string, Record<string, string>> = {
    'another user id put in signed data': tma(forgedUser),
    'hash changed': tma(good.replace(/hash=([0-9a-f])/, (_m, c: string) => `hash=${c === '0' ? '1' : '0'}`)),
    'expired (24 h and a minute old)': tma(initData(TOKEN, { id: 202 }, new Date(NOW.getTime() - 24 * 3600_000 - 60_000))),
    'signed an hour in the future': tma(initData(TOKEN, { id: 202 }, new Date(NOW.getTime() + 3600_000))),
    'another bot': tma(initData(OTHER_BOT, { id: 202 }, NOW)),
    'no scheme': { authorization: good },
    bearer: { authorization: `Bearer ${good}` },
    empty: { authorization: 'tma ' },
    missing: {},
  };
  const before = backend.calls.length;
  for (const [why, headers] of Object.entries(cases)) {
    const res = await api('/draft', { headers });
    assert.equal(res.status, 401, why);
    assert.equal((await res.arrayBuffer()).byteLength, 0, `${why}: no body`);
  }
  assert.equal(backend.calls.length, before, 'the backend was never asked');
  // A day old is still fine.
  assert.equal((await api('/me', { headers: tma(initData(TOKEN, { id: 202 }, new Date(NOW.getTime() - 24 * 3600_000 + 60_000))) })).status, 200);
});

test('a save names its base version; a stale one is refused with 409 and the current text', async () => {
  limiterNow += 10_000;
  const put = (version: string) =>
    api('/draft', {
      method: 'PUT',
      headers: { ...an(), 'content-type': 'application/json' },
      body: JSON.stringify({ version, fields: { sections: { s11: 'Mới' }, partyRating: 'tot', scoreGeneral: 28 } }),
    });
  const ok = await put('v1');
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { ok: true, version: 'v2' });
  assert.deepEqual(backend.saved.at(-1), { tgId: 202, base: 'v1', fields: { sections: { s11: 'Mới' }, partyRating: 'tot', scoreGeneral: 28 } });
  const stale = await put('v0');
  assert.equal(stale.status, 409);
  const body = (await stale.json()) as Extract<SaveResult, { ok: false }>;
  assert.equal(body.message, 'Bản nháp đã được sửa ở nơi khác.');
  assert.equal(body.current.fields.sections.s11, 'Giữ vững lập trường.');
});

test('a refusal of the backend comes with its message; malformed bodies are 400 before the backend sees them', async () => {
  limiterNow += 10_000;
  const post = (p: string, body: string, method = 'POST') => api(p, { method, headers: { ...an(), 'content-type': 'application/json' }, body });
  const refused = await post('/submit', JSON.stringify({ version: 'v1', fields: { sections: {} } }));
  assert.equal(refused.status, 422);
  assert.deepEqual(await refused.json(), { error: 'review.sectionMissing', message: 'Phần I.2 chưa viết.' });
  const saves = backend.saved.length;
  const bad = [
    'not json',
    '[]',
    JSON.stringify({ version: 1, fields: { sections: {} } }),
    JSON.stringify({ version: 'v1' }),
    JSON.stringify({ version: 'v1', fields: { sections: { s11: 5 } } }),
    JSON.stringify({ version: 'v1', fields: { sections: { __proto__x: 'a' } } }),
    JSON.stringify({ version: 'v1', fields: { sections: {}, scoreGeneral: 2.5 } }),
  ];
  limiterNow += 10_000;
  for (const b of bad) {
    const res = await post('/draft', b, 'PUT');
    assert.equal(res.status, 400, b);
  }
  assert.equal(backend.saved.length, saves);
});

test('bodies over the cap get 413; each user is rate-limited (429); unknown routes 404', async () => {
  limiterNow += 10_000;
  const huge = JSON.stringify({ version: 'v1', fields: { sections: { s11: 'đ'.repeat(MAX_API_BODY_BYTES) } } });
  const res = await api('/draft', { method: 'PUT', headers: { ...an(), 'content-type': 'application/json' }, body: huge });
  assert.equal(res.status, 413);
  assert.equal((await api('/nothing', { headers: an() })).status, 404);
  limiterNow += 10_000;
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) statuses.push((await api('/me', { headers: an() })).status);
  assert.deepEqual(statuses, [...Array(10).fill(200), 429, 429]);
  limiterNow += 1000;
  assert.equal((await api('/me', { headers: an() })).status, 200, 'a second later, one more');
});

test('the page: strict CSP, gzipped, Telegram’s script first, no cookies; other paths are not the app’s', async () => {
  const res = await fetch(`${server.url}/app/`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  assert.match(CONTENT_SECURITY_POLICY, /default-src 'none'/);
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval/);
  assert.equal(res.headers.get('set-cookie'), null);
  const html = await res.text();
  assert.ok(html.indexOf('https://telegram.org/js/telegram-web-app.js') < html.indexOf('app.js'));
  const js = await fetch(`${server.url}/app/app.js`, { headers: { 'accept-encoding': 'identity' } });
  assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.doesNotMatch(await js.text(), /innerHTML|outerHTML|insertAdjacentHTML|document\.write/, 'no markup is parsed from data');
  const redirect = await fetch(`${server.url}/app`, { redirect: 'manual' });
  assert.equal(redirect.status, 308);
  assert.equal(redirect.headers.get('location'), '/app/');
  assert.equal((await fetch(`${server.url}/other`)).status, 404);
  assert.equal((await fetch(`${server.url}/app/stub.js`)).status, 404);
});

test('the built page is small: app.js, app.css and index.html under 100 KB gzipped', async () => {
  let total = 0;
  for (const f of ['/', '/app.js', '/app.css']) {
    const res = await fetch(`${server.url}/app${f}`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(res.headers.get('content-encoding'), 'gzip');
    total += Number(res.headers.get('content-length'));
    assert.ok((await res.arrayBuffer()).byteLength > 0);
  }
  assert.ok(total > 1000 && total < 100 * 1024, `${total} bytes`);
});

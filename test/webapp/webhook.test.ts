/** With a webhook, the Mini App shares the webhook's server: the page and the API beside Telegram's posts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from '../support/harness.ts';
import { builtPage, initData } from './support.ts';

test('one server: updates posted at the webhook path, the page and the API at the Mini App’s, anything else 404', async () => {
  // port 0: the server listens on a free port, found at app.http
  const h = await startHarness({
    webhook: { url: new URL('https://chibo.example.vn/tg-hook'), port: 0, host: '127.0.0.1' },
    webapp: { url: new URL('https://chibo.example.vn/app/'), port: 0, host: '127.0.0.1' },
    webappDir: await builtPage(),
  });
  try {
    const origin = `http://127.0.0.1:${h.app.http!.port}`;
    h.api.deliverByWebhook(origin, 1 << 20);
    const u = h.api.user({ id: 500, first_name: 'Khách' });
    await u.send('/help');
    assert.ok(u.last()!.text.length > 0, 'the webhook still takes updates');

    const page = await fetch(`${origin}/app/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const me = await fetch(`${origin}/app/api/me`, { headers: { authorization: `tma ${initData(h.api.token, { id: 500 }, h.clock.now())}` } });
    assert.equal(me.status, 403, 'signed in, not a member of any cell');
    assert.equal((await fetch(`${origin}/app/api/me`)).status, 401);
    assert.equal((await fetch(`${origin}/elsewhere`)).status, 404);
    assert.equal((await fetch(`${origin}/tg-hook`, { method: 'POST', body: '{}' })).status, 401, 'a forged post still gets 401');
  } finally {
    await h.stop();
  }
});

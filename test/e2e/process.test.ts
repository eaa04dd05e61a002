import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import { FakeBotApi } from '../support/fake-bot-api.ts';
import { createApp, webhookEndpoint } from '../../src/app.ts';
import { FakeClock } from '../../src/clock.ts';
import { createLogger } from '../../src/log.ts';
import type { Config } from '../../src/config.ts';
import { Store } from '../../src/store/store.ts';
import { seedCell } from '../support/seed.ts';
import { startFlags } from '../bench/process.ts';

const root = path.resolve(import.meta.dirname, '../..');

test('npm start (the production build: plain Node on dist/main.js) serves users against TELEGRAM_API_ROOT; SIGTERM stops it cleanly with exit 0', async () => {
  // what `npm start` runs: its prestart builds the bundle, then Node runs it
  const built = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
  const api = await FakeBotApi.start();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chibo-proc-'));
  try {
    // run from a folder without a .env (a developer's own .env must not leak into the test)
    const child = spawn(process.execPath, [...(await startFlags()), path.join(root, 'dist/main.js')], {
      cwd: dataDir,
      env: { PATH: process.env.PATH ?? '', BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.url, DATA_DIR: dataDir, ADMIN_IDS: '900' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    await api.waitFor(() => stderr.includes('is running'), 15_000, 'the bot to start');
    const admin = api.user({ id: 900, first_name: 'Quản trị' });
    await admin.send('/newcell');
    assert.match(admin.last()!.text, /Tên chi bộ/);
    await admin.send('Chi bộ Thôn Đông');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.match(stderr, /SIGTERM: stopping/);
    assert.ok(!stderr.includes(api.token.split(':')[1]!), 'no token in the log');
    // the dialog step answered before the stop is on disk
    const index = JSON.parse(await readFile(path.join(dataDir, 'index.json'), 'utf8'));
    assert.equal(index.dialogs['900'].states.newcell.answers.name, 'Chi bộ Thôn Đông');
  } finally {
    await api.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

test('with WEBHOOK_URL the bot registers the webhook and handles posted updates; a post without the secret is refused', async () => {
  const api = await FakeBotApi.start();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chibo-hook-'));
  const port = await freePort();
  const config: Config = {
    botToken: api.token,
    adminIds: [900],
    dataDir,
    apiRoot: api.url,
    webhook: { url: new URL('https://bot.example.vn/tg-hook'), port, host: '127.0.0.1' },
    logLevel: 'warn',
  };
  const app = await createApp({ config, clock: new FakeClock('2024-11-04T09:00:00+07:00'), cron: false, log: createLogger({ level: 'error', secrets: [], sink: () => undefined }) });
  try {
    await app.start();
    assert.ok(api.calls.some((c) => c.method === 'setWebhook'));
    const { path: hookPath, secretToken } = webhookEndpoint(config);
    assert.equal(hookPath, '/tg-hook');
    const update = {
      update_id: 1,
      message: {
        message_id: 1,
        date: 0,
        chat: { id: 900, type: 'private' },
        from: { id: 900, is_bot: false, first_name: 'Quản trị' },
        text: '/whoami',
        entities: [{ type: 'bot_command', offset: 0, length: 7 }],
      },
    };
    const post = (secret?: string) =>
      fetch(`http://127.0.0.1:${port}${hookPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
        body: JSON.stringify(update),
      });
    const forged = await post('wrong');
    assert.equal(forged.status, 401);
    const real = await post(secretToken);
    assert.equal(real.status, 200);
    await api.waitFor(() => api.botMessages(900).find((m) => /Mã Telegram: 900/.test(m.text)), 5000, 'reply to the webhook update');
    // Telegram retrying the same update: handled once
    await post(secretToken);
    assert.equal(api.botMessages(900).filter((m) => /Mã Telegram: 900/.test(m.text)).length, 1);
  } finally {
    await app.stop();
    await api.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('a stop during the catch-up (the first tick over many cells) is a clean stop: start() resolves, nothing more is started', async () => {
  const api = await FakeBotApi.start();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chibo-catchup-'));
  const seeded = await Store.open({ dir: dataDir, today: '2024-11-04' });
  for (let c = 0; c < 60; c++) await seeded.createCell(seedCell({ cellId: `c${c}`, year: 2024, asOf: '2024-10-31', members: 25, firstId: 10_000 + c * 100, review: false }));
  await seeded.close();
  const config: Config = { botToken: api.token, adminIds: [900], dataDir, apiRoot: api.url, webhook: undefined, logLevel: 'warn' };
  const app = await createApp({ config, clock: new FakeClock('2024-11-04T14:00:00+07:00'), log: createLogger({ level: 'error', secrets: [], sink: () => undefined }) });
  try {
    let started = false;
    const start = app.start().then(() => (started = true));
    // The first tick has begun queueing the 14:00 reminders of the 5th's meeting.
    for (let i = 0; i < 500 && !(await app.store.pendingOutbox()).length; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(started, false, 'the catch-up is still running');
    await app.stop();
    await start;
    const calls = api.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(
      api.calls.slice(calls).map((c) => c.method),
      [],
      'nothing calls Telegram after the stop (no command menus, no cron, no sender)',
    );
  } finally {
    await app.stop();
    await api.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

/**
 * Telegram stops giving the bot its updates after start-up: the token was revoked (401) or
 * another instance polls with the same token (409). `npm start` must not stay up sending
 * reminders while it hears nobody: it stops its scheduler and outbox, says why in one
 * line and exits 1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeBotApi, type Fault } from '../support/fake-bot-api.ts';

const main = path.resolve(import.meta.dirname, '../../src/main.ts');

for (const [fault, why] of [
  [{ kind: '409' }, /409|instance|phiên bản khác/i],
  [{ kind: '401' }, /401|token|mã bot/i],
] as const) {
  test(`getUpdates answered ${fault.kind} after start-up: one line saying why, exit 1`, async () => {
    const api = await FakeBotApi.start();
    const dir = await mkdtemp(path.join(tmpdir(), 'chibo-launch-'));
    try {
      const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), main], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.url, DATA_DIR: path.join(dir, 'data'), ADMIN_IDS: '900' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      let exit: number | null | undefined;
      const exited = new Promise<void>((resolve) =>
        child.on('exit', (code) => {
          exit = code;
          resolve();
        }),
      );
      await api.waitFor(() => stderr.includes('is running'), 15_000, 'the bot to start');
      const admin = api.user({ id: 900, first_name: 'Quản trị' });
      await admin.send('/whoami');
      const before = stderr.length;
      api.failNext('getUpdates', fault as Fault, 100);
      api.pushText(admin.user, '/help');
      await api
        .waitFor(() => exit !== undefined, 10_000, 'the process to exit')
        .catch((e) => {
          child.kill('SIGKILL');
          throw e;
        });
      await exited;
      assert.equal(exit, 1, stderr);
      const errors = stderr
        .slice(before)
        .split('\n')
        .filter((l) => /ERROR|error|lỗi|dừng/i.test(l));
      assert.equal(errors.length, 1, `one line says why:\n${stderr.slice(before)}`);
      assert.match(errors[0]!, why);
      assert.ok(!stderr.includes(api.token.split(':')[1]!), 'no token in the log');
    } finally {
      await api.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
}

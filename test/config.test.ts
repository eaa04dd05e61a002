import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, parseConfig } from '../src/config.ts';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0';

test('a full configuration parses with its defaults', () => {
  const c = parseConfig({ BOT_TOKEN: TOKEN });
  assert.equal(c.botToken, TOKEN);
  assert.deepEqual(c.adminIds, []);
  assert.equal(c.dataDir, 'data');
  assert.equal(c.apiRoot, undefined);
  assert.equal(c.webhook, undefined);
  assert.equal(c.logLevel, 'info');
  assert.equal(c.databaseUrl, undefined, 'the files, unless DATABASE_URL is set');
  assert.equal(parseConfig({ BOT_TOKEN: TOKEN, DATABASE_URL: ' postgres://chibo:pw@db.local:5432/chibo?sslmode=require ' }).databaseUrl, 'postgres://chibo:pw@db.local:5432/chibo?sslmode=require');
  const w = parseConfig({ BOT_TOKEN: TOKEN, ADMIN_IDS: ' 11, 22 ', WEBHOOK_URL: 'https://bot.example.vn/tg', PORT: '8443', TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/', LOG_LEVEL: 'DEBUG' });
  assert.deepEqual(w.adminIds, [11, 22]);
  assert.equal(w.webhook?.port, 8443);
  assert.equal(w.webhook?.url.pathname, '/tg');
  assert.equal(w.apiRoot, 'http://127.0.0.1:8081');
  assert.equal(w.logLevel, 'debug');
});

test('each bad variable is named in one line, never printing the token', () => {
  const cases: [Record<string, string>, string][] = [
    [{}, 'BOT_TOKEN'],
    [{ BOT_TOKEN: 'abc' }, 'BOT_TOKEN'],
    [{ BOT_TOKEN: TOKEN, ADMIN_IDS: '12,abc' }, 'ADMIN_IDS'],
    [{ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'ftp://x' }, 'TELEGRAM_API_ROOT'],
    [{ BOT_TOKEN: TOKEN, WEBHOOK_URL: 'http://plain.example' }, 'WEBHOOK_URL'],
    [{ BOT_TOKEN: TOKEN, WEBHOOK_URL: 'https://ok.example', PORT: '70000' }, 'PORT'],
    [{ BOT_TOKEN: TOKEN, LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ BOT_TOKEN: TOKEN, DATABASE_URL: 'mysql://u:p@h/db' }, 'DATABASE_URL'],
    [{ BOT_TOKEN: TOKEN, DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
  ];
  for (const [env, variable] of cases) {
    assert.throws(
      () => parseConfig(env),
      (e: unknown) => e instanceof ConfigError && e.variable === variable && !e.message.includes('\n') && !e.message.includes(TOKEN.split(':')[1]!),
      variable,
    );
  }
});

test('npm start without a .env prints one clear line and exits 1, no stack trace', async () => {
  const cwd = await mkdtemp(path.join(tmpdir(), 'chibo-start-'));
  try {
    const main = path.resolve(import.meta.dirname, '../src/main.ts');
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), main], { cwd, env, encoding: 'utf8' });
    assert.equal(r.status, 1);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, /BOT_TOKEN/);
    assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/);
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
});

test('a corrupted data file stops the start with the file and the backup named, exit 1', async () => {
  const cwd = await mkdtemp(path.join(tmpdir(), 'chibo-start-'));
  try {
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(path.join(cwd, 'data', 'cells'), { recursive: true });
    await writeFile(path.join(cwd, 'data', 'cells', 'cabc.json'), '{"schemaVersion":1,"cell":{"id":"ca');
    const main = path.resolve(import.meta.dirname, '../src/main.ts');
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'http://127.0.0.1:9' };
    const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), main], { cwd, env, encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /data\/cells\/cabc\.json/);
    assert.match(r.stderr, /không có|none/);
    assert.ok(!r.stderr.includes(TOKEN));
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
});

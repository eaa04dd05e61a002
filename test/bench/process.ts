/**
 * The bot as its own process on the generated deployment, driven over HTTP through the
 * fake Bot API: the time from spawning it until the first update (queued before the start)
 * is answered, then a realistic run — every member session of the mix and /report by
 * secretaries — after which the process's peak resident memory (VmHWM) is read.
 */
import { spawn } from 'node:child_process';
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FakeBotApi, type FakeUser } from '../support/fake-bot-api.ts';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * The child entry compiled the way `npm start` compiles the bot (one esbuild bundle, packages
 * left to node_modules), so that the start-up and memory figures are those of production —
 * plain Node, no TypeScript loader.
 */
export async function buildEntry(): Promise<string> {
  const outdir = path.join(root, 'dist', 'bench');
  // Split as `npm run build` splits: the document builders are chunks loaded on first use.
  await build({
    entryPoints: [path.join(root, 'test/support/bot-process.ts')],
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    format: 'esm',
    packages: 'external',
    target: 'node20',
    outdir,
    logLevel: 'warning',
  });
  return path.join(outdir, 'bot-process.js');
}

export interface ProcessRun {
  startSeconds: number;
  peakRssMb: number;
  updates: number;
  reports: number;
}

/** One member's session of the mix, over HTTP; each update must be handled within `timeoutMs`. */
export async function session(u: FakeUser, timeoutMs = 10_000): Promise<number> {
  const send = (text: string) => u.api.handled(u.api.pushText(u.user, text), timeoutMs);
  const press = (label: string | RegExp) => {
    const { msg, button } = u.findButton(label);
    return u.api.handled(u.api.pushPress(u.user, msg, button.callback_data!), timeoutMs);
  };
  await send('/meeting');
  await press('✅ Tham dự');
  await send('/dues');
  await press('✋ Tôi đã đóng');
  await press(/^☐ /);
  await press('🌐 Cổng DVC quốc gia');
  await send('Luôn gương mẫu, nhiệt tình trong công tác, đoàn kết với đồng nghiệp.');
  await send('Tích cực tham gia các phong trào thi đua của ngành và địa phương.');
  return 8;
}

/** The Node flags `npm start` runs the bot with (read from package.json, so the bench measures what production runs). */
export async function startFlags(): Promise<string[]> {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const m = /\bnode\s+(.*?)\s*dist\/main\.js/.exec(pkg.scripts.start ?? '');
  return m?.[1] ? m[1].split(/\s+/).filter(Boolean) : [];
}

export async function benchProcess(dataDir: string, now: string, first: number, members: readonly number[], secretaries: readonly number[], nodeArgs?: string[]): Promise<ProcessRun> {
  const api = await FakeBotApi.start();
  try {
    const firstUser = api.user({ id: first, first_name: 'Đảng viên' });
    api.pushText(firstUser.user, '/whoami');
    const entry = await buildEntry();
    const flags = nodeArgs ?? (await startFlags());
    const t0 = performance.now();
    const child = spawn(process.execPath, [...flags, entry], {
      env: {
        PATH: process.env.PATH ?? '',
        UV_THREADPOOL_SIZE: '16',
        BOT_TOKEN: api.token,
        TELEGRAM_API_ROOT: api.url,
        DATA_DIR: dataDir,
        ADMIN_IDS: '1',
        LOG_LEVEL: 'warn',
        BOT_CLOCK_BASE: now,
        BOT_CLOCK_EPOCH: String(Date.now()),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    try {
      await api.waitFor(() => firstUser.messages().some((m) => m.text.startsWith('Mã Telegram')), 60_000, 'the first reply');
      const startSeconds = (performance.now() - t0) / 1000;
      let updates = 1;
      const queue = [...members];
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
            const n = await session(api.user({ id, first_name: 'Đảng viên' }));
            updates += n;
          }
        }),
      );
      for (const id of secretaries) {
        const sec = api.user({ id, first_name: 'Bí thư' });
        await sec.send('/report');
        await api.waitFor(() => sec.documents().length > 0, 10_000, 'the report');
        updates++;
      }
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const peakRssMb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
      return { startSeconds, peakRssMb, updates, reports: secretaries.length };
    } finally {
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  } finally {
    await api.stop();
  }
}

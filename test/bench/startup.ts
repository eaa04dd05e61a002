/**
 * Start-up: `npm start`'s process (node + tsx + src/main.ts) on a data folder, against the
 * fake Bot API, from spawn until the first update (queued before the start) is answered.
 * Also reads the process's peak resident memory (VmHWM) once it has served a few updates.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FakeBotApi } from '../support/fake-bot-api.ts';

const main = path.resolve(import.meta.dirname, '../../src/main.ts');

export interface StartupResult {
  seconds: number;
  peakRssMb: number;
}

export async function benchStartup(dataDir: string, userId: number): Promise<StartupResult> {
  const api = await FakeBotApi.start();
  try {
    const user = api.user({ id: userId, first_name: 'Đảng viên' });
    api.pushText(user.user, '/whoami');
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), main], {
      env: { PATH: process.env.PATH ?? '', UV_THREADPOOL_SIZE: '16', BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.url, DATA_DIR: dataDir, ADMIN_IDS: '1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    try {
      await api.waitFor(() => user.messages().some((m) => m.text.startsWith('Mã Telegram')), 60_000, 'the first reply');
      const seconds = (performance.now() - t0) / 1000;
      for (const cmd of ['/meeting', '/dues', '/members']) await user.send(cmd);
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const peakRssMb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
      return { seconds, peakRssMb };
    } finally {
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  } finally {
    await api.stop();
  }
}

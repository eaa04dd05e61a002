/**
 * The real bot in a child process, for the crash test and the bench: configuration from
 * the environment (BOT_TOKEN, TELEGRAM_API_ROOT, DATA_DIR, LOG_LEVEL) as in production, the
 * real logger on stderr, the real sender pacing. Only the clock is moved: BOT_CLOCK_BASE
 * is "now" at the real instant BOT_CLOCK_EPOCH (ms), and it runs on in real time from there.
 *
 * With BOT_WAIT_STDIN=1 it waits for a line on stdin before it touches the data: the crash
 * test starts a spare child while the previous one still runs, so that a restart costs the
 * start of the app only, not the loading of the modules.
 */
import { parseConfig } from '../../src/config.ts';
import { createApp } from '../../src/app.ts';

const config = parseConfig(process.env);
const base = Date.parse(process.env.BOT_CLOCK_BASE ?? '');
const epoch = Number(process.env.BOT_CLOCK_EPOCH);
if (!Number.isFinite(base) || !Number.isFinite(epoch)) throw new Error('BOT_CLOCK_BASE and BOT_CLOCK_EPOCH are required');
const clock = { now: () => new Date(base + Date.now() - epoch) };

if (process.env.BOT_WAIT_STDIN === '1') await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
const app = await createApp({ config, clock, cron: false });
process.once('SIGTERM', () => {
  void app.stop().then(() => process.exit(0));
});
await app.start();
process.stdout.write('ready\n');
await app.sender.idle();
process.stdout.write('idle\n');

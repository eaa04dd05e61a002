/**
 * The real bot in a child process, for the crash test: configuration from the environment
 * (BOT_TOKEN, TELEGRAM_API_ROOT, DATA_DIR, LOG_LEVEL) as in production, the real logger
 * on stderr, the real sender pacing. Only the clock is moved: FAULT_CLOCK_BASE is "now"
 * at the real instant FAULT_CLOCK_EPOCH (ms), and it runs on in real time from there.
 *
 * A spare child is started while the previous one still runs and waits for a line on
 * stdin before it touches the data, so that a restart costs the start of the app only,
 * not the loading of the modules.
 */
import { parseConfig } from '../../src/config.ts';
import { createApp } from '../../src/app.ts';

const config = parseConfig(process.env);
const base = Date.parse(process.env.FAULT_CLOCK_BASE ?? '');
const epoch = Number(process.env.FAULT_CLOCK_EPOCH);
if (!Number.isFinite(base) || !Number.isFinite(epoch)) throw new Error('FAULT_CLOCK_BASE and FAULT_CLOCK_EPOCH are required');
const clock = { now: () => new Date(base + Date.now() - epoch) };

await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
const app = await createApp({ config, clock, cron: false });
process.once('SIGTERM', () => {
  void app.stop().then(() => process.exit(0));
});
await app.start();
process.stdout.write('ready\n');
await app.sender.idle();
process.stdout.write('idle\n');

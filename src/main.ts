/** `npm start`: read .env, build the app, run until SIGINT/SIGTERM. */
import { existsSync } from 'node:fs';
import { ConfigError, parseConfig } from './config.ts';
import { createApp } from './app.ts';
import { DataFileError } from './store/store.ts';
import { DataDirLockedError } from './store/lock.ts';
import { redact } from './log.ts';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = parseConfig(process.env);
  const app = await createApp({ config });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal}: stopping`);
    app.stop().then(
      () => process.exit(0),
      (e) => {
        app.log.error('stop failed', { error: e });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  // Telegram stopped giving updates after start-up: the app has stopped and said why.
  void app.halted.then(() => process.exit(1));
  await app.start();
  if (!stopping) app.log.info(`chibo-bot @${app.bot.botInfo?.username} is running (${config.webhook ? 'webhook' : 'polling'})`);
}

main().catch((e: unknown) => {
  const token = process.env.BOT_TOKEN ?? '';
  if (e instanceof ConfigError || e instanceof DataFileError || e instanceof DataDirLockedError) {
    process.stderr.write(`${redact(e.message, [token])}\n`);
  } else {
    const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    process.stderr.write(`${redact(`Không khởi động được chibo-bot / chibo-bot could not start: ${msg}`, [token])}\n`);
  }
  process.exit(1);
});

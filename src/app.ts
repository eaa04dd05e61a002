/**
 * The composition root as a value: config → store → services → bot + scheduler + outbox
 * sender. main.ts runs it for real; tests, the demo and the bench build it in-process
 * with a fake clock and the fake Bot API.
 */
import type { Telegraf } from 'telegraf';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import type { Config } from './config.ts';
import { systemClock, type Clock } from './clock.ts';
import { createLogger, type Logger } from './log.ts';
import { Store } from './store/store.ts';
import { PgStore } from './store/postgres/engine.ts';
import type { StoragePort } from './store/port.ts';
import { createServices, type Services } from './services/index.ts';
import { ALLOWED_UPDATES, createBot } from './telegram/bot.ts';
import { CommandMenus } from './telegram/menus.ts';
import { listenWebhook, type WebhookServer } from './telegram/webhook.ts';
import type { BotContext } from './telegram/context.ts';
import { OutboxSender, type SenderOptions } from './telegram/outbox-sender.ts';
import { createScheduler, type Scheduler } from './scheduler/scheduler.ts';
import { localDate } from './core/time.ts';
import { createWebapp, listenWebapp, type HttpServer, type WebappHandler } from './webapp/server.ts';
import { servicesBackend } from './webapp/services-backend.ts';
import { pageDir } from './webapp/build.ts';

export interface AppOptions {
  config: Config;
  clock?: Clock;
  log?: Logger;
  sender?: Partial<SenderOptions>;
  /** Tick with node-cron every minute (default); tests call `scheduler.tick()` themselves. */
  cron?: boolean;
  /** The Mini App's built page (default dist/webapp, built there when missing). */
  webappDir?: string;
}

export interface App {
  config: Config;
  /** The files (DATA_DIR), or PostgreSQL when DATABASE_URL is set. */
  store: StoragePort;
  services: Services;
  bot: Telegraf<BotContext>;
  sender: OutboxSender;
  scheduler: Scheduler;
  menus: CommandMenus;
  log: Logger;
  /** Where our own HTTP server (the webhook's, the Mini App's) listens, once started. */
  http?: AddressInfo;
  /** Connects to Telegram, catches up on what was missed, starts sending and ticking. */
  start(): Promise<void>;
  /**
   * Stops receiving updates, the scheduler and the sender, waits (at most STOP_WAIT_MS) for
   * the updates being handled and the writes in flight, and frees the data folder. Safe to call twice.
   */
  stop(): Promise<void>;
  /**
   * Settles when Telegram stopped giving the bot its updates after start-up (a revoked token,
   * another instance polling, the bot banned): by then the app has stopped and said why in
   * one line, and `npm start` exits 1 — never a process sending reminders that hears nobody.
   */
  halted: Promise<Error>;
}

/** How long a stop waits for the work in progress. */
export const STOP_WAIT_MS = 10_000;

export async function createApp(opts: AppOptions): Promise<App> {
  const { config } = opts;
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? createLogger({ level: config.logLevel, secrets: [config.botToken] });
  const store: StoragePort = config.databaseUrl ? await PgStore.open({ url: config.databaseUrl }) : await Store.open({ dir: config.dataDir, today: localDate(clock.now()) });
  const services = createServices({ store, clock, log, adminIds: config.adminIds });
  const webappUrl = config.webapp?.url.href;
  const bot = createBot({ token: config.botToken, apiRoot: config.apiRoot, ...(webappUrl ? { webappUrl } : {}) }, services, clock, log);
  const handling = trackUpdates(bot);
  const sender = new OutboxSender(services, bot.telegram, log, { ...opts.sender, ...(webappUrl ? { webappUrl } : {}) });
  // The Mini App (WEBAPP_URL): its page and API on our own HTTP server, beside the webhook if there is one.
  let webapp: WebappHandler | undefined;
  if (config.webapp) {
    const backend = servicesBackend({ services, clock, telegram: bot.telegram });
    webapp = createWebapp({ prefix: config.webapp.url.pathname.replace(/\/$/, ''), botToken: config.botToken, clock, backend, log, staticDir: opts.webappDir ?? (await pageDir()) });
  }
  let webappServer: HttpServer | undefined;
  const scheduler = createScheduler(services, log);
  const menus = new CommandMenus(services, bot.telegram, config.adminIds, log);
  let stopping: Promise<void> | undefined;
  let webhookServer: WebhookServer | undefined;
  let halt!: (e: Error) => void;
  const halted = new Promise<Error>((resolve) => (halt = resolve));

  async function catchUp(): Promise<void> {
    try {
      await catchUpSteps();
    } catch (e) {
      // A stop during the catch-up (SIGTERM while the first tick reads a province's cells) closed the store under it: a clean stop, not a failed start.
      if (!stopping) throw e;
    }
  }

  async function catchUpSteps(): Promise<void> {
    // The sender first: what waits is sent while the first tick plans (on a province's database
    // that tick reads every cell), and what the tick plans reaches the sender as it is written.
    await sender.start();
    const queued = await scheduler.tick();
    if (queued) log.info('reminders planned at start', { queued });
    if (stopping) return;
    if (opts.cron !== false) scheduler.start();
    const setupCode = await services.cells.setupCode();
    if (setupCode) {
      log.info(
        `Chưa có người quản trị. Mã thiết lập một lần: ${setupCode} — gửi "/newcell ${setupCode}" cho bot để trở thành người quản trị. / No admin yet: send "/newcell ${setupCode}" to the bot to become its admin.`,
      );
    }
    // Last: one call per admin, committee member and secretary (updates are already being handled).
    await menus.start();
  }

  const app: App = {
    config,
    store,
    services,
    bot,
    sender,
    scheduler,
    menus,
    log,
    halted,
    async start() {
      if (config.webhook) {
        // Our own server (see webhook.ts), then Telegram is told where to post.
        const { path, secretToken } = webhookEndpoint(config);
        bot.botInfo ??= await bot.telegram.getMe();
        webhookServer = await listenWebhook({
          host: config.webhook.host,
          port: config.webhook.port,
          path,
          secretToken,
          handle: (u) => bot.handleUpdate(u),
          log,
          ...(webapp ? { fallback: webapp } : {}),
        });
        app.http = webhookServer.address;
        await bot.telegram.setWebhook(new URL(path, config.webhook.url).href, { secret_token: secretToken, allowed_updates: [...ALLOWED_UPDATES] }).catch((e: unknown) => {
          webhookServer?.close();
          throw e;
        });
        return catchUp();
      }
      if (webapp && config.webapp) {
        webappServer = await listenWebapp({ host: config.webapp.host, port: config.webapp.port, handler: webapp });
        app.http = webappServer.address;
      }
      let launched = false;
      return new Promise<void>((resolve, reject) => {
        // launch() resolves only when polling stops; start-up work runs on launch.
        bot
          .launch({ allowedUpdates: [...ALLOWED_UPDATES] }, () => {
            launched = true;
            catchUp().then(resolve, reject);
          })
          .catch((e: Error) => {
            if (!launched) {
              webappServer?.close();
              return reject(e);
            }
            log.error(launchFailure(e));
            void app.stop().then(
              () => halt(e),
              () => halt(e),
            );
          });
      });
    },
    stop() {
      stopping ??= (async () => {
        await handling.stopPolling();
        webhookServer?.close();
        webappServer?.close();
        const settled = (async () => {
          if (handling.count) log.info('stopping: waiting for the updates being handled', { updates: handling.count });
          await Promise.all([scheduler.stop(), sender.stop(), menus.stop(), handling.idle()]);
          await store.close();
        })();
        if (!(await within(STOP_WAIT_MS, settled))) {
          void store.close().catch(() => undefined);
          log.warn('stopped before the work in progress ended: what it had not saved was not acknowledged, and Telegram delivers those updates again', {
            updates: handling.count,
            waitedMs: STOP_WAIT_MS,
          });
        }
      })();
      return stopping;
    },
  };
  return app;
}

/** Why the bot no longer receives updates, in one line (Vietnamese and English). */
export function launchFailure(e: Error): string {
  const code = (e as { code?: unknown }).code;
  const why =
    code === 401
      ? 'Telegram từ chối mã bot (401): mã đã bị thu hồi hoặc đổi; lấy mã mới từ @BotFather / Telegram refused the token (401): revoked or changed'
      : code === 409
        ? 'một phiên bản khác của bot đang nhận cập nhật với cùng mã bot (409); chỉ chạy một phiên bản / another instance is receiving updates with this token (409)'
        : code === 403
          ? 'Telegram không cho bot nhận cập nhật (403) / Telegram forbids the bot to receive updates (403)'
          : `${e.name}: ${e.message}`.replace(/\s+/g, ' ');
  return `chibo-bot dừng vì không còn nhận được cập nhật: ${why}. Đã dừng nhắc nhở và hàng gửi. / chibo-bot stopped: it no longer receives updates.`;
}

/**
 * Counts the updates being handled (polled or posted, both go through handleUpdate), and
 * keeps the polling loop, which confirms the last updates to Telegram once they are handled.
 */
function trackUpdates(bot: Telegraf<BotContext>): { readonly count: number; idle(): Promise<void>; stopPolling(): Promise<void> } {
  const inFlight = new Set<Promise<void>>();
  let polling: Promise<unknown> = Promise.resolve();
  let launching = false;
  const handle = bot.handleUpdate.bind(bot);
  bot.handleUpdate = (update, res) => {
    const p = handle(update, res);
    inFlight.add(p);
    void p.catch(() => undefined).finally(() => inFlight.delete(p));
    return p;
  };
  const launch = bot.launch.bind(bot) as (...args: unknown[]) => Promise<void>;
  bot.launch = ((...args: unknown[]) => {
    launching = true;
    polling = launch(...args);
    void polling.catch(() => undefined).finally(() => (launching = false));
    return polling;
  }) as typeof bot.launch;
  return {
    /**
     * Stops polling. telegraf calls launch's callback (our catch-up) before it starts polling,
     * and its stop() refuses a bot not polling yet: a stop in that gap waits for the polling to start.
     */
    async stopPolling() {
      for (let waited = 0; ; waited += 10) {
        try {
          bot.stop('stop');
          return;
        } catch {
          if (!launching || waited >= STOP_WAIT_MS) return; // not running (webhook mode, or never launched)
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    get count() {
      return inFlight.size;
    },
    async idle() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
      await polling.catch(() => undefined);
    },
  };
}

/** Whether `work` ended within `ms`. */
async function within(ms: number, work: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    const done = work.then(() => true);
    done.catch(() => undefined); // a failure after the deadline is nobody's to handle
    return await Promise.race([done, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/**
 * Where Telegram posts updates in webhook mode: the URL's path (or one derived from the
 * token), and a secret Telegram sends back in a header so that forged posts are refused.
 */
export function webhookEndpoint(config: Pick<Config, 'botToken' | 'webhook'>): { path: string; secretToken: string } {
  const path = config.webhook && config.webhook.url.pathname.length > 1 ? config.webhook.url.pathname : `/telegram-${hash(config.botToken).slice(0, 16)}`;
  return { path, secretToken: hash(`secret:${config.botToken}`).slice(0, 32) };
}

/**
 * Configuration from the environment, parsed and validated once at start.
 * A bad value becomes one ConfigError line naming the variable (Vietnamese and English);
 * the token never appears in a message.
 */
import { isIP } from 'node:net';

export interface Config {
  botToken: string;
  adminIds: number[];
  dataDir: string;
  /** PostgreSQL instead of the data folder (DATABASE_URL): a province's many cells, several instances. */
  databaseUrl?: string;
  apiRoot: string | undefined;
  /** Updates by webhook: the public URL Telegram posts to, and where the bot listens behind the reverse proxy. */
  webhook: { url: URL; port: number; host: string } | undefined;
  /**
   * The Mini App (off when absent): the public https:// address its buttons open, ending in
   * '/'; served by the bot's own HTTP server at that path (the webhook's server, or one on
   * HOST:PORT when polling).
   */
  webapp?: { url: URL; port: number; host: string };
  logLevel: LogLevel;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    vi: string,
    en: string,
  ) {
    super(`Lỗi cấu hình ${variable}: ${vi} / Configuration error in ${variable}: ${en}`);
  }
}

const TOKEN = /^\d{3,15}:[A-Za-z0-9_-]{20,}$/;

export function parseConfig(env: Record<string, string | undefined>): Config {
  const token = (env.BOT_TOKEN ?? '').trim();
  if (!token) {
    throw new ConfigError('BOT_TOKEN', 'chưa đặt mã bot (lấy từ @BotFather) trong tệp .env', 'not set; put the token from @BotFather in .env');
  }
  if (!TOKEN.test(token)) {
    throw new ConfigError('BOT_TOKEN', 'không đúng dạng 123456789:ABC… của @BotFather', 'malformed; expected the 123456789:ABC… form from @BotFather');
  }

  const adminIds: number[] = [];
  for (const part of (env.ADMIN_IDS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!/^\d{1,15}$/.test(part)) {
      throw new ConfigError('ADMIN_IDS', `"${part}" không phải mã số Telegram; ghi các số cách nhau bởi dấu phẩy`, `"${part}" is not a Telegram user id; use numbers separated by commas`);
    }
    adminIds.push(Number(part));
  }

  const dataDir = (env.DATA_DIR ?? '').trim() || 'data';

  let apiRoot: string | undefined;
  if (env.TELEGRAM_API_ROOT?.trim()) {
    apiRoot = env.TELEGRAM_API_ROOT.trim().replace(/\/+$/, '');
    if (!isHttpUrl(apiRoot)) {
      throw new ConfigError('TELEGRAM_API_ROOT', 'phải là địa chỉ http:// hoặc https://', 'must be an http:// or https:// URL');
    }
  }

  let webhook: Config['webhook'];
  let webapp: Config['webapp'];
  const webhookUrl = env.WEBHOOK_URL?.trim();
  const webappUrl = env.WEBAPP_URL?.trim();
  for (const [name, raw] of [
    ['WEBHOOK_URL', webhookUrl],
    ['WEBAPP_URL', webappUrl],
  ] as const) {
    if (raw && (!raw.startsWith('https://') || !isHttpUrl(raw))) throw new ConfigError(name, 'phải là địa chỉ https:// công khai', 'must be a public https:// URL');
  }
  if (webhookUrl || webappUrl) {
    const portText = (env.PORT ?? '').trim() || '8080';
    const port = Number(portText);
    if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
      throw new ConfigError('PORT', 'phải là số cổng từ 1 đến 65535', 'must be a port number from 1 to 65535');
    }
    const host = (env.HOST ?? '').trim() || '127.0.0.1';
    if (!isIP(host) && !/^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(host)) {
      throw new ConfigError('HOST', 'phải là địa chỉ IP hoặc tên máy để bot lắng nghe (mặc định 127.0.0.1)', 'must be an IP address or host name to listen on (default 127.0.0.1)');
    }
    if (webhookUrl) webhook = { url: new URL(webhookUrl), port, host };
    if (webappUrl) {
      const url = new URL(webappUrl);
      url.hash = '';
      url.search = '';
      if (!url.pathname.endsWith('/')) url.pathname += '/';
      if (webhook && webhook.url.pathname.length > 1 && webhook.url.pathname.replace(/\/$/, '') === url.pathname.replace(/\/$/, '')) {
        throw new ConfigError('WEBAPP_URL', 'phải có đường dẫn khác WEBHOOK_URL (ví dụ https://…/app/)', "must have a path of its own, not the webhook's (e.g. https://…/app/)");
      }
      webapp = { url, port, host };
    }
  }

  const databaseUrl = databaseUrlOf(env);

  const level = ((env.LOG_LEVEL ?? '').trim() || 'info').toLowerCase();
  if (!['debug', 'info', 'warn', 'error'].includes(level)) {
    throw new ConfigError('LOG_LEVEL', 'chỉ nhận debug, info, warn hoặc error', 'must be debug, info, warn or error');
  }

  return { botToken: token, adminIds, dataDir, ...(databaseUrl ? { databaseUrl } : {}), apiRoot, webhook, ...(webapp ? { webapp } : {}), logLevel: level as LogLevel };
}

/** DATABASE_URL, trimmed, when set: a postgres:// URL, or one ConfigError line. */
export function databaseUrlOf(env: Record<string, string | undefined>): string | undefined {
  const url = env.DATABASE_URL?.trim();
  if (!url) return undefined;
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {}
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', 'phải có dạng postgres://người-dùng:mật-khẩu@máy-chủ:5432/tên-cơ-sở-dữ-liệu', 'must be a postgres://user:password@host:5432/database URL');
  }
  return url;
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

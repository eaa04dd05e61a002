import type { LogLevel } from './config.ts';

/** A small leveled logger, one line per event, with every secret redacted from the text. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
/** Anything shaped like a bot token, even one we were not told about. */
const TOKEN_SHAPE = /\d{3,15}:[A-Za-z0-9_-]{30,}/g;

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('<token>');
  return out.replace(TOKEN_SHAPE, '<token>');
}

export interface LoggerOptions {
  level: LogLevel;
  secrets: readonly string[];
  /** Where lines go; defaults to stderr. Tests capture it. */
  sink?: (line: string) => void;
}

export function createLogger(opts: LoggerOptions, base: Record<string, unknown> = {}): Logger {
  const sink = opts.sink ?? ((line: string) => process.stderr.write(`${line}\n`));
  const emit = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < ORDER[opts.level]) return;
    const all = { ...base, ...fields };
    const extra = Object.keys(all).length ? ` ${JSON.stringify(all, errorReplacer)}` : '';
    sink(redact(`${new Date().toISOString()} ${level.toUpperCase()} ${msg}${extra}`, opts.secrets));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(opts, { ...base, ...fields }),
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

/**
 * The bot as a real process for the fault suite's process tests: `npm start`'s entry
 * (src/main.ts) or the child with a moved clock (test/support/bot-process.ts), its output
 * collected, with a wait for a line and for its exit.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

export const MAIN = path.resolve(import.meta.dirname, '../../src/main.ts');
export const MOVED_CLOCK = path.resolve(import.meta.dirname, '../support/bot-process.ts');

export interface BotChild {
  proc: ChildProcessWithoutNullStreams;
  pid: number;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when stdout or stderr matches; rejects if the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

export function spawnBot(entry: string, env: Record<string, string>, cwd: string): BotChild {
  const proc = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), entry], { env: { PATH: process.env.PATH ?? '', ...env }, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const l of listeners) l();
  };
  proc.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    changed();
  });
  proc.stderr.on('data', (c: Buffer) => {
    err += c.toString();
    changed();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => {
      resolve({ code, signal });
      changed();
    }),
  );
  return {
    proc,
    pid: proc.pid!,
    stderr: () => err,
    exited,
    waitFor(pattern, timeoutMs = 20_000) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`timed out waiting for ${pattern}: ${err.slice(-2000)}`)), timeoutMs);
        const check = () => {
          if (pattern.test(out) || pattern.test(err)) done();
          else if (proc.exitCode !== null || proc.signalCode !== null) done(new Error(`exited before ${pattern}: ${err.slice(-2000)}`));
        };
        const done = (e?: Error) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (e) reject(e);
          else resolve();
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Ends a child that is still running (SIGKILL) and waits for it. */
export async function reap(child: BotChild | undefined): Promise<void> {
  if (!child) return;
  if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
  await child.exited;
}

/**
 * Update latency and throughput through the real pipeline with durable writes, on a
 * generated deployment. A member's session is the realistic mix of the issue: /meeting,
 * the RSVP press, /dues, a dues claim ("Tôi đã đóng", a month, the method), and two lines
 * typed into their self-evaluation.
 */
import type { InProcessBot } from './inproc.ts';
import { firstIdOf } from './generate.ts';

export type Kind = 'meeting' | 'rsvp' | 'dues' | 'claim' | 'evaluation';

export interface Timing {
  kind: Kind;
  ms: number;
}

const SESSION: { kind: Kind; run: (b: InProcessBot, u: number) => Promise<number> }[] = [
  { kind: 'meeting', run: (b, u) => b.send(u, '/meeting') },
  { kind: 'rsvp', run: (b, u) => b.press(u, '✅ Tham dự') },
  { kind: 'dues', run: (b, u) => b.send(u, '/dues') },
  { kind: 'claim', run: (b, u) => b.press(u, '✋ Tôi đã đóng') },
  { kind: 'claim', run: (b, u) => b.press(u, /^☐ /) },
  { kind: 'claim', run: (b, u) => b.press(u, '🌐 Cổng DVC quốc gia') },
  { kind: 'evaluation', run: (b, u) => b.send(u, 'Luôn gương mẫu, nhiệt tình trong công tác, đoàn kết với đồng nghiệp.') },
  { kind: 'evaluation', run: (b, u) => b.send(u, 'Tích cực tham gia các phong trào thi đua của ngành và địa phương.') },
];

export const SESSION_LENGTH = SESSION.length;

export async function session(b: InProcessBot, tgId: number, out: Timing[]): Promise<void> {
  for (const step of SESSION) out.push({ kind: step.kind, ms: await step.run(b, tgId) });
}

/** The time of each whole session (its updates in a row), from sequential timings. */
export function sessionTimes(timings: readonly Timing[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + SESSION.length <= timings.length; i += SESSION.length) out.push(timings.slice(i, i + SESSION.length).reduce((s, t) => s + t.ms, 0));
  return out;
}

/** The users of a deployment: the `n`-th (0–2) of the ordinary members editing their self-evaluation, of each cell. */
export function usersOf(cells: number, perCell: number, n: number): number[] {
  return Array.from({ length: cells }, (_, c) => firstIdOf(c, perCell) + 3 + n);
}

export async function runSequential(b: InProcessBot, users: readonly number[]): Promise<Timing[]> {
  const out: Timing[] = [];
  for (const u of users) await session(b, u, out);
  return out;
}

/** Sessions of many users at once (`concurrency` in flight); updates per second. */
export async function runConcurrent(b: InProcessBot, users: readonly number[], concurrency: number): Promise<{ updates: number; seconds: number }> {
  const queue = [...users];
  const out: Timing[] = [];
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let u = queue.shift(); u !== undefined; u = queue.shift()) await session(b, u, out);
    }),
  );
  return { updates: out.length, seconds: (performance.now() - t) / 1000 };
}

export function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

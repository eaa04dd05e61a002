/**
 * Fan-out bench: the meeting reminder of 400 cells × 25 members (10,000 private messages)
 * through the real scheduler, outbox and sender (DEFAULT_SENDER pacing) against the fake
 * Bot API enforcing Telegram's limits (1 msg/s per private chat, 30 msg/s overall,
 * 20/min per group; 429 with retry_after beyond). The cells are generated straight into
 * the store. Measures the time from the planner's tick until the outbox is idle, against
 * the theoretical minimum (messages / 30 s), and counts messages lost, sent twice and the
 * 429s the fake answered.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHarness } from '../support/harness.ts';
import { FakeBotApi, type RateLimits } from '../support/fake-bot-api.ts';
import { DEFAULT_SENDER, type SenderOptions } from '../../src/telegram/outbox-sender.ts';
import { newCellFile, type CellFile } from '../../src/store/schema.ts';
import { applyRule } from '../../src/core/meetings/index.ts';
import type { Member } from '../../src/core/members.ts';
import type { BenchRow } from './table.ts';
import { aMember } from '../support/fixtures.ts';

export interface FanoutOptions {
  cells?: number;
  perCell?: number;
  limits?: RateLimits;
  sender?: Partial<SenderOptions>;
  /** Progress lines (every ~10 s). */
  progress?: (line: string) => void;
}

export interface FanoutResult {
  cells: number;
  members: number;
  /** Reminders delivered (distinct recipients). */
  delivered: number;
  seconds: number;
  /** messages / globalPerSecond */
  minimumSeconds: number;
  ratio: number;
  lost: number;
  twice: number;
  /** 429s the fake answered. */
  received429: number;
  /** Seconds the planner's tick took (it persists every cell's outbox before sending). */
  planSeconds: number;
}

export const TELEGRAM_LIMITS: RateLimits = { privateGapMs: 1000, globalPerSecond: 30, groupPerMinute: 20 };

// The regular meeting is Thursday 05/12/2024 14:00; its 3-day reminder is due now.
export const THREE_DAYS_BEFORE = '2024-12-02T14:00:00+07:00';
/** An hour before it: the bot starts then, with nothing due. */
export const FANOUT_START = '2024-12-02T13:00:00+07:00';

/** The `c`-th cell of the fan-out: `perCell` members (the first its secretary) and the regular meeting on the first Thursday. */
export function fanoutCell(c: number, perCell: number): { file: CellFile; recipients: number[] } {
  const id = `cb${String(c).padStart(4, '0')}`;
  const file = newCellFile({ id, name: `Chi bộ ${c + 1}`, parentName: 'Đảng ủy xã', createdAt: '2024-01-01T00:00:00Z', createdBy: 900, inviteCode: `inv${id}` });
  const recipients: number[] = [];
  for (let i = 0; i < perCell; i++) {
    const tgId = 1_000_000 + c * perCell + i;
    recipients.push(tgId);
    file.members[String(tgId)] = member(tgId, i === 0);
  }
  applyRule(file.meetings, { from: '2024-01', rule: { on: { kind: 'weekday', weekday: 4, week: 1 }, time: '14:00', place: 'Phòng họp' }, setAt: '2024-01-01T00:00:00Z', by: '1' });
  return { file, recipients };
}

/** The reminders each recipient got (counted by chat). */
export function remindersByChat(api: FakeBotApi): Map<number, number> {
  const count = new Map<number, number>();
  for (const m of api.sentByBot()) if (m.text.includes('🔔') && m.text.includes('05/12/2024')) count.set(m.chatId, (count.get(m.chatId) ?? 0) + 1);
  return count;
}

export async function benchFanout(opts: FanoutOptions = {}): Promise<FanoutResult> {
  const cells = opts.cells ?? 400;
  const perCell = opts.perCell ?? 25;
  const limits = opts.limits ?? TELEGRAM_LIMITS;
  const api = await FakeBotApi.start();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chibo-bench-'));
  const h = await startHarness({ api, dataDir, now: FANOUT_START, sender: { ...DEFAULT_SENDER, ...opts.sender } });
  try {
    const recipients: number[] = [];
    for (let c = 0; c < cells; c++) {
      const cell = fanoutCell(c, perCell);
      recipients.push(...cell.recipients);
      await h.app.store.createCell(cell.file);
    }
    api.enforceLimits(limits);

    const started = performance.now();
    const timer = setInterval(() => {
      const sent = api.sentByBot().length;
      opts.progress?.(`  … ${Math.round((performance.now() - started) / 1000)} s: ${sent} sent, ${api.rejected429} × 429`);
    }, 10_000);
    h.clock.set(THREE_DAYS_BEFORE);
    await h.app.scheduler.tick();
    const planSeconds = (performance.now() - started) / 1000;
    await h.app.sender.idle();
    const seconds = (performance.now() - started) / 1000;
    clearInterval(timer);

    const count = remindersByChat(api);
    const lost = recipients.filter((r) => !count.get(r)).length;
    const twice = recipients.filter((r) => (count.get(r) ?? 0) > 1).length;
    const delivered = recipients.length - lost;
    const minimumSeconds = recipients.length / limits.globalPerSecond;
    return { cells, members: recipients.length, delivered, seconds, minimumSeconds, ratio: seconds / minimumSeconds, lost, twice, received429: api.rejected429, planSeconds };
  } finally {
    await h.stop();
    await api.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function member(tgId: number, secretary: boolean): Member {
  return aMember(tgId, { gender: tgId % 2 ? 'nam' : 'nu', role: secretary ? 'secretary' : 'member' }, '2020-01-01');
}

/** The fan-out's rows; `prefix` names the engine, `perSecond` is the fake's overall limit the minimum is computed from. */
export function fanoutRows(r: FanoutResult, opts: { prefix?: string; perSecond?: number } = {}): BenchRow[] {
  const p = opts.prefix ?? '';
  return [
    { figure: `${p}Fan-out: ${r.members} members in ${r.cells} cells, time (s)`, value: r.seconds.toFixed(1), target: `≤ ${(r.minimumSeconds * 1.1).toFixed(1)}`, ok: r.ratio <= 1.1 },
    { figure: `${p}Fan-out: theoretical minimum (s)`, value: r.minimumSeconds.toFixed(1), target: `messages / ${opts.perSecond ?? 30}`, ok: true },
    { figure: `${p}Fan-out: ratio time / minimum`, value: r.ratio.toFixed(3), target: '≤ 1.10', ok: r.ratio <= 1.1 },
    { figure: `${p}Fan-out: planning (tick) time (s)`, value: r.planSeconds.toFixed(1), target: '—', ok: true },
    { figure: `${p}Fan-out: messages lost`, value: r.lost, target: '0', ok: r.lost === 0 },
    { figure: `${p}Fan-out: messages sent twice`, value: r.twice, target: '0', ok: r.twice === 0 },
    { figure: `${p}Fan-out: 429s received`, value: r.received429, target: 'few', ok: true },
  ];
}

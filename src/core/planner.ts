/**
 * "What is due now?" — the one question the scheduler asks (every minute, and once at
 * start, so that what was missed while the bot was down still goes out if it is still
 * relevant). Pure: the cell's data and the clock in, messages with idempotency keys out.
 * Each feature contributes its own planner, with the answer to "when could something new
 * be due?" beside it: the scheduler asks a cell again only then, or when its data changed.
 */
import type { PlannedMessage } from './notices.ts';
import { isActive, probationEnds, type Cell, type Member } from './members.ts';
import { addDays, instantAt, localDate } from './time.ts';

/** The parts of a cell file the planners read (the store's CellFile satisfies it). */
export interface PlannerInput {
  cell: Cell;
  members: Record<string, Member>;
}

export type Planner<T extends PlannerInput = PlannerInput> = (data: T, now: Date) => PlannedMessage[];

/**
 * When a planner could next plan a message it did not plan at `now` (epoch ms, after
 * `now`): until then, with the same data, it plans nothing new. Every planner reads the
 * local day, so it is never later than the next local midnight (`dueAfter`).
 */
export type NextDue<T extends PlannerInput = PlannerInput> = (data: T, now: Date) => number;

/** A feature's planner and its next-due instant. */
export interface FeaturePlanner<T extends PlannerInput = PlannerInput> {
  plan: Planner<T>;
  nextDue: NextDue<T>;
}

/** The earliest of `instants` (epoch ms) after `now`, and at the latest the next local midnight. */
export function dueAfter(now: Date, instants: Iterable<number>): number {
  const t = now.getTime();
  let next = instantAt(addDays(localDate(now), 1)).getTime();
  for (const at of instants) if (at > t && at < next) next = at;
  return next;
}

/** The instants of local times of `now`'s day (a rule that holds "from 08:00" starts then). */
export function todayAt(now: Date, ...times: string[]): number[] {
  const today = localDate(now);
  return times.map((time) => instantAt(today, time).getTime());
}

/** Who gets messages meant for the secretary: the secretary, or the admin who made the cell. */
export function secretaryChat(data: PlannerInput): number {
  const sec = Object.values(data.members).find((m) => m.role === 'secretary' && m.state === 'active');
  return sec?.tgId ?? data.cell.createdBy;
}

/** A dự bị member whose 12 months are up: the secretary is reminded once (from the day they end: a new day is the only change). */
export const planProbation: Planner = (data, now) => {
  const today = localDate(now);
  const out: PlannedMessage[] = [];
  for (const m of Object.values(data.members)) {
    const due = isActive(m) ? probationEnds(m) : undefined;
    if (!due || due > today) continue;
    out.push({
      key: `${data.cell.id}:probation:${m.id}:${due}`,
      chatId: secretaryChat(data),
      notice: { kind: 'probation.due', name: m.name, since: m.admittedOn!, due },
    });
  }
  return out;
};

export const nextProbationDue: NextDue = (_data, now) => dueAfter(now, []);

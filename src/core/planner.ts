/**
 * "What is due now?" — the one question the scheduler asks every minute (and once at
 * start, so that what was missed while the bot was down still goes out if it is still
 * relevant). Pure: the cell's data and the clock in, messages with idempotency keys out.
 * Each feature contributes its own planner.
 */
import type { PlannedMessage } from './notices.ts';
import { isActive, probationEnds, type Cell, type Member } from './members.ts';
import { localDate } from './time.ts';

/** The parts of a cell file the planners read (the store's CellFile satisfies it). */
export interface PlannerInput {
  cell: Cell;
  members: Record<string, Member>;
}

export type Planner<T extends PlannerInput = PlannerInput> = (data: T, now: Date) => PlannedMessage[];

/** Who gets messages meant for the secretary: the secretary, or the admin who made the cell. */
export function secretaryChat(data: PlannerInput): number {
  const sec = Object.values(data.members).find((m) => m.role === 'secretary' && m.state === 'active');
  return sec?.tgId ?? data.cell.createdBy;
}

/** A dự bị member whose 12 months are up: the secretary is reminded once. */
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

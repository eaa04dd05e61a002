/**
 * Dues (đảng phí): amounts, reliefs, the ledger, claims and arrears. Pure. (issue 4)
 * STUB: replaced by the dues feature.
 */
import type { PlannerInput, Planner } from './planner.ts';
import type { MeetingsData } from './meetings.ts';

export interface DuesData {}

export function emptyDues(): DuesData {
  return {};
}

export type DuesNotice = never;

export const planDues: Planner<PlannerInput & { dues: DuesData; meetings: MeetingsData }> = () => [];

/** Changing the regular rule: from which month it applies. */
import { addMonths, type LocalDate, localMonth, type Month } from '../time.ts';
import type { MeetingRecord, MeetingRule, MeetingsData, Occurrence, RuleVersion } from './model.ts';
import { hasStarted, regularOccurrence, ruleDate, startOf } from './occurrences.ts';

/** Why a new rule applies from this month or only from the next one. */
export type RuleChangeReason =
  | 'first' // no rule before; this month's new date is still ahead
  | 'thisMonth' // this month's meeting follows the new rule
  | 'firstPassed' // no rule before; this month's new date has passed
  | 'held' // this month's meeting already started
  | 'cancelled' // this month's meeting was cancelled
  | 'moved' // this month's meeting was moved on its own: that move stays
  | 'passed';

// under the new rule this month's date has passed: it keeps its old date

export interface RuleChange {
  from: Month;
  reason: RuleChangeReason;
  /** This month's regular occurrence before the change. */
  before?: Occurrence;
  /** The date the new rule would give this month. */
  newDate: LocalDate;
}

/** Decides from which month a new rule applies when set at `now`. Pure; see `applyRule`. */
export function planRuleChange(data: MeetingsData, rule: MeetingRule, now: Date): RuleChange {
  const month = localMonth(now);
  const newDate = ruleDate(rule.on, month);
  const newStartPassed = Date.parse(startOf(newDate, rule.time)) <= now.getTime();
  const before = regularOccurrence(data, month);
  const next = addMonths(month, 1);
  if (!before) return { from: newStartPassed ? next : month, reason: newStartPassed ? 'firstPassed' : 'first', newDate };
  if (hasStarted(before, now)) return { from: next, reason: 'held', before, newDate };
  if (before.cancelled) return { from: next, reason: 'cancelled', before, newDate };
  if (before.moved) return { from: next, reason: 'moved', before, newDate };
  if (newStartPassed) return { from: next, reason: 'passed', before, newDate };
  return { from: month, reason: 'thisMonth', before, newDate };
}

/** Records a rule version from `from` (replacing versions from that month on). */
export function applyRule(data: MeetingsData, version: RuleVersion): void {
  data.rules = data.rules.filter((v) => v.from < version.from);
  data.rules.push(version);
}

export function sameWhen(a: Pick<Occurrence, 'date' | 'time' | 'place'>, b: Pick<Occurrence, 'date' | 'time' | 'place'>): boolean {
  return a.date === b.date && a.time === b.time && a.place === b.place;
}

/** The record of an occurrence, created when first needed. */
export function recordOf(data: MeetingsData, o: Occurrence): MeetingRecord {
  return (data.records[o.id] ??= { id: o.id, kind: o.kind, rev: 0, rsvp: {} });
}

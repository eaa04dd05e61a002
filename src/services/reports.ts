/**
 * /report: gathers every feature's figures for a year (or a month) from the cell's data
 * and builds the report model; the .docx and the chat summary are made from it.
 */
import { rosterFigures, wasAdmitted, type Cell, type Member, type RosterFigures } from '../core/members.ts';
import { RuleError } from '../core/result.ts';
import { buildReport, reportSources, type GroupedTexts, type ReportModel } from '../core/report.ts';
import { groupPoints } from '../core/textgroup.ts';
import { meetingMonthSummary, type MeetingMonthSummary } from '../core/meetings/index.ts';
import { duesMonthFigures, duesView, type DuesMonthFigures } from '../core/dues/index.ts';
import { openReview, reviewAnswers, reviewFigures, type ReviewFigures, type ReviewTexts } from '../core/review/index.ts';
import { localDate, type LocalDate, type Month } from '../core/time.ts';
import type { CellFile } from '../store/port.ts';
import type { ServiceDeps } from './deps.ts';
import { bindDeps } from './bind.ts';
import { requireActor } from './access.ts';
import { reviewDrafts } from './review-drafts.ts';

export interface MonthReport {
  cell: Cell;
  month: Month;
  asOf: LocalDate;
  roster: RosterFigures;
  meetings: MeetingMonthSummary;
  dues: DuesMonthFigures;
  /** The open review's progress, if a review is open. */
  review?: ReviewFigures;
}

/**
 * The year's report as of today (a past year: as of its 31 December). Grouping the
 * members' points is the costly part: one section at a time, letting other chats'
 * updates run in between.
 */
export async function year(deps: ServiceDeps, tgId: number, year: number): Promise<ReportModel> {
  // One version of the cell's data (versions are never changed in place), across the pauses.
  const d = (await requireActor(deps.store, tgId, 'cell.read')).data;
  const today = localDate(deps.clock.now());
  if (year > Number(today.slice(0, 4))) throw new RuleError({ code: 'report.future', params: { year } });
  return reportModelOf(d, year, today);
}

/** The report model of a cell's year from its data as of `today` (no access check: `year` above is the use case). */
export async function reportModelOf(d: CellFile, year: number, today: LocalDate): Promise<ReportModel> {
  const answers = reviewAnswers(d.review, year);
  const names = Object.values(d.members).map((m) => m.name);
  const grouped = {} as GroupedTexts;
  for (const key of Object.keys(answers) as (keyof ReviewTexts)[]) {
    grouped[key] = groupPoints(answers[key], { names });
    await new Promise((resolve) => setImmediate(resolve));
  }
  return buildReport({ ...reportSources(d, year, today, reviewDrafts(d.dialogs)), grouped });
}

/**
 * `/report <year>`: the year's report, its draft recorded as made now (the cell's
 * `reports[year]`, what the admins' /overview shows). The Mini App's charts read `year`.
 */
export async function draft(deps: ServiceDeps, tgId: number, forYear: number): Promise<ReportModel> {
  const model = await year(deps, tgId, forYear);
  const draftedAt = deps.clock.now().toISOString();
  await deps.store.updateCell(model.cell.id, (d) => {
    d.reports ??= {};
    d.reports[String(forYear)] = { draftedAt };
  });
  return model;
}

/** `/report 11/2024`: the month's meeting, attendance, dues and claims, and the open review. */
export async function month(deps: ServiceDeps, tgId: number, month: Month): Promise<MonthReport> {
  const d = (await requireActor(deps.store, tgId, 'cell.read')).data;
  const today = localDate(deps.clock.now());
  if (month > today.slice(0, 7)) throw new RuleError({ code: 'report.futureMonth' });
  const members: Member[] = Object.values(d.members).filter(wasAdmitted);
  const open = openReview(d.review);
  const monthEnd = `${month}-31` < today ? `${month}-31` : today;
  return {
    cell: d.cell,
    month,
    asOf: today,
    roster: rosterFigures(members, monthEnd),
    meetings: meetingMonthSummary(d.meetings, month, today),
    dues: duesMonthFigures(duesView(d.dues), members, month),
    ...(open ? { review: reviewFigures(d.review, open.year, members, reviewDrafts(d.dialogs)) } : {}),
  };
}

/** The use cases above, bound to one set of deps. */
export function reportService(deps: ServiceDeps) {
  return bindDeps(deps, {
    year,
    draft,
    month,
  });
}

export type ReportService = ReturnType<typeof reportService>;

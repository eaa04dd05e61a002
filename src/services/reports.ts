/**
 * /report: gathers every feature's figures for a year (or a month) from the cell's data
 * and builds the report model; the .docx and the chat summary are made from it.
 */
import { can, rosterFigures, type Cell, type Member, type RosterFigures } from '../core/members.ts';
import { RuleError } from '../core/result.ts';
import { buildReport, type ReportModel } from '../core/report.ts';
import { meetingMinutes, meetingMonthSummary, meetingYearFigures, type MeetingMonthSummary } from '../core/meetings.ts';
import { duesMonthFigures, duesView, duesYearFigures, type DuesMonthFigures } from '../core/dues.ts';
import { openReview, reviewFigures, reviewTexts, type ReviewFigures } from '../core/review.ts';
import { entriesOf, inspectionFigures } from '../core/journal.ts';
import { localDate, type LocalDate, type Month } from '../core/time.ts';
import type { ServiceDeps } from './deps.ts';

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

export function reportService({ store, clock }: ServiceDeps) {
  const committee = (tgId: number) => {
    const cellId = store.cellOfUser(tgId);
    const d = cellId ? store.cell(cellId) : undefined;
    if (!d || !can(d.members[String(tgId)], 'cell.read')) throw new RuleError({ code: 'forbidden.committee' });
    return d;
  };

  return {
    /** The year's report as of today (a past year: as of its 31 December). */
    year(tgId: number, year: number): ReportModel {
      const d = committee(tgId);
      const today = localDate(clock.now());
      if (year > Number(today.slice(0, 4))) throw new RuleError({ code: 'report.future', params: { year } });
      const asOf = `${year}-12-31` < today ? `${year}-12-31` : today;
      const members: Member[] = Object.values(d.members).filter((m) => !['applying', 'pending', 'refused'].includes(m.state));
      return buildReport({
        year,
        asOf,
        cell: d.cell,
        members,
        meetings: meetingYearFigures(d.meetings, members, year, asOf),
        minutes: meetingMinutes(d.meetings, year),
        dues: duesYearFigures(duesView(d.dues), members, year, today),
        review: reviewFigures(d.review, year, members, d.dialogs),
        texts: reviewTexts(d.review, year),
        journal: entriesOf(d.journal, year),
        inputs: d.journal.inputs[String(year)] ?? {},
        inspections: inspectionFigures(d.journal, year),
      });
    },

    /** `/report 11/2024`: the month's meeting, attendance, dues and claims, and the open review. */
    month(tgId: number, month: Month): MonthReport {
      const d = committee(tgId);
      const today = localDate(clock.now());
      if (month > today.slice(0, 7)) throw new RuleError({ code: 'report.futureMonth' });
      const members: Member[] = Object.values(d.members).filter((m) => !['applying', 'pending', 'refused'].includes(m.state));
      const open = openReview(d.review);
      const monthEnd = `${month}-31` < today ? `${month}-31` : today;
      return {
        cell: d.cell,
        month,
        asOf: today,
        roster: rosterFigures(members, monthEnd),
        meetings: meetingMonthSummary(d.meetings, month, today),
        dues: duesMonthFigures(duesView(d.dues), members, month),
        ...(open ? { review: reviewFigures(d.review, open.year, members, d.dialogs) } : {}),
      };
    },
  };
}

export type ReportService = ReturnType<typeof reportService>;

/** Reading typed input: a month, a period, a percent, the dues day. */
import { fail, ok, type Result } from '../result.ts';
import { type LocalDate, type Month, monthOfDate, pad2 } from '../time.ts';

/** A month typed as mm/yyyy (also m/yyyy, mm-yyyy, mm.yyyy). */
export function parseMonth(input: string): Result<Month> {
  const m = /^(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(input.trim());
  if (!m) return fail('month.format');
  const month = Number(m[1]);
  const year = Number(m[2]);
  if (month < 1 || month > 12 || year < 2000 || year > 2100) return fail('month.invalid');
  return ok(`${year}-${pad2(month)}`);
}

export type Period = { kind: 'month'; month: Month } | { kind: 'year'; year: number };

/** The argument of /dues: nothing (this month), `11/2024` or `2024`. */
export function parsePeriod(input: string, today: LocalDate): Result<Period> {
  const s = input.trim();
  if (!s) return ok({ kind: 'month', month: monthOfDate(today) });
  if (/^\d{4}$/.test(s)) {
    const year = Number(s);
    if (year < 2000 || year > 2100) return fail('period.format');
    return ok({ kind: 'year', year });
  }
  const m = parseMonth(s);
  return m.ok ? ok({ kind: 'month', month: m.value }) : fail('period.format');
}

/** A whole percentage 0–100 (the share kept by the cell). */
export function parsePercent(input: string): Result<number> {
  const s = input.trim().replace(/\s*%$/, '');
  if (!/^\d{1,3}$/.test(s)) return fail('percent.format');
  const n = Number(s);
  if (n > 100) return fail('percent.range');
  return ok(n);
}

/** A day of the month for the dues reminder: 1–28 (every month has it). */
export function parseDuesDay(input: string): Result<number> {
  const s = input.trim();
  if (!/^\d{1,2}$/.test(s)) return fail('duesDay.format');
  const n = Number(s);
  if (n < 1 || n > 28) return fail('duesDay.range');
  return ok(n);
}

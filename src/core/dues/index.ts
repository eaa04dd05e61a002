/**
 * Dues (đảng phí), SPEC §6 and Quy định 01-QĐ/TW (2026). Pure: "now" and "today" are parameters.
 *
 * The book of one cell (`DuesData`):
 * - per member a monthly amount with its history (a change applies from a month on) and
 *   reliefs (exemption, or a reduction of 30/50/70%) from a month to a month, at most 12
 *   months per decision; a newer decision covering a month wins over an older one, and an
 *   `end` decision lifts a relief from its month on. Nothing is edited: every change is a
 *   new record with who and when.
 * - entries: payments (member, month, amount, method, whether it was an approved payment
 *   ahead or late, who recorded it and when) and reversals (pointing at a payment, with a
 *   reason). A month is paid at most once: it can be paid again only after a reversal.
 * - claims: "Tôi đã đóng" from a member, per month, confirmed (→ a payment) or rejected
 *   (with a reason the member sees) by a collector.
 *
 * Who owes a month (decisions where the rules are silent):
 * - a member owes from the month after approval (`approvedOn`, the day the bot's books
 *   start for them) and every month in which they were in the cell at some point; a member
 *   who left (transferred, removed, deceased — the date is in `history`) owes the month
 *   they left and nothing after it.
 * - members exempted from activity (miễn / tạm miễn sinh hoạt) still owe dues: only a dues
 *   exemption recorded here releases a month (the rules treat the two separately; a tạm
 *   miễn member is exactly who may pay ahead or late).
 * - the first amount ever set also covers the months before it (the amount was simply not
 *   recorded yet); a month owed while no amount is set has an unknown expected amount: it
 *   is owed (and counts as unpaid) but adds nothing to expected sums (`noAmount` lists it).
 * - arrears flags count the months of a calendar year that have ENDED, owed, not exempt and
 *   not paid (not necessarily consecutive): the current month is never counted before it
 *   is over. Flag at 2; the secretary is alerted at 3, once per member and year.
 *
 * Figures for the report feature (contract; all amounts whole đồng):
 * - `duesMonthFigures(dues, members, month, today)` → `DuesMonthFigures`: for the month,
 *   `expected` (Σ expected of members who owe it, amounts known), `collected` (Σ payments
 *   for that month not reversed), `outstanding` (Σ expected of owed months not paid),
 *   `owing` (members who owe the month, exempt ones not counted), `paidInFull` (of them,
 *   paid), `exempt`, `kept` / `sent` (the cell's share by the `keptPercent` setting, rounded
 *   half up, `sent = collected − kept`), `rows` per member, `noAmount`, `openClaims`.
 * - `duesYearFigures(dues, members, year, today)` → `DuesYearFigures`: the months of the year
 *   up to the current one (`through`), each as above, and their sums (`kept` is the sum of the
 *   months' kept, so the year agrees with the months); `members` who owed at least one of
 *   those months and `paidInFull` of them (no month unpaid); per member with something unpaid
 *   (`arrears`): the unpaid months of the year up to `through` and `counted` (those already
 *   ended), `flag` 0 / 2 / 3 (3 = three or more counted months).
 * - `openClaims(dues, month?)` → claims waiting for a collector (all, or of one month).
 *   Collected counts payments by the month they pay for, not by the day they were made.
 */
export {
  PAY_METHODS,
  BASIS_PERCENT,
  REDUCTIONS,
  MAX_RELIEF_MONTHS,
  DEFAULT_KEPT_PERCENT,
  FALLBACK_DUES_DAY,
  DUES_REMINDER_TIME,
  ARREARS_ALERT_TIME,
  CLAIM_WAIT_DAYS,
  PLAN_WINDOW_DAYS,
  MAX_AHEAD_MONTHS,
  emptyDues,
  normalizeDues,
  duesView,
} from './model.ts';
export type {
  PayMethod,
  AmountBasis,
  AmountChange,
  ReliefKind,
  Reduction,
  Relief,
  MemberDues,
  Payment,
  Reversal,
  DuesEntry,
  ClaimDecision,
  Claim,
  DuesSettings,
  DuesData,
  DuesMember,
  ClaimView,
  DuesNotice,
} from './model.ts';
export { parseMonth, parsePeriod, parsePercent, parseDuesDay } from './parse.ts';
export type { Period } from './parse.ts';
export { amountIn, reliefIn, reduced, firstOwedMonth, owesIn, memberMonth, unpaidMonths, paidThrough, arrearsFlag, arrearsMonths } from './book.ts';
export type { MonthState, MemberMonth } from './book.ts';
export { payableMonths, isOffTurn, addClaims, recordPayments, confirmClaim, rejectClaim, reversePayment, activePayments, setAmount, checkReliefSpan, addRelief, currentRelief } from './commands.ts';
export type { Stamp } from './commands.ts';
export { splitKept, duesMonthFigures, duesYearFigures, openClaims } from './figures.ts';
export type { DuesMonthFigures, MemberArrears, DuesYearFigures } from './figures.ts';
export { collectorsOf, duesDay, claimViews, planDues, nextDuesDue } from './planner.ts';

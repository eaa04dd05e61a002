/** The cell's journal for the annual report. Pure. (issue 6) */
export interface JournalData {}

export function emptyJournal(): JournalData {
  return {};
}

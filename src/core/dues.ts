/** Dues (đảng phí): amounts, reliefs, the ledger, claims and arrears. Pure. (issue 4) */
export interface DuesData {}

export function emptyDues(): DuesData {
  return {};
}

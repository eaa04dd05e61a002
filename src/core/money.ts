/** Money is whole đồng (integers), printed "45.000 đ". */
import { fail, ok, type Result } from './result.ts';

export const MAX_MONTHLY_DUES = 10_000_000;

export function formatMoney(dong: number): string {
  const sign = dong < 0 ? '-' : '';
  const digits = String(Math.abs(Math.round(dong)));
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
}

/**
 * Parses what people type for an amount: `45000`, `45.000`, `45,000`, `45k`, `45 nghìn`,
 * `45 ngàn`, `45.000đ`, `45.000 đồng`, `1,5 triệu`, `1.2tr`. Dots and commas are thousands
 * separators unless a multiplier word follows, where one of them may mark a decimal part.
 */
export function parseMoney(input: string, max = MAX_MONTHLY_DUES): Result<number> {
  let s = input.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  if (!s) return fail('money.empty');
  if (/^[-−–]/.test(s)) return fail('money.negative');
  // an amount a month, as people write it: 45.000đ/tháng, 45k mỗi tháng
  s = s.replace(/\s*(\/\s*(tháng|th)|(mỗi|một|hằng|hàng) tháng)\.?$/u, '').trim();
  s = s.replace(/\s*(vnđ|vnd|đồng|dong|đ|d)\.?$/u, '').trim();
  let multiplier = 1;
  const unit = /\s*(k|nghìn|nghin|ngàn|ngan|tr|triệu|trieu)$/u.exec(s);
  if (unit) {
    multiplier = unit[1]!.startsWith('k') || unit[1]!.startsWith('ng') ? 1_000 : 1_000_000;
    s = s.slice(0, unit.index).trim();
  }
  // thousands grouped with spaces: 45 000, 1 500 000
  if (/^\d{1,3}( \d{3})+$/.test(s)) s = s.replace(/ /g, '');
  if (!/^\d[\d.,]*$/.test(s)) return fail('money.format');
  // grouped thousands with a zero decimal tail in the other separator (45.000,00; 1,500,000.00): whole đồng
  const zeroTail = /^\d{1,3}(([.,])\d{3})+([.,])0{1,2}$/.exec(s);
  if (zeroTail && zeroTail[2] !== zeroTail[3]) s = s.slice(0, s.lastIndexOf(zeroTail[3]!));
  // grouped thousands with a decimal tail (45.000,50): part of a đồng
  else if (/^\d{1,3}([.,]\d{3})+[.,]\d{1,2}$/.test(s)) return fail(multiplier === 1 ? 'money.fraction' : 'money.format');

  let amount: number;
  if (/^\d{1,3}([.,]\d{3})+$/.test(s)) {
    // grouped thousands: 45.000, 1,500,000
    amount = Number(s.replace(/[.,]/g, '')) * multiplier;
  } else if (/^\d+$/.test(s)) {
    amount = Number(s) * multiplier;
  } else if (/^\d+[.,]\d+$/.test(s)) {
    // a decimal part: only meaningful with a multiplier (1,5 triệu); otherwise a fraction of a đồng
    if (multiplier === 1) return fail('money.fraction');
    amount = Number(s.replace(',', '.')) * multiplier;
  } else {
    return fail('money.format');
  }
  if (!Number.isFinite(amount)) return fail('money.format');
  if (Math.abs(amount - Math.round(amount)) > 1e-6) return fail('money.fraction');
  amount = Math.round(amount);
  if (amount <= 0) return fail('money.zero');
  if (amount > max) return fail('money.tooLarge', { max: formatMoney(max) });
  return ok(amount);
}

/** 1% of an insured salary (or 0.5% of a pension), rounded to whole đồng. */
export function percentOf(amount: number, percent: number): number {
  return Math.round((amount * percent) / 100);
}

/** Validators of typed answers. Each returns the clean value or a problem code (texts render it). */
import { fail, ok, type Result } from './result.ts';
import { isLocalDate, type LocalDate, type HourMinute } from './time.ts';

/** Letters (Vietnamese included, any combining marks), spaces, `.`, `-`, `'`. */
const NAME_CHARS = /^[\p{L}\p{M} .'-]+$/u;

export function validName(input: string): Result<string> {
  const s = input.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!s) return fail('name.empty');
  const length = [...s].length;
  if (length < 2) return fail('name.short', { min: 2 });
  if (length > 80) return fail('name.long', { max: 80, length });
  if (!NAME_CHARS.test(s) || !/\p{L}/u.test(s)) return fail('name.chars');
  return ok(s);
}

/** Year of birth: 1900 … current year − 16. */
export function validBirthYear(input: string, currentYear: number): Result<number> {
  const s = input.trim();
  if (!/^\d{4}$/.test(s)) return fail('year.format');
  const y = Number(s);
  const max = currentYear - 16;
  if (y < 1900 || y > max) return fail('year.range', { min: 1900, max });
  return ok(y);
}

/** A date typed as dd/mm/yyyy (also d/m/yyyy, with '-' or '.'). */
export function parseDate(input: string): Result<LocalDate> {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(input.trim());
  if (!m) return fail('date.format');
  const d = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  if (!isLocalDate(d)) return fail('date.invalid');
  return ok(d);
}

export function validPastDate(input: string, today: LocalDate): Result<LocalDate> {
  const r = parseDate(input);
  if (!r.ok) return r;
  if (r.value > today) return fail('date.future');
  if (r.value < '1930-02-03') return fail('date.tooOld');
  return r;
}

export function validFutureDate(input: string, today: LocalDate): Result<LocalDate> {
  const r = parseDate(input);
  if (!r.ok) return r;
  if (r.value < today) return fail('date.past');
  return r;
}

/** A time of day typed as HH:mm (also H:mm, 14h, 14h30, 14g30). */
export function parseTime(input: string): Result<HourMinute> {
  const m = /^(\d{1,2})\s*(?:[:hg]\s*(\d{2})?)?$/i.exec(input.trim());
  if (!m) return fail('time.format');
  const h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  if (h > 23 || min > 59) return fail('time.range');
  return ok(`${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`);
}

/** A short free text (a place, a topic): not empty, at most `max` characters. */
export function validShortText(input: string, max: number): Result<string> {
  const s = input.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!s) return fail('text.empty');
  const length = [...s].length;
  if (length > max) return fail('text.long', { max, length });
  return ok(s);
}

/** A longer free text (a note, a paragraph): line breaks kept, spaces tidied, not empty, bounded. */
export function validText(input: string, max: number): Result<string> {
  const s = input
    .normalize('NFC')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (!s) return fail('text.empty');
  const length = [...s].length;
  if (length > max) return fail('text.long', { max, length });
  return ok(s);
}

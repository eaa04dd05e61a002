import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDate, parseTime, validBirthYear, validFutureDate, validName, validPastDate, validShortText } from '../../src/core/validate.ts';

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

test('names: Vietnamese letters, spaces, dot, hyphen and apostrophe; 2 to 80 characters', () => {
  assert.deepEqual(validName('  Nguyễn   Thị  Minh Khai '), { ok: true, value: 'Nguyễn Thị Minh Khai' });
  assert.equal(code(validName("Hồ Đắc-Di O'Neil Jr.")), 'ok');
  assert.equal(code(validName('Ông')), 'ok');
  // decomposed diacritics (as some keyboards send) are normalised to composed form
  assert.deepEqual(validName('Nguye\u0302\u0303n An'), { ok: true, value: 'Nguyễn An' });
  assert.equal(code(validName('')), 'name.empty');
  assert.equal(code(validName('   ')), 'name.empty');
  assert.equal(code(validName('A')), 'name.short');
  assert.equal(code(validName('A'.repeat(81))), 'name.long');
  assert.equal(code(validName('A'.repeat(80))), 'ok');
  assert.equal(code(validName('Nguyễn Văn 2')), 'name.chars');
  assert.equal(code(validName('Lan 🌸')), 'name.chars');
  assert.equal(code(validName('@lan_nguyen')), 'name.chars');
  assert.equal(code(validName('--')), 'name.chars');
});

test('birth year: four digits from 1900 to current year − 16', () => {
  assert.deepEqual(validBirthYear('1985', 2024), { ok: true, value: 1985 });
  assert.equal(code(validBirthYear('2008', 2024)), 'ok');
  assert.equal(code(validBirthYear('2009', 2024)), 'year.range');
  assert.equal(code(validBirthYear('1899', 2024)), 'year.range');
  assert.equal(code(validBirthYear('1900', 2024)), 'ok');
  assert.equal(code(validBirthYear('85', 2024)), 'year.format');
  assert.equal(code(validBirthYear('năm 1985', 2024)), 'year.format');
  const r = validBirthYear('2010', 2024);
  assert.deepEqual(r.ok ? undefined : r.error.params, { min: 1900, max: 2008 });
});

test('dates typed as dd/mm/yyyy (and d/m/yyyy, with - or .)', () => {
  assert.deepEqual(parseDate('05/12/2024'), { ok: true, value: '2024-12-05' });
  assert.deepEqual(parseDate('5/1/2024'), { ok: true, value: '2024-01-05' });
  assert.deepEqual(parseDate('05-12-2024'), { ok: true, value: '2024-12-05' });
  assert.deepEqual(parseDate('05.12.2024'), { ok: true, value: '2024-12-05' });
  assert.equal(code(parseDate('29/02/2024')), 'ok');
  assert.equal(code(parseDate('29/02/2023')), 'date.invalid');
  assert.equal(code(parseDate('31/04/2024')), 'date.invalid');
  assert.equal(code(parseDate('12/31/2024')), 'date.invalid');
  assert.equal(code(parseDate('2024-12-05')), 'date.format');
  assert.equal(code(parseDate('hôm qua')), 'date.format');
  assert.equal(code(parseDate('05/12/24')), 'date.format');
});

test('a past date (ngày kết nạp) may be today but not tomorrow, nor before 03/02/1930', () => {
  assert.equal(code(validPastDate('24/11/2026', '2026-11-24')), 'ok');
  assert.equal(code(validPastDate('25/11/2026', '2026-11-24')), 'date.future');
  assert.equal(code(validPastDate('02/02/1930', '2026-11-24')), 'date.tooOld');
  assert.equal(code(validFutureDate('23/11/2026', '2026-11-24')), 'date.past');
  assert.equal(code(validFutureDate('24/11/2026', '2026-11-24')), 'ok');
});

test('times of day', () => {
  assert.deepEqual(parseTime('14:00'), { ok: true, value: '14:00' });
  assert.deepEqual(parseTime('7:30'), { ok: true, value: '07:30' });
  assert.deepEqual(parseTime('14h'), { ok: true, value: '14:00' });
  assert.deepEqual(parseTime('14h30'), { ok: true, value: '14:30' });
  assert.deepEqual(parseTime('8g15'), { ok: true, value: '08:15' });
  assert.equal(code(parseTime('25:00')), 'time.range');
  assert.equal(code(parseTime('14:60')), 'time.range');
  assert.equal(code(parseTime('chiều')), 'time.format');
});

test('short texts: trimmed, not empty, bounded', () => {
  assert.deepEqual(validShortText('  Phòng   họp  ', 60), { ok: true, value: 'Phòng họp' });
  assert.equal(code(validShortText('   ', 60)), 'text.empty');
  assert.equal(code(validShortText('x'.repeat(61), 60)), 'text.long');
});

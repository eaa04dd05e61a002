import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMoney, parseMoney, percentOf, MAX_MONTHLY_DUES } from '../../src/core/money.ts';

const accepts = (input: string, value: number) => {
  const r = parseMoney(input);
  assert.deepEqual(r, { ok: true, value }, `"${input}" should read as ${value}`);
};
const rejects = (input: string, code: string) => {
  const r = parseMoney(input);
  assert.equal(r.ok, false, `"${input}" should be refused`);
  if (!r.ok) assert.equal(r.error.code, code, `"${input}" refused as ${code}`);
};

test('parseMoney accepts every form people type for 45.000 đ', () => {
  for (const s of [
    '45000',
    '45.000',
    '45,000',
    '45k',
    '45K',
    '45 k',
    '45 nghìn',
    '45 ngàn',
    '45nghin',
    '45.000đ',
    '45.000 đ',
    '45.000 đồng',
    '45000 dong',
    '45.000 VNĐ',
    '45k đồng',
    ' 45.000 ',
    '45 000',
  ])
    accepts(s, 45_000);
  accepts('1.500.000', 1_500_000);
  accepts('1,500,000', 1_500_000);
  accepts('1,5 triệu', 1_500_000);
  accepts('1.2tr', 1_200_000);
  accepts('22.5k', 22_500);
  accepts('1', 1);
  accepts(String(MAX_MONTHLY_DUES), MAX_MONTHLY_DUES);
  accepts('10 triệu', 10_000_000);
  // a zero decimal tail in the other separator is whole đồng; "a month" after the amount is read past
  accepts('45.000,00', 45_000);
  accepts('1,500,000.00 đ', 1_500_000);
  for (const s of ['45.000đ/tháng', '45.000 đ / tháng', '45k mỗi tháng', '45.000 đồng/th']) accepts(s, 45_000);
  // input typed with a decomposed "đồng" (combining marks) reads the same
  accepts('45.000 đồng'.normalize('NFD'), 45_000);
});

test('parseMoney refuses with a reason: empty, negative, zero, fractions, too large, unreadable', () => {
  for (const s of ['', '   ']) rejects(s, 'money.empty');
  for (const s of ['-45000', '-45.000 đ', '−45k', '- 5']) rejects(s, 'money.negative');
  for (const s of ['0', '0 đ', '0k', '000', '0.000']) rejects(s, 'money.zero');
  for (const s of ['45000.5', '45000,5', '0,5', '45.000,50', '45.000.5', '1.2345k']) rejects(s, 'money.fraction');
  for (const s of ['10.000.001', '10000001', '11 triệu', '50tr']) rejects(s, 'money.tooLarge');
  for (const s of ['abc', 'k', 'bốn lăm nghìn', '45$', '4 5 0 0 0', '45..000', '1.2.3', '/tháng']) rejects(s, 'money.format');
  const big = parseMoney('20.000.000');
  assert.ok(!big.ok && big.error.params?.max === '10.000.000 đ', 'the limit is named in the refusal');
});

test('parseMoney takes a larger limit for salaries, keeping every other rule', () => {
  assert.deepEqual(parseMoney('8.500.000', 1_000_000_000), { ok: true, value: 8_500_000 });
  assert.deepEqual(parseMoney('25 triệu', 1_000_000_000), { ok: true, value: 25_000_000 });
  assert.equal(parseMoney('0', 1_000_000_000).ok, false);
});

test('formatMoney prints whole đồng with dot thousands', () => {
  assert.equal(formatMoney(45_000), '45.000 đ');
  assert.equal(formatMoney(0), '0 đ');
  assert.equal(formatMoney(999), '999 đ');
  assert.equal(formatMoney(1_234_567), '1.234.567 đ');
  assert.equal(formatMoney(-22_500), '-22.500 đ');
});

test('percentOf: 1% of a salary, 0.5% of a pension, rounded to whole đồng', () => {
  assert.equal(percentOf(8_500_000, 1), 85_000);
  assert.equal(percentOf(5_123_450, 1), 51_235);
  assert.equal(percentOf(6_000_000, 0.5), 30_000);
  assert.equal(percentOf(4_321_000, 0.5), 21_605);
});

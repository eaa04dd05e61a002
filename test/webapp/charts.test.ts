/** The year's charts: one SVG builder for the page and the PNG beside /report. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChartsView } from '../../src/webapp/api-types.ts';
import { chartSvg, CHART_WIDTH, shortValue, svgMarkup, yearChartsSvg, type SvgNode } from '../../src/webapp/charts.ts';
import { yearChartsPng } from '../../src/webapp/chart-png.ts';

const charts: ChartsView = {
  year: 2024,
  attendance: {
    title: 'Số đảng viên dự họp',
    unit: 'count',
    empty: 'Chưa có cuộc họp nào.',
    points: [
      { label: '05/01', value: 9, of: 9 },
      { label: '05/02', value: 6, of: 9 },
      { label: '<b>&', value: 0, of: 9 },
    ],
  },
  dues: { title: 'Đảng phí đã thu / phải thu', unit: 'money', empty: 'Chưa có sổ đảng phí.', points: [{ label: 'T1/2024', value: 405_000, of: 450_000 }] },
};

const rects = (n: SvgNode | string): SvgNode[] => (typeof n === 'string' ? [] : [...(n.tag === 'rect' ? [n] : []), ...n.children.flatMap(rects)]);
const texts = (n: SvgNode | string): string[] => (typeof n === 'string' ? [n] : n.children.flatMap(texts));

test('a bar per meeting, its length the share present, "present/expected" written beside it', () => {
  const svg = chartSvg(charts.attendance);
  const widths = rects(svg).map((r) => Number(r.attrs.width));
  // track and bar per row: a full meeting fills its track, 6/9 two thirds, nobody present no bar.
  assert.equal(widths.length, 6);
  assert.equal(widths[0], widths[1]);
  assert.equal(widths[3], Math.round((6 / 9) * widths[2]!));
  assert.equal(widths[5], 0);
  assert.deepEqual(texts(svg), ['Số đảng viên dự họp', '05/01', '9/9', '05/02', '6/9', '<b>&', '0/9']);
  assert.equal(svg.attrs['aria-label'], 'Số đảng viên dự họp');
});

test('money is written short; a chart without data says so instead of bars', () => {
  assert.deepEqual([shortValue(405_000, 'money'), shortValue(1_250_000, 'money'), shortValue(800, 'money'), shortValue(12, 'count')], ['405k', '1,25tr', '800', '12']);
  const empty = chartSvg({ ...charts.dues, points: [] });
  assert.deepEqual(texts(empty), ['Đảng phí đã thu / phải thu', 'Chưa có sổ đảng phí.']);
  assert.equal(rects(empty).length, 0);
});

test('the markup escapes every text and attribute', () => {
  const markup = svgMarkup(yearChartsSvg(charts));
  assert.match(markup, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.ok(markup.includes('&lt;b&gt;&amp;'));
  assert.ok(!markup.includes('<b>'));
});

test('the PNG for the chat: both charts, twice the SVG size, rendered by resvg', () => {
  const png = yearChartsPng(charts);
  assert.deepEqual([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''), 'PNG');
  assert.equal(png.readUInt32BE(16), CHART_WIDTH * 2, 'width');
  const svg = yearChartsSvg(charts);
  assert.equal(png.readUInt32BE(20), Number(svg.attrs.height) * 2, 'height');
});

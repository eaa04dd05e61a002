/**
 * The year at a glance as SVG: attendance per meeting and dues collected against expected
 * per month. Pure: the charts are built as a small tree of SVG elements that the page turns
 * into DOM nodes (text as text, never parsed markup) and the server writes as a string
 * (escaped) for resvg to render as one PNG beside /report's summary.
 */
import type { ChartSeries, ChartsView } from './api-types.ts';

export interface SvgNode {
  tag: string;
  attrs: Record<string, string | number>;
  children: (SvgNode | string)[];
}

export interface Palette {
  bar: string;
  track: string;
  text: string;
  muted: string;
  background: string;
}

export const LIGHT: Palette = { bar: '#2481cc', track: '#d7e6f3', text: '#1f2328', muted: '#6b7280', background: '#ffffff' };

export const CHART_WIDTH = 360;
const ROW = 22;
const HEAD = 30;
const LABEL_W = 64;
const VALUE_W = 84;
const PAD = 8;

const el = (tag: string, attrs: SvgNode['attrs'], ...children: SvgNode['children']): SvgNode => ({ tag, attrs, children });

/** 45000 → "45k", 1250000 → "1,25tr"; counts as they are. */
export function shortValue(n: number, unit: ChartSeries['unit']): string {
  if (unit === 'count') return String(n);
  if (n >= 1_000_000) return `${(Math.round(n / 10_000) / 100).toString().replace('.', ',')}tr`;
  if (n >= 1000) return `${Math.round(n / 1000)}k`;
  return String(n);
}

/** Height of one chart drawn by `chart`. */
export function chartHeight(s: ChartSeries): number {
  return HEAD + Math.max(1, s.points.length) * ROW + PAD;
}

/**
 * One chart as a group at (0, `y`): a horizontal bar per point, the track for what was
 * expected and the bar for what came, "value/of" at the end of the row.
 */
export function chart(s: ChartSeries, p: Palette = LIGHT, y = 0): SvgNode {
  const barW = CHART_WIDTH - LABEL_W - VALUE_W - 2 * PAD;
  const max = Math.max(1, ...s.points.map((pt) => Math.max(pt.of, pt.value)));
  const rows: SvgNode[] = s.points.map((pt, i) => {
    const top = HEAD + i * ROW;
    const track = Math.round((pt.of / max) * barW);
    const bar = Math.round((pt.value / max) * barW);
    return el(
      'g',
      { transform: `translate(0 ${top})` },
      el('text', { x: PAD, y: 15, 'font-size': 12, fill: p.text }, pt.label),
      el('rect', { x: PAD + LABEL_W, y: 4, width: Math.max(track, 1), height: 14, rx: 3, fill: p.track }),
      el('rect', { x: PAD + LABEL_W, y: 4, width: bar, height: 14, rx: 3, fill: p.bar }),
      el('text', { x: CHART_WIDTH - PAD, y: 15, 'font-size': 12, fill: p.muted, 'text-anchor': 'end' }, `${shortValue(pt.value, s.unit)}/${shortValue(pt.of, s.unit)}`),
    );
  });
  const body = rows.length ? rows : [el('text', { x: PAD, y: HEAD + 15, 'font-size': 12, fill: p.muted }, s.empty)];
  return el('g', { transform: `translate(0 ${y})` }, el('text', { x: PAD, y: 20, 'font-size': 14, 'font-weight': 'bold', fill: p.text }, s.title), ...body);
}

/** A whole <svg> for one chart (the page draws each on its own). */
export function chartSvg(s: ChartSeries, p: Palette = LIGHT): SvgNode {
  const h = chartHeight(s);
  return el('svg', { xmlns: 'http://www.w3.org/2000/svg', viewBox: `0 0 ${CHART_WIDTH} ${h}`, width: CHART_WIDTH, height: h, role: 'img', 'aria-label': s.title }, chart(s, p));
}

/** Both charts one under the other, on a background (the PNG for the chat). */
export function yearChartsSvg(c: ChartsView, p: Palette = LIGHT): SvgNode {
  const h1 = chartHeight(c.attendance);
  const h = h1 + chartHeight(c.dues);
  return el(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', viewBox: `0 0 ${CHART_WIDTH} ${h}`, width: CHART_WIDTH, height: h },
    el('rect', { x: 0, y: 0, width: CHART_WIDTH, height: h, fill: p.background }),
    chart(c.attendance, p),
    chart(c.dues, p, h1),
  );
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The tree as SVG markup, every text and attribute escaped. */
export function svgMarkup(n: SvgNode | string): string {
  if (typeof n === 'string') return escapeXml(n);
  const attrs = Object.entries(n.attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  return `<${n.tag}${attrs}>${n.children.map(svgMarkup).join('')}</${n.tag}>`;
}

/** The year's two charts as one PNG (resvg renders the same SVG the page draws). */
import { Resvg } from '@resvg/resvg-js';
import type { ChartsView } from './api-types.ts';
import { svgMarkup, yearChartsSvg } from './charts.ts';

export function yearChartsPng(c: ChartsView): Buffer {
  const svg = svgMarkup(yearChartsSvg(c));
  // Twice the SVG's size, for phones' screens; system fonts (DejaVu/Liberation carry Vietnamese letters).
  const r = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } });
  return r.render().asPng();
}

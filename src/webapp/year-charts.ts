/** The year's two charts from the report model: attendance per held meeting, dues collected against expected per month. */
import type { ReportModel } from '../core/report.ts';
import { formatDate } from '../core/time.ts';
import { t } from '../telegram/texts/index.ts';
import type { ChartsView } from './api-types.ts';

/** The report model's meetings and dues, as the charts' points. */
export function chartsOf(model: ReportModel): ChartsView {
  return {
    year: model.year,
    attendance: {
      title: t.webapp.attendanceTitle(model.year),
      unit: 'count',
      empty: t.webapp.noMeetings,
      points: (model.meetings?.meetings ?? []).map((m) => ({ label: formatDate(m.date).slice(0, 5), value: m.present, of: m.expected })),
    },
    dues: {
      title: t.webapp.duesTitle(model.year),
      unit: 'money',
      empty: t.webapp.noDues,
      points: (model.dues?.months ?? []).filter((m) => m.expected > 0 || m.collected > 0).map((m) => ({ label: t.webapp.month(m.month), value: m.collected, of: m.expected })),
    },
  };
}

/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The committee's pages: the review's progress with each member's submission to read and
 * the cell's level to record (the quota warning when it is exceeded), the year's charts,
 * and the journal — entries under every report section, what the draft report still lacks,
 * each with a field to fill.
 */
import type { ChartsView, CommitteeView, JournalView, RateResult, SubmissionView } from '../api-types.ts';
import { chartSvg, LIGHT, type Palette } from '../charts.ts';
import { call, explain } from './api.ts';
import { h, show, svg } from './dom.ts';
import { t } from './texts.ts';

export type Go = (route: string) => void;

/** The chart colours from the theme's variables (the page draws with the theme's colours). */
function palette(): Palette {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    bar: v('--tg-button-color', LIGHT.bar),
    track: v('--tg-secondary-bg-color', LIGHT.track),
    text: v('--tg-text-color', LIGHT.text),
    muted: v('--tg-hint-color', LIGHT.muted),
    background: v('--tg-bg-color', LIGHT.background),
  };
}

function quotaWarning(q: CommitteeView['quota']): HTMLElement {
  return h('div', { class: 'warning', role: 'alert', id: 'quota' }, q.exceeded ? (q.warning ?? '') : '');
}

export async function progressPage(root: HTMLElement, go: Go): Promise<void> {
  const v = await call<CommitteeView>('GET', '/committee');
  const warning = quotaWarning(v.quota);
  warning.hidden = !v.quota.exceeded;
  const note = h('p', { role: 'status', 'aria-live': 'polite', class: 'muted' });
  const rows = v.rows.map((r) => {
    const id = `rate-${r.memberId}`;
    const sel = h('select', { id, 'aria-label': t.rateLabel(r.name), disabled: !v.open }, h('option', { value: '' }, t.notRated), ...v.ratings.map((o) => h('option', { value: o.value }, o.label)));
    sel.value = r.decided ?? '';
    sel.addEventListener('change', async () => {
      if (!sel.value) return;
      try {
        const res = await call<RateResult>('POST', '/rate', { memberId: r.memberId, rating: sel.value });
        warning.textContent = res.quota.exceeded ? (res.quota.warning ?? '') : '';
        warning.hidden = !res.quota.exceeded;
        note.textContent = res.message;
      } catch (e) {
        sel.value = r.decided ?? '';
        note.textContent = explain(e);
      }
    });
    const name = r.status === 'sent' ? h('button', { type: 'button', class: 'link', 'aria-label': t.read(r.name), click: () => go(`#member/${r.memberId}`) }, r.name) : r.name;
    return h('tr', {}, h('td', {}, name, h('br'), h('span', { class: `badge ${r.status}` }, t.status[r.status] ?? r.status)), h('td', {}, r.proposed ?? '—'), h('td', {}, sel));
  });
  const charts = h('section', { 'aria-labelledby': 'charts-title' }, h('h2', { id: 'charts-title' }, t.charts), h('p', { class: 'muted' }, t.loading));
  show(
    root,
    h('h1', {}, t.committeeTitle(v.year)),
    h('p', { class: 'muted' }, t.deadline(v.deadline, v.open)),
    h('div', { class: 'counts' }, ...t.counts(v.counts).map((c) => h('span', { class: 'badge' }, c))),
    h(
      'div',
      { class: 'nav' },
      h('button', { type: 'button', class: 'secondary', click: () => go('#form') }, t.myForm),
      h('button', { type: 'button', class: 'secondary', click: () => go('#journal') }, t.toJournal),
    ),
    warning,
    note,
    h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t.colName), h('th', { scope: 'col' }, t.colProposed), h('th', { scope: 'col' }, t.colDecided))), h('tbody', {}, ...rows)),
    charts,
  );
  try {
    const c = await call<ChartsView>('GET', '/charts');
    const p = palette();
    show(charts, h('h2', { id: 'charts-title' }, t.charts), svg(chartSvg(c.attendance, p)), svg(chartSvg(c.dues, p)));
  } catch (e) {
    show(charts, h('h2', { id: 'charts-title' }, t.charts), h('p', { class: 'error' }, explain(e)));
  }
}

export async function submissionPage(root: HTMLElement, memberId: string): Promise<void> {
  const s = await call<SubmissionView>('GET', `/submission/${encodeURIComponent(memberId)}`);
  show(
    root,
    h('h1', {}, t.submissionTitle(s.name, s.n, s.sentOn)),
    ...s.sections.flatMap((x) => [h('h3', {}, `${x.number}. ${x.title}`), h('p', { class: 'prose' }, x.text || '(Không có)')]),
    h('h3', {}, t.levelsOf),
    s.civilRating && h('p', {}, `${t.civilRating}: ${s.civilRating}`),
    h('p', {}, `${t.partyRating}: ${s.partyRating}`),
    s.score && h('p', {}, s.score),
  );
}

export async function journalPage(root: HTMLElement): Promise<void> {
  const render = (j: JournalView, said?: string) => {
    const labels = new Map(j.sections.map((s) => [s.id, s.label]));
    const field = (section: string, label: string, key: string) => {
      const id = `note-${key}`;
      const area = h('textarea', { id, name: id, rows: 3 });
      const save = h(
        'button',
        {
          type: 'button',
          click: async () => {
            if (!area.value.trim()) return;
            save.disabled = true;
            try {
              render(await call<JournalView>('POST', '/journal', { section, text: area.value }), t.noteSaved);
            } catch (e) {
              save.disabled = false;
              status.textContent = explain(e);
            }
          },
        },
        t.save,
      );
      return h('div', { class: 'field' }, h('label', { for: id }, label), area, save);
    };
    const status = h('p', { role: 'status', 'aria-live': 'polite', class: 'muted' }, said ?? '');
    show(
      root,
      h('h1', {}, t.journalTitle(j.year)),
      status,
      h('h2', {}, t.gapsTitle),
      j.gaps.length
        ? h('div', {}, ...j.gaps.map((g, i) => (g.section ? field(g.section, t.fillGap(g.label), `gap-${i}`) : h('p', { class: 'warning' }, g.label))))
        : h('p', { class: 'muted' }, t.noGaps),
      ...j.sections.flatMap((s) => [
        h('h2', {}, s.label),
        ...(s.entries.length
          ? s.entries.map((e) => h('div', { class: 'entry' }, h('p', { class: 'muted' }, `${e.date} — ${e.author}`), h('p', {}, e.text)))
          : [h('p', { class: 'muted' }, t.noEntries)]),
        field(s.id, t.addNote(labels.get(s.id) ?? s.id), s.id),
      ]),
    );
  };
  render(await call<JournalView>('GET', '/journal'));
}

/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The member's self-evaluation: every section as a text area with its hint and a live
 * count, the levels and the optional score. Saves the draft (the chat dialog's own) a few
 * seconds after typing stops and when the page is left; "Gửi" is Telegram's MainButton.
 */
import type { DraftFields, DraftView, SaveResult, SubmitResult } from '../api-types.ts';
import { call, explain, Refused } from './api.ts';
import { h, show } from './dom.ts';
import { confirm, type TelegramWebApp } from './telegram.ts';
import { t } from './texts.ts';

/** Milliseconds after the last keystroke before the draft is saved. */
export const SAVE_AFTER_MS = 2500;

export async function formPage(root: HTMLElement, tg: TelegramWebApp): Promise<() => void> {
  let view = await call<DraftView>('GET', '/draft');
  let version = view.version;
  let dirty = false;
  let saving: Promise<void> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const notice = h('div', { 'aria-live': 'assertive' });
  const form = h('form', { novalidate: true, submit: (e: Event) => e.preventDefault() });
  const controls = new Map<string, HTMLTextAreaElement | HTMLSelectElement | HTMLInputElement>();

  const read = (): DraftFields => {
    const sections: Record<string, string> = {};
    for (const s of view.sections) sections[s.id] = (controls.get(s.id) as HTMLTextAreaElement).value;
    const num = (id: string) => {
      const v = (controls.get(id) as HTMLInputElement | undefined)?.value.trim();
      return v ? Number(v) : null;
    };
    const sel = (id: string) => (controls.get(id) as HTMLSelectElement | undefined)?.value || null;
    return { sections, partyRating: sel('partyRating'), ...(view.civilServant ? { civilRating: sel('civilRating') } : {}), scoreGeneral: num('scoreGeneral'), scoreTasks: num('scoreTasks') };
  };

  function render(): void {
    controls.clear();
    const f = view.fields;
    const disabled = !view.open;
    const sections = view.sections.map((s) => {
      const id = s.id;
      const count = h('p', { class: 'count', id: `${id}-count` });
      const area = h('textarea', { id, name: id, 'aria-describedby': `${id}-hint ${id}-count`, disabled, value: f.sections[id] ?? '' });
      const recount = () => {
        const k = area.value.length;
        count.textContent = t.count(k, s.max) + (k > s.max ? t.overBy(k - s.max) : '');
        count.classList.toggle('over', k > s.max);
        area.setAttribute('aria-invalid', String(k > s.max));
      };
      area.addEventListener('input', () => {
        recount();
        changed();
      });
      recount();
      controls.set(id, area);
      return h(
        'div',
        { class: 'field' },
        h('label', { for: id }, `${s.number}. ${s.title}${s.optional && !s.title.includes(t.optional.trim()) ? t.optional : ''}`),
        h('p', { class: 'hint', id: `${id}-hint` }, s.hint),
        area,
        count,
      );
    });
    const select = (id: 'partyRating' | 'civilRating', label: string) => {
      const el = h('select', { id, name: id, disabled, change: changed }, h('option', { value: '' }, t.choose), ...view.ratings.map((r) => h('option', { value: r.value }, r.label)));
      el.value = f[id] ?? '';
      controls.set(id, el);
      return h('div', { class: 'field' }, h('label', { for: id }, label), el);
    };
    const score = (id: 'scoreGeneral' | 'scoreTasks', label: string, max: number) => {
      const el = h('input', { id, name: id, type: 'number', inputmode: 'numeric', min: 0, max, step: 1, disabled, value: f[id] ?? '', input: changed });
      controls.set(id, el);
      return h('div', {}, h('label', { for: id }, label), el);
    };
    show(
      form,
      ...sections,
      h(
        'fieldset',
        {},
        h('legend', {}, t.levels),
        view.civilServant && select('civilRating', t.civilRating),
        select('partyRating', t.partyRating),
        h('p', { class: 'hint' }, t.score),
        h('div', { class: 'scores' }, score('scoreGeneral', t.scoreGeneral(view.scoreMax.general), view.scoreMax.general), score('scoreTasks', t.scoreTasks(view.scoreMax.tasks), view.scoreMax.tasks)),
      ),
      view.open && h('button', { type: 'button', class: 'submit', click: () => void submit() }, t.submit),
    );
    show(root, h('h1', {}, t.formTitle(view.year)), h('p', { class: 'muted' }, t.deadline(view.deadline, view.open), view.sent ? ` ${t.sentBefore(view.sent)}` : ''), status, notice, form);
    if (view.open) {
      tg.MainButton.setText(t.submit);
      tg.MainButton.show();
    } else tg.MainButton.hide();
  }

  function changed(): void {
    dirty = true;
    status.textContent = t.unsaved;
    clearTimeout(timer);
    timer = setTimeout(() => void save(), SAVE_AFTER_MS);
  }

  /** Saves what the form holds, if anything changed; a stale save brings the current text. */
  async function save(keepalive = false): Promise<void> {
    clearTimeout(timer);
    if (saving) await saving;
    if (!dirty || !view.open) return;
    const fields = read();
    dirty = false;
    status.textContent = t.saving;
    saving = (async () => {
      try {
        const r = await call<SaveResult>('PUT', '/draft', { version, fields }, { keepalive, conflict: true });
        if (r.ok) {
          version = r.version;
          if (!dirty) status.textContent = t.saved;
          return;
        }
        // Someone else (the chat) changed it: show theirs, and what was typed here, unsaved.
        view = r.current;
        version = r.current.version;
        const mine = Object.entries(fields.sections).filter(([id, text]) => text.trim() && text !== (view.fields.sections[id] ?? ''));
        render();
        show(
          notice,
          h(
            'div',
            { class: 'warning', role: 'alert' },
            h('p', {}, r.message || t.stale),
            ...mine.map(([id, text]) => h('p', { class: 'prose' }, `${view.sections.find((s) => s.id === id)?.number ?? id}: ${text}`)),
          ),
        );
      } catch (e) {
        dirty = true;
        // Refused for what it says (too long, a bad score): saved again at the next change. Else tried again.
        if (e instanceof Refused && e.status === 422) status.textContent = explain(e);
        else {
          status.textContent = `${t.saveFailed} ${explain(e)}`;
          timer = setTimeout(() => void save(), SAVE_AFTER_MS * 4);
        }
      }
    })();
    await saving;
    saving = undefined;
  }

  async function submit(): Promise<void> {
    if (!(await confirm(tg, t.confirmSubmit))) return;
    await save();
    tg.MainButton.showProgress();
    status.textContent = t.submitting;
    try {
      const r = await call<SubmitResult>('POST', '/submit', { version, fields: read() });
      view = await call<DraftView>('GET', '/draft');
      version = view.version;
      dirty = false;
      render();
      show(notice, h('div', { class: 'notice', role: 'status' }, r.message));
    } catch (e) {
      show(notice, h('div', { class: 'warning', role: 'alert' }, explain(e)));
      status.textContent = '';
    } finally {
      tg.MainButton.hideProgress();
    }
  }

  /** Back from the chat: what the chat wrote meanwhile is shown (unless something here is unsaved). */
  async function refresh(): Promise<void> {
    if (dirty || saving) return;
    const fresh = await call<DraftView>('GET', '/draft').catch(() => undefined);
    if (fresh && fresh.version !== version && !dirty) {
      view = fresh;
      version = fresh.version;
      render();
    }
  }

  const onVisibility = () => void (document.visibilityState === 'hidden' ? save(true) : refresh());
  const onLeave = () => void save(true);
  const onMain = () => void submit();
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('pagehide', onLeave);
  tg.MainButton.onClick(onMain);
  render();
  return () => {
    void save(true);
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('pagehide', onLeave);
    tg.MainButton.offClick(onMain);
    tg.MainButton.hide();
  };
}

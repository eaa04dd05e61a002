/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The Mini App's page: signed in by Telegram's init data. The bot's buttons open a page by the
 * query (?page=form|committee|journal: Telegram passes its own data in the hash); moving within
 * the app sets the hash (#form, #committee, #member/<id>, #journal). BackButton goes back,
 * MainButton sends the form.
 */
import type { Me } from '../api-types.ts';
import { call, explain, Refused, signIn } from './api.ts';
import { journalPage, progressPage, submissionPage } from './committee.ts';
import { h, show } from './dom.ts';
import { formPage } from './form.ts';
import { applyTheme, webApp, type TelegramWebApp } from './telegram.ts';
import { t } from './texts.ts';

const root = document.getElementById('app')!;

function fail(message: string): void {
  show(root, h('p', { class: 'warning', role: 'alert' }, message));
}

async function start(tg: TelegramWebApp): Promise<void> {
  applyTheme(tg);
  tg.onEvent('themeChanged', () => applyTheme(tg));
  tg.ready();
  tg.expand();
  signIn(tg.initData);
  let me: Me;
  try {
    me = await call<Me>('GET', '/me');
  } catch (e) {
    return fail(e instanceof Refused && e.status === 403 ? t.notMember : explain(e));
  }
  let leave: (() => void) | undefined;
  const asked = new URLSearchParams(location.search).get('page');
  const home = asked && ['form', 'committee', 'journal'].includes(asked) ? `#${asked}` : me.committee ? '#committee' : '#form';
  const ours = (hash: string) => /^#(form|committee|journal|member\/\d+)$/.test(hash);
  const go = (route: string) => {
    if (location.hash !== route) location.hash = route;
    else void route0();
  };
  const back = () => history.back();
  tg.BackButton.onClick(back);

  async function route0(): Promise<void> {
    leave?.();
    leave = undefined;
    const route = ours(location.hash) ? location.hash : home;
    if (route === home || !me.review) tg.BackButton.hide();
    else tg.BackButton.show();
    if (!me.review) return fail(t.noReview);
    show(root, h('p', { class: 'muted' }, t.loading));
    try {
      const member = /^#member\/(\d+)$/.exec(route);
      if (member && me.committee) await submissionPage(root, member[1]!);
      else if (route === '#journal' && me.committee) await journalPage(root);
      else if (route === '#committee' && me.committee) await progressPage(root, go);
      else leave = await formPage(root, tg);
      root.focus();
    } catch (e) {
      fail(explain(e));
    }
  }
  window.addEventListener('hashchange', () => void route0());
  await route0();
}

const tg = webApp();
if (!tg?.initData) fail(t.openInTelegram);
else void start(tg);

/**
 * The Mini App on this machine, to look at in a browser: the bot against the fake Bot API with a
 * cell (Bình the secretary, An a member) whose review is open, the page and its API on
 * 127.0.0.1:8090 (PORT to change it). Prints an address for each of them carrying init data
 * signed with the fake bot's token, in the hash as Telegram passes it, so Telegram's own
 * telegram-web-app.js (loaded from telegram.org: needs the internet) signs the page in.
 *   node --import tsx test/webapp/preview.ts
 */
import { createCellWithSecretary, joinAndApprove, startHarness } from '../support/harness.ts';
import { THEME } from './browser.ts';
import { builtPage, initData } from './support.ts';

const port = Number(process.env.PORT ?? 8090);
const h = await startHarness({ webapp: { url: new URL('https://chibo.example.org/app/'), port, host: '127.0.0.1' }, webappDir: await builtPage() });
const sec = h.api.user({ id: 101, first_name: 'Bình' });
await createCellWithSecretary(h, sec);
const an = h.api.user({ id: 202, first_name: 'An' });
await joinAndApprove(h, sec, an, { name: 'Nguyễn Văn An', gender: 'Nam', status: 'Chính thức', theory: 'Trung cấp' });
await sec.send('/evaluate');
await sec.press('Mở kiểm điểm năm 2024');
await sec.press('19/11/2024 (sau 15 ngày)');
await h.settle();

const open = (id: number, name: string, page: string) =>
  `http://127.0.0.1:${port}/app/?page=${page}#${new URLSearchParams({ tgWebAppData: initData(h.api.token, { id, first_name: name }, h.clock.now()), tgWebAppVersion: '8.0', tgWebAppPlatform: 'unknown', tgWebAppThemeParams: JSON.stringify(THEME) })}`;
process.stdout.write(`Bản kiểm điểm của đ/c An (đảng viên):\n${open(202, 'An', 'form')}\n\nBảng kiểm điểm của chi ủy (đ/c Bình, bí thư):\n${open(101, 'Bình', 'committee')}\n\nCtrl+C để dừng.\n`);
process.once('SIGINT', () => void h.stop().then(() => process.exit(0)));

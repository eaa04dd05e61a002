/**
 * Bench of the Mini App: the page's weight (gzipped, as served), the time to its first render
 * in headless Chromium from a local server (navigation start until the form's fields are on
 * screen, with the real API behind it), and the API's save latency (p99) with the 50 members
 * of one cell saving their drafts at once, ten rounds, on durable writes.
 *
 * Alone: `node --import tsx test/bench/webapp.ts`; `npm run bench` includes it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createLogger } from '../../src/log.ts';
import { FakeClock } from '../../src/clock.ts';
import { buildPage } from '../../src/webapp/build.ts';
import { createWebapp } from '../../src/webapp/server.ts';
import { servicesBackend } from '../../src/webapp/services-backend.ts';
import type { DraftView, SaveResult } from '../../src/webapp/api-types.ts';
import { hasChromium, phone } from '../webapp/browser.ts';
import { initData } from '../webapp/support.ts';
import { firstIdOf, generate } from './generate.ts';
import { InProcessBot } from './inproc.ts';
import { printTable, type BenchRow } from './table.ts';
import { median, percentile } from './updates.ts';

const NOW = '2026-12-02T09:00:00+07:00';
const MEMBERS = 50;
const ROUNDS = 10;

/** `dataDir`: a deployment whose first cell has 50 members and an open review (made here when not given). */
export async function webappRows(dataDir?: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const root = await mkdtemp(path.join(tmpdir(), 'chibo-bench-webapp-'));
  try {
    const dir = dataDir ?? path.join(root, 'data');
    if (!dataDir) await generate(dir, 1, MEMBERS, 2026, '2026-11-20');
    const page = await buildPage(path.join(root, 'page'));
    let weight = 0;
    for (const f of ['index.html', 'app.js', 'app.css']) weight += gzipSync(await readFile(path.join(page, f)), { level: 9 }).length;
    rows.push({ figure: 'Mini App page weight (index.html + app.js + app.css, gzipped)', value: `${(weight / 1024).toFixed(1)} KB`, target: '≤ 100 KB', ok: weight <= 100 * 1024 });

    const b = await InProcessBot.open(dir, NOW);
    const clock = new FakeClock(NOW);
    const token = b.app.config.botToken;
    const handler = createWebapp({
      prefix: '/app',
      botToken: token,
      clock,
      backend: servicesBackend({ services: b.app.services, clock, telegram: b.app.bot.telegram }),
      log: createLogger({ level: 'error', secrets: [] }),
      staticDir: page,
    });
    const server = http.createServer((req, res) => void (handler(req, res) || res.writeHead(404).end()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/app`;
    try {
      const ids = Array.from({ length: MEMBERS }, (_, i) => firstIdOf(0, MEMBERS) + i);
      const auth = new Map(ids.map((id) => [id, `tma ${initData(token, { id }, clock.now())}`]));
      const versions = new Map<number, string>();
      for (const id of ids) {
        const res = await fetch(`${base}/api/draft`, { headers: { authorization: auth.get(id)! } });
        if (res.status !== 200) throw new Error(`draft of ${id}: ${res.status} ${await res.text()}`);
        versions.set(id, ((await res.json()) as DraftView).version);
      }
      const times: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        await Promise.all(
          ids.map(async (id) => {
            const t0 = performance.now();
            const res = await fetch(`${base}/api/draft`, {
              method: 'PUT',
              headers: { authorization: auth.get(id)!, 'content-type': 'application/json' },
              body: JSON.stringify({
                version: versions.get(id),
                fields: { sections: { s11: `Lần lưu ${round + 1}: ${'Luôn giữ vững lập trường tư tưởng chính trị. '.repeat(40)}`, s12: 'Giảng dạy môn Toán.' } },
              }),
            });
            const r = (await res.json()) as SaveResult;
            times.push(performance.now() - t0);
            if (!r.ok) throw new Error(`save of ${id} refused: ${res.status}`);
            versions.set(id, r.version);
          }),
        );
      }
      const p99 = percentile(times, 99);
      rows.push({ figure: `Mini App draft save, ${MEMBERS} members of one cell at once (p99 of ${times.length}, durable writes)`, value: `${p99.toFixed(1)} ms`, target: '≤ 500 ms', ok: p99 <= 500 });

      if (hasChromium()) {
        const browser = await phone();
        try {
          const renders: number[] = [];
          const data = initData(token, { id: ids[1]! }, clock.now());
          for (let i = 0; i < 6; i++) {
            const tab = await browser.open(`${base}/#form`, data);
            await tab.locator('#s11').waitFor();
            const t = await tab.evaluate(() => performance.now());
            await tab.close();
            if (i > 0) renders.push(t); // the first warms the browser's caches of the engine
          }
          const first = median(renders);
          rows.push({
            figure: 'Mini App time to first render in headless Chromium (navigation to the form on screen, local server)',
            value: `${first.toFixed(0)} ms`,
            target: '≤ 1000 ms',
            ok: first <= 1000,
          });
        } finally {
          await browser.close();
        }
      } else rows.push({ figure: 'Mini App time to first render in headless Chromium', value: 'no /usr/bin/chromium', target: '≤ 1000 ms', ok: false });
    } finally {
      server.close();
      await b.close();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const rows = await webappRows();
  printTable('chibo-bot bench: Mini App', rows);
  process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
}

/**
 * Runs the real app (store, services, Telegraf bot, scheduler, outbox sender) against the
 * fake Bot API, on a temporary data folder and a fake clock. Restartable on the same data.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/app.ts';
import { FakeClock } from '../../src/clock.ts';
import { createLogger } from '../../src/log.ts';
import type { Config } from '../../src/config.ts';
import { FakeBotApi, type FakeUser } from './fake-bot-api.ts';
import type { SenderOptions } from '../../src/telegram/outbox-sender.ts';

export interface Harness {
  api: FakeBotApi;
  app: App;
  clock: FakeClock;
  dataDir: string;
  /** Every log line, to check what was (not) logged. */
  logs: string[];
  /** Waits until the outbox has sent everything it can. */
  settle(): Promise<void>;
  /** Moves the clock and runs the planner, then waits for the outbox. */
  tickAt(at: string | Date): Promise<number>;
  /** Stops the app and starts a new one on the same data and fake API. */
  restart(opts?: { at?: string | Date }): Promise<void>;
  stop(): Promise<void>;
}

export const FAST_SENDER: Partial<SenderOptions> = {
  perSecond: 1000,
  privateGapMs: 0,
  groupGapMs: 0,
  backoffMs: () => 5,
};

export interface HarnessOptions {
  /** Start of the fake clock (ISO). Default 2024-11-04T09:00:00+07:00. */
  now?: string;
  adminIds?: number[];
  dataDir?: string;
  api?: FakeBotApi;
  sender?: Partial<SenderOptions>;
  /** Updates by webhook (the fake posts them once told where: `api.deliverByWebhook`). */
  webhook?: Config['webhook'];
  /** The Mini App on (its server at `app.http`), and the folder of its built page. */
  webapp?: Config['webapp'];
  webappDir?: string;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const api = opts.api ?? (await FakeBotApi.start());
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'chibo-')));
  const clock = new FakeClock(opts.now ?? '2024-11-04T09:00:00+07:00');
  const logs: string[] = [];
  const config: Config = {
    botToken: api.token,
    adminIds: opts.adminIds ?? [900],
    dataDir,
    apiRoot: api.url,
    webhook: opts.webhook,
    ...(opts.webapp ? { webapp: opts.webapp } : {}),
    logLevel: 'debug',
  };
  const make = async () => {
    const app = await createApp({
      config,
      clock,
      cron: false,
      sender: { ...FAST_SENDER, ...opts.sender },
      ...(opts.webappDir ? { webappDir: opts.webappDir } : {}),
      log: createLogger({ level: 'debug', secrets: [config.botToken], sink: (l) => logs.push(l) }),
    });
    await app.start();
    return app;
  };
  const h: Harness = {
    api,
    app: await make(),
    clock,
    dataDir,
    logs,
    async settle() {
      await h.app.sender.idle();
    },
    async tickAt(at) {
      clock.set(at);
      const n = await h.app.scheduler.tick();
      await h.app.sender.idle();
      return n;
    },
    async restart(o = {}) {
      await h.app.stop();
      if (o.at) clock.set(o.at);
      h.app = await make();
    },
    async stop() {
      await h.app.stop();
      if (!opts.api) await api.stop();
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}

/** Creates a cell with `secretary` as its secretary through the real dialogs (admin id 900 by default). */
export async function createCellWithSecretary(h: Harness, secretary: FakeUser, opts: { name?: string; parent?: string; adminId?: number } = {}): Promise<string> {
  const adminId = opts.adminId ?? 900;
  const admin = secretary.id === adminId ? secretary : h.api.user({ id: adminId, first_name: 'Quản trị' });
  await admin.send('/newcell');
  await admin.send(opts.name ?? 'Chi bộ Trường THCS Phong Hải');
  await admin.send(opts.parent ?? 'Đảng ủy xã Phong Hải');
  if (admin === secretary) {
    await admin.press('Tôi là bí thư');
    await admin.press('Gửi');
  } else {
    await admin.press('Tạo liên kết mời bí thư');
    await admin.press('Gửi');
    const link = /start=(\S+)/.exec(admin.last()!.text)![1]!;
    await secretary.send(`/start ${link}`);
  }
  await fillJoin(secretary, { name: 'Trần Thị Bình', gender: 'Nữ', status: 'Chính thức', theory: 'Trung cấp' });
  await secretary.press('Gửi');
  await h.settle();
  return (await h.app.services.members.whois(secretary.id))!.cell.id;
}

export interface JoinAnswers {
  name: string;
  gender: 'Nam' | 'Nữ';
  birthYear?: string;
  status: 'Chính thức' | 'Dự bị';
  admittedOn?: string;
  theory: 'Sơ cấp' | 'Trung cấp' | 'Cao cấp' | 'Cử nhân' | 'Chưa qua đào tạo';
  /** Cán bộ, công chức, viên chức: the button (default “Không”). */
  civil?: 'Cán bộ' | 'Công chức' | 'Viên chức' | 'Không';
  /** Đơn vị công tác, typed; by default the “Giữ: <the cell's unit>” button. */
  workplace?: string;
  dues?: string;
}

/** Answers the joining dialog up to its review screen. */
export async function fillJoin(u: FakeUser, a: JoinAnswers): Promise<void> {
  await u.send(a.name);
  await u.press(a.gender);
  if (a.birthYear) await u.send(a.birthYear);
  else await u.press('Bỏ qua');
  await u.press(a.status);
  if (a.status === 'Dự bị') await u.send(a.admittedOn ?? '01/06/2024');
  await u.press(a.theory);
  await u.press(a.civil ?? 'Không');
  if (a.workplace) await u.send(a.workplace);
  else await u.press(/^Giữ: /);
  if (a.dues) await u.send(a.dues);
  else await u.press('Bỏ qua');
}

/** A member joins through the invite link and the secretary approves. Returns the member's id. */
export async function joinAndApprove(h: Harness, secretary: FakeUser, u: FakeUser, a: JoinAnswers): Promise<void> {
  const cellId = (await h.app.services.members.whois(secretary.id))!.cell.id;
  const code = (await h.app.store.cell(cellId))!.cell.inviteCode;
  await u.send(`/start ${code}`);
  await fillJoin(u, a);
  await u.press('Gửi');
  await h.settle();
  const request = await h.api.waitFor(() => secretary.messages().findLast((m) => m.text.includes(a.name) && m.keyboard?.flat().some((b) => b.text === 'Duyệt')), 5000, 'join request');
  await secretary.press('Duyệt', request);
  await h.settle();
}

/**
 * Three instances of the real bot (child processes) on one PostgreSQL, behind one webhook
 * address: the fake Bot API posts each update to a random instance (a chat's updates one
 * after the other, other chats' in parallel, a failed post retried on another instance
 * until one answers 2xx) while members act — meeting RSVPs with reasons, journal notes
 * through /note's dialog, "I paid" claims — and meeting reminders fan out in two waves.
 * The instance holding the sender's role is killed with SIGKILL mid fan-out, then the one
 * holding the planner's role; each is started again. Then, read back through a fresh
 * PgStore: every action the fake saw acknowledged is stored exactly once; every reminder
 * reached its chat at most once (never, only when a kill interrupted its send, and the log
 * names it); the roles were taken over by a live instance; the fake's Telegram limits
 * (1/s per private chat, 30/s, 20/min per group, for notices) were never exceeded.
 *
 * Written with PgStore, not through the bot: the six cells (seeded years of 20–30 members)
 * before the instances start, and — as another instance's write would — the move of three
 * cells' November meeting to a time whose reminder is due, once the planner's role has
 * passed on: the second wave, planned by the instance that took the role over. Every
 * member's action goes through the bot.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { Actor, checkClaims, checkNotes, checkReminders, checkRsvps, claimThenRsvp, interruptedSends, noteLoop, REMINDER, rsvpLoop, type Reading } from '../support/actors.ts';
import { FakeBotApi } from '../support/fake-bot-api.ts';
import { freshDatabase, stopPostgres } from '../support/postgres.ts';
import { restartInstance, roleHolder, startInstance, stopInstances, type Instance } from '../support/instances.ts';
import { random } from '../support/seed.ts';
import { cellData, usersOf } from '../faults/world.ts';
import { applyRule } from '../../src/core/meetings/index.ts';
import { PgStore } from '../../src/store/postgres/engine.ts';
import type { CellFile } from '../../src/store/schema.ts';

/**
 * The instances' "now": the first wave's meetings (05/11/2024 14:00) have their 3-days-before
 * reminder due; the second wave's cells meet on 25/11 until their meeting is moved to 05/11 15:30.
 */
const NOW = '2024-11-02T16:00:00+07:00';
const PLACE = 'Phòng họp nhà trường';

after(() => stopPostgres());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Rejects when `p` takes longer than `ms`. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out (${ms} ms) waiting for ${what}`)), ms)))]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------- the test

test('three instances behind one webhook, two of them killed mid-stream: every acknowledged action stored once, no reminder twice, roles taken over, limits kept', { timeout: 240_000 }, async (t) => {
  const api = await FakeBotApi.start();
  const url = await freshDatabase();
  const instances: Instance[] = [];
  const loops: Promise<void>[] = [];
  let stopping = false;
  let abort!: (e: Error) => void;
  const aborted = new Promise<never>((_, reject) => (abort = reject));
  aborted.catch(() => undefined);
  // Whatever happens, the users stop and the instances go: the test never outlives this.
  const watchdog = setTimeout(() => {
    stopping = true;
    abort(new Error('the test ran past 200 s'));
  }, 200_000);
  const observer = postgres(url, { max: 1, onnotice: () => undefined, connection: { application_name: 'chibo-test-observer' } });
  const started = Date.now();
  const progress = (what: string) => {
    if (process.env.DEBUG_INSTANCES) process.stderr.write(`[${Date.now() - started} ms] ${what}\n`);
  };
  try {
    // ---- the cells, written before any instance starts: the first wave's meetings on 05/11 at 14:00, the second's on 25/11
    const cells = Array.from({ length: 6 }, (_, i) =>
      cellData({ cellId: `c${i + 1}`, year: 2024, asOf: '2024-11-01', members: i < 3 ? 30 : 20, firstId: 10_000 * (i + 1), review: false, groupChatId: -1001 - i }),
    );
    const wave1 = cells.slice(0, 3).map((c) => c.cell.id);
    const wave2 = cells.slice(3).map((c) => c.cell.id);
    const secretaryOf = (c: CellFile) => Object.values(c.members).find((m) => m.role === 'secretary')!.id;
    for (const c of cells.slice(3))
      applyRule(c.meetings, { from: '2024-11', rule: { on: { kind: 'day', day: 25 }, time: '14:00', place: PLACE }, setAt: '2024-10-20T02:00:00.000Z', by: secretaryOf(c) });
    const seeding = await PgStore.open({ url });
    for (const c of cells) await seeding.createCell(c);
    await seeding.close();
    const users = new Map(cells.map((c) => [c.cell.id, usersOf(api, c)]));
    for (const c of cells) api.group({ id: c.cell.groupChatId!, title: c.cell.name });
    const member = (cellId: string, i: number) => users.get(cellId)!.get(String(Number(cellId.slice(1)) * 10_000 + i))!;

    api.enforceLimits({ privateGapMs: 1000, globalPerSecond: 30, groupPerMinute: 20, exemptReplies: true });
    const seed = Number(process.env.FAULT_SEED ?? Date.now() % 1_000_000);
    t.diagnostic(`FAULT_SEED=${seed}`);

    // ---- three instances
    const epoch = Date.now();
    const env = { BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.url, DATABASE_URL: url, BOT_CLOCK_BASE: NOW, BOT_CLOCK_EPOCH: String(epoch), BOT_TICK_MS: '1000' };
    const live = new Map<string, Instance>();
    const start = async (name: string, old?: Instance) => {
      const i = old ? await restartInstance(old) : await startInstance(env, { name });
      instances.push(i);
      live.set(name, i);
      return i;
    };
    await Promise.all(['i1', 'i2', 'i3'].map((n) => start(n)));
    await within(Promise.all([...live.values()].map((i) => i.ready)), 60_000, 'three instances ready');
    progress('three instances ready');
    t.diagnostic(`three instances ready after ${Date.now() - epoch} ms`);
    api.deliverByWebhookTo(
      [...live.values()].map((i) => i.origin),
      { maxInFlight: 8, random: random(seed) },
    );

    // ---- members act, on every instance
    const actor = (cellId: string, i: number) => new Actor(member(cellId, i), cellId, api, aborted);
    const actors = {
      notes: [actor('c1', 0), actor('c4', 0)],
      // Answers only where the meeting is not moved meanwhile (a card from before the move may be stale by the press).
      rsvps: [actor('c1', 3), actor('c1', 4), actor('c1', 5), actor('c1', 6)],
      claims: [actor('c1', 7), actor('c1', 8), actor('c4', 7)],
    };
    const stop = () => stopping;
    loops.push(
      ...actors.notes.map((a) => noteLoop(a, stop)),
      ...actors.rsvps.map((a) => rsvpLoop(a, stop)),
      ...actors.claims.map((a) => claimThenRsvp(a, stop, { rsvp: a.cellId === 'c1', untilAnswered: false })),
    );
    const failed = Promise.all(loops).then(
      () => new Promise<never>(() => undefined),
      (e: unknown) => Promise.reject(e),
    );
    failed.catch(() => undefined);
    /** Waits for `p` (at most `ms`), failing at once when a user's loop failed or the watchdog fired. */
    const meanwhile = <T>(p: Promise<T>, ms: number, what: string) => within(Promise.race([p, failed, aborted]), ms, what);

    const reminders = (cellIds: readonly string[]) => {
      const chats = new Set(cells.filter((c) => cellIds.includes(c.cell.id)).flatMap((c) => [c.cell.groupChatId!, ...Object.values(c.members).map((m) => m.tgId)]));
      return api.sentByBot().filter((m) => chats.has(m.chatId) && m.text.startsWith(REMINDER)).length;
    };
    // DEBUG_INSTANCES=1: a line every 2 s, and what the database is doing (sessions not idle, waits).
    if (process.env.DEBUG_INSTANCES) {
      const timer = setInterval(() => {
        void observer`SELECT application_name AS app, state, wait_event_type AS wt, wait_event AS w, left(query, 90) AS q, now() - xact_start AS xact FROM pg_stat_activity WHERE datname = current_database() AND state <> 'idle' AND application_name LIKE 'chibo-i%'`.then(
          (rows) => {
            progress(
              `reminders ${reminders(wave1)} + ${reminders(wave2)}, acked ${api.webhookStatuses.filter((s) => s >= 200 && s < 300).length}, posts ${api.webhookPosts.length}, in flight ${[...live.values()].map((i) => `${i.appName}${i.isReady() ? '' : '(starting)'}:${api.postsInFlight(i.origin)}`).join(' ')}\n${rows.map((r) => `    ${r.app} ${r.state} ${r.wt ?? ''}/${r.w ?? ''} ${r.xact ?? ''} ${r.q}`).join('\n')}`,
            );
          },
          () => undefined,
        );
      }, 2000);
      timer.unref();
      void aborted.catch(() => clearInterval(timer));
    }

    const restarts: Promise<Instance>[] = [];
    const byApp = (appName: string | undefined) => [...live.values()].find((i) => i.appName === appName && i.alive());
    /** The live instance holding a role, once one does (not `not`, the one just killed). */
    const holder = (role: string, not?: string, timeoutMs = 15_000) =>
      meanwhile(
        (async () => {
          for (;;) {
            const i = await roleHolder(observer, role).then((name) => name !== not && byApp(name));
            if (i) return i;
            await sleep(100);
          }
        })(),
        timeoutMs,
        `a live instance holding the ${role} role`,
      );

    /**
     * Kills the holder of `role` with SIGKILL while the fake has posts in flight to it and
     * starts it again (not waiting: an instance serves before its start-up work ends); resolves
     * once a live instance took over the roles it held.
     */
    const killHolderOf = async (role: string) => {
      const victim = await holder(role);
      const held = { planner: await roleHolder(observer, 'planner'), sender: await roleHolder(observer, 'sender') };
      // Mid-handling: the fake waits for its answer to at least one update.
      await api.waitFor(() => api.postsInFlight(victim.origin) > 0, 3000, 'a post in flight').catch(() => undefined);
      const inFlight = api.postsInFlight(victim.origin);
      const killedAt = Date.now();
      const { signal } = await victim.kill('SIGKILL');
      assert.equal(signal, 'SIGKILL', `${victim.appName} died on its own: ${victim.stderr().slice(-2000)}`);
      progress(`killed ${victim.appName}, holding ${JSON.stringify(held)}`);
      const again = start(victim.name, victim);
      const took: Record<string, string> = {};
      for (const r of ['planner', 'sender'] as const) if (held[r] === victim.appName) took[r] = (await holder(r, victim.appName)).appName;
      const note = `killed ${victim.appName} (it held ${Object.keys(took).join(' and ')}; ${inFlight} posts in flight to it) ${killedAt - epoch} ms after the start; taken over by ${JSON.stringify(took)} within ${Date.now() - killedAt} ms`;
      progress(note);
      t.diagnostic(note);
      restarts.push(again);
      return { victim, took, killedAt, again };
    };

    const acked = () => api.webhookStatuses.filter((s) => s >= 200 && s < 300).length;
    // ---- kill 1: the sender, mid fan-out of the first wave, the users under way
    await meanwhile(
      api.waitFor(() => reminders(wave1) >= 30 && acked() >= 40, 60_000, '30 reminders of the first wave sent, 40 updates handled'),
      65_000,
      'the first wave',
    );
    const first = await killHolderOf('sender');
    assert.ok(first.took.sender, 'the sender role was taken over');
    // ---- kill 2: the planner, once the first one killed serves again
    const restarted = await first.again;
    await meanwhile(
      api.waitFor(() => api.webhookPosts.some((p) => p.origin === restarted.origin && p.status === 200 && p.at > first.killedAt), 60_000, `${restarted.appName} serving`),
      65_000,
      `${restarted.appName} serving`,
    );
    progress(`${restarted.appName} serves`);
    // … and has finished its start: it may hold the planner now, and an instance killed before
    // its start ends can never become ready (every restarted instance must, below).
    await meanwhile(restarted.ready, 60_000, `${restarted.appName} ready`);
    const second = await killHolderOf('planner');
    assert.ok(second.took.planner, 'the planner role was taken over');

    // ---- the second wave: three cells' meeting moved to 05/11 15:30, its reminder due now; planned by whoever took the planner's role
    const mover = await PgStore.open({ url });
    try {
      for (const c of cells.slice(3)) {
        await mover.updateCell(c.cell.id, (d) =>
          applyRule(d.meetings, { from: '2024-11', rule: { on: { kind: 'day', day: 5 }, time: '15:30', place: PLACE }, setAt: new Date(Date.parse(NOW)).toISOString(), by: secretaryOf(c) }),
        );
      }
    } finally {
      await mover.close();
    }
    progress('second wave: meetings moved');
    const wave2Size = cells.slice(3).reduce((n, c) => n + Object.keys(c.members).length + 1, 0);
    await meanwhile(
      api.waitFor(() => reminders(wave2) >= wave2Size / 2, 60_000, 'half the second wave sent'),
      65_000,
      'the second wave',
    );

    // ---- the users stop; everything is delivered and sent
    stopping = true;
    await within(Promise.all(loops), 90_000, "the users' last actions");
    progress('users stopped');
    await api.webhookIdle(30_000);
    await within(Promise.all(restarts.map((r) => r.then((i) => i.ready))), 90_000, 'the restarted instances ready');
    progress('restarted instances ready');
    await api.waitFor(
      async () => {
        const [r] = await observer<{ n: number }[]>`SELECT count(*)::int AS n FROM docs WHERE kind = 'outbox' AND data IS NOT NULL`;
        return r!.n === 0;
      },
      60_000,
      'every outbox empty',
    );
    progress('outboxes empty');

    // ---- read back through a fresh PgStore
    const store = await PgStore.open({ url });
    const stored = new Map<string, CellFile>();
    try {
      for (const c of cells) stored.set(c.cell.id, (await store.cell(c.cell.id))!);
    } finally {
      await store.close();
    }

    const all = [...actors.notes, ...actors.rsvps, ...actors.claims];
    assert.ok(
      all.every((a) => a.actions.every((x) => x.handled)),
      'every update acknowledged',
    );
    // An instance answers a post with 2xx once the update is stored: every action acknowledged is held.
    const reading: Reading = { when: 'read back', held: 'handled' };
    let notes = 0;
    for (const a of actors.notes) notes += checkNotes(a, stored.get(a.cellId)!, reading);
    for (const a of [...actors.rsvps, ...actors.claims]) checkRsvps(a, stored.get(a.cellId)!, reading);
    for (const a of actors.claims) checkClaims(a, stored.get(a.cellId)!, reading);
    assert.ok(notes >= actors.notes.length, `notes were written (${notes})`);

    // Reminders: both waves planned for every member and group, each reached its chat at most once.
    const logs = instances.map((i) => i.stderr()).join('\n');
    const interrupted = interruptedSends(logs);
    const { planned, lost } = checkReminders(stored.values(), api, interrupted);
    // Any other notice (dues, claims to the collector): no chat got the same one twice.
    for (const chat of new Set(api.sentByBot().map((m) => m.chatId))) {
      const notices = api.botMessages(chat).filter((m) => !m.reply && !m.text.startsWith(REMINDER));
      const twice = notices.filter((m, i) => notices.findIndex((x) => x.text === m.text) !== i);
      assert.deepEqual(
        twice.map((m) => m.text),
        [],
        `chat ${chat} got a notice twice`,
      );
    }

    // Telegram's limits: the one sender kept them across the takeovers.
    const over = api.calls.filter((c) => c.status === 429);
    assert.equal(api.rejected429, 0, `the fake answered 429 to ${JSON.stringify(over.slice(0, 10))}`);

    assert.ok(!logs.includes(api.token) && !logs.includes(api.token.split(':')[1]!), 'the token is in no log line');
    const bad = logs.split('\n').filter((l) => /update failed|unhandled|update not handled|tick failed/.test(l));
    assert.deepEqual(bad.slice(0, 5), [], 'no update failed');

    // A clean stop of the three that run.
    await stopInstances([...live.values()]);
    for (const i of live.values()) assert.equal((await i.exited).code, 0, `${i.appName} stopped cleanly: ${i.stderr().slice(-1500)}`);

    const failedPosts = api.webhookPosts.filter((p) => p.status < 200 || p.status >= 300);
    const redelivered = new Set(failedPosts.map((p) => p.updateId)).size;
    // Cut short by a kill while an instance handled them (refused posts never reached one).
    const cutShort = new Set(failedPosts.filter((p) => p.error === 'ECONNRESET').map((p) => p.updateId)).size;
    const duplicates = (logs.match(/duplicate update ignored/g) ?? []).length;
    t.diagnostic(
      `updates ${new Set(api.webhookPosts.map((p) => p.updateId)).size}, posts ${api.webhookPosts.length} (failed ${failedPosts.length}: ${[...new Set(failedPosts.map((p) => p.error ?? p.status))].join(', ')}), redelivered ${redelivered} (${cutShort} cut short mid-handling), duplicates ignored ${duplicates}; notes ${notes}; reminders planned ${planned}, interrupted ${interrupted.size}, lost ${lost}; ${Date.now() - epoch} ms`,
    );
    assert.ok(cutShort > 0, 'some update was being handled by a killed instance, and was delivered again');
  } finally {
    stopping = true;
    abort(new Error('the test ended'));
    if (process.env.DEBUG_INSTANCES) for (const i of instances) writeFileSync(path.join(tmpdir(), `${i.appName}.log`), i.stderr());
    clearTimeout(watchdog);
    await stopInstances(instances, 3000);
    await api.stop();
    await Promise.allSettled(loops);
    await observer.end({ timeout: 2 });
  }
});

/**
 * Privacy. After a busy fortnight of a cell with its group linked (reminders, RSVPs with
 * reasons, dues claims rejected with a reason, self-evaluations written and rated with
 * comments, attendance with absences, /report, every command typed in the group and
 * private buttons pressed on group messages), no message to the group holds anything
 * personal: no reason, no self-evaluation text, no rating, no comment, no amount, no
 * arrears. The bot token is in no log line, also on error paths (dropped connections
 * whose errors carry the URL, a message given up, an update that failed). Data files and
 * backups are created readable by their owner only (0600, folders 0700) whatever the
 * umask.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCellWithSecretary, fillJoin, joinAndApprove, startHarness, type Harness } from '../support/harness.ts';
import type { FakeUser } from '../support/fake-bot-api.ts';
import { cellData, usersOf, writeCells } from './world.ts';
import { normalizeReview, openYear, RATINGS, RATING_NAMES } from '../../src/core/review/index.ts';
import { stepField } from '../../src/telegram/dialogs/transition.ts';
import { cbDialog, cbDues, cbJournal, cbMeeting, cbMember, cbReview, cbSettings } from '../../src/telegram/callback-data.ts';
import { t } from '../../src/telegram/texts/index.ts';

const GROUP = -7001;
const P = 'pv';

/** Answers the self-evaluation through its dialog, writing `marker` in every section, and sends it. */
async function writeEvaluation(h: Harness, u: FakeUser, marker: string): Promise<void> {
  await u.send('/evaluate');
  for (let i = 0; i < 40; i++) {
    const st = await h.app.services.dialogs.active(u.id);
    if (st?.id !== 'evaluate') return;
    const press = (action: string) => u.pressData(cbDialog.make({ dialog: 'evaluate', step: stepField(st), action }));
    if (st.step === '_review') await press('submit');
    else if (/^s\d+$/.test(st.step)) {
      await u.send(`${marker} (${st.step})`);
      await press('done');
    } else if (st.step === 'scoreGeneral') await press('skip');
    else await press('o1');
  }
}

test('nothing personal reaches the group after a busy fortnight, whatever is typed or pressed there', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'chibo-faults-privacy-'));
  const cell = cellData({ cellId: P, year: 2024, asOf: '2024-10-31', members: 12, firstId: 1100, review: false, groupChatId: GROUP });
  cell.review = normalizeReview(cell.review);
  assert.ok(openYear(cell.review, 2024, '1100', new Date('2024-11-01T09:00:00+07:00'), '2024-11-20').ok);
  await writeCells(dataDir, [cell]);
  const h = await startHarness({ now: '2024-11-02T15:00:00+07:00', dataDir });
  try {
    const group = h.api.group({ id: GROUP, title: cell.cell.name });
    const u = usersOf(h.api, cell);
    const sec = u.get('1100')!;
    const collector = u.get('1101')!;
    const committee = u.get('1102')!;
    const personal: string[] = [];
    await h.settle();

    // RSVPs with reasons, on the 3-day reminder's buttons.
    for (const id of ['1104', '1105', '1106', '1107']) {
      const m = u.get(id)!;
      if (id < '1106') await m.press(t.meetings.yes);
      else {
        await m.press(t.meetings.no);
        personal.push(`Lý do riêng ${id}`);
        await m.send(`Lý do riêng ${id}`);
      }
    }
    // Self-evaluations written, sent, rated with a comment.
    for (const id of ['1104', '1108']) {
      personal.push(`Tự đánh giá riêng ${id}`);
      await writeEvaluation(h, u.get(id)!, `Tự đánh giá riêng ${id}`);
    }
    assert.ok(u.get('1104')!.documents().length === 1, 'the evaluation was sent back as a .docx');
    await committee.pressData(cbReview.make({ cell: P, action: 'rate', id: 2024, arg: '1104.0' }));
    await committee.pressData(cbReview.make({ cell: P, action: 'comment', id: 2024, arg: '1104' }));
    personal.push('Nhận xét riêng của chi bộ');
    await committee.send('Nhận xét riêng của chi bộ');
    // A dues claim, rejected with a reason; the collector's table.
    const claimer = u.get('1105')!;
    await claimer.send('/dues');
    await claimer.press(t.dues.iPaid);
    await claimer.press(t.dues.byCash);
    await h.settle();
    const claim = (await h.app.services.dues.openClaims(P))[0]!;
    await collector.pressData(cbDues.make({ cell: P, action: 'cno', id: claim.id, arg: '' }));
    personal.push('Từ chối riêng: chưa nhận tiền');
    await collector.send('Từ chối riêng: chưa nhận tiền');
    await collector.send('/dues');
    // The dues day, the 2-hour reminder, the start and attendance with absences, the month's report.
    await h.tickAt('2024-11-05T07:00:00+07:00');
    await h.tickAt('2024-11-05T12:10:00+07:00');
    await h.tickAt('2024-11-05T14:05:00+07:00');
    await sec.pressData(cbMeeting.make({ cell: P, action: 'at', id: 'r202411', arg: '' }));
    await sec.pressData(cbMeeting.make({ cell: P, action: 'ok', id: 'r202411', arg: '' }));
    await sec.send('/report 11/2024');
    await sec.send('/report');
    await h.settle();

    // Everything typed in the group, by the secretary, the collector and a member.
    const commands = [
      '/meeting',
      '/hop',
      '/dues',
      '/dangphi',
      '/dues 2024',
      '/dues 10/2024',
      '/evaluate',
      '/kiemdiem',
      '/report',
      '/baocao',
      '/report 11/2024',
      '/members',
      '/member',
      '/note',
      '/settings',
      '/whoami',
      '/help',
      '/start',
      '/invite',
      '/cancel',
      'Lý do riêng 1106',
    ];
    for (const who of [sec, collector, committee, u.get('1106')!]) for (const c of commands) await who.sendIn(group, c);
    // Private buttons pressed on a message in the group (forged: the group's messages carry none).
    const groupMessage = h.api.botMessages(GROUP).at(-1)!;
    const presses = [
      cbDues.make({ cell: P, action: 'my', id: '', arg: '' }),
      cbDues.make({ cell: P, action: 'myy', id: '2024', arg: '' }),
      cbDues.make({ cell: P, action: 'tbl', id: '202411', arg: '' }),
      cbDues.make({ cell: P, action: 'yr', id: '2024', arg: '' }),
      cbDues.make({ cell: P, action: 'member', id: '1105', arg: 'n' }),
      cbDues.make({ cell: P, action: 'claims', id: '', arg: '' }),
      cbDues.make({ cell: P, action: 'mlist', id: '', arg: '' }),
      cbMeeting.make({ cell: P, action: 'rs', id: 'r202411', arg: '' }),
      cbMeeting.make({ cell: P, action: 'v', id: 'r202411', arg: '' }),
      cbMeeting.make({ cell: P, action: 'at', id: 'r202411', arg: '' }),
      cbReview.make({ cell: P, action: 'view', id: 2024, arg: '1104' }),
      cbReview.make({ cell: P, action: 'panel', id: 2024, arg: '' }),
      cbReview.make({ cell: P, action: 'mydoc', id: 2024, arg: '' }),
      cbReview.make({ cell: P, action: 'list', id: 2024, arg: '0' }),
      cbJournal.make({ cell: P, action: 'sections', id: '', arg: '' }),
      cbMember.make({ cell: P, member: '1105', field: 'card', value: '' }),
      cbSettings.make({ section: 'dues' }),
      cbSettings.make({ section: 'review' }),
    ];
    const answers = h.api.callbackAnswers.length;
    for (const who of [sec, collector, committee, u.get('1104')!]) for (const d of presses) await h.api.handled(h.api.pushPress(who.user, groupMessage, d));
    await h.settle();
    const refused = h.api.callbackAnswers.slice(answers);
    assert.equal(refused.length, presses.length * 4);
    for (const a of refused) assert.equal(a.text, t.common.privateOnly, 'a press in the group is refused');

    const inGroup = h.api.messages.filter((m) => m.fromBot && m.chatId < 0);
    assert.ok(inGroup.length > 20, 'the group got its reminders and answers');
    const amounts = /\d{1,3}(\.\d{3})+ ?đ/;
    const ratings = RATINGS.map((r) => RATING_NAMES[r]);
    if (process.env.FAULT_DEBUG) for (const m of inGroup) console.log('GROUP>', m.text.replace(/\n/g, ' | ').slice(0, 200));
    for (const m of inGroup) {
      for (const p of personal) assert.ok(!m.text.includes(p), `the group got "${p}": ${m.text.slice(0, 300)}`);
      assert.ok(!amounts.test(m.text), `an amount in the group: ${m.text.slice(0, 300)}`);
      for (const r of ratings) assert.ok(!m.text.includes(r), `a rating in the group: ${m.text.slice(0, 300)}`);
      assert.ok(
        !/lý do|đã đóng|chưa đóng|nợ|kiểm điểm của|vắng/i.test(m.text) || m.text === t.group.linked(cell.cell.name) || m.text.startsWith('Các việc'),
        `personal words in the group: ${m.text.slice(0, 300)}`,
      );
      assert.equal(m.document, undefined, 'no file to the group');
      assert.equal(m.keyboard, undefined, `no buttons in the group: ${m.text.slice(0, 100)}`);
    }
    // The private chats did get those things (the scan looks at real content).
    const privateTexts = h.api.messages
      .filter((m) => m.fromBot && m.chatId > 0)
      .map((m) => m.text)
      .join('\n');
    for (const p of ['Lý do riêng 1106', 'Từ chối riêng']) assert.ok(privateTexts.includes(p), `${p} went privately`);
    assert.ok(amounts.test(privateTexts));
  } finally {
    await h.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('the bot token is in no log line, also when connections drop, a message is given up and an update fails', async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    // A reply whose connection drops twice: retried once, then the update fails (its error carries the URL).
    const m = h.api.user({ id: 102, first_name: 'An' });
    h.api.failNext('sendMessage', { kind: 'drop' }, 2, 102);
    await m.send('/start');
    // A notice given up after every attempt dropped: the secretary's join request.
    await m.send(`/start ${(await h.app.store.cell(cellId))!.cell.inviteCode}`);
    await fillJoin(m, { name: 'Nguyễn Văn An', gender: 'Nam', status: 'Chính thức', theory: 'Sơ cấp' });
    h.api.failNext('sendMessage', { kind: 'drop' }, 8, 101);
    await m.press('Gửi');
    await h.settle();
    // A 5xx on both tries of a reply.
    h.api.failNext('sendMessage', { kind: '500' }, 2, 101);
    await sec.send('/whoami');
    await h.settle();
    const logs = h.logs.join('\n');
    assert.match(logs, /update failed/, 'an update failed and was logged');
    assert.match(logs, /outbox: message given up/, 'a message was given up and logged');
    assert.match(logs, /socket hang up|ECONNRESET/, 'a dropped connection was logged');
    const secret = h.api.token.split(':')[1]!;
    assert.ok(!logs.includes(h.api.token) && !logs.includes(secret), `the token in: ${h.logs.find((l) => l.includes(secret))?.slice(0, 300)}`);
    assert.match(logs, /bot(<token>|\d+:\[REDACTED\])\/sendMessage/, 'the URL is logged with the token masked');
  } finally {
    await h.stop();
  }
});

test('data files, backups and their folders are created readable by their owner only, whatever the umask', async () => {
  const parent = await mkdtemp(path.join(tmpdir(), 'chibo-faults-mode-'));
  const dataDir = path.join(parent, 'data', 'chibo'); // not there yet: the bot makes it
  const umask = process.umask(0);
  try {
    const h = await startHarness({ dataDir, now: '2024-11-04T09:00:00+07:00' });
    try {
      const sec = h.api.user({ id: 101, first_name: 'Bình' });
      await createCellWithSecretary(h, sec);
      await joinAndApprove(h, sec, h.api.user({ id: 102, first_name: 'An' }), { name: 'Nguyễn Văn An', gender: 'Nam', status: 'Chính thức', theory: 'Sơ cấp' });
      await h.tickAt('2024-11-05T09:00:00+07:00'); // the next day's backup
      await h.restart({ at: '2024-11-06T09:00:00+07:00' }); // and one at start
      await h.settle();
    } finally {
      await h.stop();
    }
    const seen = { files: 0, dirs: 0, backups: 0 };
    const walk = async (dir: string): Promise<void> => {
      const s = await stat(dir);
      assert.equal((s.mode & 0o777).toString(8), '700', `${path.relative(parent, dir)} is ${(s.mode & 0o777).toString(8)}`);
      seen.dirs++;
      for (const e of await readdir(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else {
          const mode = ((await stat(p)).mode & 0o777).toString(8);
          assert.equal(mode, '600', `${path.relative(parent, p)} is ${mode}`);
          seen.files++;
          if (p.includes(`${path.sep}backups${path.sep}`)) seen.backups++;
        }
      }
    };
    await walk(path.join(parent, 'data'));
    assert.ok(seen.files >= 6 && seen.backups >= 4 && seen.dirs >= 7, JSON.stringify(seen));
  } finally {
    process.umask(umask);
    await rm(parent, { recursive: true, force: true });
  }
});

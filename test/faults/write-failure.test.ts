/**
 * A write that fails. The data folder is replaced by a plain file (so every write fails
 * with ENOTDIR, also when the tests run as root, where permissions stop nothing): each
 * action is answered "không lưu được", memory and disk agree after it, and once the
 * folder is back and the bot restarted, the data is exactly what the bot showed — the
 * failed actions absent, the acknowledged ones there, a dialog where it was. A failure
 * right after an acknowledged action takes nothing back, and a failure in the middle of a
 * fan-out neither crashes the bot nor loses or repeats a reminder.
 */
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHarness, type Harness } from '../support/harness.ts';
import type { FakeUser } from '../support/fake-bot-api.ts';
import { cellData, usersOf, writeCells } from './world.ts';
import { t } from '../../src/telegram/texts/index.ts';
import { cbDialog, cbMeeting } from '../../src/telegram/callback-data.ts';
import { stepField } from '../../src/telegram/dialogs/transition.ts';

const W = 'wf';
const FAILED = t.common.writeFailed;

let h: Harness;
let parent: string;
let dataDir: string;
let u: Map<string, FakeUser>;
let broken = false;

function breakFolder(): void {
  renameSync(dataDir, `${dataDir}.saved`);
  writeFileSync(dataDir, 'not a folder');
  broken = true;
}

function restoreFolder(): void {
  if (!broken) return;
  rmSync(dataDir, { force: true });
  renameSync(`${dataDir}.saved`, dataDir);
  broken = false;
}

/** What is on disk (in the saved folder while broken) equals what the bot holds in memory. */
async function agree(where: string): Promise<void> {
  const dir = broken ? `${dataDir}.saved` : dataDir;
  const disk = JSON.parse(readFileSync(path.join(dir, 'cells', `${W}.json`), 'utf8'));
  assert.deepEqual(JSON.parse(JSON.stringify(await h.app.store.cell(W))), disk, `${where}: the cell in memory and on disk differ`);
  const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8'));
  assert.deepEqual(JSON.parse(JSON.stringify(await h.app.store.index())), index, `${where}: the index in memory and on disk differ`);
}

before(async () => {
  parent = await mkdtemp(path.join(tmpdir(), 'chibo-faults-write-'));
  dataDir = path.join(parent, 'data');
  const cell = cellData({ cellId: W, year: 2024, asOf: '2024-11-01', members: 6, firstId: 1400, review: false, groupChatId: -8001 });
  await writeCells(dataDir, [cell]);
  h = await startHarness({ now: '2024-11-04T09:00:00+07:00', dataDir });
  u = usersOf(h.api, cell);
  await h.settle();
});

afterEach(() => restoreFolder());

after(async () => {
  restoreFolder();
  await h.stop();
  await rm(parent, { recursive: true, force: true });
});

test('with the data folder unwritable every action says "không lưu được", memory and disk agree, and after the restart the data is what the bot showed', async () => {
  const sec = u.get('1400')!;
  const member = u.get('1404')!;
  const stranger = h.api.user({ id: 4444, first_name: 'Lạ' });
  // Before: the secretary is in the middle of a note (at its review), the member looks at the meeting.
  await sec.send('/note');
  await sec.press('➕ Ghi mục mới');
  await sec.press(t.journal.groups.ket_qua);
  await sec.press(t.journal.sections.tu_tuong);
  await sec.press(t.journal.today);
  await sec.send('Chi bộ học tập nghị quyết Trung ương 10.');
  assert.ok(
    sec
      .last()!
      .keyboard?.flat()
      .some((b) => b.text === 'Gửi'),
  );
  await member.send('/meeting');
  const card = member.last()!;
  await h.settle();
  const noteBefore = structuredClone(await h.app.services.dialogs.active(1400));

  breakFolder();
  // A button (RSVP): the press is answered with the failure, nothing recorded.
  let answers = h.api.callbackAnswers.length;
  await member.press(t.meetings.yes, card);
  assert.equal(h.api.callbackAnswers.slice(answers).at(-1)?.text, FAILED);
  assert.equal((await h.app.store.cell(W))!.meetings.records.r202411?.rsvp['1404'], undefined);
  await agree('after the RSVP');
  // "Gửi" of the note: the failure is said, the note is not saved, the dialog waits at its review.
  let mark = sec.mark();
  await sec.press('Gửi');
  assert.equal(sec.since(mark), FAILED);
  assert.ok(!(await h.app.store.cell(W))!.journal.entries.some((e) => e.text.startsWith('Chi bộ học tập nghị quyết Trung ương 10')));
  assert.deepEqual(await h.app.services.dialogs.active(1400), noteBefore);
  await agree('after "Gửi"');
  // A typed dialog answer: the reason of an absence.
  answers = h.api.callbackAnswers.length;
  await member.pressData(cbMeeting.make({ cell: W, action: 'n', id: 'r202411', arg: '' }), card);
  assert.equal(h.api.callbackAnswers.slice(answers).at(-1)?.text, undefined, 'the press itself was fine');
  assert.equal(member.last()!.text, FAILED, 'asking the reason could not be saved');
  assert.equal(await h.app.services.dialogs.active(1404), undefined);
  await agree('after ❌');
  // A dues claim.
  await member.send('/dues');
  answers = h.api.callbackAnswers.length;
  await member.press(t.dues.iPaid);
  await member.press(t.dues.byCash);
  assert.equal(h.api.callbackAnswers.slice(answers).at(-1)?.text, FAILED);
  assert.deepEqual(await h.app.services.dues.openClaims(W), []);
  await agree('after the claim');
  // Someone of no cell (the index file): /newcell by the admin.
  const admin = h.api.user({ id: 900, first_name: 'Quản trị' });
  mark = admin.mark();
  await admin.send('/newcell');
  assert.equal(admin.since(mark), FAILED);
  await agree('after /newcell');
  mark = stranger.mark();
  await stranger.send('/whoami');
  assert.match(stranger.since(mark), /Mã Telegram: 4444/, 'reading still works');
  assert.ok(
    h.logs.some((l) => /update failed .*ENOTDIR/.test(l)),
    'the failure is in the log',
  );

  // The folder is back; a restart reads exactly what the bot showed.
  restoreFolder();
  await h.restart();
  assert.equal((await h.app.store.cell(W))!.meetings.records.r202411?.rsvp['1404'], undefined);
  assert.deepEqual(await h.app.services.dues.openClaims(W), []);
  assert.equal(await h.app.services.dialogs.active(900), undefined);
  assert.equal(await h.app.services.dialogs.active(1404), undefined);
  const note = (await h.app.services.dialogs.active(1400))!;
  assert.equal(note.step, '_review');
  assert.equal(note.answers.text, 'Chi bộ học tập nghị quyết Trung ương 10.');
  // And the same actions now work, once. (The review's buttons were taken off when "Gửi" was pressed: anything typed shows it again.)
  await sec.send('gửi lại');
  mark = sec.mark();
  await sec.press('Gửi');
  assert.equal(sec.since(mark), t.journal.saved(t.journal.sections.tu_tuong));
  await member.press(t.meetings.yes, card);
  assert.equal((await h.app.store.cell(W))!.meetings.records.r202411!.rsvp['1404']!.answer, 'yes');
  await agree('after the retries');
});

test('a failure right after an acknowledged action takes nothing back: what the bot confirmed stays confirmed', async () => {
  const sec = u.get('1400')!;
  await sec.send('/note');
  await sec.press('➕ Ghi mục mới');
  await sec.press(t.journal.groups.ket_qua);
  await sec.press(t.journal.sections.chuyen_mon);
  await sec.press(t.journal.today);
  await sec.send('Học sinh đạt giải cấp tỉnh.');
  // The folder breaks the moment the bot's confirmation reaches the user.
  const saved = t.journal.saved(t.journal.sections.chuyen_mon);
  const messages = h.api.messages;
  const push = messages.push.bind(messages);
  messages.push = (...items) => {
    const n = push(...items);
    if (items.some((m) => m.fromBot && m.text === saved) && !broken) breakFolder();
    return n;
  };
  try {
    const mark = sec.mark();
    const note = (await h.app.services.dialogs.active(sec.id))!;
    await sec.pressData(
      cbDialog.make({ dialog: 'note', step: stepField(note, '_review'), action: 'submit' }),
      sec.messages().findLast((m) => m.keyboard),
    );
    assert.ok(broken, 'the folder broke after the confirmation');
    assert.equal(sec.since(mark), saved, 'confirmed, and nothing said after');
    await agree('after the confirmation');
  } finally {
    messages.push = push;
  }
  restoreFolder();
  await h.restart();
  assert.ok((await h.app.store.cell(W))!.journal.entries.some((e) => e.text === 'Học sinh đạt giải cấp tỉnh.'));
  assert.equal(await h.app.services.dialogs.state(1400, 'note'), undefined, 'and its dialog is over');
});

test('the disk failing in the middle of a fan-out: no crash, and once it is back every reminder goes out once', async () => {
  // The dues day: each member gets a reminder. The first send is told to wait (429), the folder breaks meanwhile.
  h.api.failNext('sendMessage', { kind: '429', retryAfter: 1 }, 1);
  h.clock.set('2024-11-05T07:30:00+07:00');
  const queued = await h.app.scheduler.tick();
  assert.ok(queued >= 5, `reminders planned (${queued})`);
  await h.api.waitFor(() => h.api.rejected429 > 0, 5000, 'the 429');
  breakFolder();
  await h.api.waitFor(() => h.logs.some((l) => l.includes('outbox: a write failed around a send')), 5000, 'the sender meeting the broken folder');
  await h.settle();
  await agree('while the folder is broken');
  restoreFolder();
  // The next write of the cell (a member's press) queues the reminders again; each goes out once.
  await u.get('1404')!.send('/meeting');
  await u.get('1404')!.press(t.meetings.yes);
  await h.settle();
  const received = () => ['1400', '1401', '1402', '1403', '1405'].map((id) => h.api.botMessages(Number(id)).filter((m) => m.text.startsWith('💰 Ngày 05/11/2024')).length);
  assert.deepEqual(received(), [1, 1, 1, 1, 1], 'each reminder once');
  assert.deepEqual((await h.app.store.cell(W))!.outbox.pending, []);
  await h.restart({ at: '2024-11-05T07:40:00+07:00' });
  await h.settle();
  assert.deepEqual(received(), [1, 1, 1, 1, 1], 'none again after a restart');
});

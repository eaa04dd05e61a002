import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCellWithSecretary, startHarness } from '../support/harness.ts';

test('a restart in the middle of joining: the dialog resumes at the same step with the answers kept', async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    const u = h.api.user({ id: 205, first_name: 'Giang' });
    await u.send(`/start ${(await h.app.store.cell(cellId))!.cell.inviteCode}`);
    await u.send('Vũ Thị Giang');
    await u.press('Nữ');
    await u.send('1990');
    assert.match(u.last()!.text, /chính thức hay dự bị/);
    await h.restart();
    // the old buttons still work after the restart, and typed text reaches the same step
    await u.press('Dự bị');
    assert.match(u.last()!.text, /Ngày kết nạp/);
    await h.restart();
    await u.send('02/09/2024');
    await u.press('Sơ cấp');
    await u.press('Không');
    await u.press(/^Giữ: /);
    await u.press('Bỏ qua');
    const review = u.last()!.text;
    assert.match(review, /Họ và tên: Vũ Thị Giang/);
    assert.match(review, /Năm sinh: 1990/);
    assert.match(review, /dự bị, kết nạp ngày 02\/09\/2024/);
  } finally {
    await h.stop();
  }
});

test('the same update delivered twice is handled once, also across a restart', async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    const cellId = await createCellWithSecretary(h, sec);
    const u = h.api.user({ id: 206, first_name: 'Hải' });
    await u.send(`/start ${(await h.app.store.cell(cellId))!.cell.inviteCode}`);
    // a typed answer delivered twice does not answer two questions
    const nameUpdate = h.api.pushText(u.user, 'Đinh Văn Hải');
    await h.api.handled(nameUpdate);
    const mark = u.mark();
    await h.api.redeliver(nameUpdate);
    assert.equal(u.mark(), mark, 'no reply to the duplicate');
    assert.equal((await h.app.services.dialogs.state(206, 'join'))?.step, 'gender');
    await u.press('Nam');
    await u.press('Bỏ qua');
    await u.press('Chính thức');
    await u.press('Sơ cấp');
    await u.press('Không');
    await u.press(/^Giữ: /);
    await u.press('Bỏ qua');
    // "Gửi" delivered again after a restart: still one application, one request to the secretary
    const { msg, button } = u.findButton('Gửi');
    const submit = h.api.pushPress(u.user, msg, button.callback_data!);
    await h.api.handled(submit);
    await h.settle();
    await h.restart();
    const answers = h.api.callbackAnswers.length;
    await h.api.redeliver(submit);
    await h.settle();
    assert.equal(h.api.callbackAnswers.length, answers, 'the duplicate press is not even answered as a stale button');
    const requests = sec.messages().filter((m) => m.text.includes('Đinh Văn Hải xin tham gia'));
    assert.equal(requests.length, 1);
    assert.equal(u.messages().filter((m) => /Đã gửi hồ sơ/.test(m.text)).length, 1);
    assert.equal((await h.app.store.cell(cellId))!.members['206']!.state, 'pending');
  } finally {
    await h.stop();
  }
});

test('updates out of order are each handled once', async () => {
  const h = await startHarness();
  try {
    const sec = h.api.user({ id: 101, first_name: 'Bình' });
    await createCellWithSecretary(h, sec);
    const mark = sec.mark();
    const base = h.api.pushText(sec.user, '/whoami') + 10;
    // ids 3 and 2 after it: both delivered, in id order, each once
    h.api.pushUpdate({ message: { message_id: 900, from: sec.user, chat: { id: 101, type: 'private' }, date: 0, text: '/help', entities: [{ type: 'bot_command', offset: 0, length: 5 }] } }, base + 2);
    h.api.pushUpdate(
      { message: { message_id: 901, from: sec.user, chat: { id: 101, type: 'private' }, date: 0, text: '/whoami', entities: [{ type: 'bot_command', offset: 0, length: 7 }] } },
      base + 1,
    );
    await h.api.handled(base + 2);
    const replies = sec
      .messages()
      .slice(mark)
      .map((m) => m.text.split('\n')[0]);
    assert.equal(replies.length, 3);
    assert.equal(replies.filter((r) => /Mã Telegram/.test(r!)).length, 2);
    assert.equal(replies.filter((r) => /Các việc đồng chí có thể làm/.test(r!)).length, 1);
  } finally {
    await h.stop();
  }
});

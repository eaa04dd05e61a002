/** One draft for the chat and the form: the answers as fields and back, and the version by content. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answersToFields, draftVersion, fieldsToAnswers } from '../../src/webapp/draft.ts';

const chat = { s11: ['Luôn giữ vững lập trường.', 'Lối sống giản dị.'], s12: [], s4: null, partyRating: 'tot', scoreGeneral: null };

test("the chat's messages of a section are one text in the form; an untouched section stays as the chat left it", () => {
  const f = answersToFields(chat);
  assert.equal(f.sections.s11, 'Luôn giữ vững lập trường.\nLối sống giản dị.');
  assert.equal(f.sections.s4, '');
  assert.equal(f.partyRating, 'tot');
  assert.equal(f.scoreGeneral, null);
  const back = fieldsToAnswers(chat, f);
  assert.deepEqual(back, chat, 'nothing changed, nothing rewritten');
  assert.equal(draftVersion(2024, back), draftVersion(2024, chat));
});

test('an edited section becomes one message; emptied, it is unwritten ("Không có" stays "Không có"); levels and the score follow the form', () => {
  const a = fieldsToAnswers(chat, { sections: { s11: 'Giữ vững lập trường, đạo đức.', s12: '  Dạy tốt.  ', s4: '' }, partyRating: 'xuat_sac', scoreGeneral: 28, scoreTasks: 65 });
  assert.deepEqual(a.s11, ['Giữ vững lập trường, đạo đức.']);
  assert.deepEqual(a.s12, ['Dạy tốt.']);
  assert.equal(a.s4, null);
  assert.equal(a.partyRating, 'xuat_sac');
  assert.deepEqual([a.scoreGeneral, a.scoreTasks], [28, 65]);
  const cleared = fieldsToAnswers(a, { sections: { s11: '' }, partyRating: null, scoreGeneral: null });
  assert.deepEqual(cleared.s11, []);
  assert.equal('partyRating' in cleared, false);
  assert.equal(cleared.scoreGeneral, null);
  assert.equal('scoreTasks' in cleared, false);
});

test('the version changes with any change of content or year, not with the clock', () => {
  const v = draftVersion(2024, chat);
  assert.equal(v, draftVersion(2024, structuredClone(chat)));
  assert.notEqual(v, draftVersion(2024, { ...chat, s12: ['x'] }));
  assert.notEqual(v, draftVersion(2025, chat));
  assert.match(v, /^[A-Za-z0-9_-]{22}$/);
});

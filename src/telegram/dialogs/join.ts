/** Joining a cell (SPEC §4): one question at a time, then the review and "Gửi". */
import { CIVIL_KINDS, isCivilKind, THEORY_LEVELS, unitNameOf, validUnitName, type Cell, type Gender, type PartyStatus, type TheoryLevel } from '../../core/members.ts';
import { parseMoney, percentOf } from '../../core/money.ts';
import { validBirthYear, validName, validPastDate } from '../../core/validate.ts';
import { yearOf } from '../../core/time.ts';
import type { Answers } from '../../core/dialog-state.ts';
import type { Application } from '../../services/members.ts';
import { defineDialog, loadedOf, type DialogEnv } from './engine.ts';
import { t } from '../texts/index.ts';

const L = t.labels;

export function toApplication(a: Answers): Application {
  return {
    name: String(a.name),
    gender: a.gender as Gender,
    birthYear: typeof a.birthYear === 'number' ? a.birthYear : null,
    partyStatus: a.partyStatus as PartyStatus,
    admittedOn: a.partyStatus === 'du_bi' && typeof a.admittedOn === 'string' ? a.admittedOn : null,
    theory: a.theory as TheoryLevel,
    civilKind: isCivilKind(a.civilKind) ? a.civilKind : null,
    workplace: typeof a.workplace === 'string' && a.workplace ? a.workplace : null,
    monthlyDues: typeof a.dues === 'number' ? a.dues : null,
  };
}

/** The unit of the cell being joined: the default đơn vị công tác. */
const unitOf = (env: DialogEnv): string => {
  const { cell } = loadedOf<{ cell?: Cell }>(env);
  return cell ? unitNameOf(cell) : '';
};

export const joinDialog = defineDialog({
  id: 'join',
  keepsDraft: true,
  load: async (ctx, state) => ({ cell: await ctx.services.cells.cell(String(state.meta.cellId)) }),
  steps: [
    { id: 'name', label: t.steps.join.name, prompt: () => t.join.name, input: { kind: 'text', parse: (s) => validName(s) } },
    {
      id: 'gender',
      label: t.steps.join.gender,
      prompt: () => t.join.gender,
      input: {
        kind: 'choice',
        options: [
          { value: 'nam', label: L.gender.nam },
          { value: 'nu', label: L.gender.nu },
        ],
      },
    },
    {
      id: 'birthYear',
      label: t.steps.join.birthYear,
      prompt: () => t.join.birthYear,
      skip: t.buttons.skip,
      input: { kind: 'text', parse: (s, env) => validBirthYear(s, yearOf(env.today)) },
    },
    {
      id: 'partyStatus',
      label: t.steps.join.partyStatus,
      prompt: () => t.join.partyStatus,
      input: {
        kind: 'choice',
        options: [
          { value: 'chinh_thuc', label: L.partyStatus.chinh_thuc },
          { value: 'du_bi', label: L.partyStatus.du_bi },
        ],
      },
    },
    {
      id: 'admittedOn',
      label: t.steps.join.admittedOn,
      prompt: () => t.join.admittedOn,
      when: (a) => a.partyStatus === 'du_bi',
      input: { kind: 'text', parse: (s, env) => validPastDate(s, env.today) },
    },
    {
      id: 'theory',
      label: t.steps.join.theory,
      prompt: () => t.join.theory,
      input: { kind: 'choice', options: THEORY_LEVELS.map((v) => ({ value: v, label: L.theory[v] })) },
    },
    {
      id: 'civilKind',
      label: t.steps.join.civilKind,
      prompt: () => t.join.civilKind,
      input: { kind: 'choice', options: CIVIL_KINDS.map((v) => ({ value: v, label: t.civil.button[v] })) },
    },
    {
      id: 'workplace',
      label: t.steps.join.workplace,
      prompt: (_a, env) => t.join.workplace(unitOf(env)),
      // The button's value is the unit's name itself: what is kept is what the review shows.
      input: { kind: 'text', parse: (s) => validUnitName(s), options: (_a, env) => (unitOf(env) ? [{ value: unitOf(env), label: t.join.keepUnit(unitOf(env)) }] : []) },
    },
    {
      id: 'dues',
      label: t.steps.join.dues,
      prompt: () => t.join.dues,
      skip: t.buttons.skip,
      input: { kind: 'text', parse: (s) => parseMoney(s), options: [{ value: 'salary', label: t.join.fromSalary }] },
    },
    {
      id: 'salary',
      label: t.steps.join.salary,
      prompt: () => t.join.salary,
      when: (a) => a.dues === 'salary',
      // Only the 1% is kept: the salary itself is never stored.
      input: { kind: 'text', parse: (s) => parseMoney(s, 1_000_000_000) },
      assign: (a, v) => {
        a.dues = percentOf(Number(v), 1);
      },
    },
  ],
  review: {
    submit: t.buttons.submit,
    render: (a) => {
      const app = toApplication(a);
      return t.join.review({
        name: app.name,
        gender: L.gender[app.gender],
        birthYear: app.birthYear,
        status: L.partyStatusLong[app.partyStatus],
        admittedOn: app.admittedOn,
        theory: L.theory[app.theory],
        civilKind: app.civilKind,
        workplace: app.workplace,
        dues: app.monthlyDues,
      });
    },
  },
  async finish(ctx, state) {
    const kind = state.meta.kind === 'secretary' ? 'secretary' : 'member';
    const { approved, cell } = await ctx.services.members.submitApplication(ctx.actor.tgId, toApplication(state.answers), kind, state.id);
    await ctx.reply(approved ? t.join.secretaryDone(cell.name) : t.join.sent(cell.name));
  },
});

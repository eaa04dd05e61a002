/** The journal (/note): entries under the report's sections, and each year's report inputs. */
import { requireActor } from './access.ts';
import { endIn } from './dialogs.ts';
import { RuleError } from '../core/result.ts';
import {
  checkOpening,
  entriesOf,
  MAX_ENTRY_CHARS,
  openingOf,
  type Inspection,
  type JournalEntry,
  type JournalSection,
  type OpeningFigures,
  type OpeningInput,
  type ReportInputs,
} from '../core/journal.ts';
import { localDate, type LocalDate } from '../core/time.ts';
import type { ServiceDeps } from './deps.ts';
import { bindDeps } from './bind.ts';
import { newId } from './ids.ts';

export interface NewEntry {
  section: JournalSection;
  on: LocalDate;
  text: string;
  inspection?: Inspection;
}

const check = (deps: ServiceDeps, e: NewEntry) => {
  const text = e.text.trim();
  if (!text) throw new RuleError({ code: 'text.empty' });
  if (text.length > MAX_ENTRY_CHARS) throw new RuleError({ code: 'text.long', params: { max: MAX_ENTRY_CHARS, length: text.length } });
  if (e.on > localDate(deps.clock.now())) throw new RuleError({ code: 'date.future' });
  return text;
};

export async function entries(deps: ServiceDeps, cellId: string, year: number, section?: JournalSection): Promise<JournalEntry[]> {
  const d = await deps.store.cell(cellId);
  return d ? entriesOf(d.journal, year, section) : [];
}

export async function entry(deps: ServiceDeps, cellId: string, id: string): Promise<JournalEntry | undefined> {
  return (await deps.store.cell(cellId))?.journal.entries.find((e) => e.id === id && !e.deletedAt);
}

export async function add(deps: ServiceDeps, tgId: number, e: NewEntry, ends?: string): Promise<JournalEntry> {
  const { cellId, member } = await requireActor(deps.store, tgId, 'cell.read');
  const text = check(deps, e);
  const now = deps.clock.now();
  const entry: JournalEntry = { id: newId('j', now), on: e.on, section: e.section, text, by: member.id, at: now.toISOString(), ...(e.inspection ? { inspection: e.inspection } : {}) };
  const userShard = await deps.store.shardOfUser(tgId);
  await deps.store.updateCell(cellId, (d) => {
    endIn(userShard, d, tgId, ends);
    d.journal.entries.push(entry);
  });
  return entry;
}

export async function edit(deps: ServiceDeps, tgId: number, id: string, e: NewEntry, ends?: string): Promise<JournalEntry> {
  const { cellId } = await requireActor(deps.store, tgId, 'cell.read');
  const text = check(deps, e);
  const userShard = await deps.store.shardOfUser(tgId);
  return deps.store.updateCell(cellId, (d) => {
    endIn(userShard, d, tgId, ends);
    const entry = d.journal.entries.find((x) => x.id === id && !x.deletedAt);
    if (!entry) throw new RuleError({ code: 'journal.gone' });
    Object.assign(entry, { on: e.on, section: e.section, text, editedAt: deps.clock.now().toISOString() });
    if (e.inspection) entry.inspection = e.inspection;
    else delete entry.inspection;
    return entry;
  });
}

export async function remove(deps: ServiceDeps, tgId: number, id: string): Promise<void> {
  const { cellId } = await requireActor(deps.store, tgId, 'cell.read');
  await deps.store.updateCell(cellId, (d) => {
    const entry = d.journal.entries.find((x) => x.id === id && !x.deletedAt);
    if (!entry) throw new RuleError({ code: 'journal.gone' });
    entry.deletedAt = deps.clock.now().toISOString();
  });
}

export async function inputs(deps: ServiceDeps, cellId: string, year: number): Promise<ReportInputs> {
  return (await deps.store.cell(cellId))?.journal.inputs[String(year)] ?? {};
}

export async function setInputs(deps: ServiceDeps, tgId: number, year: number, patch: ReportInputs, ends?: string): Promise<ReportInputs> {
  const { cellId } = await requireActor(deps.store, tgId, 'cell.read');
  const userShard = await deps.store.shardOfUser(tgId);
  return deps.store.updateCell(cellId, (d) => {
    endIn(userShard, d, tgId, ends);
    const cur = (d.journal.inputs[String(year)] ??= {});
    Object.assign(cur, patch);
    return cur;
  });
}

/** The year's opening figures (committee only). */
export async function opening(deps: ServiceDeps, tgId: number, year: number): Promise<OpeningFigures | undefined> {
  const { data } = await requireActor(deps.store, tgId, 'cell.read');
  return openingOf(data.journal, year);
}

/** Enters or replaces the year's opening figures (committee only), checked again as a whole. */
export async function setOpening(deps: ServiceDeps, tgId: number, year: number, figures: OpeningInput, ends?: string): Promise<OpeningFigures> {
  const { cellId, member } = await requireActor(deps.store, tgId, 'cell.read');
  const now = deps.clock.now();
  const problem = checkOpening(year, figures, localDate(now));
  if (problem) throw new RuleError(problem);
  const stored: OpeningFigures = {
    through: figures.through,
    regularHeld: figures.regularHeld,
    themedByQuarter: [...figures.themedByQuarter],
    extraordinaryHeld: figures.extraordinaryHeld,
    duesByMonth: { ...figures.duesByMonth },
    inspections: figures.inspections,
    supervisions: figures.supervisions,
    by: member.id,
    at: now.toISOString(),
  };
  const userShard = await deps.store.shardOfUser(tgId);
  await deps.store.updateCell(cellId, (d) => {
    (d.journal.opening ??= {})[String(year)] = stored;
    endIn(userShard, d, tgId, ends);
  });
  return stored;
}

/** The use cases above, bound to one set of deps. */
export function journalService(deps: ServiceDeps) {
  return bindDeps(deps, {
    entries,
    entry,
    add,
    edit,
    remove,
    inputs,
    setInputs,
    opening,
    setOpening,
  });
}

export type JournalService = ReturnType<typeof journalService>;

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
import { newId } from './ids.ts';

export interface NewEntry {
  section: JournalSection;
  on: LocalDate;
  text: string;
  inspection?: Inspection;
}

export function journalService({ store, clock }: ServiceDeps) {
  /** The committee member acting, and their cell. */
  const committee = (tgId: number) => requireActor(store, tgId, 'cell.read');

  const check = (e: NewEntry) => {
    const text = e.text.trim();
    if (!text) throw new RuleError({ code: 'text.empty' });
    if (text.length > MAX_ENTRY_CHARS) throw new RuleError({ code: 'text.long', params: { max: MAX_ENTRY_CHARS, length: text.length } });
    if (e.on > localDate(clock.now())) throw new RuleError({ code: 'date.future' });
    return text;
  };

  return {
    entries(cellId: string, year: number, section?: JournalSection): JournalEntry[] {
      const d = store.cell(cellId);
      return d ? entriesOf(d.journal, year, section) : [];
    },

    entry(cellId: string, id: string): JournalEntry | undefined {
      return store.cell(cellId)?.journal.entries.find((e) => e.id === id && !e.deletedAt);
    },

    async add(tgId: number, e: NewEntry): Promise<JournalEntry> {
      const { cellId, member } = committee(tgId);
      const text = check(e);
      const now = clock.now();
      const entry: JournalEntry = { id: newId('j', now), on: e.on, section: e.section, text, by: member.id, at: now.toISOString(), ...(e.inspection ? { inspection: e.inspection } : {}) };
      await store.updateCell(cellId, (d) => {
        d.journal.entries.push(entry);
      });
      return entry;
    },

    async edit(tgId: number, id: string, e: NewEntry): Promise<JournalEntry> {
      const { cellId } = committee(tgId);
      const text = check(e);
      return store.updateCell(cellId, (d) => {
        const entry = d.journal.entries.find((x) => x.id === id && !x.deletedAt);
        if (!entry) throw new RuleError({ code: 'journal.gone' });
        Object.assign(entry, { on: e.on, section: e.section, text, editedAt: clock.now().toISOString() });
        if (e.inspection) entry.inspection = e.inspection;
        else delete entry.inspection;
        return entry;
      });
    },

    async remove(tgId: number, id: string): Promise<void> {
      const { cellId } = committee(tgId);
      await store.updateCell(cellId, (d) => {
        const entry = d.journal.entries.find((x) => x.id === id && !x.deletedAt);
        if (!entry) throw new RuleError({ code: 'journal.gone' });
        entry.deletedAt = clock.now().toISOString();
      });
    },

    inputs(cellId: string, year: number): ReportInputs {
      return store.cell(cellId)?.journal.inputs[String(year)] ?? {};
    },

    async setInputs(tgId: number, year: number, patch: ReportInputs): Promise<ReportInputs> {
      const { cellId } = committee(tgId);
      return store.updateCell(cellId, (d) => {
        const cur = (d.journal.inputs[String(year)] ??= {});
        Object.assign(cur, patch);
        return cur;
      });
    },

    /** The year's opening figures (committee only). */
    opening(tgId: number, year: number): OpeningFigures | undefined {
      const { cellId } = committee(tgId);
      const d = store.cell(cellId);
      return d ? openingOf(d.journal, year) : undefined;
    },

    /** Enters or replaces the year's opening figures (committee only), checked again as a whole. */
    async setOpening(tgId: number, year: number, figures: OpeningInput, ends?: string): Promise<OpeningFigures> {
      const { cellId, member } = committee(tgId);
      const now = clock.now();
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
      await store.updateCell(cellId, (d) => {
        (d.journal.opening ??= {})[String(year)] = stored;
        endIn(store, d, tgId, ends);
      });
      return stored;
    },
  };
}

export type JournalService = ReturnType<typeof journalService>;

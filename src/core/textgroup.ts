/**
 * Grouping what members wrote into the points of a collective report. Pure.
 *
 * Each member's answer is split into points (lines, bullets, sentences); points are
 * normalised for comparison (case, spacing, punctuation — Vietnamese diacritics kept, since
 * they carry meaning: "tốt" is not "tốt" without its tone); near-duplicates are merged by
 * the overlap of their syllables; each group counts the distinct members who raised it;
 * groups are ordered by that count. A group is shown in one member's own words (the
 * wording closest to all the others), so no sentence is one that nobody wrote; no names.
 */

export interface Answer {
  /** Who wrote it (only counted, never shown). */
  author: string;
  text: string;
}

export interface Point {
  /** One member's wording of the point, tidied (capital first letter, final period). */
  text: string;
  /** Distinct members who raised it. */
  members: number;
  /** All the wordings merged into it. */
  variants: string[];
}

/** Function words that say little about what a point is about. */
const STOP = new Set(['và', 'của', 'các', 'những', 'là', 'thì', 'mà', 'với', 'trong', 'cho', 'được', 'để', 'một', 'này', 'đó', 'việc', 'sự', 'đã', 'sẽ', 'đang', 'rất', 'cũng', 'như', 'có', 'bản', 'thân', 'tôi', 'em', 'mình']);

/** Splits an answer into points: lines, bullets, numbered items and sentences. */
export function splitPoints(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/\n+|;\s+|(?<=[.!?])\s+(?=\p{Lu}|[-–•+*]|\d+[.)])/u)
    .map((p) =>
      p
        .replace(/^\s*(?:[-–•+*]|\d{1,2}[.)]|[a-zđ][.)])\s*/u, '')
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/[.;,:!]+$/u, ''),
    )
    .filter((p) => words(p).length >= 3);
}

/** Lower-case syllables without punctuation (diacritics kept). */
export function words(text: string): string[] {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

function keySet(text: string): Set<string> {
  const ws = words(text);
  const content = ws.filter((w) => !STOP.has(w));
  return new Set(content.length >= 2 ? content : ws);
}

/**
 * How alike two points are, 0…1: the overlap of their content syllables relative to the
 * smaller one, tempered by the Jaccard index so that a short point does not swallow
 * every longer one that happens to contain its words.
 */
export function similarity(a: string, b: string): number {
  const x = keySet(a);
  const y = keySet(b);
  if (!x.size || !y.size) return 0;
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  const jaccard = common / (x.size + y.size - common);
  const containment = common / Math.min(x.size, y.size);
  return (jaccard + containment) / 2;
}

export const SAME_POINT = 0.6;

export function groupPoints(answers: readonly Answer[], threshold = SAME_POINT): Point[] {
  interface Group {
    variants: string[];
    authors: Set<string>;
    first: number;
  }
  const groups: Group[] = [];
  let order = 0;
  for (const a of answers) {
    for (const p of splitPoints(a.text)) {
      order++;
      let best: Group | undefined;
      let bestScore = threshold;
      for (const g of groups) {
        const score = Math.max(...g.variants.map((v) => similarity(v, p)));
        if (score >= bestScore) {
          best = g;
          bestScore = score;
        }
      }
      if (best) {
        if (!best.variants.some((v) => words(v).join(' ') === words(p).join(' '))) best.variants.push(p);
        best.authors.add(a.author);
      } else {
        groups.push({ variants: [p], authors: new Set([a.author]), first: order });
      }
    }
  }
  return groups
    .sort((g, h) => h.authors.size - g.authors.size || g.first - h.first)
    .map((g) => ({ text: tidy(central(g.variants)), members: g.authors.size, variants: g.variants }));
}

/** The wording most like all the others (ties: the earliest). */
function central(variants: readonly string[]): string {
  if (variants.length <= 2) return variants[0]!;
  let best = variants[0]!;
  let bestScore = -1;
  for (const v of variants) {
    const score = variants.reduce((s, w) => s + (w === v ? 0 : similarity(v, w)), 0);
    if (score > bestScore) {
      best = v;
      bestScore = score;
    }
  }
  return best;
}

function tidy(p: string): string {
  const s = p.trim();
  return `${s.charAt(0).toLocaleUpperCase('vi')}${s.slice(1)}.`;
}

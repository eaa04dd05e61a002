/**
 * The party's document format (Hướng dẫn 36-HD/VPTW, as ../shared/reference/the-thuc-van-ban.md
 * summarises it), as layout helpers shared by every generated document (the member's bản
 * kiểm điểm, the annual report): A4 portrait, margins 20/20/30/15 mm, Times New Roman,
 * the two-column borderless header, titles, justified body paragraphs with a first-line
 * indent, and the signature block.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  Table,
  TableBorders,
  TabStopType,
  LeaderType,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  UnderlineType,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { Cell } from '../core/members.ts';
import type { LocalDate } from '../core/time.ts';

export const FONT = 'Times New Roman';

/**
 * Sizes in points (docx counts half-points), as the model table of Hướng dẫn 36-HD/VPTW
 * (Phụ lục 3) gives them: the header's names, number and date 14; "ĐẢNG CỘNG SẢN VIỆT NAM"
 * 15; the kind of document 15–16; the subject and the body 14; "Nơi nhận:" 14 and the
 * recipients 12; page numbers 14.
 */
export const SIZE = { body: 14, small: 12, header: 14, party: 15, title: 16, subject: 14 } as const;
const hp = (pt: number) => pt * 2;

/** Twips (1/1440 inch); 1 mm ≈ 56.7 twips. */
const mm = (n: number) => Math.round(n * 56.7);
export const PAGE = {
  width: 11906, // A4 210 mm
  height: 16838, // A4 297 mm
  margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) },
};
/** Width of the text between the margins. */
export const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;
/** First-line indent of body paragraphs (1 cm). */
export const FIRST_LINE = mm(10);
/** Line spacing of the body: 1.2 lines (in 240ths). */
const BODY_LINE = 288;

export type Block = Paragraph | Table;

/** A run of text in the document font (size in points; default the body's). */
export function run(text: string, opts: Omit<IRunOptions, 'text' | 'size' | 'font'> & { size?: number } = {}): TextRun {
  const { size, ...rest } = opts;
  return new TextRun({ ...rest, text, font: FONT, size: hp(size ?? SIZE.body) });
}

/** Capitals the Vietnamese way ("Chi bộ" → "CHI BỘ"). */
export function upper(s: string): string {
  return s.toLocaleUpperCase('vi');
}

/**
 * The organisation above, as the header names it: the party committee ("Đảng ủy xã
 * Phong Hải") heads the party organisation ("ĐẢNG BỘ XÃ PHONG HẢI").
 */
export function parentOrganization(parentName: string): string {
  return upper(
    parentName
      .normalize('NFC')
      .trim()
      .replace(/^đảng\s+(ủy|uỷ)(?=\s|$)/iu, 'Đảng bộ'),
  );
}

/**
 * The place name for "…, ngày … tháng … năm …": the cell's own setting, else the
 * locality of the committee above ("Đảng ủy xã Phong Hải" → "Phong Hải").
 */
export function placeOf(cell: Pick<Cell, 'placeName' | 'parentName'>): string {
  if (cell.placeName?.trim()) return cell.placeName.trim();
  const m = /^đảng\s+(?:ủy|uỷ|bộ)\s+(?:xã|phường|thị trấn|thị xã|huyện|quận|thành phố|tỉnh|cơ quan|khối)?\s*(.+)$/iu.exec(cell.parentName.normalize('NFC').trim());
  return m?.[1]?.trim() || '……………';
}

/** "Phong Hải, ngày 25 tháng 11 năm 2024"; without a date, dotted for the hand. */
export function placeAndDate(place: string, date?: LocalDate): string {
  if (!date) return `${place}, ngày …… tháng …… năm ……`;
  return `${place}, ngày ${date.slice(8, 10)} tháng ${date.slice(5, 7)} năm ${date.slice(0, 4)}`;
}

/** A dotted line for what the bot does not know and the hand fills in. */
export const DOTS = '…………………………………';

function para(children: TextRun[], opts: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; before?: number; after?: number; indent?: boolean; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    children,
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    spacing: { before: opts.before ?? 0, after: opts.after ?? 60, line: BODY_LINE },
    ...(opts.indent ? { indent: { firstLine: FIRST_LINE } } : {}),
    ...(opts.keepNext ? { keepNext: true } : {}),
  });
}

function centered(text: string, opts: Omit<IRunOptions, 'text' | 'size' | 'font'> & { size?: number; after?: number } = {}): Paragraph {
  const { after, ...runOpts } = opts;
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: after ?? 0 }, children: [run(text, runOpts)] });
}

const NO_BORDERS = TableBorders.NONE;

function cell(children: Paragraph[], width: number): TableCell {
  return new TableCell({ children, width: { size: width, type: WidthType.DXA }, verticalAlign: VerticalAlign.TOP, borders: NO_BORDERS });
}

/** Two borderless columns; `outdent` widens the table into the (wide) left margin, `outRight` into the right one. */
function twoColumns(left: Paragraph[], right: Paragraph[], leftWidth: number, outdent = 0, outRight = 0): Table {
  const rightWidth = TEXT_WIDTH + outdent + outRight - leftWidth;
  return new Table({
    width: { size: TEXT_WIDTH + outdent + outRight, type: WidthType.DXA },
    columnWidths: [leftWidth, rightWidth],
    layout: TableLayoutType.FIXED,
    ...(outdent ? { indent: { size: -outdent, type: WidthType.DXA } } : {}),
    borders: NO_BORDERS,
    rows: [new TableRow({ cantSplit: true, children: [cell(left.length ? left : [new Paragraph('')], leftWidth), cell(right.length ? right : [new Paragraph('')], rightWidth)] })],
  });
}

export interface HeaderInput {
  /** The committee above, as the cell file names it ("Đảng ủy xã Phong Hải"). */
  parentName: string;
  /** The issuing cell ("Chi bộ Trường THCS Phong Hải"). */
  cellName: string;
  /** "Số 05-BC/CB" — optional (a member's self-evaluation has none). */
  number?: string;
  place: string;
  /** The document's date; dotted when absent. */
  date?: LocalDate;
}

/**
 * The header: left, the organisation above (capitals), the cell (bold capitals), a
 * centred `*`, the number; right, `ĐẢNG CỘNG SẢN VIỆT NAM` (bold capitals, underlined as
 * long as the words) and the place and date in italics. Two columns, no borders.
 */
export function partyHeader(h: HeaderInput): Table {
  const left = [
    centered(parentOrganization(h.parentName), { size: SIZE.header }),
    centered(upper(h.cellName), { size: SIZE.header, bold: true }),
    centered('*', { size: SIZE.header }),
    ...(h.number ? [centered(h.number, { size: SIZE.header })] : []),
  ];
  const right = [
    centered('ĐẢNG CỘNG SẢN VIỆT NAM', { size: SIZE.party, bold: true, underline: { type: UnderlineType.SINGLE } }),
    new Paragraph({ spacing: { before: 0, after: 0 }, children: [] }),
    centered(placeAndDate(h.place, h.date), { size: SIZE.header, italics: true }),
  ];
  // At 14 pt the cell's name in bold capitals and the place and date are long: the header
  // reaches 12 mm into the 30 mm left margin and 8 mm into the 15 mm right one.
  return twoColumns(left, right, mm(90), mm(12), mm(8));
}

/**
 * The title: the kind of document in bold capitals (16 pt), the subject lines in bold
 * (14 pt), then a short dash line. `note` adds an italic line under it (the form's variant).
 */
export function documentTitle(kind: string, subject: string[] = [], note?: string): Paragraph[] {
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 360, after: 0 }, children: [run(upper(kind), { size: SIZE.title, bold: true })] }),
    ...subject.map((s) => centered(s, { size: SIZE.subject, bold: true })),
    ...(note ? [centered(note, { size: SIZE.subject, italics: true })] : []),
    centered('-----', { size: SIZE.subject, after: 240 }),
  ];
}

/** A heading line ("I. ƯU ĐIỂM …", "1. Về …"), bold, kept with what follows. */
export function heading(text: string, opts: { italics?: boolean; indent?: boolean } = {}): Paragraph {
  return para([run(text, { bold: true, italics: opts.italics })], { align: AlignmentType.LEFT, before: 120, indent: opts.indent ?? true, keepNext: true });
}

/** Body text: each line a justified paragraph with a first-line indent. Empty text gives `empty` (if any). */
export function body(text: string, empty?: string): Paragraph[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (!lines.length) return empty ? [para([run(empty, { italics: true })], { indent: true })] : [];
  return lines.map((l) => para([run(l)], { indent: true }));
}

/** A tab that fills the rest of the line with dots up to `width` (twips from the paragraph's left). */
function dotsTo(width: number) {
  return { tabStops: [{ type: TabStopType.RIGHT, position: width, leader: LeaderType.DOT }], tab: new TextRun({ font: FONT, size: hp(SIZE.body), children: [new Tab()] }) };
}

/** "Label: value"; when the value is unknown, the rest of the line is dotted for the hand. */
export function labelled(label: string, value: string | undefined, opts: { boldValue?: boolean; width?: number } = {}): Paragraph {
  const v = value?.trim();
  if (v) return para([run(`${label}: `), run(v, { bold: opts.boldValue })], { align: AlignmentType.LEFT, indent: true, after: 40 });
  const d = dotsTo(opts.width ?? TEXT_WIDTH);
  return new Paragraph({ tabStops: d.tabStops, indent: { firstLine: FIRST_LINE }, spacing: { before: 0, after: 40, line: BODY_LINE }, children: [run(`${label}: `), d.tab] });
}

/** A whole line of dots, to write on by hand. */
export function dottedLine(width = TEXT_WIDTH): Paragraph {
  const d = dotsTo(width);
  return new Paragraph({ tabStops: d.tabStops, spacing: { before: 0, after: 40, line: BODY_LINE }, children: [d.tab] });
}

export interface SignatureInput {
  place: string;
  date?: LocalDate;
  /** Whether the place-and-date line heads the block (a self-evaluation has it there). */
  withDate?: boolean;
  /** Lines in bold capitals: ["T/M CHI BỘ", "BÍ THƯ"], or ["NGƯỜI TỰ KIỂM ĐIỂM"]. */
  roles: string[];
  /** An italic line under the roles: "(Ký, ghi rõ họ tên)". */
  note?: string;
  /** The signer's full name, bold; dotted when unknown. */
  name?: string;
  /** What sits on the left, level with the signature ("Nơi nhận: …"). */
  left?: Paragraph[];
}

/** The signature block, on the right; an optional block on the left (e.g. "Nơi nhận"). */
export function signatureBlock(s: SignatureInput): Table {
  const right = [
    ...(s.withDate ? [centered(placeAndDate(s.place, s.date), { italics: true })] : []),
    ...s.roles.map((r) => centered(upper(r), { bold: true })),
    ...(s.note ? [centered(s.note, { italics: true })] : []),
    // room to sign
    ...[0, 1, 2, 3].map(() => new Paragraph({ spacing: { before: 0, after: 0 }, children: [] })),
    centered(s.name?.trim() || DOTS, { bold: true }),
  ];
  return twoColumns(s.left ?? [], right, Math.round(TEXT_WIDTH * 0.45));
}

/**
 * "Nơi nhận:" and its lines, for the left of the signature block. The party's guidance sets
 * "Nơi nhận" upright, 14 pt, underlined (the bold italic 12 pt "Nơi nhận:" is the State's
 * administrative style of Nghị định 30, not the party's), and the recipients upright, 12 pt.
 */
export function recipients(lines: string[]): Paragraph[] {
  return [
    new Paragraph({ spacing: { before: 0, after: 0 }, children: [run('Nơi nhận:', { underline: { type: UnderlineType.SINGLE } })] }),
    ...lines.map((l) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(l, { size: SIZE.small })] })),
  ];
}

/** Margin inside a box, left and right (twips). */
export const BOX_PADDING = 120;

/** A bordered box (one cell) holding paragraphs: the cell's comments under a self-evaluation. */
export function box(children: Paragraph[]): Table {
  const line = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [TEXT_WIDTH],
    layout: TableLayoutType.FIXED,
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    rows: [
      new TableRow({
        cantSplit: true,
        children: [new TableCell({ children, width: { size: TEXT_WIDTH, type: WidthType.DXA }, margins: { top: 80, bottom: 80, left: BOX_PADDING, right: BOX_PADDING } })],
      }),
    ],
  });
}

/** An empty paragraph (vertical space). */
export function spacer(after = 120): Paragraph {
  return new Paragraph({ spacing: { before: 0, after }, children: [] });
}

/** The document: A4 portrait, the party's margins, Times New Roman 14 pt by default. */
export function partyDocument(children: Block[], meta: { title: string; creator?: string }): Document {
  return new Document({
    creator: meta.creator ?? 'chibo-bot',
    title: meta.title,
    styles: { default: { document: { run: { font: FONT, size: hp(SIZE.body) }, paragraph: { spacing: { line: BODY_LINE } } } } },
    sections: [
      {
        // Page numbers from the second page, top centre (a PAGE field); the first page has none.
        properties: { titlePage: true, page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin } },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: hp(SIZE.body) })] })] }),
        },
        children,
      },
    ],
  });
}

export function toBuffer(doc: Document): Promise<Buffer> {
  return Packer.toBuffer(doc);
}

/** A file name safe everywhere: Vietnamese letters without their marks, words joined by '-'. */
export function asciiName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Opens a generated .docx (a zip of XML) and gives its text, paragraph by paragraph. */
import { unzipSync, strFromU8 } from 'fflate';

export interface DocxContent {
  /** word/document.xml as it is. */
  xml: string;
  /** The text of each paragraph (w:p), in order, including those in tables and headers/footers of the body. */
  paragraphs: string[];
  /** All paragraphs joined by newlines. */
  text: string;
  /** The XML of each page header (word/header*.xml). */
  headers: string[];
}

export function readDocx(bytes: Uint8Array): DocxContent {
  const files = unzipSync(bytes);
  const doc = files['word/document.xml'];
  if (!doc) throw new Error('not a .docx: word/document.xml missing');
  const xml = strFromU8(doc);
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
    [...m[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)].map((t) => (t[1] !== undefined ? decodeXml(t[1]) : t[0] === '<w:tab/>' ? '\t' : '\n')).join(''),
  );
  const headers = Object.keys(files)
    .filter((f) => /^word\/header\d*\.xml$/.test(f))
    .map((f) => strFromU8(files[f]!));
  return { xml, paragraphs, text: paragraphs.join('\n'), headers };
}

function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

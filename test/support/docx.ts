import { strFromU8, unzipSync } from 'fflate';

/**
 * Reads a Word document back as a reader would see its text: unzipped with fflate, the paragraphs of
 * word/document.xml and of the headers and footers, with runs joined and XML entities decoded.
 */
export interface DocxText {
  /** The body's paragraphs, in order (table cells included, each cell paragraph on its own). */
  paragraphs: string[];
  headers: string[];
  footers: string[];
  /** Document properties (title, author…), which must not leak names either. */
  properties: string;
  /** Everything above, joined: for "does not appear anywhere" checks. */
  all: string;
  landscape: boolean;
  tables: number;
}

const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');

function paragraphsOf(xml: string): string[] {
  const out: string[] = [];
  for (const match of xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)) {
    const p = match[0];
    let text = '';
    for (const piece of p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>|<w:tab\/>/g)) {
      text += piece[1] !== undefined ? decode(piece[1]) : piece[0] === '<w:tab/>' ? '\t' : '\n';
    }
    out.push(text);
  }
  return out;
}

export function readDocx(bytes: Uint8Array): DocxText {
  const files = unzipSync(bytes);
  const xml = (name: string) => (files[name] ? strFromU8(files[name]!) : '');
  const document = xml('word/document.xml');
  if (!document.includes('<w:body>')) throw new Error('not a Word document');
  const names = Object.keys(files);
  const headers = names.filter((n) => /^word\/header\d*\.xml$/.test(n)).flatMap((n) => paragraphsOf(xml(n)));
  const footers = names.filter((n) => /^word\/footer\d*\.xml$/.test(n)).flatMap((n) => paragraphsOf(xml(n)));
  const paragraphs = paragraphsOf(document);
  const properties = [xml('docProps/core.xml'), xml('docProps/app.xml'), xml('docProps/custom.xml')]
    .map((x) => decode(x.replace(/<[^>]+>/g, ' ')))
    .join(' ');
  return {
    paragraphs,
    headers,
    footers,
    properties,
    all: [...headers, ...paragraphs, ...footers, properties].join('\n'),
    landscape: /w:orient="landscape"/.test(document),
    tables: (document.match(/<w:tbl>/g) ?? []).length,
  };
}

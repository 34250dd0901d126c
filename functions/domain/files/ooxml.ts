import { PART_HEAD_BYTES, sniffPart } from './sniff';
import { rejections } from './rejection';
import { readEntry, readZip, ZipProblem, type ZipBudget, type ZipEntry } from './zip';

/**
 * Checks a .docx or .xlsx package: a sound ZIP within the budget, the right main part named in
 * [Content_Types].xml and _rels/.rels, no macros, no ActiveX, no OLE objects or programs, and no archives
 * inside except Office packages (a Word chart carries its data as an embedded .xlsx), which are checked the
 * same way, one level deep.
 */
export function checkOfficePackage(bytes: Uint8Array, type: 'docx' | 'xlsx', budget: ZipBudget): void {
  try {
    checkPackage(bytes, budget, type, 0);
  } catch (error) {
    if (error instanceof ZipProblem) {
      throw error.kind === 'bomb' ? rejections.zipBomb() : rejections.unreadable(type);
    }
    throw error;
  }
}

const MAIN_CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
} as const;

/** vbaProject.bin, vbaProjectSignature.bin, vbaData.xml: the parts that carry or bind VBA. */
const VBA_PART = /(^|\/)vba[^/]*\.(bin|xml)$/i;
const ACTIVEX_PART = /(^|\/)activex\//i;
/** Matched against lower-cased content types. Excel 4.0 macro sheets count as macros. */
const MACRO_CONTENT_TYPES = ['macroenabled', 'vbaproject', 'vbadata', 'macrosheet'];
const MAIN_CONTENT_TYPE = /\.main(\+xml)?$/i;
const OFFICE_DOCUMENT_RELATIONSHIP = /\/relationships\/officedocument$/i;
const COMPRESSED_PICTURE = /\.(emz|wmz|svgz)$/i;
const MAX_NESTING = 1;

function checkPackage(bytes: Uint8Array, budget: ZipBudget, type: 'docx' | 'xlsx', depth: number): void {
  const entries = readZip(bytes, budget);
  const byName = new Map(entries.map((entry) => [entry.name.toLowerCase(), entry]));
  const macros = () => (depth === 0 ? rejections.macroEnabled(type) : rejections.embeddedMacros());

  for (const entry of entries) {
    if (VBA_PART.test(entry.name)) throw macros();
    if (ACTIVEX_PART.test(entry.name)) throw rejections.embeddedContent();
  }

  const typesEntry = byName.get('[content_types].xml');
  if (!typesEntry) throw depth === 0 ? rejections.contentMismatch(type) : rejections.nestedArchive();
  const contentTypes = parseContentTypes(decodeXml(readEntry(bytes, typesEntry)));
  for (const { contentType } of contentTypes) {
    const lower = contentType.toLowerCase();
    if (MACRO_CONTENT_TYPES.some((marker) => lower.includes(marker))) throw macros();
    if (lower.includes('activex')) throw rejections.embeddedContent();
  }
  if (depth === 0) checkMainPart(bytes, byName, contentTypes, type);

  // Names can lie, so every part is sniffed; inflating each in full (bounded by its declared size, which
  // the budget already allows) also catches a part that would inflate beyond what it declares.
  for (const entry of entries) {
    const kind = sniffPart(readEntry(bytes, entry, { upTo: PART_HEAD_BYTES }));
    if (kind === 'ole' || kind === 'executable' || kind === 'rtf') throw rejections.embeddedContent();
    // EMZ/WMZ pictures are gzip-compressed metafiles; any other gzip or archive is a nested archive.
    if (kind === 'archive' || (kind === 'gzip' && !COMPRESSED_PICTURE.test(entry.name))) {
      throw rejections.nestedArchive();
    }
    if (kind === 'zip') {
      if (depth >= MAX_NESTING) throw rejections.nestedArchive();
      checkPackage(readEntry(bytes, entry), budget, type, depth + 1);
    }
  }
}

interface ContentType {
  kind: 'Default' | 'Override';
  /** Extension for a Default, part name for an Override. */
  key: string;
  contentType: string;
}

function checkMainPart(
  bytes: Uint8Array,
  byName: Map<string, ZipEntry>,
  contentTypes: ContentType[],
  type: 'docx' | 'xlsx',
): void {
  const mismatch = () => rejections.contentMismatch(type);
  const mains = contentTypes.filter((entry) => MAIN_CONTENT_TYPE.test(entry.contentType));
  const [main] = mains;
  // Exactly one main part, named by an Override: a Default would make every part of that extension "main".
  if (!main || mains.length !== 1 || main.kind === 'Default') throw mismatch();
  if (main.contentType.toLowerCase() !== MAIN_CONTENT_TYPES[type]) throw mismatch();
  const mainPart = partName(main.key);
  if (mainPart === undefined || !byName.has(mainPart)) throw mismatch();

  // Office opens whatever the package relationship points at, so that must be the part we checked.
  const relationships = byName.get('_rels/.rels');
  if (!relationships) throw mismatch();
  const targets = parseElements(decodeXml(readEntry(bytes, relationships)), 'Relationship').filter(
    (attributes) =>
      OFFICE_DOCUMENT_RELATIONSHIP.test(attributes.get('Type') ?? '') &&
      (attributes.get('TargetMode') ?? 'Internal') === 'Internal',
  );
  if (targets.length !== 1 || partName(targets[0]?.get('Target') ?? '') !== mainPart) throw mismatch();
}

function parseContentTypes(xml: string): ContentType[] {
  const result: ContentType[] = [];
  for (const kind of ['Default', 'Override'] as const) {
    for (const attributes of parseElements(xml, kind)) {
      result.push({
        kind,
        key: attributes.get(kind === 'Default' ? 'Extension' : 'PartName') ?? '',
        contentType: (attributes.get('ContentType') ?? '').trim(),
      });
    }
  }
  return result;
}

/**
 * Attributes of every `<name …>` element (any namespace prefix). These parts are flat lists of empty
 * elements, so a tokenising pass is enough; entities are decoded so an escaped value cannot slip past.
 */
function parseElements(xml: string, name: string): Map<string, string>[] {
  const withoutComments = xml.replace(/<!--[\s\S]*?-->/g, '');
  const element = new RegExp(`<(?:[\\w.-]+:)?${name}((?:\\s+[^\\s=/>]+\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*/?>`, 'g');
  const attribute = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  const result: Map<string, string>[] = [];
  for (const match of withoutComments.matchAll(element)) {
    const attributes = new Map<string, string>();
    for (const pair of (match[1] ?? '').matchAll(attribute)) {
      const key = (pair[1] ?? '').replace(/^[\w.-]+:/, '');
      attributes.set(key, decodeEntities(pair[2] ?? pair[3] ?? ''));
    }
    result.push(attributes);
  }
  return result;
}

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16) % 0x110000);
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10) % 0x110000);
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? '';
  });
}

/** OPC part names are absolute, percent-encoded and case-insensitive; the ZIP entry has no leading slash. */
function partName(reference: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(reference.trim());
  } catch {
    return undefined;
  }
  const segments: string[] = [];
  for (const segment of decoded.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments.join('/').toLowerCase();
}

/** OPC allows UTF-8 or UTF-16 XML; the byte-order mark says which. */
function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

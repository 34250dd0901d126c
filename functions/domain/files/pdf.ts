import { InflateError, inflateBounded } from './inflate';
import { rejections } from './rejection';

/**
 * Checks a PDF. Beyond the header, it refuses what a safeguarding reader should never have to open:
 * JavaScript, launch actions, attached files, rich media and XFA forms, found as PDF names (with #xx escapes
 * decoded) in object dictionaries, including those packed into compressed object streams. Strings, comments
 * and stream contents are skipped, so a link or text that merely mentions "/JavaScript" does not count.
 * Encrypted PDFs are refused because nothing inside them can be checked. Page content is not interpreted:
 * that, and known exploits, are the malware scanner's job.
 */
export function checkPdf(bytes: Uint8Array, maxInflatedBytes: number): void {
  if (!HEADER.test(ascii(bytes, 0, 8))) throw rejections.contentMismatch('pdf');
  // Readers look for %%EOF near the end; its absence means truncation or something appended.
  if (lastIndexOf(bytes, EOF_MARKER, Math.max(0, bytes.length - 1024)) < 0) throw rejections.unreadable('pdf');
  if (hasZipDirectory(bytes)) throw rejections.polyglot('pdf');

  const file = scanTokens(bytes, 0, bytes.length, true);
  if (file.names.has('Encrypt')) throw rejections.encrypted('pdf');
  if (hasActiveContent(file.names)) throw rejections.pdfActiveContent();

  let budget = maxInflatedBytes;
  for (const stream of file.objectStreams) {
    const inflated = decodeObjectStream(bytes.subarray(stream.start, stream.end), stream.filters, budget);
    budget -= inflated.length;
    if (hasActiveContent(scanTokens(inflated, 0, inflated.length, false).names)) throw rejections.pdfActiveContent();
  }
}

/** PDF names that mean scripts, actions that run programs, attachments, or media players. */
const ACTIVE_NAMES = ['JavaScript', 'JS', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia', 'XFA'];
const FILTER_NAMES = new Set([
  'ASCIIHexDecode',
  'ASCII85Decode',
  'LZWDecode',
  'FlateDecode',
  'RunLengthDecode',
  'CCITTFaxDecode',
  'JBIG2Decode',
  'DCTDecode',
  'JPXDecode',
  'Crypt',
  'AHx',
  'A85',
  'LZW',
  'Fl',
  'RL',
  'CCF',
  'DCT',
]);
const HEADER = /^%PDF-[12]\.\d/;
const EOF_MARKER = bytesOf('%%EOF');
const END_STREAM = bytesOf('endstream');

interface ObjectStream {
  start: number;
  end: number;
  filters: string[];
}

interface Scan {
  names: Set<string>;
  objectStreams: ObjectStream[];
}

function hasActiveContent(names: Set<string>): boolean {
  return ACTIVE_NAMES.some((name) => names.has(name));
}

/**
 * A minimal PDF tokeniser: collects every name outside strings and comments, and skips stream data, noting
 * where object streams (/Type /ObjStm) are and which filters their dictionaries name.
 */
function scanTokens(bytes: Uint8Array, start: number, end: number, allowStreams: boolean): Scan {
  const names = new Set<string>();
  const objectStreams: ObjectStream[] = [];
  let objectNames: string[] = [];
  let at = start;
  while (at < end) {
    const byte = bytes[at] ?? 0;
    if (isWhitespace(byte)) {
      at++;
    } else if (byte === 0x25) {
      // % comment, to end of line
      while (at < end && bytes[at] !== 0x0a && bytes[at] !== 0x0d) at++;
    } else if (byte === 0x28) {
      at = skipLiteralString(bytes, at, end);
    } else if (byte === 0x3c && bytes[at + 1] === 0x3c) {
      at += 2; // << dictionary
    } else if (byte === 0x3c) {
      // <hex string>
      const close = bytes.indexOf(0x3e, at);
      if (close < 0 || close >= end) throw rejections.unreadable('pdf');
      at = close + 1;
    } else if (byte === 0x2f) {
      const tokenEnd = tokenEndFrom(bytes, at + 1, end);
      const name = decodeName(bytes, at + 1, tokenEnd);
      names.add(name);
      objectNames.push(name);
      at = tokenEnd;
    } else if (isDelimiter(byte)) {
      at++;
    } else {
      const tokenEnd = tokenEndFrom(bytes, at, end);
      const token = tokenEnd - at <= 9 ? ascii(bytes, at, tokenEnd) : '';
      at = tokenEnd;
      if (token === 'obj' || token === 'endobj') objectNames = [];
      if (token === 'stream') {
        if (!allowStreams) throw rejections.unreadable('pdf');
        // Data starts after the end of line that follows the keyword.
        if (bytes[at] === 0x0d) at++;
        if (bytes[at] === 0x0a) at++;
        const close = indexOf(bytes, END_STREAM, at);
        if (close < 0) throw rejections.unreadable('pdf');
        if (objectNames.includes('ObjStm')) {
          const filters = objectNames.filter((name) => FILTER_NAMES.has(name));
          // A filter we cannot see (an indirect reference) or decode parameters we do not apply: fail closed.
          if ((objectNames.includes('Filter') && filters.length === 0) || objectNames.includes('DecodeParms')) {
            throw rejections.unreadable('pdf');
          }
          objectStreams.push({ start: at, end: close, filters });
        }
        objectNames = [];
        at = close + END_STREAM.length;
      }
    }
  }
  return { names, objectStreams };
}

function decodeObjectStream(data: Uint8Array, filters: string[], budget: number): Uint8Array {
  if (filters.length === 0) return data;
  if (filters.length !== 1 || (filters[0] !== 'FlateDecode' && filters[0] !== 'Fl')) {
    throw rejections.unreadable('pdf');
  }
  // zlib wrapper: method 8, header checksum, no preset dictionary.
  const cmf = data[0] ?? 0;
  const flg = data[1] ?? 0;
  if ((cmf & 0x0f) !== 8 || ((cmf << 8) | flg) % 31 !== 0 || flg & 0x20) throw rejections.unreadable('pdf');
  try {
    return inflateBounded(data.subarray(2), budget).head;
  } catch (error) {
    if (error instanceof InflateError && error.kind === 'overflow') throw rejections.zipBomb();
    throw rejections.unreadable('pdf');
  }
}

/** Literal strings nest balanced parentheses; a backslash escapes the next byte. */
function skipLiteralString(bytes: Uint8Array, start: number, end: number): number {
  let depth = 0;
  for (let at = start; at < end; at++) {
    const byte = bytes[at];
    if (byte === 0x5c) at++;
    else if (byte === 0x28) depth++;
    else if (byte === 0x29 && --depth === 0) return at + 1;
  }
  throw rejections.unreadable('pdf');
}

function tokenEndFrom(bytes: Uint8Array, start: number, end: number): number {
  let at = start;
  while (at < end) {
    const byte = bytes[at] ?? 0;
    if (isWhitespace(byte) || isDelimiter(byte)) break;
    at++;
  }
  return at;
}

/** Names may escape any byte as #xx; readers decode them, so we must too. */
function decodeName(bytes: Uint8Array, start: number, end: number): string {
  let name = '';
  for (let at = start; at < end && name.length <= 127; at++) {
    const byte = bytes[at] ?? 0;
    const hex = byte === 0x23 ? ascii(bytes, at + 1, at + 3) : '';
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      name += String.fromCharCode(parseInt(hex, 16));
      at += 2;
    } else {
      name += String.fromCharCode(byte);
    }
  }
  return name;
}

/**
 * A ZIP end record in the tail, with a central directory record right before it: the mark of a PDF/ZIP
 * polyglot. Both signatures together are vanishingly unlikely inside ordinary compressed data.
 */
function hasZipDirectory(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes[at] !== 0x50 || view.getUint32(at, true) !== 0x06054b50) continue;
    const entries = view.getUint16(at + 10, true);
    const directorySize = view.getUint32(at + 12, true);
    const directoryStart = at - directorySize;
    if (entries === 0 || directoryStart < 0 || directorySize < entries * 46) continue;
    if (view.getUint32(directoryStart, true) === 0x02014b50) return true;
  }
  return false;
}

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c || byte === 0x00;
}

function isDelimiter(byte: number): boolean {
  // ( ) < > [ ] { } / %
  return [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25].includes(byte);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));
}

function bytesOf(text: string): Uint8Array {
  return Uint8Array.from(text, (character) => character.charCodeAt(0));
}

function indexOf(bytes: Uint8Array, pattern: Uint8Array, from: number): number {
  const first = pattern[0] ?? 0;
  for (let at = bytes.indexOf(first, from); at >= 0; at = bytes.indexOf(first, at + 1)) {
    if (pattern.every((byte, offset) => bytes[at + offset] === byte)) return at;
  }
  return -1;
}

function lastIndexOf(bytes: Uint8Array, pattern: Uint8Array, notBefore: number): number {
  for (let at = bytes.length - pattern.length; at >= notBefore; at--) {
    if (pattern.every((byte, offset) => bytes[at + offset] === byte)) return at;
  }
  return -1;
}

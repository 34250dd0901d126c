import { InflateError, inflateBounded } from './inflate';

/**
 * A strict, read-only ZIP reader for checking OOXML uploads. It trusts nothing in the archive: it reads the
 * central directory, cross-checks every local header against it, refuses gaps, overlaps and trailing data
 * (the tricks behind overlapping-entry zip bombs, polyglots and scanner evasion), and inflates an entry
 * only when asked, never past the size it declares.
 */

export interface ZipEntry {
  name: string;
  method: typeof STORED | typeof DEFLATED;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Where the entry's (compressed) bytes start, after its local header. */
  dataOffset: number;
}

/** What is left to spend; shared across nested packages so embedding cannot multiply the allowance. */
export interface ZipBudget {
  entriesLeft: number;
  uncompressedBytesLeft: number;
  maxCompressionRatio: number;
}

/** 'bomb': the archive is (or acts like) a decompression bomb. 'malformed': anything else we refuse to read. */
export class ZipProblem extends Error {
  constructor(
    readonly kind: 'bomb' | 'malformed',
    message: string,
  ) {
    super(message);
    this.name = 'ZipProblem';
  }
}

/** Small parts compress well without being dangerous; the ratio limit applies above this size. */
export const RATIO_GRACE_BYTES = 1024 * 1024;

const STORED = 0;
const DEFLATED = 8;
const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIZE = 20;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_UTF8 = 0x0800;
/** A data descriptor is 12–24 bytes (optional signature, 32- or 64-bit sizes). */
const MAX_DESCRIPTOR_SIZE = 24;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

const malformed = (why: string) => new ZipProblem('malformed', why);
const bomb = (why: string) => new ZipProblem('bomb', why);

export function newZipBudget(limits: {
  maxZipEntries: number;
  maxUncompressedBytes: number;
  maxCompressionRatio: number;
}): ZipBudget {
  return {
    entriesLeft: limits.maxZipEntries,
    uncompressedBytesLeft: limits.maxUncompressedBytes,
    maxCompressionRatio: limits.maxCompressionRatio,
  };
}

/** Lists the archive's entries, charging them to the budget, or throws a ZipProblem. Inflates nothing. */
export function readZip(bytes: Uint8Array, budget: ZipBudget): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = readEnd(view);
  if (end.entryCount > budget.entriesLeft) throw bomb('too many entries');
  // Every central record is at least 46 bytes, so a count the directory cannot hold is a lie.
  if (end.entryCount * CENTRAL_SIZE > end.directorySize) throw malformed('entry count exceeds directory');

  const entries: ZipEntry[] = [];
  const rawNames: Uint8Array[] = [];
  let at = end.directoryOffset;
  const directoryEnd = end.directoryOffset + end.directorySize;
  for (let index = 0; index < end.entryCount; index++) {
    if (at + CENTRAL_SIZE > directoryEnd || view.getUint32(at, true) !== SIG_CENTRAL) {
      throw malformed('bad central record');
    }
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    let compressedSize = view.getUint32(at + 20, true);
    let uncompressedSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let diskStart = view.getUint16(at + 34, true);
    let localHeaderOffset = view.getUint32(at + 42, true);
    const nameStart = at + CENTRAL_SIZE;
    const extraStart = nameStart + nameLength;
    const next = extraStart + extraLength + commentLength;
    if (next > directoryEnd) throw malformed('central record overruns directory');

    if (uncompressedSize === U32_MAX || compressedSize === U32_MAX || localHeaderOffset === U32_MAX) {
      const wide = readZip64Extra(view, extraStart, extraLength, {
        uncompressed: uncompressedSize === U32_MAX,
        compressed: compressedSize === U32_MAX,
        offset: localHeaderOffset === U32_MAX,
        disk: diskStart === U16_MAX,
      });
      uncompressedSize = wide.uncompressed ?? uncompressedSize;
      compressedSize = wide.compressed ?? compressedSize;
      localHeaderOffset = wide.offset ?? localHeaderOffset;
      diskStart = wide.disk ?? diskStart;
    }
    if (diskStart !== 0) throw malformed('multi-disk archive');
    // Encrypted entries cannot be inspected (and Office never writes them: its encryption is OLE-based).
    if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) throw malformed('encrypted entry');
    if (method !== STORED && method !== DEFLATED) throw malformed('unsupported compression method');
    if (method === STORED && compressedSize !== uncompressedSize) throw malformed('stored sizes differ');

    budget.uncompressedBytesLeft -= uncompressedSize;
    if (budget.uncompressedBytesLeft < 0) throw bomb('total uncompressed size over the cap');
    if (uncompressedSize > RATIO_GRACE_BYTES && uncompressedSize > compressedSize * budget.maxCompressionRatio) {
      throw bomb('compression ratio over the cap');
    }

    const rawName = bytes.subarray(nameStart, extraStart);
    rawNames.push(rawName);
    entries.push({
      name: decodeName(rawName, (flags & FLAG_UTF8) !== 0),
      method,
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
      dataOffset: 0,
    });
    at = next;
  }
  if (at !== directoryEnd) throw malformed('central directory size mismatch');
  budget.entriesLeft -= end.entryCount;

  checkLayout(view, bytes, entries, rawNames, end.directoryOffset);

  // Part names are case-insensitive in OPC; two entries for one part would let Office and a scanner read
  // different bytes.
  const seen = new Set<string>();
  for (const entry of entries) {
    const key = entry.name.toLowerCase();
    if (seen.has(key)) throw malformed('duplicate entry name');
    seen.add(key);
  }
  return entries;
}

/**
 * The entry's bytes, inflated to the end with a hard stop: more output than declared is a bomb, less is
 * damage. With `upTo`, the whole entry is still inflated and measured, but only its first bytes are kept
 * (for sniffing).
 */
export function readEntry(bytes: Uint8Array, entry: ZipEntry, options: { upTo?: number } = {}): Uint8Array {
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === STORED) return data.subarray(0, options.upTo);
  let inflated: { size: number; head: Uint8Array };
  try {
    inflated = inflateBounded(data, entry.uncompressedSize, options.upTo);
  } catch (error) {
    if (error instanceof InflateError && error.kind === 'overflow') {
      throw bomb('entry inflates beyond its declared size');
    }
    throw malformed('corrupt deflate data');
  }
  if (inflated.size !== entry.uncompressedSize) throw malformed('entry shorter than declared');
  return inflated.head;
}

interface EndRecord {
  entryCount: number;
  directorySize: number;
  directoryOffset: number;
  /** Where the central directory must end: the EOCD, or the ZIP64 end record when there is one. */
  directoryLimit: number;
}

function readEnd(view: DataView): EndRecord {
  const eocd = findEndOfCentralDirectory(view);
  const disk = view.getUint16(eocd + 4, true);
  const directoryDisk = view.getUint16(eocd + 6, true);
  const entriesOnDisk = view.getUint16(eocd + 8, true);
  let entryCount = view.getUint16(eocd + 10, true);
  let directorySize = view.getUint32(eocd + 12, true);
  let directoryOffset = view.getUint32(eocd + 16, true);
  let directoryLimit = eocd;

  // Some writers add ZIP64 end records even to small files; honour them only when they are consistent.
  const locator = eocd - ZIP64_LOCATOR_SIZE;
  if (locator >= 0 && view.getUint32(locator, true) === SIG_ZIP64_LOCATOR) {
    const recordOffset = readU64(view, locator + 8);
    if (view.getUint32(locator + 4, true) !== 0 || view.getUint32(locator + 16, true) !== 1) {
      throw malformed('multi-disk archive');
    }
    if (recordOffset + 56 > locator || view.getUint32(recordOffset, true) !== SIG_ZIP64_EOCD) {
      throw malformed('bad ZIP64 end record');
    }
    if (recordOffset + 12 + readU64(view, recordOffset + 4) !== locator) throw malformed('bad ZIP64 end size');
    if (view.getUint32(recordOffset + 16, true) !== 0 || view.getUint32(recordOffset + 20, true) !== 0) {
      throw malformed('multi-disk archive');
    }
    const wideOnDisk = readU64(view, recordOffset + 24);
    const wideCount = readU64(view, recordOffset + 32);
    const wideSize = readU64(view, recordOffset + 40);
    const wideOffset = readU64(view, recordOffset + 48);
    if (wideOnDisk !== wideCount) throw malformed('multi-disk archive');
    entryCount = agree(entryCount, wideCount, U16_MAX);
    directorySize = agree(directorySize, wideSize, U32_MAX);
    directoryOffset = agree(directoryOffset, wideOffset, U32_MAX);
    directoryLimit = recordOffset;
  } else if (disk !== 0 || directoryDisk !== 0 || entriesOnDisk !== entryCount) {
    throw malformed('multi-disk archive');
  }
  if (directoryOffset + directorySize !== directoryLimit) throw malformed('data between directory and end record');
  return { entryCount, directorySize, directoryOffset, directoryLimit };
}

/** The end record is found from the back; its comment must run exactly to the end, so nothing is appended. */
function findEndOfCentralDirectory(view: DataView): number {
  const last = view.byteLength - EOCD_SIZE;
  const first = Math.max(0, last - U16_MAX);
  for (let at = last; at >= first; at--) {
    if (view.getUint32(at, true) === SIG_EOCD && view.getUint16(at + 20, true) === last - at) return at;
  }
  throw malformed('no end of central directory');
}

/** A 32-bit field and its ZIP64 twin must agree unless the 32-bit one is saturated. */
function agree(narrow: number, wide: number, saturated: number): number {
  if (narrow !== saturated && narrow !== wide) throw malformed('ZIP64 record disagrees');
  return wide;
}

function readU64(view: DataView, at: number): number {
  if (at + 8 > view.byteLength) throw malformed('truncated');
  const value = view.getBigUint64(at, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw malformed('size out of range');
  return Number(value);
}

function readZip64Extra(
  view: DataView,
  start: number,
  length: number,
  wanted: { uncompressed: boolean; compressed: boolean; offset: boolean; disk: boolean },
): { uncompressed?: number; compressed?: number; offset?: number; disk?: number } {
  for (let at = start; at + 4 <= start + length;) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    const dataEnd = at + 4 + size;
    if (dataEnd > start + length) break;
    if (id === 0x0001) {
      // Fields appear in this fixed order, and only those whose 32-bit header value is saturated.
      let cursor = at + 4;
      const take = (bytesNeeded: number) => {
        if (cursor + bytesNeeded > dataEnd) throw malformed('short ZIP64 extra field');
        const value = bytesNeeded === 8 ? readU64(view, cursor) : view.getUint32(cursor, true);
        cursor += bytesNeeded;
        return value;
      };
      return {
        uncompressed: wanted.uncompressed ? take(8) : undefined,
        compressed: wanted.compressed ? take(8) : undefined,
        offset: wanted.offset ? take(8) : undefined,
        disk: wanted.disk ? take(4) : undefined,
      };
    }
    at = dataEnd;
  }
  throw malformed('missing ZIP64 extra field');
}

/**
 * Entries must tile the file from byte 0 to the central directory: in order, without overlap (the trick
 * that lets one compressed kernel be counted many times) and without hidden bytes between them.
 */
function checkLayout(
  view: DataView,
  bytes: Uint8Array,
  entries: ZipEntry[],
  rawNames: Uint8Array[],
  directoryOffset: number,
): void {
  const order = entries
    .map((_, index) => index)
    .sort((a, b) => at(entries, a).localHeaderOffset - at(entries, b).localHeaderOffset);
  let expected = 0;
  let slack = 0;
  for (const index of order) {
    const entry = at(entries, index);
    const offset = entry.localHeaderOffset;
    if (offset < expected) throw bomb('overlapping entries');
    if (offset > expected + slack) throw malformed('unexplained bytes between entries');
    if (offset + LOCAL_SIZE > directoryOffset || view.getUint32(offset, true) !== SIG_LOCAL) {
      throw malformed('bad local header');
    }
    const flags = view.getUint16(offset + 6, true);
    const method = view.getUint16(offset + 8, true);
    const compressedSize = view.getUint32(offset + 18, true);
    const uncompressedSize = view.getUint32(offset + 22, true);
    const nameLength = view.getUint16(offset + 26, true);
    const extraLength = view.getUint16(offset + 28, true);
    if (method !== entry.method) throw malformed('local method differs');
    // Scanners that walk local headers and Office, which reads the central directory, must see the same names.
    const rawName = rawNames[index] ?? new Uint8Array(0);
    const localName = bytes.subarray(offset + LOCAL_SIZE, offset + LOCAL_SIZE + nameLength);
    if (!sameBytes(localName, rawName)) throw malformed('local name differs');
    const hasDescriptor = (flags & FLAG_DATA_DESCRIPTOR) !== 0;
    if (!hasDescriptor) {
      const sizesWide = compressedSize === U32_MAX || uncompressedSize === U32_MAX;
      if (!sizesWide && (compressedSize !== entry.compressedSize || uncompressedSize !== entry.uncompressedSize)) {
        throw malformed('local sizes differ');
      }
    }
    entry.dataOffset = offset + LOCAL_SIZE + nameLength + extraLength;
    expected = entry.dataOffset + entry.compressedSize;
    slack = hasDescriptor ? MAX_DESCRIPTOR_SIZE : 0;
    if (expected > directoryOffset) throw bomb('entry overlaps central directory');
  }
  if (directoryOffset < expected || directoryOffset > expected + slack) {
    throw malformed('unexplained bytes before central directory');
  }
}

function at<T>(items: T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error('index out of range');
  return item;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeName(raw: Uint8Array, isUtf8: boolean): string {
  if (isUtf8) {
    try {
      return utf8.decode(raw);
    } catch {
      throw malformed('invalid UTF-8 name');
    }
  }
  // CP437 otherwise; the names we act on are ASCII, so a byte-for-character reading is enough.
  return String.fromCharCode(...raw);
}

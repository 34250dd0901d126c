import { strToU8, zipSync } from 'fflate';
import { newZipBudget, readEntry, readZip, ZipProblem } from '../../functions/domain/files/zip';
import {
  centralRecords,
  concat,
  forgeUncompressedSize,
  makeDocx,
  pointEntryAt,
  withZip64End,
} from '../fixtures/files/generate';

const MiB = 1024 * 1024;
const roomy = () => newZipBudget({ maxZipEntries: 10_000, maxUncompressedBytes: 256 * MiB, maxCompressionRatio: 100 });

function problem(run: () => unknown): { kind: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof ZipProblem) return { kind: error.kind, message: error.message };
    throw error;
  }
  throw new Error('expected a ZipProblem');
}

/** Sets flag bits on one entry, in both its local and central headers. */
function setFlags(zip: Uint8Array, name: string, bits: number): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  const record = centralRecords(copy).find((entry) => entry.name === name);
  if (!record) throw new Error('no entry');
  view.setUint16(record.at + 8, view.getUint16(record.at + 8, true) | bits, true);
  view.setUint16(record.localOffset + 6, view.getUint16(record.localOffset + 6, true) | bits, true);
  return copy;
}

describe('ZIP reader', () => {
  let docx: Uint8Array;
  beforeAll(async () => {
    docx = await makeDocx();
  });

  it('lists entries and reads them back exactly', () => {
    const zip = zipSync({ 'a.txt': strToU8('hello'), 'b/c.xml': strToU8('<c/>'.repeat(100)) });
    const entries = readZip(zip, roomy());
    expect(entries.map((entry) => entry.name)).toEqual(['a.txt', 'b/c.xml']);
    expect(new TextDecoder().decode(readEntry(zip, entries[1]!))).toBe('<c/>'.repeat(100));
    expect(new TextDecoder().decode(readEntry(zip, entries[1]!, { upTo: 3 }))).toBe('<c/');
  });

  it('charges entries and sizes to a shared budget', () => {
    const zip = zipSync({ 'a.txt': strToU8('hello'), 'b.txt': strToU8('world') });
    const budget = newZipBudget({ maxZipEntries: 3, maxUncompressedBytes: 1000, maxCompressionRatio: 100 });
    readZip(zip, budget);
    expect(budget).toMatchObject({ entriesLeft: 1, uncompressedBytesLeft: 990 });
    expect(problem(() => readZip(zip, budget))).toEqual({ kind: 'bomb', message: 'too many entries' });
  });

  it('names the bomb checks precisely', () => {
    const zeros = zipSync({ 'zeros.bin': new Uint8Array(4 * MiB) });
    const capped = newZipBudget({ maxZipEntries: 10, maxUncompressedBytes: 2 * MiB, maxCompressionRatio: 10_000 });
    expect(problem(() => readZip(zeros, capped)).message).toBe('total uncompressed size over the cap');
    expect(problem(() => readZip(zeros, roomy())).message).toBe('compression ratio over the cap');
    expect(problem(() => readZip(pointEntryAt(docx, 'word/styles.xml', 'word/document.xml'), roomy())).message).toBe(
      'overlapping entries',
    );
    const liar = forgeUncompressedSize(docx, 'word/document.xml', 10);
    const entry = readZip(liar, roomy()).find((item) => item.name === 'word/document.xml')!;
    expect(problem(() => readEntry(liar, entry))).toEqual({
      kind: 'bomb',
      message: 'entry inflates beyond its declared size',
    });
  });

  it('exempts small, highly compressible parts from the ratio check', () => {
    const zip = zipSync({ 'styles.xml': new Uint8Array(512 * 1024) });
    expect(readZip(zip, roomy())).toHaveLength(1);
  });

  it('refuses data before the first entry or after the end record', () => {
    expect(problem(() => readZip(concat(strToU8('%PDF-1.7\n'), docx), roomy())).kind).toBe('malformed');
    expect(problem(() => readZip(concat(docx, strToU8('x')), roomy())).message).toBe('no end of central directory');
  });

  it('refuses encrypted entries', () => {
    expect(problem(() => readZip(setFlags(docx, 'word/document.xml', 0x0001), roomy())).message).toBe(
      'encrypted entry',
    );
  });

  it('refuses a local name that differs from the central directory', () => {
    const copy = docx.slice();
    const record = centralRecords(copy).find((entry) => entry.name === 'word/document.xml')!;
    copy[record.localOffset + 30] = 'W'.charCodeAt(0);
    expect(problem(() => readZip(copy, roomy())).message).toBe('local name differs');
  });

  it('refuses two entries for one part, whatever their case', () => {
    const zip = zipSync({ 'word/document.xml': strToU8('<a/>'), 'Word/Document.xml': strToU8('<b/>') });
    expect(problem(() => readZip(zip, roomy())).message).toBe('duplicate entry name');
  });

  it('refuses unknown compression methods', () => {
    const zip = zipSync({ 'a.txt': strToU8('hello') }, { level: 0 });
    const copy = zip.slice();
    const view = new DataView(copy.buffer);
    const record = centralRecords(copy)[0]!;
    view.setUint16(record.at + 10, 14, true);
    view.setUint16(record.localOffset + 8, 14, true);
    expect(problem(() => readZip(copy, roomy())).message).toBe('unsupported compression method');
  });

  it('accepts consistent ZIP64 end records, saturated or not, and refuses inconsistent ones', () => {
    expect(readZip(withZip64End(docx), roomy())).toHaveLength(readZip(docx, roomy()).length);
    expect(readZip(withZip64End(docx, { saturate: true }), roomy())).toHaveLength(readZip(docx, roomy()).length);
    expect(problem(() => readZip(withZip64End(docx, { lieAboutCount: true }), roomy())).kind).toBe('malformed');
  });

  it('refuses anything that is not a ZIP', () => {
    for (const bytes of [new Uint8Array(0), strToU8('PK'), new Uint8Array(100)]) {
      expect(problem(() => readZip(bytes, roomy())).kind).toBe('malformed');
    }
  });
});

import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { inspectUpload, RECOMMENDED_UPLOAD_LIMITS, type UploadLimits } from '../../functions/domain/files/inspect';
import { writeXlsx } from '../../functions/formats/spreadsheet';
import {
  CONTENT_TYPES,
  concat,
  editText,
  executableBytes,
  forgeUncompressedSize,
  handWrittenPdf,
  makeDocm,
  makeDocx,
  makePdf,
  makeXlsm,
  makeXlsx,
  MINIMAL_PDF_OBJECTS,
  oleBytes,
  pointEntryAt,
  rebuild,
} from '../fixtures/files/generate';

const MiB = 1024 * 1024;
/** Low limits keep the bomb fixtures small and fast. */
const LIMITS: UploadLimits = {
  maxBytes: 5 * MiB,
  maxUncompressedBytes: 16 * MiB,
  maxZipEntries: 500,
  maxCompressionRatio: 100,
};
/** A name with personal data in it: it must never come back in a message. */
const PERSONAL = 'Jayden-Smith-born-2012';

const asDocx = { contentType: CONTENT_TYPES.docx, fileName: `${PERSONAL}.docx` };
const asXlsx = { contentType: CONTENT_TYPES.xlsx, fileName: `${PERSONAL}.xlsx` };
const asPdf = { contentType: CONTENT_TYPES.pdf, fileName: `${PERSONAL}.pdf` };

let docx: Uint8Array;
let xlsx: Uint8Array;

beforeAll(async () => {
  docx = await makeDocx();
  xlsx = await makeXlsx();
});

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

function expectRejected(result: ReturnType<typeof inspectUpload>, reason: string) {
  expect(result).toMatchObject({ ok: false, reason });
  if (result.ok) return;
  expect(result.message).not.toContain(PERSONAL);
  expect(result.message).not.toMatch(/Jayden|2012/);
  expect(result.message.length).toBeGreaterThan(20);
}

describe('real documents pass', () => {
  it('accepts a Word document made by the docx library', () => {
    expect(inspectUpload(docx, asDocx, LIMITS)).toEqual({ ok: true, type: 'docx' });
  });

  it('accepts an Excel workbook made by exceljs', () => {
    expect(inspectUpload(xlsx, asXlsx, LIMITS)).toEqual({ ok: true, type: 'xlsx' });
  });

  it('accepts a workbook the portal wrote (a lead may upload a filled-in template or an export)', async () => {
    const written = await writeXlsx([
      { name: 'Chronology', columns: [{ header: 'Date', width: 10 }], rows: [['2024']] },
    ]);
    expect(inspectUpload(written, asXlsx, LIMITS)).toEqual({ ok: true, type: 'xlsx' });
  });

  it('accepts PDFs made by pdf-lib, with and without object streams, and one written by hand', async () => {
    expect(inspectUpload(await makePdf(), asPdf, LIMITS)).toEqual({ ok: true, type: 'pdf' });
    expect(inspectUpload(await makePdf({ objectStreams: false }), asPdf, LIMITS)).toEqual({ ok: true, type: 'pdf' });
    expect(inspectUpload(handWrittenPdf(MINIMAL_PDF_OBJECTS), asPdf, LIMITS)).toEqual({ ok: true, type: 'pdf' });
  });

  it('accepts a PDF whose link merely mentions /JavaScript', async () => {
    const link = 'https://developer.mozilla.org/en-US/docs/Web/JavaScript';
    expect(inspectUpload(await makePdf({ link }), asPdf, LIMITS)).toMatchObject({ ok: true });
    const plain = await makePdf({ link, objectStreams: false });
    expect(latin1(plain)).toContain('/Web/JavaScript');
    expect(inspectUpload(plain, asPdf, LIMITS)).toMatchObject({ ok: true });
  });

  it('accepts a large, repetitive but ordinary workbook under the recommended limits', async () => {
    const big = await makeXlsx(20_000);
    expect(inspectUpload(big, asXlsx, RECOMMENDED_UPLOAD_LIMITS)).toEqual({ ok: true, type: 'xlsx' });
  });

  it('ignores content-type parameters and upper-case extensions', () => {
    const declared = { contentType: `${CONTENT_TYPES.docx}; charset=binary`, fileName: 'RETURN.DOCX' };
    expect(inspectUpload(docx, declared, LIMITS)).toEqual({ ok: true, type: 'docx' });
  });

  it('accepts a Word document with a chart-style embedded workbook', () => {
    const withChartData = rebuild(docx, (files) => {
      files['word/embeddings/Microsoft_Excel_Worksheet.xlsx'] = xlsx;
    });
    expect(inspectUpload(withChartData, asDocx, LIMITS)).toEqual({ ok: true, type: 'docx' });
  });

  it('accepts compressed metafile pictures (gzip inside .emz)', () => {
    const withEmz = rebuild(docx, (files) => {
      files['word/media/image1.emz'] = Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]);
    });
    expect(inspectUpload(withEmz, asDocx, LIMITS)).toMatchObject({ ok: true });
  });
});

describe('declared type', () => {
  it.each([
    ['text/html', 'index.html'],
    ['application/vnd.microsoft.portable-executable', 'setup.exe'],
    ['application/x-msdownload', 'setup.exe'],
    ['image/svg+xml', 'diagram.svg'],
    ['text/plain', 'notes.txt'],
    ['application/pdf', 'report'],
    ['application/octet-stream', 'report.pdf'],
    ['', 'report.pdf'],
  ])('refuses %s named %s', (contentType, fileName) => {
    const result = inspectUpload(strToU8('<html><body>hello</body></html>'), { contentType, fileName }, LIMITS);
    expectRejected(result, 'type-not-allowed');
  });

  it('refuses a name and content type that disagree', () => {
    const result = inspectUpload(docx, { contentType: CONTENT_TYPES.docx, fileName: `${PERSONAL}.pdf` }, LIMITS);
    expectRejected(result, 'type-not-allowed');
  });

  it.each(['report.docm', 'report.dotm', 'report.xlsm', 'report.xlsb', 'report.pptm'])(
    'refuses the macro-enabled name %s',
    (fileName) => {
      expectRejected(inspectUpload(docx, { contentType: CONTENT_TYPES.docx, fileName }, LIMITS), 'macro-enabled');
    },
  );

  it('refuses a macro-enabled content type', () => {
    const declared = { contentType: 'application/vnd.ms-word.document.macroEnabled.12', fileName: 'report.docx' };
    expectRejected(inspectUpload(docx, declared, LIMITS), 'macro-enabled');
  });

  it.each([
    ['application/msword', 'report.doc'],
    ['application/vnd.ms-excel', 'figures.xls'],
  ])('refuses the legacy type %s', (contentType, fileName) => {
    expectRejected(inspectUpload(strToU8('hello'), { contentType, fileName }, LIMITS), 'legacy-office');
  });
});

describe('size', () => {
  it('refuses an empty file', () => {
    expectRejected(inspectUpload(new Uint8Array(0), asPdf, LIMITS), 'empty');
  });

  it('refuses a file over the byte limit, saying what the limit is', async () => {
    const result = inspectUpload(await makePdf(), asPdf, { ...LIMITS, maxBytes: 500 });
    expectRejected(result, 'too-large');
    expect(!result.ok && result.message).toContain('KB');
    const big = inspectUpload(new Uint8Array(5 * MiB + 1), asPdf, LIMITS);
    expectRejected(big, 'too-large');
    expect(!big.ok && big.message).toContain('5 MB');
  });

  it('rejects limits that are not positive', () => {
    expect(() => inspectUpload(docx, asDocx, { ...LIMITS, maxZipEntries: 0 })).toThrow(RangeError);
  });
});

describe('content sniffing', () => {
  it('refuses a renamed Windows executable whatever it is called', () => {
    expectRejected(inspectUpload(executableBytes(), asPdf, LIMITS), 'executable');
    expectRejected(inspectUpload(executableBytes(), asDocx, LIMITS), 'executable');
    expectRejected(
      inspectUpload(executableBytes(), { contentType: 'application/x-msdownload', fileName: 'setup.exe' }, LIMITS),
      'executable',
    );
  });

  it.each([
    ['ELF', [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]],
    ['Mach-O', [0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]],
    ['shell script', [...strToU8('#!/bin/sh\nrm -rf /\n')]],
  ])('refuses a renamed %s', (_, head) => {
    expectRejected(inspectUpload(Uint8Array.from([...head, 0, 0, 0]), asPdf, LIMITS), 'executable');
  });

  it('refuses an OLE compound file (.doc, .xls, or a password-protected .docx)', () => {
    expectRejected(inspectUpload(oleBytes(), asDocx, LIMITS), 'legacy-office');
    expectRejected(
      inspectUpload(oleBytes(), { contentType: 'application/msword', fileName: 'report.doc' }, LIMITS),
      'legacy-office',
    );
  });

  it('refuses a Word document declared as a PDF, and the reverse', async () => {
    expectRejected(inspectUpload(docx, asPdf, LIMITS), 'content-mismatch');
    expectRejected(inspectUpload(await makePdf(), asDocx, LIMITS), 'content-mismatch');
  });

  it('refuses a workbook declared as a Word document, and the reverse', () => {
    expectRejected(inspectUpload(xlsx, asDocx, LIMITS), 'content-mismatch');
    expectRejected(inspectUpload(docx, asXlsx, LIMITS), 'content-mismatch');
  });

  it('refuses an ordinary ZIP declared as a Word document', () => {
    const zip = zipSync({ 'notes.txt': strToU8('hello') });
    expectRejected(inspectUpload(zip, asDocx, LIMITS), 'content-mismatch');
  });
});

describe('macros', () => {
  it('refuses a real .docm, whatever it is called', async () => {
    const docm = await makeDocm();
    const result = inspectUpload(docm, asDocx, LIMITS);
    expectRejected(result, 'macro-enabled');
    expect(!result.ok && result.message).toContain('macro-enabled Word document');
    expectRejected(inspectUpload(docm, { ...asDocx, fileName: 'report.docm' }, LIMITS), 'macro-enabled');
  });

  it('refuses a real .xlsm', async () => {
    const result = inspectUpload(await makeXlsm(), asXlsx, LIMITS);
    expectRejected(result, 'macro-enabled');
    expect(!result.ok && result.message).toContain('macro-enabled Excel workbook');
  });

  it('refuses a VBA project even when the content type still says .docx', () => {
    const sneaky = rebuild(docx, (files) => {
      files['word/vbaProject.bin'] = oleBytes();
    });
    expectRejected(inspectUpload(sneaky, asDocx, LIMITS), 'macro-enabled');
  });

  it('refuses a macro-enabled content type, even entity-escaped', () => {
    const escaped = rebuild(docx, (files) => {
      editText(files, '[Content_Types].xml', (xml) =>
        xml.replace('wordprocessingml.document.main+xml', 'wordprocessingml.document.macro&#69;nabled.main+xml'),
      );
    });
    expectRejected(inspectUpload(escaped, asDocx, LIMITS), 'macro-enabled');
  });

  it('refuses Excel 4.0 macro sheets', () => {
    const xlm = rebuild(xlsx, (files) => {
      editText(files, '[Content_Types].xml', (xml) =>
        xml.replace(
          '</Types>',
          '<Override PartName="/xl/macrosheets/sheet1.xml" ContentType="application/vnd.ms-excel.macrosheet+xml"/></Types>',
        ),
      );
      files['xl/macrosheets/sheet1.xml'] = strToU8('<xm:macrosheet/>');
    });
    expectRejected(inspectUpload(xlm, asXlsx, LIMITS), 'macro-enabled');
  });

  it('refuses an embedded workbook with macros', async () => {
    const xlsm = await makeXlsm();
    const withXlsm = rebuild(docx, (files) => {
      files['word/embeddings/Microsoft_Excel_Macro-Enabled_Worksheet.xlsm'] = xlsm;
    });
    const result = inspectUpload(withXlsm, asDocx, LIMITS);
    expectRejected(result, 'macro-enabled');
    expect(!result.ok && result.message).toContain('embedded');
  });
});

describe('embedded content', () => {
  it.each([
    ['an OLE object', 'word/embeddings/oleObject1.bin', oleBytes()],
    ['a program, under an innocent name', 'word/media/image1.png', executableBytes()],
    ['an RTF chunk', 'word/afchunk.rtf', strToU8('{\\rtf1\\ansi {\\object}}')],
    ['an ActiveX control', 'word/activeX/activeX1.xml', strToU8('<ax:ocx/>')],
  ])('refuses %s', (_, name, data) => {
    const withObject = rebuild(docx, (files) => {
      files[name] = data;
    });
    expectRejected(inspectUpload(withObject, asDocx, LIMITS), 'embedded-content');
  });
});

describe('package structure', () => {
  it('does not mistake near-random binary parts for programs or archives', () => {
    const fonts = rebuild(docx, (files) => {
      files['word/fonts/font1.odttf'] = Uint8Array.from([0x4d, 0x5a, 0x90, 0x13, ...new Array(200).fill(7)]);
      files['word/fonts/font2.odttf'] = Uint8Array.from([0x1f, 0x8b, 0x22, 0x01, 0x02]);
      files['word/fonts/font3.odttf'] = strToU8('#!x BZhq');
      files['word/fonts/font4.odttf'] = strToU8('BZhq');
    });
    expect(inspectUpload(fonts, asDocx, LIMITS)).toMatchObject({ ok: true });
  });

  it('refuses a package without [Content_Types].xml', () => {
    const bare = rebuild(docx, (files) => {
      delete files['[Content_Types].xml'];
    });
    expectRejected(inspectUpload(bare, asDocx, LIMITS), 'content-mismatch');
  });

  it('refuses a package whose main part is missing, doubled or declared by extension', () => {
    const missing = rebuild(docx, (files) => {
      delete files['word/document.xml'];
    });
    const doubled = rebuild(docx, (files) => {
      editText(files, '[Content_Types].xml', (xml) =>
        xml.replace(
          '</Types>',
          '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.' +
            'wordprocessingml.document.main+xml"/></Types>',
        ),
      );
    });
    const byDefault = rebuild(docx, (files) => {
      editText(files, '[Content_Types].xml', (xml) =>
        xml
          .replace(/<Override ContentType="[^"]*document\.main\+xml" PartName="\/word\/document\.xml"\/>/, '')
          .replace(
            'ContentType="application/xml" Extension="xml"',
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml" ' +
              'Extension="xml"',
          ),
      );
    });
    for (const bad of [missing, doubled, byDefault])
      expectRejected(inspectUpload(bad, asDocx, LIMITS), 'content-mismatch');
  });

  it('refuses a package whose relationship opens a different part', () => {
    const elsewhere = rebuild(docx, (files) => {
      editText(files, '_rels/.rels', (xml) => xml.replace('Target="word/document.xml"', 'Target="word/styles.xml"'));
    });
    expectRejected(inspectUpload(elsewhere, asDocx, LIMITS), 'content-mismatch');
  });

  it('accepts an absolute, percent-encoded relationship target', () => {
    const absolute = rebuild(docx, (files) => {
      editText(files, '_rels/.rels', (xml) =>
        xml.replace('Target="word/document.xml"', 'Target="/word/%64ocument.xml"'),
      );
    });
    expect(inspectUpload(absolute, asDocx, LIMITS)).toMatchObject({ ok: true });
  });

  it('refuses bytes appended after the archive, and a PDF hidden behind a Word document', async () => {
    expectRejected(inspectUpload(concat(docx, strToU8('trailing')), asDocx, LIMITS), 'unreadable');
    expectRejected(inspectUpload(concat(docx, await makePdf()), asDocx, LIMITS), 'unreadable');
  });

  it('refuses a truncated Word document', () => {
    expectRejected(inspectUpload(docx.subarray(0, docx.length - 100), asDocx, LIMITS), 'unreadable');
  });
});

describe('PDF active content', () => {
  it('refuses JavaScript, in an object stream or not', async () => {
    const packed = await makePdf({ javascript: true });
    // Only the compressed object stream holds it, so finding it means the stream was read.
    expect(latin1(packed)).not.toContain('JavaScript');
    expectRejected(inspectUpload(packed, asPdf, LIMITS), 'pdf-active-content');
    const plain = inspectUpload(await makePdf({ javascript: true, objectStreams: false }), asPdf, LIMITS);
    expectRejected(plain, 'pdf-active-content');
  });

  it('refuses a name hidden with #xx escapes', () => {
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>',
      ...MINIMAL_PDF_OBJECTS.slice(1),
      '<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>',
    ];
    expectRejected(inspectUpload(handWrittenPdf(objects), asPdf, LIMITS), 'pdf-active-content');
  });

  it.each([
    ['a launch action', '<< /S /Launch /F (cmd.exe) >>'],
    ['an attached file', '<< /Type /EmbeddedFile /Length 0 >>'],
    ['rich media', '<< /Type /RichMedia >>'],
  ])('refuses %s', (_, object) => {
    const pdf = handWrittenPdf([...MINIMAL_PDF_OBJECTS, object]);
    expectRejected(inspectUpload(pdf, asPdf, LIMITS), 'pdf-active-content');
  });

  it('ignores names inside strings and comments', () => {
    const pdf = handWrittenPdf([...MINIMAL_PDF_OBJECTS, '<< /Title (see /JavaScript) /Note <2F4A53> >> % /Launch']);
    expect(inspectUpload(pdf, asPdf, LIMITS)).toMatchObject({ ok: true });
  });

  it('refuses an encrypted PDF', () => {
    const pdf = handWrittenPdf(
      [...MINIMAL_PDF_OBJECTS, '<< /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>'],
      '/Encrypt 4 0 R',
    );
    expectRejected(inspectUpload(pdf, asPdf, LIMITS), 'encrypted');
  });

  it('refuses object streams it cannot decode', () => {
    const stream = '<< /Type /ObjStm /N 1 /First 4 /Filter /LZWDecode /Length 4 >>\nstream\nabcd\nendstream';
    expectRejected(inspectUpload(handWrittenPdf([...MINIMAL_PDF_OBJECTS, stream]), asPdf, LIMITS), 'unreadable');
  });

  it('refuses a truncated PDF, and one whose header is not at the start', async () => {
    const pdf = await makePdf();
    expectRejected(inspectUpload(pdf.subarray(0, 400), asPdf, LIMITS), 'unreadable');
    expectRejected(inspectUpload(concat(strToU8('\n'), pdf), asPdf, LIMITS), 'content-mismatch');
  });

  it('refuses a PDF with a ZIP archive inside (a polyglot)', async () => {
    const pdf = await makePdf();
    const polyglot = concat(pdf.subarray(0, pdf.length - 6), docx, strToU8('\n%%EOF\n'));
    expectRejected(inspectUpload(polyglot, asPdf, LIMITS), 'content-mismatch');
  });
});

describe('decompression bombs', () => {
  let zeros: Uint8Array;
  beforeAll(() => {
    zeros = new Uint8Array(24 * MiB);
  });

  function docxWith(name: string, data: Uint8Array): Uint8Array {
    return rebuild(docx, (files) => {
      files[name] = data;
    });
  }

  it('refuses an entry of tens of MB of zeros that compresses to a few KB', () => {
    const bomb = docxWith('word/media/image1.png', zeros);
    expect(bomb.length).toBeLessThan(100 * 1024);
    expectRejected(inspectUpload(bomb, asDocx, LIMITS), 'zip-bomb');
    // Caught by its ratio even where the total would be allowed.
    expectRejected(inspectUpload(bomb, asDocx, { ...LIMITS, maxUncompressedBytes: 64 * MiB }), 'zip-bomb');
  });

  it('refuses thousands of entries', () => {
    const many = rebuild(
      docx,
      (files) => {
        for (let index = 0; index < 3000; index++) files[`customXml/item${index}.xml`] = strToU8('<a/>');
      },
      { level: 0 },
    );
    expectRejected(inspectUpload(many, asDocx, LIMITS), 'zip-bomb');
  });

  it('refuses an entry that inflates beyond its declared size', () => {
    const liar = forgeUncompressedSize(docx, '[Content_Types].xml', 100);
    expectRejected(inspectUpload(liar, asDocx, LIMITS), 'zip-bomb');
    // Every part is measured, not just those the checks read.
    expectRejected(inspectUpload(forgeUncompressedSize(docx, 'word/styles.xml', 10), asDocx, LIMITS), 'zip-bomb');
    const short = forgeUncompressedSize(docx, '[Content_Types].xml', 100_000);
    expectRejected(inspectUpload(short, asDocx, LIMITS), 'unreadable');
  });

  it('refuses overlapping entries', () => {
    const overlapping = pointEntryAt(docx, 'word/styles.xml', 'word/document.xml');
    expectRejected(inspectUpload(overlapping, asDocx, LIMITS), 'zip-bomb');
  });

  it('refuses nested archives', () => {
    const zip = zipSync({ 'a.txt': strToU8('hello') });
    expectRejected(inspectUpload(docxWith('word/embeddings/archive.zip', zip), asDocx, LIMITS), 'zip-bomb');
    const gzip = Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
    expectRejected(inspectUpload(docxWith('word/media/data.bin', gzip), asDocx, LIMITS), 'zip-bomb');
  });

  it('refuses packages nested more than one level deep', () => {
    const inner = rebuild(xlsx, (files) => {
      files['xl/embeddings/Microsoft_Word_Document.docx'] = docx;
    });
    expectRejected(inspectUpload(docxWith('word/embeddings/Book.xlsx', inner), asDocx, LIMITS), 'zip-bomb');
  });

  it('counts nested packages against the same budget', () => {
    const withWorkbook = docxWith('word/embeddings/Book.xlsx', xlsx);
    expect(inspectUpload(withWorkbook, asDocx, LIMITS)).toMatchObject({ ok: true });
    expectRejected(inspectUpload(withWorkbook, asDocx, { ...LIMITS, maxZipEntries: 25 }), 'zip-bomb');
  });
});

describe('robustness', () => {
  it('never throws on damaged copies of a real document, and never echoes the name', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 8 }),
        (changes) => {
          const damaged = docx.slice();
          for (const { at, value } of changes) damaged[at % damaged.length] = value;
          const result = inspectUpload(damaged, asDocx, LIMITS);
          // A change inside compressed data can go unnoticed here; the structure we rely on cannot.
          if (result.ok) expect(result.type).toBe('docx');
          else expect(result.message).not.toContain(PERSONAL);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on damaged copies of a real PDF', async () => {
    const pdf = await makePdf({ link: 'https://example.org/' });
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 8 }),
        (changes) => {
          const damaged = pdf.slice();
          for (const { at, value } of changes) damaged[at % damaged.length] = value;
          const result = inspectUpload(damaged, asPdf, LIMITS);
          if (result.ok) expect(result.type).toBe('pdf');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom(asDocx, asXlsx, asPdf), (bytes, declared) => {
        const result = inspectUpload(bytes, declared, LIMITS);
        return !result.ok;
      }),
      { numRuns: 300 },
    );
  });
});

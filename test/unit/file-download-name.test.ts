import fc from 'fast-check';
import { contentDisposition, sanitiseDownloadName } from '../../functions/domain/files/inspect';

describe('sanitiseDownloadName', () => {
  it.each([
    ['Chronology.docx', 'docx', 'Chronology.docx'],
    ['Chronology.DOCX', 'docx', 'Chronology.docx'],
    ['Chronology', 'pdf', 'Chronology.pdf'],
    ['figures.pdf', 'xlsx', 'figures.pdf.xlsx'],
    ['../../etc/passwd.pdf', 'pdf', 'passwd.pdf'],
    ['C:\\Users\\jo\\Desktop\\return.pdf', 'pdf', 'return.pdf'],
    ['..', 'pdf', 'attachment.pdf'],
    ['.pdf', 'pdf', 'attachment.pdf'],
    ['', 'docx', 'attachment.docx'],
    ['"quoted" \'name\' `x`.pdf', 'pdf', 'quoted name x.pdf'],
    ['line\r\nbreak\tand\u0000nul.pdf', 'pdf', 'line break andnul.pdf'],
    ['Content-Type: text/html\r\n\r\n<script>.pdf', 'pdf', 'html _script_.pdf'],
    ['a<b>c:d|e?f*g.pdf', 'pdf', 'a_b_c_d_e_f_g.pdf'],
    ['invoice\u202Efdp.exe', 'pdf', 'invoicefdp.exe.pdf'],
    ['zero\u200Bwidth\uFEFF.docx', 'docx', 'zerowidth.docx'],
    ['Évaluation de l’enfant.pdf', 'pdf', 'Évaluation de l’enfant.pdf'],
    ['E\u0301valuation.pdf', 'pdf', '\u00c9valuation.pdf'],
    ['تقرير.pdf', 'pdf', 'تقرير.pdf'],
    ['report 📄.pdf', 'pdf', 'report 📄.pdf'],
    ['  . hidden .  .pdf', 'pdf', 'hidden.pdf'],
    ['CON.pdf', 'pdf', '_CON.pdf'],
    ['lpt1', 'xlsx', '_lpt1.xlsx'],
    ['lone\ud800surrogate.pdf', 'pdf', 'lonesurrogate.pdf'],
  ] as const)('%j as %s → %j', (input, type, expected) => {
    expect(sanitiseDownloadName(input, type)).toBe(expected);
  });

  it('limits very long names without splitting characters', () => {
    const ascii = sanitiseDownloadName(`${'a'.repeat(5000)}.pdf`, 'pdf');
    expect(ascii).toBe(`${'a'.repeat(100)}.pdf`);
    const emoji = sanitiseDownloadName(`${'📄'.repeat(100)}.pdf`, 'pdf');
    expect(emoji).toBe(`${'📄'.repeat(25)}.pdf`);
    expect(() => encodeURIComponent(emoji)).not.toThrow();
  });

  it('always gives a safe name with the right extension', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.constantFrom('pdf', 'docx', 'xlsx'),
        (input, type) => {
          const name = sanitiseDownloadName(input, type as 'pdf' | 'docx' | 'xlsx');
          expect(name.endsWith(`.${type}`)).toBe(true);
          expect(name).not.toMatch(/[\p{Cc}\p{Cf}\p{Cs}"'`\\/<>:|?*]/u);
          expect(() => encodeURIComponent(name)).not.toThrow();
          expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(105);
          expect(name.startsWith('.')).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('contentDisposition', () => {
  it('gives an attachment with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('Évaluation (final).pdf', 'pdf')).toBe(
      `attachment; filename="_valuation (final).pdf"; filename*=UTF-8''%C3%89valuation%20%28final%29.pdf`,
    );
  });

  it('cannot be broken out of, whatever the name', () => {
    const header = contentDisposition('x"; filename="evil.exe\r\nSet-Cookie: a=b.pdf', 'pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(
      `attachment; filename="x; filename=evil.exe Set-Cookie_ a=b.pdf"; ` +
        `filename*=UTF-8''x%3B%20filename%3Devil.exe%20Set-Cookie_%20a%3Db.pdf`,
    );
  });

  it('percent-encodes everything outside RFC 5987 attr-char', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (input) => {
        const header = contentDisposition(input, 'docx');
        const encoded = header.split("filename*=UTF-8''")[1] ?? '';
        expect(encoded).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
        expect(decodeURIComponent(encoded)).toBe(sanitiseDownloadName(input, 'docx'));
        expect(header).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''/);
      }),
      { numRuns: 300 },
    );
  });
});

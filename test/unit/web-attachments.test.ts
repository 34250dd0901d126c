import { contentTypeOf, formatSize, refusalOf } from '../../web/src/lib/attachments';

describe('attachments chosen in the page', () => {
  test('the type comes from the extension alone', () => {
    expect(contentTypeOf('Minutes.DOCX')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(contentTypeOf('report.pdf')).toBe('application/pdf');
    expect(contentTypeOf('contacts.xlsx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(contentTypeOf('old.doc')).toBeUndefined();
    expect(contentTypeOf('README')).toBeUndefined();
  });

  test('other types, empty and oversize files and the limits are refused before anything is sent', () => {
    const MB = 1024 * 1024;
    expect(refusalOf({ name: 'notes.txt', size: 10 }, [])).toMatch(/must be a Word document/);
    expect(refusalOf({ name: 'a.pdf', size: 0 }, [])).toMatch(/empty/);
    expect(refusalOf({ name: 'a.pdf', size: 26 * MB }, [])).toMatch(/smaller than 25 MB/);
    const twenty = Array.from({ length: 20 }, () => ({ size: MB, status: 'available' as const }));
    expect(refusalOf({ name: 'a.pdf', size: MB }, twenty)).toMatch(/up to 20 files/);
    // A rejected file no longer counts against the limits.
    expect(
      refusalOf(
        { name: 'a.pdf', size: MB },
        twenty.map((a) => ({ ...a, status: 'rejected' as const })),
      ),
    ).toBeUndefined();
    const big = Array.from({ length: 4 }, () => ({ size: 24 * MB, status: 'available' as const }));
    expect(refusalOf({ name: 'a.pdf', size: 5 * MB }, big)).toMatch(/over 100 MB/);
    expect(formatSize(2.5 * MB)).toBe('2.5 MB');
    expect(formatSize(300)).toBe('1 KB');
  });
});
